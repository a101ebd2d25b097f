"""Finding names: dictionary names and named entities in the text, without overlaps."""

from __future__ import annotations

from operator import attrgetter

from spacy.tokens import Doc

from ..nlp import TokenColumns, entities
from .dictionary import Dictionary
from .identities import Identities
from .mentions import Hit, Identity, in_caps_text, proper, range_text, trim, unresolved_id
from .patterns import guarded

_text_of = attrgetter("text")  # a token's text (dictionary keys are tuples of them)


class NameFinder:
    """The part of :class:`~tidings.actors.ActorResolver` that finds names (it asks
    :class:`~tidings.actors.agents.AgentNounFinder` whether an entity ends in an agent noun)."""

    dictionary: Dictionary
    identities: Identities
    form_lengths: dict[str, tuple[int, ...]]
    agent_words: set[str]
    longest_agent: int

    def _outlet(self, doc: Doc, columns: TokenColumns, start: int, end: int) -> Identity | None:
        """A news outlet named by a proper name ending in an outlet word ("the Tulsa Herald")."""
        if end - start < 2 or columns.lower[end - 1] not in self.dictionary.grammar.outlet_words:
            return None
        if not proper(columns.tokens[start:end]):
            return None
        name = range_text(doc, columns.tokens, start, end)
        return Identity(unresolved_id(name), name, None, ("MED",), "media", resolved=False)

    def _find_names(self, doc: Doc) -> list[Hit]:
        """Dictionary names and named entities, longest first, without overlaps."""
        columns = TokenColumns.of(doc)
        tokens = columns.tokens
        candidates: list[Hit] = []
        named_entities: set[tuple[int, int]] = set()  # token ranges of entities that are names
        for ent in entities(doc):
            label = ent.label_
            start, end = trim(columns, ent.start, ent.end)
            words = tuple(map(_text_of, tokens[start:end]))
            if start >= end or not any(w[:1].isupper() for w in words):
                continue  # the statistical NER now and then tags a common noun ("warplanes")
            meanings = self.dictionary.forms.get(words, ())
            outlet = None if meanings else self._outlet(doc, columns, start, end)
            if label not in self.dictionary.grammar.name_labels and outlet is None:
                continue
            hit = Hit(start, end, meanings, label, identity=outlet)
            if outlet is not None:
                candidates.append(hit)
                continue
            if meanings:
                named_entities.add((start, end))
            else:
                if end - start == 1 and columns.lower[start] in self.agent_words:
                    continue  # "State" in "Secretary of State", "Army" alone
                hit.identity = self._compose_org(words) if label == "ORG" else None
                if hit.identity is None and label == "ORG" and self._agent_at(columns, end - 1):
                    continue  # "the Interior Ministry": an agent noun, found as such
                if hit.identity is None and label in ("PERSON", "ORG") and proper(tokens[start:end]):
                    name = range_text(doc, tokens, start, end)
                    hit.identity = Identity(
                        unresolved_id(name), name, None, (), "person" if label == "PERSON"
                        else "organization", resolved=False, person=label == "PERSON",
                    )
            candidates.append(hit)
        for start, end, key in self._dictionary_names(columns):
            if (start, end) in named_entities:
                continue  # the same name as an entity, which is listed first and wins
            if guarded(key) and in_caps_text(tokens, start):
                continue
            candidates.append(Hit(start, end, self.dictionary.forms[key], "NAME"))
        # longest first; at equal length, dictionary names before entities
        candidates.sort(key=lambda h: (-(h.end - h.start), not h.meanings, h.start))
        chosen: list[Hit] = []
        taken: set[int] = set()  # the tokens of the chosen hits
        for hit in candidates:
            span = range(hit.start, hit.end)
            if not taken.isdisjoint(span):
                # a known name at the end of an unknown entity ("Hamas leader <known name>") wins
                for other in [c for c in chosen if c.overlaps(hit)]:
                    if (other.identity is not None and not other.identity.resolved and hit.meanings
                            and hit.end == other.end
                            and self.dictionary.named.get(hit.meanings[0].target) is not None):
                        chosen.remove(other)
                        taken.difference_update(range(other.start, other.end))
                if not taken.isdisjoint(span):
                    continue
            chosen.append(hit)
            taken.update(span)
        return sorted(chosen, key=lambda h: h.start)

    def _dictionary_names(self, columns: TokenColumns) -> list[tuple[int, int, tuple[str, ...]]]:
        """Every dictionary form in the text, overlapping ones included, by start then length."""
        words = list(map(_text_of, columns.tokens))
        found = []
        for start, word in enumerate(words):
            for length in self.form_lengths.get(word, ()):
                key = tuple(words[start:start + length])
                if len(key) == length and key in self.dictionary.forms:
                    found.append((start, start + length, key))
        return found

    def _compose_org(self, words: tuple[str, ...]) -> Identity | None:
        """An organisation named as country + agent noun ("Israel Air Force", "Iraqi Army"),
        from its words."""
        for cut in range(len(words) - 1, 0, -1):
            meanings = self.dictionary.forms.get(words[:cut], ())
            country = next((m.target for m in meanings if m.form in ("country", "demonym")), None)
            if country is None:
                continue
            lower = tuple(w.lower() for w in words[cut:])
            for size in range(min(len(lower), self.longest_agent), 0, -1):
                agent = self.dictionary.agents.get(lower[-size:])
                if agent and agent.sector and agent.type in ("body", "collective", "member"):
                    return self.identities.country_sector(country, agent.sector, plural=agent.plural)
            return None
        return None

