"""One loader for every data file under ``data/`` (and a user's own copies of them).

Every stage reads its lexicons, dictionaries and rules through :func:`read_yaml` and
:func:`read_tsv`, and every problem in such a file is one :class:`DataError` naming the file,
the line (0 when the problem is the whole file) and what is wrong:

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "people.tsv"
>>> _ = path.write_text("# name\\tcountry\\nAbe\\tUSA\\nBea\\n", encoding="utf-8")
>>> [row for _, row in read_tsv(path, ("name", "country"))]
Traceback (most recent call last):
...
tidings.datafiles.DataError: .../people.tsv:3: expected 2 tab-separated columns (name, country), found 1
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import TidingsError


class DataError(TidingsError):
    """A data file that cannot be used: ``file:line: message`` (line 0: the whole file)."""

    def __init__(self, file: Path | str, line: int, message: str) -> None:
        self.file, self.line, self.message = Path(file), line, message
        super().__init__(f"{file}:{line}: {message}")


def data_path(*parts: str) -> Path:
    """The path of a file or folder shipped in the package's ``data/`` folder."""
    return Path(str(resources.files("tidings").joinpath("data", *parts)))


class _WordLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when built with it
    """YAML 1.1 without its yes/no/on/off booleans: "on" and "no" are words in our lexicons."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def read_yaml(path: Path) -> dict[str, Any]:
    """A YAML file whose top level is a mapping (``on``/``no`` stay strings)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_WordLoader)  # noqa: S506
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise DataError(path, line, f"not valid YAML: {error.problem}") from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise DataError(path, 0, f"cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise DataError(path, 0, "must be a mapping at the top level")
    return data


def read_tsv(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """The data rows of a tab-separated file as dicts keyed by ``columns``, with line numbers;
    blank lines and lines starting with ``#`` are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(path, 0, f"cannot be read: {error}") from error
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise DataError(path, number, f"expected {len(columns)} tab-separated columns "
                                          f"({', '.join(columns)}), found {len(cells)}")
        yield number, {name: cell.strip() for name, cell in zip(columns, cells)}


def word_list(path: Path, where: str, value: Any) -> list[str]:
    """``value`` as a list of lower-cased non-empty strings, or a :class:`DataError`."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataError(path, 0, f"{where}: must be a list of non-empty strings")
    return [v.lower() for v in value]


def line_of(path: Path, text: str) -> int:
    """The first line of a data file that starts with ``text`` after its indent and list dash
    (0 when none, or unreadable): where a :class:`DataError` about a YAML entry points."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((number for number, line in enumerate(lines, 1)
                 if line.lstrip(" -").startswith(text)), 0)
