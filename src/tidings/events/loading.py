"""Reading, validating and compiling the event lexicon under ``data/events/`` (or a user's own
folder with the same files); every problem is a :class:`~tidings.datafiles.DataError`."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..compiled import compiled
from ..datafiles import DataError, data_path, read_yaml, word_list
from ..model import EVENT_TYPES, PLOVER_TYPES, STATEMENT
from .lexicon import AssaultSenses, Lexicon, Limits, SupportFrame, Trigger, quad_of

LEXICON_DIR = data_path("events")
MODALITY_KINDS = ("hypothetical", "planned", "threatened", "commissive", "requested",
                  "reported_speech", "negating")
RULE_ID = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*")
TRIGGER_KEYS = frozenset({"id", "lemma", "type", "cameo", "mode", "context", "particle", "prep",
                          "object", "modifier", "governor", "subject", "complement", "clause",
                          "object_role", "passive_subject", "preps", "actor_preps", "symmetric",
                          "needs_actor"})
# Word sets of grammar.yaml read as they are.
WORD_SETS = ("support_verbs", "lending_verbs", "weak_cues", "quantity_heads", "object_control",
             "attributive_participles", "party_nouns", "natural_forces", "owner_preps",
             "naming_objects", "instrument_preps", "circumstance_preps", "receiving_verbs",
             "response_preps", "condition_marks", "event_nouns", "speech_verbs", "locating_preps",
             "receiving_preps", "standalone_results", "quantity_preps", "control_preps",
             "relative_pronouns", "example_preps", "between_preps", "reciprocal_words",
             "weapon_preps", "modality_links", "speech_links", "clause_links", "resultatives",
             "unreal_marks")


CAMEO_TRIGGERS = "triggers_cameo.jsonl"
STATEMENT_ROOTS = ("01", "02")  # CAMEO roots an entry without a PLOVER type may code


def _error(path: Path, where: str, reason: str, line: int = 0) -> DataError:
    return DataError(path, line, f"{where}: {reason}")


def _compile_trigger(path: Path, pos: str, index: int, raw: Any, classes: dict[str, list[str]],
                     plover: dict[str, Any], cameo: dict[str, float],
                     contexts: set[str], rule_id: str) -> Trigger:
    where = f"{pos} entry {index + 1}"
    if not isinstance(raw, dict) or not isinstance(raw.get("lemma"), str) or not raw["lemma"]:
        raise _error(path, where, "needs a non-empty `lemma`")
    where += f" ({raw['lemma']})"
    unknown = set(raw) - TRIGGER_KEYS
    if unknown:
        raise _error(path, where, f"unknown keys {sorted(unknown)}")
    code = raw.get("cameo")
    if code not in cameo:
        raise _error(path, where, f"CAMEO code {code!r} is not in cameo.yaml")
    kind = raw.get("type")
    if kind is None and code.startswith(STATEMENT_ROOTS):
        kind = STATEMENT  # CAMEO 01-02 where PLOVER has no type
    elif kind not in PLOVER_TYPES:
        raise _error(path, where, f"type {kind!r} is not a PLOVER type (null only for CAMEO "
                     f"{'/'.join(STATEMENT_ROOTS)})")
    mode = raw.get("mode")
    if mode is not None and (kind == STATEMENT or mode not in plover[kind]["modes"]):
        raise _error(path, where, f"mode {mode!r} is not a mode of {kind} in plover.yaml")
    context = word_list(path, where + " context", raw.get("context", []))
    if set(context) - contexts:
        raise _error(path, where, f"unknown contexts {sorted(set(context) - contexts)}")

    def expand(key: str) -> frozenset[str] | None:
        if key not in raw:
            return None
        value = raw[key]
        if value in ("any", "none"):
            return frozenset({value})
        out: set[str] = set()
        for word in word_list(path, f"{where} {key}", value):
            if word.startswith("@"):
                if word[1:] not in classes:
                    raise _error(path, where, f"unknown class {word}")
                out.update(classes[word[1:]])
            else:
                out.add(word)
        return frozenset(out)

    for key, allowed in (("object_role", ("recipient", "theme")),
                         ("passive_subject", ("recipient", "actor"))):
        if raw.get(key, allowed[0]) not in allowed:
            raise _error(path, where, f"{key} must be one of {allowed}")
    constraint = next((str(raw[k][0] if isinstance(raw[k], list) else raw[k]).lstrip("@")
                       for k in ("particle", "prep", "object", "modifier", "governor", "subject",
                                 "clause")
                       if raw.get(k)), "")
    return Trigger(
        id=rule_id, pos=pos, key=f"{pos}:{raw['lemma']}" + (f"+{constraint}" if constraint else ""),
        lemma=raw["lemma"].lower(), type=kind, cameo=code, quad_class=0, goldstein=cameo[code],
        mode=mode, context=tuple(context), particle=raw.get("particle"), prep=raw.get("prep"),
        objects=expand("object"), modifiers=expand("modifier"), governors=expand("governor"),
        actor_preps=frozenset(word_list(path, where + " actor_preps", raw["actor_preps"]))
        if "actor_preps" in raw else None,
        object_role=raw.get("object_role", "recipient"),
        passive_subject=raw.get("passive_subject", "recipient"),
        preps=(frozenset(word_list(path, where + " preps", raw["preps"])) if "preps" in raw
               else None),
        symmetric=bool(raw.get("symmetric", False)),
        needs_actor=bool(raw.get("needs_actor", False)),
        subjects=expand("subject"), complement=bool(raw.get("complement", False)),
        clause=expand("clause"),
    )


@functools.lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """The event lexicon in ``directory``, compiled once per change of its files (see
    tidings.compiled); raises DataError."""
    sources = [path for path in directory.iterdir() if path.suffix in (".yaml", ".jsonl", ".tsv")]
    return compiled("events", sources, lambda: _compile_lexicon(directory))


def _compile_lexicon(directory: Path) -> Lexicon:
    """Read, validate and compile the event lexicon in ``directory``."""
    quad_ranges, cameo = _read_cameo(directory / "cameo.yaml")
    plover, contexts = _read_plover(directory / "plover.yaml")
    grammar_path = directory / "grammar.yaml"
    grammar = read_yaml(grammar_path)
    tables, classes = _read_triggers(directory / "triggers.yaml", plover, cameo, contexts)
    if (directory / CAMEO_TRIGGERS).exists():
        _read_converted_triggers(directory / CAMEO_TRIGGERS, tables["verbs"], classes,
                                 (plover, cameo, contexts))
    recipient_preps = {kind: frozenset(word_list(grammar_path, f"recipient_preps {kind}", words))
                       for kind, words in grammar["recipient_preps"].items()}
    if set(recipient_preps) != set(EVENT_TYPES):
        raise _error(grammar_path, "recipient_preps", "must name every event type")
    actor_preps = {kind: frozenset(word_list(grammar_path, f"actor_preps {kind}", words))
                   for kind, words in grammar["noun_actor_preps"].items()}
    if set(actor_preps) - set(PLOVER_TYPES):
        raise _error(grammar_path, "noun_actor_preps", "names an unknown PLOVER type")

    def finish(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
        return {lemma: tuple(
            replace(t, quad_class=quad_of(quad_ranges, t.cameo),
                    preps=t.preps if t.preps is not None else recipient_preps[t.type],
                    actor_preps=(t.actor_preps if t.actor_preps is not None
                                 else actor_preps.get(t.type, frozenset())))
            for t in entries) for lemma, entries in table.items()}

    verbs, nouns = finish(tables["verbs"]), finish(tables["nouns"])
    rules = {t.id: t for table in (verbs, nouns) for entries in table.values() for t in entries}
    return Lexicon(
        verbs=verbs, nouns=nouns, rules=rules,
        assault_senses=_assault_senses(grammar_path, grammar.get("assault_senses"), rules),
        recipient_preps=recipient_preps, cameo=cameo, quad_ranges=quad_ranges,
        **{key: frozenset(word_list(grammar_path, key, grammar[key])) for key in WORD_SETS},
        **_modality_tables(grammar_path, grammar),
        **_magnitude_tables(grammar_path, grammar),
        **_coding_tables(grammar_path, grammar, plover, cameo, contexts),
        **_argument_tables(grammar_path, grammar),
        limits=_limits(grammar_path, grammar.get("limits")),
    )


def _assault_senses(path: Path, raw: Any, rules: dict[str, Trigger]) -> AssaultSenses:
    """The ``assault_senses`` block: two rule ids of the lexicon and word lists."""
    names = set(AssaultSenses.__slots__)
    if not isinstance(raw, dict) or set(raw) != names:
        raise _error(path, "assault_senses", f"must give exactly {sorted(names)}")
    for key in ("verbal_rule", "cyber_rule"):
        if raw[key] not in rules:
            raise _error(path, f"assault_senses {key}", f"{raw[key]!r} is no trigger's id")
    return AssaultSenses(**{key: value if key.endswith("_rule") else frozenset(
        word_list(path, f"assault_senses {key}", value)) for key, value in raw.items()})


def _limits(path: Path, raw: Any) -> Limits:
    """The step limits: every field of :class:`Limits`, each a positive whole number."""
    names = set(Limits.__slots__)
    if not isinstance(raw, dict) or set(raw) != names:
        raise _error(path, "limits", f"must give exactly {sorted(names)}")
    bad = sorted(k for k, v in raw.items()
                 if not isinstance(v, int) or isinstance(v, bool) or v < 1)
    if bad:
        raise _error(path, "limits", f"{bad} must be positive whole numbers")
    return Limits(**raw)


def _read_cameo(path: Path) -> tuple[dict[int, tuple[int, int]], dict[str, float]]:
    """The quad class ranges and the Goldstein score of every CAMEO code."""
    raw = read_yaml(path)
    quad_ranges = {int(q): (int(r[0]), int(r[1])) for q, r in raw["quad_classes"].items()}
    cameo: dict[str, float] = {}
    for code, row in raw["codes"].items():
        if not re.fullmatch(r"\d{3,4}", str(code)) or not isinstance(row.get("goldstein"),
                                                                      (int, float)):
            raise _error(path, f"code {code}", "needs 3-4 digits and a goldstein")
        cameo[str(code)] = float(row["goldstein"])
    return quad_ranges, cameo


def _read_plover(path: Path) -> tuple[dict[str, Any], set[str]]:
    """The PLOVER types (with their modes) and the context tags."""
    raw = read_yaml(path)
    plover = raw["types"]
    if set(plover) != set(PLOVER_TYPES):
        raise _error(path, "types", f"must list exactly {PLOVER_TYPES}")
    return plover, set(word_list(path, "contexts", raw["contexts"]))


def _read_triggers(path: Path, plover: dict[str, Any], cameo: dict[str, float],
                   contexts: set[str]
                   ) -> tuple[dict[str, dict[str, list[Trigger]]], dict[str, list[str]]]:
    """The verb and noun entries of triggers.yaml, by lemma, in file order, and its classes."""
    raw = read_yaml(path)
    classes = {name: word_list(path, f"class {name}", words)
               for name, words in raw.get("classes", {}).items()}
    tables: dict[str, dict[str, list[Trigger]]] = {"verbs": {}, "nouns": {}}
    seen: set[str] = set()
    for pos, table in tables.items():
        for index, entry_raw in enumerate(raw.get(pos, [])):
            rule_id = _rule_id(path, pos[:-1], index, entry_raw, table, seen)
            entry = _compile_trigger(path, pos[:-1], index, entry_raw, classes, plover, cameo,
                                     contexts, rule_id)
            table.setdefault(entry.lemma, []).append(entry)
    return tables, classes


def _read_converted_triggers(path: Path, verbs: dict[str, list[Trigger]],
                             classes: dict[str, list[str]], coding: tuple[Any, ...]) -> None:
    """Append the verb entries of the converted CAMEO dictionary (one JSON object a line,
    ``#`` comments, ``{"class", "words"}`` lines adding word classes) after the curated ones,
    which win ties; their rule ids are "cameo.<lemma>.<n>".  Like PETRARCH, they code only the
    verb of a main or reported clause."""
    counts: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataError(path, number, f"not a JSON object: {err.msg}") from None
        if isinstance(raw, dict) and "class" in raw:
            classes[str(raw["class"])] = word_list(path, f"line {number} class", raw.get("words"))
            continue
        lemma = str(raw.get("lemma", "")).lower() if isinstance(raw, dict) else ""
        counts[lemma] = counts.get(lemma, 0) + 1
        try:
            entry = _compile_trigger(path, "verb", number - 1, raw, classes, *coding,
                                     rule_id=_converted_id(lemma, counts[lemma]))
        except DataError as err:
            raise DataError(path, number, str(err.message)) from None
        verbs.setdefault(entry.lemma, []).append(replace(entry, main_clause=True))


def _converted_id(lemma: str, n: int) -> str:
    """ "cameo.<lemma>.<n>", the lemma's other characters made id-safe ("set up" -> set_up)."""
    return f"cameo.{re.sub(r'[^a-z0-9_-]+', '_', lemma)}.{n}"


def _rule_id(path: Path, pos: str, index: int, raw: Any, table: dict[str, list[Trigger]],
             seen: set[str]) -> str:
    """An entry's stable id: its own `id`, else "<pos>.<lemma>.<n>" for the n-th entry of
    that lemma ("verb.kill.1"); ids are unique across the file."""
    lemma = str(raw.get("lemma", "")).lower() if isinstance(raw, dict) else ""
    explicit = raw.get("id") if isinstance(raw, dict) else None
    rule_id = explicit if explicit is not None else f"{pos}.{lemma}.{len(table.get(lemma, ())) + 1}"
    where = f"{pos} entry {index + 1} ({lemma})"
    if not isinstance(rule_id, str) or not RULE_ID.fullmatch(rule_id):
        raise _error(path, where, f"id {rule_id!r} must be lower-case words joined by dots")
    if rule_id in seen:
        raise _error(path, where, f"id {rule_id!r} is used twice")
    seen.add(rule_id)
    return rule_id


def _modality_tables(path: Path, grammar: dict[str, Any]) -> dict[str, Any]:
    modality: dict[str, str] = {}
    for kind, words in grammar["modality"].items():
        if kind not in MODALITY_KINDS:
            raise _error(path, f"modality {kind}", f"must be one of {MODALITY_KINDS}")
        for word in word_list(path, f"modality {kind}", words):
            modality.setdefault(word, kind)
    return {"modality": modality}


def _magnitude_tables(path: Path, grammar: dict[str, Any]) -> dict[str, Any]:
    magnitude_raw = dict(grammar["magnitude"])
    magnitude_types = frozenset(magnitude_raw.pop("applies_to"))
    return {
        "magnitude": {word: kind for kind, words in magnitude_raw.items()
                      for word in word_list(path, f"magnitude {kind}", words)},
        "magnitude_types": magnitude_types,
        "qualifiers": tuple(sorted(((k.lower(), v) for k, v in grammar["qualifiers"].items()),
                                   key=lambda kv: -len(kv[0]))),
        "vague_quantities": {k.lower(): v for k, v in grammar["vague_quantities"].items()},
        "number_words": {k.lower(): int(v) for k, v in grammar["number_words"].items()},
    }


def _coding_tables(path: Path, grammar: dict[str, Any], plover: dict[str, Any],
                   cameo: dict[str, float], contexts: set[str]) -> dict[str, Any]:
    """Instruments and the modes they give, CAMEO codes by mode, context words."""
    instruments: dict[str, str] = {}
    for mode, words in grammar["instruments"].items():
        if mode not in plover["ASSAULT"]["modes"]:
            raise _error(path, f"instruments {mode}", "is not an ASSAULT mode")
        instruments.update((word, mode) for word in word_list(path, "instruments", words))
    mode_cameo = {(kind, mode): str(code) for kind, modes in grammar["mode_cameo"].items()
                  for mode, code in modes.items()}
    for (kind, mode), code in mode_cameo.items():
        if code not in cameo:
            raise _error(path, f"mode_cameo {kind} {mode}", f"unknown code {code}")
    context_words = {}
    for context, words in grammar["contexts"].items():
        if context not in contexts:
            raise _error(path, f"contexts {context}", "not listed in plover.yaml")
        context_words.update((w, context) for w in word_list(path, "contexts", words))
    return {"instruments": instruments, "mode_cameo": mode_cameo, "contexts": context_words}


def _argument_tables(path: Path, grammar: dict[str, Any]) -> dict[str, Any]:
    """Support frames, type-keyed tables and the other mappings of grammar.yaml."""
    frames = tuple(
        SupportFrame(frozenset(word_list(path, "support_frames", f["verb"] if isinstance(
            f["verb"], list) else [f["verb"]])), f.get("object"), f["prep"])
        for f in grammar["support_frames"])
    return {
        "support_frames": frames,
        "embedded_recipient_types": frozenset(grammar["embedded_recipient_types"]),
        "actorless_noun_types": frozenset(grammar["actorless_noun_types"]),
        "lemma_fixes": {str(k).lower(): str(v).lower() for k, v in grammar["lemma_fixes"].items()},
        "restating_purposes": {
            kind: frozenset(word_list(path, f"restating_purposes {kind}", words))
            for kind, words in _typed(path, grammar, "restating_purposes").items()},
        "place_recipients": {kind: tuple(word_list(path, f"place_recipients {kind}", roles))
                             for kind, roles in _typed(path, grammar, "place_recipients").items()},
        "localized_actor_types": frozenset(_typed(path, grammar, "localized_actor_types")),
        "owner_links": {str(k).lower(): str(v).lower() for k, v in grammar["owner_links"].items()},
        "judging_types": frozenset(_typed(path, grammar, "judging_types")),
        "visit_place_roles": tuple(word_list(path, "visit_place_roles",
                                             grammar["visit_place_roles"])),
        "idiom_objects": {str(verb).lower(): frozenset(word_list(path, f"idiom_objects {verb}",
                                                                 words))
                          for verb, words in grammar["idiom_objects"].items()},
    }


def _typed(path: Path, grammar: dict[str, Any], key: str) -> Any:
    """A grammar entry keyed by (or listing) PLOVER types; names the key when one is unknown."""
    value = grammar[key]
    unknown = set(value) - set(PLOVER_TYPES)
    if unknown:
        raise _error(path, key, f"names unknown PLOVER types {sorted(unknown)}")
    return value
