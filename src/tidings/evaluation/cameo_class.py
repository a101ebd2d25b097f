"""Score the main event of sentences against CAMEO root groups: ``tidings eval events --format
cameo-class FILE``.

**Format** (ConfliBERT's ``cameo_class`` split): one sentence per line, ``text<TAB>class``, the
class being the CAMEO root group of the sentence's main event: 0 statement or appeal (01–02),
1 verbal cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict (09–13, 16),
4 material conflict (14–15, 17–20).  A line without a tab or with another class is reported and
skipped.

**Main event.** Each sentence is run through tidings on its own.  Its main event is the event
whose trigger's head token is closest to the root of its dependency tree (the root itself
first); ties go to the earlier trigger.  The event's CAMEO code gives the class through its
two-digit root, grouped as the labelling groups them (read from its labels, see
``ROOT_CLASSES``): 09 *investigate* goes with verbal conflict (PLOVER files it under ACCUSE),
14 *protest* with material conflict and 16 *reduce relations* (sanctions, expulsions, aid cut)
with verbal conflict.  Two CAMEO coding rules then apply to the main event: a cooperative
event (class 1-2) that is negated or refused ("will not lift the ban", "refused to release",
"failed to reach agreement") is a rejection (CAMEO 12, class 3); a material-conflict event
that is threatened ("threatened to shell") is a threat (CAMEO 13, class 3).  A sentence with no event is a *statement* (class 0) when tidings finds an
attribution cue in it ("said", "according to"): CAMEO 010 "make statement" is what a bare
report of speech is coded as, and tidings makes no event of it.  Otherwise the prediction is
``none``, counted as wrong.  Scores: accuracy, per-class precision/recall/F1, macro F1 over the
five classes, and the confusion matrix (gold rows, predicted columns).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..ingest import make_article
from .metrics import PRF, Accuracy, Report, spread_sample

SAMPLED = True
CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {"0": "statement/appeal 01-02", "1": "verbal coop 03-05", "2": "material coop 06-08",
               "3": "verbal conflict 09-13,16", "4": "material conflict 14-15,17-20"}
NONE = "none"
# The class of each two-digit CAMEO root, in the labelling's grouping (see the module docstring).
ROOT_CLASSES = {1: "0", 2: "0", 3: "1", 4: "1", 5: "1", 6: "2", 7: "2", 8: "2", 9: "3", 10: "3",
                11: "3", 12: "3", 13: "3", 14: "4", 15: "4", 16: "3", 17: "4", 18: "4", 19: "4",
                20: "4"}
REJECTION, THREAT, DEMAND, INTENT = "3", "3", "3", "1"  # CAMEO 12, 13, 10 and 03
# Words on the way up from a trigger that make it an intent ("will release", "ready to send").
INTENT_AUXILIARIES = frozenset({"will", "'ll", "shall", "would"})
INTENT_WORDS = frozenset({"offer", "willing", "ready", "pledge", "promise", "vow", "commit",
                          "committed", "prepared"})
OBLIGATION = frozenset({"must"})
INTENT_STEPS = 3


@dataclass(frozen=True)
class Sentence:
    """One labelled sentence."""

    line: int
    text: str
    gold: str


@dataclass(frozen=True)
class Prediction:
    """The class chosen for a sentence and why: the main event's type, CAMEO code and trigger
    lemma, or the fallback used."""

    label: str
    reason: str  # event, statement, none
    event_type: str | None = None
    cameo: str | None = None
    lemma: str | None = None


def class_of(cameo: str) -> str | None:
    """The class of a CAMEO code from its two-digit root ("190" -> "4").

    >>> class_of("036"), class_of("1823"), class_of("090"), class_of("163"), class_of("")
    ('1', '4', '3', '3', None)
    """
    if len(cameo) < 2 or not cameo[:2].isdigit():
        return None
    return ROOT_CLASSES.get(int(cameo[:2]))


def event_class(event, token=None) -> str | None:
    """The class of a main event (its trigger's head ``token`` when known): its CAMEO root's,
    except for refusals, demands, threats and intents (see the module docstring)."""
    label = class_of(event.cameo)
    if label in ("1", "2") and event.negated:
        return REJECTION
    if label == "4" and event.modality == "threatened" and not event.negated:
        return THREAT
    if token is None or event.negated:
        return label
    if label in ("1", "2") and _governed_by(token, OBLIGATION):
        return DEMAND
    if (label == "2" or event.type == "MOBILIZE") and _governed_by(token, INTENT_WORDS,
                                                                   INTENT_AUXILIARIES):
        return INTENT
    return label


def _governed_by(token, words: frozenset[str], auxiliaries: frozenset[str] = frozenset()) -> bool:
    """True when the trigger or a word a few steps above it is one of ``words`` or has one of
    them (or of ``auxiliaries``) as its auxiliary or adjectival head ("must mediate", "will
    release", "is ready to contribute")."""
    for _ in range(INTENT_STEPS):
        if token.lemma_.lower() in words or any(
                c.dep_ in ("aux", "acomp") and (c.lower_ in words or c.lower_ in auxiliaries
                                                or c.lemma_.lower() in words)
                for c in token.children):
            return True
        if token.head.i == token.i or token.dep_ not in ("xcomp", "ccomp", "acomp", "dobj",
                                                         "pobj", "prep", "pcomp"):
            return False
        token = token.head
    return False


def read(path: str, sample: int | None = None) -> tuple[list[Sentence], list[str]]:
    """The sentences of a cameo-class file and a message for each line skipped."""
    sentences, skipped = [], []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text, tab, label = line.rpartition("\t")
        if not tab or label.strip() not in CLASSES or not text.strip():
            skipped.append(f"{path}:{number}: not 'text<TAB>class' with class 0-4; skipped")
            continue
        sentences.append(Sentence(number, text.strip(), label.strip()))
    if not sentences:
        raise InputError(path, "no 'text<TAB>class' lines (class 0-4)")
    return spread_sample(sentences, sample), skipped


def _depth(token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token = token.head
        depth += 1
    return depth


def main_event(doc):
    """The event nearest the root of the parse (see the module docstring) and its trigger's
    head token, or (None, None)."""
    ranked = []
    for event in doc._.events or ():
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            ranked.append((_depth(span.root), event.trigger.start, span.root, event))
    if not ranked:
        return None, None
    _, _, token, event = min(ranked, key=lambda item: item[:2])
    return event, token


def predict(doc) -> Prediction:
    """The class of one processed sentence."""
    event, token = main_event(doc)
    if event is not None:
        return Prediction(event_class(event, token) or NONE, "event", event.type, event.cameo,
                          token.lemma_.lower())
    if doc._.attributions:
        return Prediction("0", "statement")
    return Prediction(NONE, "none")


def predictions(sentences: list[Sentence], pipeline) -> list[Prediction]:
    """Run tidings over each sentence and choose its class."""
    docs = (pipeline.make_doc(make_article(s.text)) for s in sentences)
    return [predict(doc) for doc in pipeline.nlp.pipe(docs, batch_size=pipeline.settings.batch_size)]


def score(sentences: list[Sentence], guesses: list[Prediction]) -> Report:
    """Accuracy, per-class scores, macro F1 and the confusion matrix."""
    accuracy = Accuracy()
    per_class = {label: PRF() for label in CLASSES}
    matrix = {gold: {label: 0 for label in (*CLASSES, NONE)} for gold in CLASSES}
    report = Report(stage="events", items=len(sentences))
    for sentence, guess in zip(sentences, guesses):
        right = guess.label == sentence.gold
        accuracy.add(right)
        matrix[sentence.gold][guess.label] += 1
        if right:
            per_class[sentence.gold].tp += 1
            continue
        per_class[sentence.gold].fn += 1
        if guess.label in per_class:
            per_class[guess.label].fp += 1
        report.confusion[(sentence.gold, guess.label)] += 1
        report.errors.append(f"line {sentence.line}: gold {sentence.gold}, predicted {guess.label} "
                             f"({guess.reason} {guess.event_type or ''} {guess.cameo or ''} "
                             f"{guess.lemma or ''}): {sentence.text}")
    report.scores = {
        "accuracy": round(accuracy.value, 4),
        "macro_f1": round(sum(prf.f1 for prf in per_class.values()) / len(per_class), 4),
        "sentences_with_event": sum(g.reason == "event" for g in guesses),
        "statement_fallbacks": sum(g.reason == "statement" for g in guesses),
        "no_prediction": sum(g.reason == "none" for g in guesses),
    }
    report.tables = {
        "per_class": {f"{label} {CLASS_NAMES[label]}": prf.as_row() for label, prf in per_class.items()},
        "confusion_matrix (gold rows, predicted columns)": {
            f"gold {gold}": {f"pred {label}": count for label, count in row.items()}
            for gold, row in matrix.items()},
    }
    return report


def evaluate(path: str, pipeline=None, sample: int | None = None) -> Report:
    """Score the events stage's main event per sentence on a cameo-class file."""
    from ..pipeline import Pipeline

    sentences, skipped = read(path, sample)
    report = score(sentences, predictions(sentences, pipeline or Pipeline()))
    report.errors[:0] = skipped
    report.scores["lines_skipped"] = len(skipped)
    return report


__all__ = ["CLASSES", "Prediction", "Sentence", "class_of", "evaluate", "event_class", "main_event", "predict",
           "predictions", "read", "score"]
