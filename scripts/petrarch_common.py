"""What the petrarch2 converters share: a tally of what was dropped by rule, English word
frequencies, and TSV output."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path


class Tally(Counter):
    """What was dropped or changed, by rule."""

    def note(self, rule: str, count: int = 1) -> None:
        self[rule] += count

    def print(self) -> None:
        for rule, count in sorted(self.items(), key=lambda kv: -kv[1]):
            print(f"  {count:6d}  {rule}")


def english_zipf(script: str) -> Callable[[str], float]:
    """Word frequency on the Zipf scale (wordfreq's English lists); exits naming ``script`` when
    wordfreq is not installed."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        sys.exit(f"{script}: needs wordfreq (pip install -e '.[convert]')")
    return lambda word: zipf_frequency(word, "en")


def write_tsv(path: Path, header: str, columns: tuple[str, ...], rows: Iterable[list[str]]) -> int:
    """A TSV file: ``header`` (comment lines), the column names as a comment, the rows; returns
    the number of rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [header.rstrip("\n"), "# " + "\t".join(columns)]
    lines += ["\t".join(cell.replace("\t", " ") for cell in row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2
