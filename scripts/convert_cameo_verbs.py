"""Convert petrarch2's CAMEO verb dictionary (CAMEO.2.0.txt) into tidings' trigger data.

Reads the PETRARCH verb dictionary (MIT licence, Copyright (c) 2014 Open Event Data): synonym
sets (``&NAME`` with ``+MEMBER`` lines), verb blocks (``--- NAME [code] ---`` with member
verbs, ``+PHRASAL_VERB`` lines and ``- PATTERN [code]`` lines, ``*`` marking the verb) and writes
``src/tidings/data/events/triggers_cameo.jsonl``: one JSON object a line with the keys of a
``triggers.yaml`` entry (JSON lines load some hundred times faster than YAML of that size):

* a member verb with a code (its own or its block's) becomes an entry without constraints;
* a pattern becomes an entry with constraints: a particle after ``*`` -> ``particle``, a noun
  or ``{NOUN PHRASE}`` -> ``object`` (its head; the phrase's other words -> ``clause``), a
  ``(PREP NOUN)`` group -> ``prep`` (its nouns -> ``clause``), words before ``*`` ->
  ``subject``; ``&SET`` references become classes named ``cameo_<set>``;
* a pattern applies to the verb its comment names (``# RUSH``) when that verb is in the block,
  else to every verb of the block;
* the CAMEO code gives the PLOVER type and mode (:func:`plover_of`); a code missing from
  cameo.yaml is replaced by its nearest listed ancestor (``0344`` -> ``030``); CAMEO 01
  (statements), for which PLOVER has no type, is written with ``"type": null``.

Left out, and counted: patterns coding no event (``[---]``) or only the reverse direction
(``[:173]``), patterns whose roles are reversed (``+`` before ``*`` or ``$`` after it), negated
or modal patterns (``WILL NOT *``), patterns with more than one object or prepositional group,
and entries without a constraint for light and very frequent verbs (see :func:`too_common`).
The curated triggers.yaml wins, and support verbs with event nouns are left to the curated noun
triggers (see :func:`merge`); conflicts go to the report file.

    python scripts/convert_cameo_verbs.py CAMEO.2.0.txt [--out FILE] [--report FILE]

Needs ``wordfreq`` (``pip install -e '.[convert]'``) for the frequency rule.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from petrarch_common import Tally, english_zipf, write_tsv

from tidings.datafiles import read_yaml

EVENTS_DIR = Path(__file__).resolve().parents[1] / "src" / "tidings" / "data" / "events"
REPORTS = Path(__file__).resolve().parent / "petrarch_conflicts"
PARTICLES = {"up", "down", "out", "off", "back", "away", "over", "forward", "through", "around",
             "along", "aside", "apart", "together", "in", "on", "by", "for", "into", "after",
             "ahead", "behind", "about", "across", "with", "to", "from", "against"}
NEGATIONS = {"NOT", "WILL", "WOULD", "NEVER", "NO", "CANNOT", "REFUSE", "REFUSES", "REFUSED"}
MARKERS = {"$", "+", "^", "%"}
NOT_ADVERBS = {"RALLY", "ALLY", "ASSEMBLY", "SUPPLY", "FLY", "OVERFLY", "ITALY", "FAMILY",
               "ANOMALY", "MONOPOLY", "EARLY", "DAILY", "FRIENDLY", "UNLIKELY"}
# PLOVER type of each CAMEO root (two digits), after the PLOVER manual's table of CAMEO
# equivalents (CAMEO 08 is split: 081-083 CONCEDE, 084-087 RETREAT). PLOVER drops 01 and 02;
# tidings keeps 02 (appeals) as REQUEST, as its curated triggers do, and 01 (statements) has no
# type. Codes the curated triggers use are read from them first (see Coder.plover_of).
ROOT_TYPES = {"01": None, "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT",
              "06": "COOPERATE", "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST",
              "11": "ACCUSE", "12": "REJECT", "13": "THREATEN", "14": "PROTEST",
              "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
              "19": "ASSAULT", "20": "ASSAULT"}
# (type, mode) of CAMEO codes by prefix, the longest prefix first; modes must be listed in
# plover.yaml for the type (checked on conversion).
PREFIX_MODES = {
    "057": ("AGREE", "sign"), "03": ("AGREE", "intent"), "02": ("REQUEST", "appeal"),
    "10": ("REQUEST", "demand"), "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"),
    "043": ("CONSULT", "host"), "044": ("CONSULT", "meeting"), "045": ("CONSULT", "mediate"),
    "046": ("CONSULT", "negotiate"), "051": ("SUPPORT", "praise"),
    "052": ("SUPPORT", "endorse"), "053": ("SUPPORT", "endorse"),
    "054": ("SUPPORT", "recognize"), "055": ("SUPPORT", "apologize"),
    "061": ("COOPERATE", "economic"), "062": ("COOPERATE", "military"),
    "063": ("COOPERATE", "judicial"), "064": ("COOPERATE", "intelligence"),
    "071": ("AID", "economic"), "072": ("AID", "military"), "073": ("AID", "humanitarian"),
    "074": ("AID", "protection"), "075": ("AID", "asylum"), "081": ("CONCEDE", "ease"),
    "083": ("CONCEDE", "accept"), "084": ("CONCEDE", "return"), "0841": ("RETREAT", "release"),
    "085": ("CONCEDE", "ease"), "086": ("RETREAT", None), "087": ("RETREAT", "withdraw"), "0871": ("RETREAT", "ceasefire"),
    "0873": ("RETREAT", "disarm"), "090": ("ACCUSE", "investigate"), "09": ("ACCUSE", "investigate"),
    "111": ("ACCUSE", "criticize"), "112": ("ACCUSE", "accuse"), "114": ("ACCUSE", "accuse"),
    "115": ("ACCUSE", "lawsuit"), "12": ("REJECT", "refuse"), "128": ("REJECT", "defy"),
    "129": ("REJECT", "veto"), "138": ("THREATEN", "force"), "139": ("THREATEN", "ultimatum"),
    "131": ("THREATEN", "sanction"), "141": ("PROTEST", "demonstrate"),
    "142": ("PROTEST", "hunger"), "143": ("PROTEST", "strike"), "144": ("PROTEST", "obstruct"),
    "145": ("PROTEST", "riot"), "150": ("MOBILIZE", "alert"), "151": ("MOBILIZE", "alert"),
    "153": ("MOBILIZE", "police"), "154": ("MOBILIZE", "troops"), "161": ("SANCTION", "relations"),
    "162": ("SANCTION", "aid"), "163": ("SANCTION", "embargo"), "164": ("SANCTION", "halt"),
    "166": ("SANCTION", "expel"), "1711": ("COERCE", "seize"), "1712": ("COERCE", "destroy"),
    "171": ("COERCE", "seize"), "1721": ("COERCE", "repress"), "1723": ("COERCE", "curfew"),
    "1724": ("COERCE", "emergency"), "173": ("COERCE", "arrest"), "174": ("COERCE", "deport"),
    "175": ("COERCE", "repress"), "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"),
    "183": ("ASSAULT", "explosives"), "1831": ("ASSAULT", "suicide"),
    "185": ("ASSAULT", "assassinate"), "186": ("ASSAULT", "assassinate"),
    "191": ("COERCE", "blockade"), "193": ("ASSAULT", "firearms"), "194": ("ASSAULT", "artillery"),
    "195": ("ASSAULT", "aerial"), "204": ("ASSAULT", "cbrn"),
}
# Verbs at least this frequent (Zipf scale) need a constraint: a block's head verb ("DESTROY"
# in block DESTROY) or a member with a code of its own, and the block's other synonyms, which
# come from WordNet synsets and are often a rarer sense of a common verb ("ring", "master").
COMMON_ZIPF, SYNONYM_ZIPF = 5.0, 4.0


@dataclass
class Pattern:
    """A pattern line: the words before and after ``*``, its code, and the verb it came from."""

    before: list[str]
    after: list[str]
    code: str
    origin: str | None
    line: int


@dataclass
class Block:
    """A verb block: its default code, member verbs (phrase, own code) and patterns."""

    name: str
    code: str
    verbs: list[tuple[str, str]] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


# --- Reading the dictionary ----------------------------------------------------------------

HEADER_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
CODE_RE = re.compile(r"\[([^\]]*)\]")
TOKEN_RE = re.compile(r"\{[^}]*\}|\([^)]*\)|[^\s(){}]+")


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[Block]]:
    """The synonym sets (name -> member phrases) and verb blocks of a PETRARCH verb file."""
    synsets: dict[str, list[str]] = {}
    blocks: list[Block] = []
    section, current = "synsets", ""
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
        elif raw.startswith("######## TRANSFORMATIONS"):
            break
        content, _, comment = raw.partition("#")
        text = content.strip()
        if not text:
            continue
        if section == "synsets":
            if text.startswith("&"):
                current = text.strip("_ ")
                synsets[current] = []
            elif text.startswith("+") and current:
                synsets[current].append(text[1:].split("{")[0].strip())
        elif match := HEADER_RE.match(text):
            blocks.append(Block(match.group(1), match.group(2).strip()))
        elif blocks and text.startswith("-"):
            blocks[-1].patterns.append(parse_pattern(text[1:], comment, number))
        elif blocks:
            code = CODE_RE.search(text)
            phrase = text.split("{")[0].split("[")[0].strip().lstrip("+")
            blocks[-1].verbs.append((phrase, code.group(1).strip() if code else ""))
    return synsets, blocks


def parse_pattern(text: str, comment: str, line: int) -> Pattern:
    """``* (TO BORDER)  [154]  # RUSH`` -> Pattern([], ["(TO BORDER)"], "154", "RUSH")."""
    code = CODE_RE.search(text)
    body = text[:code.start()] if code else text
    tokens = TOKEN_RE.findall(body)
    star = tokens.index("*") if "*" in tokens else len(tokens)
    origin = comment.strip().split()[0] if comment.strip() else None
    return Pattern(tokens[:star], tokens[star + 1:], code.group(1).strip() if code else "",
                   origin, line)


def primary_code(code: str) -> str | None:
    """The code of the event the subject performs: ``042:043`` -> 042; ``:173``, ``---`` -> None."""
    first = code.split(":")[0].strip()
    digits = re.match(r"\d{3,4}", first)
    return digits.group(0) if digits else None


# --- Patterns -> constraints -------------------------------------------------------------------


class Lemmas:
    """The forms a dictionary noun is matched by: as written and, when it differs and is a known
    word, its lemma by the installed spaCy pipeline's rules ("ATTACKS" -> attacks, attack)."""

    def __init__(self, known: Callable[[str], bool]) -> None:
        import spacy
        from spacy.tokens import Doc

        from tidings.nlp import resolve_model_name
        from tidings.settings import Settings

        nlp = spacy.load(resolve_model_name(Settings()),
                         exclude=["parser", "ner", "tok2vec", "tagger", "attribute_ruler", "senter"])
        self._doc, self._vocab = Doc, nlp.vocab
        self._lemmatizer = nlp.get_pipe("lemmatizer")
        self._known = known
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, word: str) -> tuple[str, ...]:
        word = word.lower()
        if word not in self._cache:
            doc = self._lemmatizer(self._doc(self._vocab, words=[word], pos=["NOUN"]))
            lemma = doc[0].lemma_.lower()
            self._cache[word] = (word, lemma) if lemma and lemma != word and self._known(lemma) \
                else (word,)
        return self._cache[word]


@dataclass(frozen=True)
class Constraints:
    """What a pattern asks of the verb's neighbours, in triggers.yaml's terms."""

    particle: str | None = None
    prep: str | None = None
    objects: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    clause: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return any((self.particle, self.prep, self.objects, self.subjects, self.clause))


class PatternReader:
    """Turns pattern tokens into :class:`Constraints`; ``&SET`` references become classes."""

    def __init__(self, synsets: dict[str, list[str]], lemmas: Callable[[str], tuple[str, ...]]) -> None:
        self.synsets, self.lemmas = synsets, lemmas
        self.classes: dict[str, list[str]] = {}

    def nominal(self, token: str) -> tuple[tuple[str, ...], list[str]] | None:
        """A noun token's head forms (or its @class) and its modifiers; None for a marker."""
        if token in MARKERS or not re.search(r"[A-Za-z]", token):
            return None
        if token.startswith("&"):
            return (self.class_of(token.strip("&_")),), []
        words = [w for w in re.split(r"[\s_]+", token.strip("{}")) if w and w not in MARKERS]
        if not words:
            return None
        head, modifiers = words[-1], [w.lower() for w in words[:-1] if not w.startswith("&")]
        if head.startswith("&"):
            return (self.class_of(head.strip("&_")),), modifiers
        return self.lemmas(head), modifiers

    def class_of(self, name: str) -> str:
        key = "cameo_" + re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        if key not in self.classes:
            members = self.synsets.get("&" + name, self.synsets.get("&" + name + "_", []))
            heads = {form for m in members if m.strip("_ ")
                     for form in self.lemmas(re.split(r"[\s_]+", m.strip("_ "))[-1])}
            self.classes[key] = sorted(h for h in heads if h)
        return "@" + key

    def read(self, pattern: Pattern) -> Constraints | str:
        """The constraints of a pattern, or the reason it is left out."""
        before, after = pattern.before, pattern.after
        if "+" in before or any("$" in t for t in after):
            return "roles reversed ($ after or + before the verb)"
        if any(t.upper() in NEGATIONS for t in before):
            return "negated or modal pattern"
        subjects = [n[0] for t in before if not adverb(t) if (n := self.nominal(t)) is not None]
        groups = [t for t in after if t.startswith("(")]
        if len(groups) > 1:
            return "more than one prepositional group"
        particle, objects, clause = None, [], []
        for token in (t for t in after if not t.startswith("(") and not adverb(t)):
            if token.lower() in PARTICLES and particle is None and not objects:
                particle = token.lower()
                continue
            found = self.nominal(token)
            if found is not None:
                objects.append(found[0])
                clause.extend(found[1])
        if len(objects) > 1:
            return "more than one object"
        prep = None
        if groups:
            words = TOKEN_RE.findall(groups[0][1:-1])
            if not words or not words[0].isalpha():
                return "prepositional group without a preposition"
            prep = words[0].lower()
            clause.extend(f for w in words[1:] if (n := self.nominal(w)) is not None for f in n[0])
        return Constraints(particle, prep, objects[0] if objects else (),
                           subjects[-1] if subjects else (), tuple(clause))


def adverb(token: str) -> bool:
    """A manner adverb ("SHARPLY", "PUBLICLY"): left out of a pattern, tidings' triggers have
    no constraint for it. Nouns in -ly ("RALLY", "ASSEMBLY", "SUPPLY") are not adverbs."""
    word = token.upper()
    return word.endswith("LY") and word.isalpha() and word not in NOT_ADVERBS


def phrase_constraints(phrase: str, lemmas: Callable[[str], tuple[str, ...]]
                       ) -> tuple[str, Constraints] | str:
    """A member verb (``ACCELERATE``, ``+ASK_FOR``, ``+TAKE_LEAVE``): its lemma and what its
    other word asks (a particle or an object), or the reason it is left out."""
    words = [w for w in phrase.strip("_ ").split("_") if w]
    if not words or not all(re.fullmatch(r"[A-Za-z'-]+", w) for w in words):
        return "verb phrase with symbols"
    if words[0].upper() == "RE" or len(words) > 2:
        return "verb phrase of more than two words"
    lemma = words[0].lower()  # member verbs are written in their base form
    if len(words) == 1:
        return lemma, Constraints()
    second = words[1].lower()
    if second in PARTICLES:
        return lemma, Constraints(particle=second)
    return lemma, Constraints(objects=lemmas(second))


# --- CAMEO codes -> PLOVER ---------------------------------------------------------------------


class Coder:
    """CAMEO code -> (PLOVER type or None, mode, code listed in cameo.yaml)."""

    def __init__(self, events_dir: Path) -> None:
        self.codes = {str(c) for c in read_yaml(events_dir / "cameo.yaml")["codes"]}
        self.modes = {t: set(v["modes"]) for t, v in read_yaml(events_dir / "plover.yaml")["types"].items()}
        curated = read_yaml(events_dir / "triggers.yaml")
        seen: dict[str, Counter] = {}
        for raw in [*curated.get("verbs", []), *curated.get("nouns", [])]:
            seen.setdefault(str(raw["cameo"]), Counter())[(raw.get("type"), raw.get("mode"))] += 1
        self.curated = {code: pairs.most_common(1)[0][0] for code, pairs in seen.items()}

    def listed(self, code: str) -> str:
        """The code itself if cameo.yaml lists it, else its nearest listed ancestor."""
        for candidate in (code, code[:3], code[:2] + "0"):
            if candidate in self.codes:
                return candidate
        raise ValueError(f"no ancestor of CAMEO code {code} in cameo.yaml")

    def plover_of(self, code: str) -> tuple[str | None, str | None]:
        """Type and mode: as the curated triggers code it, else by the longest known prefix,
        else by the code's root (None for CAMEO 01, public statements)."""
        if code in self.curated:
            return self.curated[code]
        for size in (4, 3, 2):
            if code[:size] in PREFIX_MODES:
                kind, mode = PREFIX_MODES[code[:size]]
                return kind, mode if mode in self.modes.get(kind, ()) else None
        return ROOT_TYPES.get(code[:2]), None


# --- Entries ---------------------------------------------------------------------------------------

BARE = (None, None, (), (), (), (), ())  # a signature without constraints, lemma left out
KEY_ORDER = ("lemma", "particle", "prep", "type", "cameo", "mode", "object", "subject", "clause",
             "object_role", "needs_actor")


def make_entry(lemma: str, constraints: Constraints, code: str, coder: Coder, tally: Tally
               ) -> dict | None:
    kind, mode = coder.plover_of(code)
    listed = coder.listed(code)
    if listed != code:
        tally.note("CAMEO code replaced by its nearest code in cameo.yaml")
    entry: dict = {"lemma": lemma, "type": kind, "cameo": listed}
    if mode:
        entry["mode"] = mode
    if constraints.particle:
        entry["particle"] = constraints.particle
    if constraints.prep:
        entry["prep"] = constraints.prep
    if constraints.objects:
        entry["object"] = list(constraints.objects)
        entry["object_role"] = "theme"  # CAMEO's object nouns are what is acted on, not a party
    if constraints.subjects:
        entry["subject"] = list(constraints.subjects)
    if constraints.clause:
        entry["clause"] = sorted(set(constraints.clause))
    entry["needs_actor"] = True  # PETRARCH codes an event only with a source actor
    return entry


def combine(first: Constraints, second: Constraints) -> Constraints | None:
    """A member verb's own constraint (``+ASK_FOR``) together with a pattern's; None if both set
    the same slot."""
    if (first.particle and second.particle) or (first.objects and second.objects):
        return None
    return Constraints(first.particle or second.particle, second.prep,
                       first.objects or second.objects, second.subjects, second.clause)


def block_entries(block: Block, reader: PatternReader, coder: Coder, lemmas: Callable[[str], tuple[str, ...]],
                  tally: Tally) -> Iterator[tuple[dict, bool]]:
    """Entries of one verb block, each with True when it is the block's head verb or has a code
    of its own (False for the block's synonyms)."""
    members: list[tuple[str, str, Constraints]] = []
    for phrase, own in block.verbs:
        read = phrase_constraints(phrase, lemmas)
        if isinstance(read, str):
            tally.note(f"member verb left out: {read}")
            continue
        lemma, constraints = read
        members.append((phrase.strip("_ ").upper(), lemma, constraints))
        code = primary_code(own) or primary_code(block.code)
        head = bool(primary_code(own)) or phrase.strip("_ ").upper() == block.name.upper()
        if code:
            if (entry := make_entry(lemma, constraints, code, coder, tally)) is not None:
                yield entry, head
    for pattern in block.patterns:
        code = primary_code(pattern.code)
        if code is None:
            tally.note("pattern left out: codes no event or only the reverse one")
            continue
        read = reader.read(pattern)
        if isinstance(read, str):
            tally.note(f"pattern left out: {read}")
            continue
        targets = [m for m in members if m[0] == (pattern.origin or "").upper().strip("_")] or members
        for _, lemma, own in targets:
            constraints = combine(own, read)
            if constraints is None:
                tally.note("pattern left out: clashes with a phrasal verb's own word")
                continue
            if (entry := make_entry(lemma, constraints, code, coder, tally)) is not None:
                yield entry, True


def signature(entry: dict) -> tuple:
    """What an entry asks of a sentence (two entries with one signature compete)."""
    def words(key: str) -> tuple[str, ...]:
        value = entry.get(key) or ()
        return tuple(sorted([value] if isinstance(value, str) else value))
    return (entry["lemma"], entry.get("particle"), entry.get("prep"), words("object"),
            words("subject"), words("clause"), words("modifier"), words("governor"))


def too_common(entry: dict, head: bool, frequency: Callable[[str], float], stop_words: set[str]
               ) -> bool:
    """An entry without a constraint for a light verb (a stop word: "make", "go") or a verb
    used so often that, alone, it rarely reports the event ("die", "hear"; for a block's
    synonyms already "claim", "ring")."""
    bare = signature(entry)[1:] == BARE
    limit = COMMON_ZIPF if head else SYNONYM_ZIPF
    return bare and (entry["lemma"] in stop_words or frequency(entry["lemma"]) >= limit)


def convert(blocks: list[Block], reader: PatternReader, coder: Coder, lemmas: Callable[[str], tuple[str, ...]],
            keep: Callable[[dict, bool], bool], tally: Tally) -> list[dict]:
    """Every entry of the dictionary, one per signature (the first wins), noise dropped."""
    out: dict[tuple, dict] = {}
    for block in blocks:
        for entry, head in block_entries(block, reader, coder, lemmas, tally):
            key = signature(entry)
            if key in out:
                tally.note("entry coded twice in the dictionary (first kept)")
            elif not keep(entry, head):
                tally.note("entry left out: frequent or light verb without a constraint")
            else:
                out[key] = entry
    return without_defaults_over_statements(list(out.values()), tally)


def without_defaults_over_statements(entries: list[dict], tally: Tally) -> list[dict]:
    """A typed entry without constraints is left out when patterns of the same verb code public
    statements ("expressed concern"): until statements are typed, the bare entry would take
    those sentences ("express" alone codes disapproval)."""
    stated = {e["lemma"] for e in entries if e["type"] is None}
    kept = [e for e in entries
            if not (e["type"] and e["lemma"] in stated and signature(e)[1:] == BARE)]
    tally.note("bare entry of a verb that patterns code as a statement", len(entries) - len(kept))
    return kept


# --- Merging with the curated triggers ------------------------------------------------------


@dataclass
class CuratedLexicon:
    """What the curated event data decides: the verb entries, the nouns that are triggers, and the
    support verbs that lend their subject to such a noun (grammar.yaml)."""

    verbs: list[dict]
    nouns: set[str]
    support_verbs: set[str]

    @classmethod
    def read(cls, events_dir: Path) -> CuratedLexicon:
        triggers, grammar = read_yaml(events_dir / "triggers.yaml"), read_yaml(events_dir / "grammar.yaml")
        return cls(triggers.get("verbs", []), {n["lemma"] for n in triggers.get("nouns", [])},
                   set(grammar["support_verbs"]) | set(grammar["lending_verbs"]))


def merge(entries: list[dict], curated: CuratedLexicon, classes: dict[str, list[str]], tally: Tally
          ) -> tuple[list[dict], list[list[str]]]:
    """Curated triggers win: every converted entry of a verb that triggers.yaml lists is left out
    (the curated entries chose its senses, and a converted entry with more constraints would
    outrank them). Conflicts listed: an entry with the signature of a curated one but another
    type or code, and an entry without constraints of a type the curated file never gives the
    verb. A support verb with an event noun for object ("launched an attack", "held talks") is
    left out too: the curated noun trigger codes it, the support verb lends it its actor."""
    by_signature = {signature(c): c for c in curated.verbs}
    types_of: dict[str, set[str]] = {}
    for c in curated.verbs:
        types_of.setdefault(c["lemma"], set()).add(c["type"])
    kept, conflicts = [], []
    for entry in entries:
        twin = by_signature.get(signature(entry))
        bare = signature(entry)[1:] == BARE
        objects = {w for o in entry.get("object", []) for w in classes.get(o[1:], ())
                   if o.startswith("@")} | set(entry.get("object", []))
        if twin is not None and (twin["type"], str(twin["cameo"])) != (entry["type"], entry["cameo"]):
            conflicts.append(_conflict(entry, f"{twin['type']} {twin['cameo']}"))
        elif twin is None and bare and entry["type"] not in types_of.get(entry["lemma"], {entry["type"]}):
            conflicts.append(_conflict(entry, "|".join(sorted(types_of[entry["lemma"]]))))
        if entry["lemma"] in types_of:
            tally.note("entry of a curated verb (curated senses kept)")
        elif entry["lemma"] in curated.support_verbs and objects & curated.nouns:
            tally.note("support verb with an event noun (the curated noun trigger codes it)")
        else:
            kept.append(entry)
    return kept, conflicts


def _conflict(entry: dict, curated: str) -> list[str]:
    constraint = " ".join(f"{k}={v}" for k, v in entry.items()
                          if k in ("particle", "prep", "object", "subject", "clause"))
    return [entry["lemma"], constraint, curated, f"{entry['type']} {entry['cameo']}"]


# --- Writing --------------------------------------------------------------------------------------

HEADER = """\
# Event triggers converted by scripts/convert_cameo_verbs.py from petrarch2's CAMEO verb
# dictionary (CAMEO.2.0.txt; MIT licence, Copyright (c) 2014 Open Event Data; notice in
# data/SOURCES.md). Do not edit by hand: fix triggers.yaml, which wins, or the converter.
# One JSON object a line (lines starting with # are comments), so that thousands of entries
# load in a blink. {"class": NAME, "words": [...]}: a class (the dictionary's synonym sets,
# prefixed cameo_). Every other line is a verb entry with the keys of triggers.yaml; entries
# with "type": null are CAMEO 01 (public statements), which PLOVER does not type. Every entry
# needs an actor (PETRARCH codes only events with a source). Objects are themes; the nouns of
# a (PREP NOUN) group and the modifiers of a noun phrase are "clause" words.
"""


def ordered(entry: dict) -> dict:
    return {key: entry[key] for key in sorted(entry, key=KEY_ORDER.index)}


def render(entries: list[dict], classes: dict[str, list[str]]) -> str:
    """The JSON-lines text: the classes used, then the verbs by type and lemma, statements last."""
    used = {w[1:] for e in entries for k in ("object", "subject", "clause")
            for w in e.get(k, []) if w.startswith("@")}
    lines = [HEADER.rstrip("\n")]
    lines += [json.dumps({"class": name, "words": classes[name]}, ensure_ascii=False)
              for name in sorted(used)]
    order = sorted(entries, key=lambda e: (e["type"] is None, e["type"] or "", e["lemma"],
                                           repr(signature(e))))
    lines += [json.dumps(ordered(e), ensure_ascii=False) for e in order]
    return "\n".join(lines) + "\n"


def drop_empty_classes(entries: list[dict], classes: dict[str, list[str]], tally: Tally) -> list[dict]:
    """Entries whose class constraint names an empty synonym set are left out."""
    def empty(entry: dict) -> bool:
        return any(w.startswith("@") and not classes.get(w[1:])
                   for k in ("object", "subject", "clause") for w in entry.get(k, []))
    kept = [e for e in entries if not empty(e)]
    tally.note("entry left out: its synonym set is empty", len(entries) - len(kept))
    return kept


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dictionary", type=Path, help="CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=EVENTS_DIR / "triggers_cameo.jsonl")
    parser.add_argument("--events", type=Path, default=EVENTS_DIR,
                        help="folder with cameo.yaml, plover.yaml and the curated triggers.yaml")
    parser.add_argument("--report", type=Path, default=REPORTS / "verbs.tsv")
    args = parser.parse_args(argv)
    from spacy.lang.en.stop_words import STOP_WORDS

    zipf = english_zipf("convert_cameo_verbs")
    tally, lemmas = Tally(), Lemmas(lambda word: zipf(word) >= 2.0)
    synsets, blocks = read_dictionary(args.dictionary)
    reader, coder = PatternReader(synsets, lemmas), Coder(args.events)
    stop_words = set(STOP_WORDS)
    entries = convert(blocks, reader, coder, lemmas,
                      lambda e, head: not too_common(e, head, zipf, stop_words),
                      tally)
    entries, conflicts = merge(drop_empty_classes(entries, reader.classes, tally),
                               CuratedLexicon.read(args.events), reader.classes, tally)
    args.out.write_text(render(entries, reader.classes), encoding="utf-8")
    write_tsv(args.report, "# Converted CAMEO verb entries that the curated triggers.yaml codes otherwise",
              ("lemma", "constraints", "curated", "converted"), conflicts)
    typed = sum(1 for e in entries if e["type"])
    print(f"{args.out.name}: {typed} verb entries, {len(entries) - typed} statements, "
          f"{len({e['lemma'] for e in entries})} lemmas; {len(conflicts)} conflicts in {args.report}")
    tally.print()


if __name__ == "__main__":
    main()
