"""Size limits of the source, counted on its syntax tree: no module over 600 lines, no class
over 300, no function over 80, anywhere in ``src/tidings``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "tidings"
LIMITS = {"module": 600, "class": 300, "function": 80}


def sizes(path: Path, root: Path = SOURCE) -> list[tuple[str, str, int]]:
    """(kind, name, lines) of a module and of every class and function in it."""
    text = path.read_text(encoding="utf-8")
    found = [("module", str(path.relative_to(root)), len(text.splitlines()))]
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ClassDef):
            kind = "class"
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kind = "function"
        else:
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        found.append((kind, f"{path.name}:{node.name}", node.end_lineno - first + 1))
    return found


def checked_modules() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def test_size_count_sees_what_is_too_long(tmp_path):
    module = tmp_path / "long.py"
    module.write_text("def f():\n" + "    x = 1\n" * 90, encoding="utf-8")
    assert ("function", "long.py:f", 91) in sizes(module, tmp_path)


@pytest.mark.parametrize("path", checked_modules(), ids=lambda p: str(p.relative_to(SOURCE)))
def test_module_classes_and_functions_stay_within_limits(path):
    over = [(kind, name, lines) for kind, name, lines in sizes(path) if lines > LIMITS[kind]]
    assert over == []
