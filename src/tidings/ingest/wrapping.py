"""Hard-wrapped plain text (wire copy, e-mail, corpora wrapped at 60-100 columns): which line
breaks only wrap a paragraph, so the parser can read them as spaces.

A break is a wrap when the text is wrapped (it has lines that run to a common margin) and the
line before it runs near that margin, the next line is not indented or a list item, and it is
not a line ending a sentence followed by a short line.  Paragraphs end at blank lines and at
the other breaks.  :func:`unwrapped` replaces only the wrapping breaks, each by a space, so every
offset into its result is an offset into the original text.

>>> text = ("Troops entered the northern town of Tavir early on Monday after a week\\n"
...         "of shelling, residents said, and the army later confirmed that the\\n"
...         "operation had begun.\\n\\nTitle line\\nNext paragraph.")
>>> print(unwrapped(text))
Troops entered the northern town of Tavir early on Monday after a week of shelling, residents said, and the army later confirmed that the operation had begun.
<BLANKLINE>
Title line
Next paragraph.
"""

from __future__ import annotations

import re

MIN_WIDTH, MAX_WIDTH = 50, 100
"""Margins a hard-wrapped text has; longer lines are paragraphs on one line."""
NEAR_MARGIN = 0.7
"""A line that wraps runs at least this share of the margin."""
SENTENCE_END = re.compile(r"""[.!?:]["'”’)]*$""")
NOT_CONTINUED = re.compile(r"[-*•–—]\s|\d{1,3}[.)]\s|[A-Z][A-Z .'-]*:\s")
"""A next line that starts a list item or a "NAME:" line, never a wrapped continuation."""


def unwrapped(text: str) -> str:
    """``text`` with its wrapping line breaks (and a ``\\r`` before them) as spaces; same length."""
    if "\n" not in text:
        return text
    lines = text.split("\n")
    lengths = [len(line.rstrip()) for line in lines]
    width = max((n for n in lengths if n <= MAX_WIDTH), default=0)
    if width < MIN_WIDTH:
        return text
    wraps = [i for i in range(len(lines) - 1) if _wraps(lines[i], lines[i + 1], lengths[i], width)]
    if len(wraps) < 2:  # one long line before another is no sign of a wrapped text
        return text
    chars = list(text)
    ends = _line_ends(lines)
    for i in wraps:
        chars[ends[i]] = " "
        if ends[i] and chars[ends[i] - 1] == "\r":
            chars[ends[i] - 1] = " "
    return "".join(chars)


def _wraps(line: str, following: str, length: int, width: int) -> bool:
    """Whether the break between ``line`` and ``following`` only wraps a paragraph."""
    if not following.strip() or following[0].isspace() or NOT_CONTINUED.match(following):
        return False
    if not (NEAR_MARGIN * width <= length <= width):
        return False
    short_next = len(following.rstrip()) < NEAR_MARGIN * width
    return not (SENTENCE_END.search(line.rstrip()) and short_next)


def _line_ends(lines: list[str]) -> list[int]:
    """The offset of the ``\\n`` after each line."""
    ends, offset = [], 0
    for line in lines:
        offset += len(line)
        ends.append(offset)
        offset += 1
    return ends
