"""Score time expressions on TimeML files: ``tidings eval times --format timeml DIR``.

**Format.** ``DIR`` (searched recursively) or a single file holds TimeML documents (``*.tml``,
as in TempEval-3's TimeBank/AQUAINT): the creation time is the ``TIMEX3`` inside ``DCT``, the
text is the content of ``TEXT`` with every tag removed, and each ``TIMEX3`` inside ``TEXT`` is
a gold expression with its ``type`` and ``value``.  A file that is not well-formed XML or has no
``DCT`` date or ``TEXT`` is reported and skipped.

**Run.** tidings reads each ``TEXT`` as an article published on the DCT date (the time stage
and the stages before it only).

**Scores** (as TempEval-3 computes them): recognition precision/recall/F1 *strict* (the same
character span) and *relaxed* (spans paired one to one, largest overlap first, any shared
character); *value* F1 counts a relaxed pair whose normalised value equals the gold value
(precision over predicted, recall over gold expressions), and likewise *type* F1.  A table
breaks recall and value accuracy down by gold type.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest import make_article
from .metrics import PRF, Accuracy, Report, pair_one_to_one, spread_sample

SAMPLED = True


@dataclass(frozen=True)
class Timex:
    """A gold or predicted time expression: offsets into the document text, type, value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(frozen=True)
class TimeMLDocument:
    """One TimeML document: name, creation date, plain text and gold expressions."""

    name: str
    created: dt.date
    text: str
    timexes: tuple[Timex, ...]


def _flatten(element: ET.Element, parts: list[str], timexes: list[tuple[int, int, ET.Element]],
             offset: int) -> int:
    """Append the element's text to ``parts`` (tags removed) and its TIMEX3s with their
    offsets to ``timexes``; returns the offset after it."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        timexes.append((start, offset, element))
    return offset


def parse(path: Path) -> TimeMLDocument:
    """One TimeML file; an :class:`InputError` names what is missing."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise InputError(str(path), f"not well-formed XML ({error})") from None
    dct, body = root.find("DCT/TIMEX3"), root.find("TEXT")
    if dct is None or body is None:
        raise InputError(str(path), "needs a DCT TIMEX3 and a TEXT element")
    try:
        created = dt.date.fromisoformat((dct.get("value") or "")[:10])
    except ValueError:
        raise InputError(str(path), f"DCT value {dct.get('value')!r} is not a date") from None
    parts: list[str] = []
    found: list[tuple[int, int, ET.Element]] = []
    _flatten(body, parts, found, 0)
    text = "".join(parts)
    timexes = sorted((Timex(start, end, text[start:end], timex.get("type", ""), timex.get("value"))
                      for start, end, timex in found), key=lambda t: (t.start, t.end))
    return TimeMLDocument(path.stem, created, text, tuple(timexes))


def read(path: str, sample: int | None = None) -> tuple[list[TimeMLDocument], list[str]]:
    """The documents under ``path`` (a .tml file or a directory) and a message per file skipped."""
    root = Path(path)
    files = [root] if root.is_file() else sorted(root.rglob("*.tml"))
    documents, skipped = [], []
    for file in spread_sample(files, sample):
        try:
            documents.append(parse(file))
        except InputError as error:
            skipped.append(f"{error}; skipped")
    if not documents:
        raise InputError(path, "no readable TimeML (.tml) documents")
    return documents, skipped


def found_times(documents: list[TimeMLDocument], pipeline) -> list[list[Timex]]:
    """tidings' time expressions in each document, published on its creation date."""
    names = pipeline.nlp.pipe_names
    later = names[names.index("tidings_time") + 1:] if "tidings_time" in names else []
    docs = (pipeline.make_doc(make_article(d.text, published=d.created, source_path=d.name))
            for d in documents)
    found = []
    with pipeline.nlp.select_pipes(disable=later):  # times need nothing that runs later
        for doc in pipeline.nlp.pipe(docs, batch_size=pipeline.settings.batch_size):
            found.append([Timex(t.start, t.end, t.text, t.type, t.value) for t in doc._.times or ()])
    return found


def _shared(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def score(documents: list[TimeMLDocument], found: list[list[Timex]]) -> Report:
    """Strict and relaxed recognition, value and type F1, and per-type results."""
    strict, relaxed, value, kind = PRF(), PRF(), PRF(), PRF()
    by_type: dict[str, tuple[Accuracy, Accuracy]] = {}
    report = Report(stage="times", items=len(documents))
    for document, predicted in zip(documents, found):
        gold = list(document.timexes)
        spans = {(t.start, t.end) for t in predicted}
        hits = sum((g.start, g.end) in spans for g in gold)
        strict.add(PRF(hits, len(predicted) - hits, len(gold) - hits))
        pairs = pair_one_to_one(gold, predicted, _shared)
        relaxed.add(PRF(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs)))
        right_value = right_type = 0
        paired = dict(pairs)
        for i, g in enumerate(gold):
            recall, accuracy = by_type.setdefault(g.type, (Accuracy(), Accuracy()))
            recall.add(i in paired)
            if i not in paired:
                report.errors.append(f"{document.name}: missed {g.text!r} {g.type} {g.value}")
                continue
            guess = predicted[paired[i]]
            accuracy.add(guess.value == g.value)
            right_value += guess.value == g.value
            right_type += guess.type == g.type
            if guess.value != g.value:
                report.confusion[(g.type, f"{g.value} -> {guess.value}")] += 1
                report.errors.append(f"{document.name}: {g.text!r} {g.type} {g.value}, got "
                                     f"{guess.value} for {guess.text!r} (DCT {document.created})")
        for j in set(range(len(predicted))) - set(paired.values()):
            report.errors.append(f"{document.name}: spurious {predicted[j].text!r} {predicted[j].value}")
        value.add(PRF(right_value, len(predicted) - right_value, len(gold) - right_value))
        kind.add(PRF(right_type, len(predicted) - right_type, len(gold) - right_type))
    for name, prf in (("strict", strict), ("relaxed", relaxed), ("value", value), ("type", kind)):
        for key in ("precision", "recall", "f1"):
            report.scores[f"{name}_{key}"] = round(getattr(prf, key), 4)
    report.scores["gold_expressions"] = strict.tp + strict.fn
    report.tables = {
        "recognition": {"strict": strict.as_row(), "relaxed": relaxed.as_row(), "value": value.as_row(),
                        "type": kind.as_row()},
        "by_gold_type": {name: {"gold": recall.total, "recall": round(recall.value, 4),
                                "value_accuracy": round(accuracy.value, 4)}
                         for name, (recall, accuracy) in sorted(by_type.items())},
    }
    return report


def evaluate(path: str, pipeline=None, sample: int | None = None) -> Report:
    """Score the time stage on TimeML documents."""
    from ..pipeline import Pipeline

    documents, skipped = read(path, sample)
    report = score(documents, found_times(documents, pipeline or Pipeline()))
    report.errors[:0] = skipped
    report.scores["files_skipped"] = len(skipped)
    return report


__all__ = ["Timex", "TimeMLDocument", "evaluate", "found_times", "parse", "read", "score"]
