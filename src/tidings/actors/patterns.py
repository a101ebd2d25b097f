"""EntityRuler patterns for the dictionary's names, so every article labels them alike."""

from __future__ import annotations

from .dictionary import load_dictionary


def guarded(tokens: tuple[str, ...]) -> bool:
    """Short all-caps aliases ("IS", "US", "AP") that need mixed-case surroundings."""
    return len(tokens) == 1 and tokens[0].isupper() and len(tokens[0].strip(".")) <= 3


def entity_patterns() -> list[dict]:
    """EntityRuler patterns for dictionary names, so every article labels them alike.

    Single-word country names, demonyms and capitals are left to the statistical NER ("Jordan",
    "Chad", "Washington" are also people); so are single-word aliases of people ("Sharon") and
    short all-caps aliases ("IS", "US"). Only the curated files' names are given.
    """
    dictionary = load_dictionary()
    labels = {"country": "GPE", "capital": "GPE", "demonym": "NORP", "seat": "FAC"}
    patterns: list[dict] = []
    for tokens, meanings in dictionary.forms.items():
        if tokens not in dictionary.curated_forms:
            continue  # converted names are matched by the actors stage, never forced on the NER
        meaning = meanings[0]
        if meaning.form == "named":
            actor = dictionary.named[meaning.target]
            label = "PERSON" if actor.kind == "person" else "ORG"
            if guarded(tokens) or (len(tokens) == 1 and label == "PERSON"):
                continue
        else:
            label = labels[meaning.form]
            if len(tokens) == 1:
                continue
        # a phrase pattern (matched on ORTH); joined with spaces it tokenizes back to ``tokens``
        patterns.append({"label": label, "pattern": " ".join(tokens), "id": meaning.target})
    return patterns
