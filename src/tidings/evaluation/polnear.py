"""Score attribution on PolNeAR's brat layout: ``tidings eval attribution --format polnear DIR``.

**Layout.** ``DIR/text/NAME.txt`` holds an article; ``DIR/attributions/NAME_ANNOTATOR.ann`` its
annotation in brat standoff (character offsets into the text):

- text-bound lines ``T7<TAB>Content 10 15;20 25<TAB>words``: labels ``Cue``, ``Source``,
  ``Content`` (fragments separated by ``;``); ``Attribution``/``Attribution-no-source``
  anchors, ``Discard`` and ``Discuss`` are not scored;
- event lines ``E2<TAB>Attribution:T8 Content:T7 Cue:T6 Source:T5`` (``Content2`` for a second
  content part; ``Attribution-no-source`` events have no ``Source``): one gold attribution each.
  An event without a cue is skipped and counted; notes (``#``) and stray lines are ignored.

An article annotated by several annotators is scored against the alphabetically first file.

**Mapping.** tidings keeps one record per cue in ``doc._.attributions`` ("X said Y",
"according to X, Y", report nouns, hearsay adverbs, quotations linked to a speaker); the
``Document``'s quotes and event sources are views of these records.  Each gives a predicted
*cue* (its cue span), *source* (the phrase naming who says so; none when unnamed) and
*content* (the clause, object or quotation).  tidings makes one record per quotation a cue
introduces ("“A,” she said. “B.”"); PolNeAR one attribution per cue with a discontinuous
content, so records with the same cue are merged (first source, contents joined).

**Matching.** Gold and predicted attributions are paired one to one by their cues, the largest
shared character count first (any shared character makes a candidate pair).  A source or
content is compared only with the one of its paired attribution.  Per field: *exact* counts a
pair whose fragments are the same once whitespace and edge punctuation are trimmed; *overlap*
a pair that shares a character; *chars* weighs by characters (shared characters of paired
fields over all predicted, resp. gold, characters of that field).  Per-cue-lemma recall uses
the lemma of the syntactic head of the gold cue; the lowest 15 among lemmas seen at least
three times are reported.  PolNeAR annotates no attribution inside another's content (in its
train and dev splits, under 1% of cues lie within another attribution's content), while tidings
reads nested ones ("X said Y told her ..."), which event sources need: the mapping keeps only
tidings' outermost records, those whose cue lies in no other record's content.  Unpaired
predictions whose cue still lies in a gold content are counted as false positives like any
other, and also reported apart, with the cue precision they leave when not counted.

**Conventions adopted by the mapping.** tidings' content starts after the complementiser
("said *the talks failed*"), PolNeAR's at it ("said *that the talks failed*"): the mapping
widens a content to a "that" just before it.  A relative pronoun is PolNeAR's source
("senators *who* voted against"), its antecedent tidings' ("*senators* who voted"): for a cue
that is the verb of a relative clause, the mapping compares the pronoun.  Both are matters of
writing only; ``predicted(doc, as_written=True)`` gives the spans as tidings writes them.
PolNeAR's cues are phrases ("has called for"), tidings' the cue words ("called for"): overlap
matching absorbs that difference, exact matching does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest import make_article
from .metrics import PRF, Accuracy, CharOverlap, Report, pair_one_to_one, spread_sample

SAMPLED = True
FIELDS = ("cue", "source", "content")
EDGE = " \t\n\r.,;:!?\"“”‘’'()[]—–-"
LOWEST_LEMMAS = 15
MIN_LEMMA_COUNT = 3
TEXT_BOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
EVENT = re.compile(r"^E\d+\t(.*)$")
Fragments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Attribution:
    """A gold or predicted attribution as fragments of the text (``None`` when absent)."""

    cue: Fragments
    source: Fragments | None
    content: Fragments | None


@dataclass(frozen=True)
class Article:
    """One annotated article: its name, text, gold attributions and events left unread."""

    name: str
    text: str
    gold: tuple[Attribution, ...]
    skipped: int


def trim(text: str, fragments: Fragments) -> Fragments | None:
    """The fragments without edge whitespace and punctuation; None when nothing is left."""
    kept = []
    for start, end in fragments:
        while start < end and text[start] in EDGE:
            start += 1
        while end > start and text[end - 1] in EDGE:
            end -= 1
        if start < end:
            kept.append((start, end))
    return tuple(sorted(kept)) or None


def shared(a: Fragments, b: Fragments) -> int:
    """Characters the two fragment sets have in common."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def size(fragments: Fragments) -> int:
    return sum(end - start for start, end in fragments)


def _fragments(offsets: str) -> Fragments:
    return tuple((int(s), int(e)) for s, e in (part.split() for part in offsets.split(";")))


def read_ann(text: str, ann: str, where: str) -> tuple[list[Attribution], int]:
    """The gold attributions of one ``.ann`` file and the number of events skipped."""
    spans: dict[str, Fragments] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        if match := TEXT_BOUND.match(line):
            spans[match[1]] = _fragments(match[3])
        elif match := EVENT.match(line):
            roles: dict[str, list[str]] = {}
            for argument in match[1].split():
                role, _, ref = argument.partition(":")
                roles.setdefault(re.sub(r"\d+$", "", role), []).append(ref)
            events.append(roles)
    gold, skipped = [], 0
    for roles in events:
        parts = {field: [spans[r] for r in roles.get(field.capitalize(), ()) if r in spans]
                 for field in FIELDS}
        if any(e > len(text) for fragments in sum(parts.values(), []) for _, e in fragments):
            raise InputError(where, "an annotation reaches past the end of its text file")
        cue = trim(text, sum(parts["cue"], ()))
        if cue is None:
            skipped += 1
            continue
        gold.append(Attribution(cue, trim(text, sum(parts["source"], ())),
                                trim(text, sum(parts["content"], ()))))
    return gold, skipped


def read_corpus(directory: str, sample: int | None = None) -> tuple[list[Article], list[str]]:
    """The articles of a PolNeAR split directory (``sample`` of them spread evenly), and a
    message for each article that could not be read (it is skipped)."""
    root = Path(directory)
    texts, annotations = root / "text", root / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise InputError(directory, "not a PolNeAR directory: needs text/ and attributions/")
    articles, problems = [], []
    for path in spread_sample(sorted(texts.glob("*.txt")), sample):
        try:
            articles.append(_article(path, annotations))
        except InputError as error:
            problems.append(f"{error}; skipped")
    if not articles:
        raise InputError(directory, "no readable text/*.txt file with its annotation")
    return articles, problems


def _article(path: Path, annotations: Path) -> Article:
    files = sorted(f for f in annotations.glob(f"{glob_escape(path.stem)}_*.ann")
                   if f.stem.rsplit("_", 1)[0] == path.stem)
    if not files:
        raise InputError(str(path), f"no annotation file {path.stem}_*.ann in {annotations}")
    text = _utf8(path)
    gold, skipped = read_ann(text, _utf8(files[0]), str(files[0]))
    return Article(path.stem, text, tuple(gold), skipped)


def _utf8(path: Path) -> str:
    """The file's text, its line ends kept (brat offsets count every character)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), "not UTF-8 text") from None


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def predicted(doc, *, as_written: bool = False) -> list[Attribution]:
    """tidings' outermost attributions of a processed Doc as trimmed fragments, in PolNeAR's
    conventions unless ``as_written`` (see the mapping above); records sharing a cue are merged
    into one, their contents joined."""
    text = doc.text
    merged: dict[Fragments, Attribution] = {}
    for record in doc._.attributions or ():
        cue = trim(text, ((record.cue.start, record.cue.end),))
        if cue is None:
            continue
        source = trim(text, ((record.source.start, record.source.end),)) if record.source else None
        content = trim(text, ((record.content.start, record.content.end),)) if record.content else None
        if not as_written:
            source = (relative_pronoun(doc, cue) if source else None) or source
            content = with_that(text, content) if content else None
        earlier = merged.get(cue)
        if earlier is not None:
            source = earlier.source or source
            content = _union(earlier.content, content)
        merged[cue] = Attribution(cue, source, content)
    return outermost(list(merged.values()))


def outermost(found: list[Attribution]) -> list[Attribution]:
    """The attributions whose cue lies in no other one's content: PolNeAR annotates no
    attribution inside another's content ("X said Y told her ..." is X's alone)."""
    contents = [f.content for f in found if f.content]
    return [f for f in found if not any(c is not f.content and shared(c, f.cue) for c in contents)]


def _union(a: Fragments | None, b: Fragments | None) -> Fragments | None:
    if a is None or b is None:
        return a or b
    joined: list[tuple[int, int]] = []
    for start, end in sorted(a + b):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def relative_pronoun(doc, cue: Fragments) -> Fragments | None:
    """The relative pronoun subject of a cue that is the verb of a relative clause ("senators
    *who* voted"), PolNeAR's source there."""
    span = doc.char_span(*cue[0], alignment_mode="expand")
    if span is None or not len(span) or span.root.dep_ != "relcl":
        return None
    pronoun = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.lower_ in ("who", "which", "that")), None)
    return None if pronoun is None else ((pronoun.idx, pronoun.idx + len(pronoun)),)


def with_that(text: str, content: Fragments) -> Fragments:
    """A content widened to the complementiser "that" just before it, if there is one."""
    (start, end), rest = content[0], content[1:]
    before = text[max(0, start - 6):start]
    match = re.search(r"(?:^|\W)(that\s+)$", before, re.IGNORECASE)
    return ((start - len(match[1]), end), *rest) if match else content


def cue_lemma(doc, cue: Fragments) -> str:
    """The lemma of the syntactic head of a cue's first fragment (its text without a lemmatizer)."""
    span = doc.char_span(*cue[0], alignment_mode="expand")
    lemma = span.root.lemma_ if span is not None and len(span) else ""
    return (lemma or doc.text[slice(*cue[0])]).lower()


class Scores:
    """Exact, overlap and character-weighted counts per field, and recall per cue lemma."""

    def __init__(self) -> None:
        self.exact = {field: PRF() for field in FIELDS}
        self.overlap = {field: PRF() for field in FIELDS}
        self.chars = {field: CharOverlap() for field in FIELDS}
        self.lemmas: dict[str, Accuracy] = {}
        self.missed: list[tuple[str, str, Attribution]] = []
        self.spurious: list[tuple[str, Attribution]] = []
        self.nested = 0  # unpaired predictions whose cue lies inside a gold content

    def add(self, name: str, doc, gold: list[Attribution], found: list[Attribution]) -> None:
        pairs = pair_one_to_one(gold, found, lambda g, f: shared(g.cue, f.cue))
        paired_gold = {i for i, _ in pairs}
        for field in FIELDS:
            gold_spans = [getattr(g, field) for g in gold if getattr(g, field)]
            found_spans = [getattr(f, field) for f in found if getattr(f, field)]
            exact = overlap = common = 0
            for i, j in pairs:
                g, f = getattr(gold[i], field), getattr(found[j], field)
                if g and f:
                    exact += g == f
                    overlap += shared(g, f) > 0
                    common += shared(g, f)
            self.exact[field].add(PRF(exact, len(found_spans) - exact, len(gold_spans) - exact))
            self.overlap[field].add(PRF(overlap, len(found_spans) - overlap, len(gold_spans) - overlap))
            chars = self.chars[field]
            chars.shared += common
            chars.predicted += sum(map(size, found_spans))
            chars.gold += sum(map(size, gold_spans))
        for i, attribution in enumerate(gold):
            lemma = cue_lemma(doc, attribution.cue)
            self.lemmas.setdefault(lemma, Accuracy()).add(i in paired_gold)
            if i not in paired_gold:
                self.missed.append((name, lemma, attribution))
        paired_found = {j for _, j in pairs}
        unpaired = [f for j, f in enumerate(found) if j not in paired_found]
        self.spurious.extend((name, f) for f in unpaired)
        self.nested += sum(any(g.content and shared(g.content, f.cue) for g in gold) for f in unpaired)

    def lowest_lemmas(self, count: int = LOWEST_LEMMAS) -> list[tuple[str, Accuracy]]:
        """Lemmas seen at least :data:`MIN_LEMMA_COUNT` times, lowest recall (then most
        frequent) first."""
        frequent = [(lemma, acc) for lemma, acc in self.lemmas.items() if acc.total >= MIN_LEMMA_COUNT]
        return sorted(frequent, key=lambda item: (item[1].value, -item[1].total, item[0]))[:count]


def score(articles: list[Article], pipeline) -> tuple[Scores, dict[str, Article]]:
    """Run tidings over the articles and count."""
    scores = Scores()
    docs = (pipeline.make_doc(make_article(article.text, source_path=article.name)) for article in articles)
    for article, doc in zip(articles, pipeline.nlp.pipe(docs, batch_size=pipeline.settings.batch_size)):
        scores.add(article.name, doc, list(article.gold), predicted(doc))
    return scores, {article.name: article for article in articles}


def evaluate(path: str, pipeline=None, sample: int | None = None) -> Report:
    """Score the attribution stage on a PolNeAR split directory."""
    from ..pipeline import Pipeline

    articles, problems = read_corpus(path, sample)
    scores, by_name = score(articles, pipeline or Pipeline())
    report = Report(stage="attribution", items=len(articles), errors=list(problems))
    spans: dict[str, dict[str, float | int]] = {}
    for field in FIELDS:
        for measure, table in (("exact", scores.exact), ("overlap", scores.overlap), ("chars", scores.chars)):
            row = table[field].as_row()
            spans[f"{field}_{measure}"] = row
            for key in ("precision", "recall", "f1"):
                report.scores[f"{field}_{measure}_{key}"] = row[key]
    cues = scores.overlap["cue"]
    report.scores["cue_overlap_precision_without_nested"] = round(
        PRF(cues.tp, cues.fp - scores.nested).precision, 4)
    report.scores["predicted_nested_in_gold_content"] = scores.nested
    report.scores["gold_attributions"] = sum(len(a.gold) for a in articles)
    report.scores["events_without_cue_skipped"] = sum(a.skipped for a in articles)
    report.scores["articles_skipped"] = len(problems)
    report.tables["spans"] = spans
    report.tables["cue_lemma_recall_lowest"] = {
        lemma: {"recall": round(acc.value, 4), "found": acc.correct, "gold": acc.total}
        for lemma, acc in scores.lowest_lemmas()}
    for name, lemma, missed in scores.missed:
        text = by_name[name].text
        report.errors.append(f"{name}: missed cue {lemma!r}: {text[slice(*missed.cue[0])]!r}")
    return report


__all__ = ["Article", "Attribution", "Scores", "evaluate", "predicted", "read_ann", "read_corpus",
           "score", "shared", "trim"]
