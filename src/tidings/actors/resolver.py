"""The actor resolver: names, agent nouns and anaphors found in a Doc become actor mentions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..model import Actor, ActorRef
from ..model import Span as TextSpan
from ..nlp import TokenColumns, doc_text
from .agents import AgentNounFinder
from .anaphora import AnaphoraResolver
from .chains import NameChainer
from .context import ContextPlacer
from .dictionary import Dictionary
from .identities import Identities, sector_of
from .layout import read_layout
from .mentions import (
    AgentUse, Hit, Identity, Mention, acting, char_range, det_start, national, proper, range_text, root_index,
    unresolved_id,
)
from .names import NameFinder


class ActorResolver(NameFinder, AgentNounFinder, NameChainer, AnaphoraResolver):
    """Finds actor mentions and resolves them to canonical actors."""

    def __init__(self, nlp: Language, dictionary: Dictionary) -> None:
        self.dictionary = dictionary
        self.identities = Identities(dictionary)
        self.placer = ContextPlacer(dictionary, self.identities)
        # the first word of each dictionary form -> the lengths of the forms it opens
        lengths: dict[str, set[int]] = {}
        for key in dictionary.forms:
            lengths.setdefault(key[0], set()).add(len(key))
        self.form_lengths = {word: tuple(sorted(found)) for word, found in lengths.items()}
        self.longest_agent = dictionary.longest_agent
        self.agent_words = {word for term in dictionary.agents for word in term}
        # the last word of each agent term -> the length of the longest term it ends
        self.agent_heads: dict[str, int] = {}
        for term in dictionary.agents:
            self.agent_heads[term[-1]] = max(len(term), self.agent_heads.get(term[-1], 0))

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        day = getattr(article, "published", None)
        layout = read_layout(doc, self.dictionary)
        hits = self._find_names(doc)
        hit_at = {i: hit for hit in hits for i in range(hit.start, hit.end)}
        mentions, used, descriptions = self._agent_mentions(doc, hits, hit_at, day, layout.country)
        mentions += self._name_mentions(doc, hits, used, day)
        mentions.sort(key=lambda m: (m.start, m.end))
        mentions = self._follow_names(doc, mentions, layout.body_start)
        self._attach_owners(doc, mentions, day)
        tokens = TokenColumns.of(doc).tokens
        seeds = [m for m in mentions if layout.seeds(tokens[m.start].idx, m.start)]
        mentions += self._resolve_anaphora(doc, seeds, descriptions, day, layout.country)
        mentions.sort(key=lambda m: (m.start, m.end))
        self.placer.place(mentions)
        refs = _refs(doc, mentions)
        doc._.actor_mentions = refs
        doc._.actors = _actors(refs, mentions)
        doc._.metonyms = self._metonyms(doc, hits, used)
        doc._.body_start = tokens[layout.body_start].idx if layout.body_start < len(tokens) else len(doc.text)
        return doc

    # -- names as mentions --

    def _name_mentions(self, doc: Doc, hits: list[Hit], used: set[int], day: dt.date | None) -> list[Mention]:
        columns = TokenColumns.of(doc)
        mentions: list[Mention] = []
        for hit in hits:
            if id(hit) in used:
                continue
            root = columns.tokens[root_index(doc, hit.start, hit.end)]
            title = hit.title
            role = " ".join(title.agent.term) if title else ""
            identity = (hit.identity or self.identities.named(hit, day, role)
                        or self._country_name(hit, root) or self._bare_name(doc, columns, hit))
            if identity is None:
                continue
            start = hit.start
            if title is not None:
                start = min([title.start, *(m.start for m in title.modifiers if national(m))])
                identity = self._titled(columns, identity, title, start, day)
                if identity.country and not identity.resolved:
                    identity = replace(identity, basis=range_text(doc, columns.tokens, start, hit.start).strip())
            identity = self._gendered(columns, hit, self._party_tagged(doc, hit, identity))
            definite = self.dictionary.grammar.definite
            mentions.append(Mention(det_start(columns, start, definite) if start < hit.start else start,
                                    hit.end, root.i, identity))
        return mentions

    def _country_name(self, hit: Hit, root: Token) -> Identity | None:
        """A country name; a demonym used as a noun ("Israelis"); a capital acting ("Cairo said").
        ``root`` is the name's head token."""
        for meaning in hit.meanings:
            if meaning.form == "country":
                return self.identities.country(meaning.target)
            if meaning.form == "demonym" and root.pos_ in ("NOUN", "PROPN") and root.dep_ not in (
                "amod", "compound", "nmod"
            ):
                return self.identities.country(meaning.target, plural=root.tag_ in ("NNS", "NNPS"))
            if meaning.form == "demonym" and root.dep_ in ("amod", "compound", "nmod"):
                return self.identities.country(meaning.target)  # "Israeli strikes", "Russian banks"
            if meaning.form == "capital" and acting(root, self.dictionary.grammar.actor_prepositions):
                return self.identities.country_sector(meaning.target, "GOV")
            if meaning.form == "seat" and acting(root, self.dictionary.grammar.actor_prepositions):
                country, _, sector = meaning.target.partition("-")
                return self.identities.country_sector(country, sector)
        return None

    def _metonyms(self, doc: Doc, hits: list[Hit], used: set[int]) -> list[tuple[int, int]]:
        """The character spans of capitals and seats of government acting for a state organ
        ("Moscow said", "the White House warned"): actors, not places."""
        columns, found = TokenColumns.of(doc), []
        prepositions = self.dictionary.grammar.actor_prepositions
        for hit in hits:
            if id(hit) in used or not any(m.form in ("capital", "seat") for m in hit.meanings):
                continue
            root = columns.tokens[root_index(doc, hit.start, hit.end)]
            destination = root.dep_ == "dobj" and root.head.lemma_.lower() in self.dictionary.grammar.place_verbs
            if acting(root, prepositions) and not destination:  # "visited Ankara": a place
                found.append(char_range(columns.tokens, hit.start, hit.end))
        return found

    def _titled(self, columns: TokenColumns, identity: Identity, title: AgentUse, start: int,
                day: dt.date | None) -> Identity:
        """A person with a title before the name: country and sector for unknown people."""
        former = start > 0 and columns.lower[start - 1] in self.dictionary.grammar.former
        if identity.resolved:
            return replace(identity, sector=("ELI",)) if former and identity.person else identity
        country = None
        for hit in title.modifiers:
            composed = self.identities.composed(hit, replace(title, agent=replace(title.agent, plural=False)), day)
            country = composed.country if composed else None
        country = country or self.dictionary.grammar.title_countries.get(" ".join(title.agent.term))
        sector = sector_of(title)
        return replace(identity, country=country, sector=("ELI",) if former else ((sector,) if sector else ()),
                       person=True, kind="person")

    @staticmethod
    def _bare_name(doc: Doc, columns: TokenColumns, hit: Hit) -> Identity | None:
        """A one-word proper name the dictionary does not know ("Lee" tagged as a place): kept
        only if it turns out to be the surname of a person named in full."""
        if hit.end - hit.start != 1 or not proper(columns.tokens[hit.start:hit.end]):
            return None
        name = columns.tokens[hit.start].text
        return Identity(unresolved_id(name), name, None, (), "name", resolved=False)


def _refs(doc: Doc, mentions: list[Mention]) -> list[ActorRef]:
    """The ActorRefs of the mentions (one per antecedent of a plural anaphor), in characters."""
    tokens, text = TokenColumns.of(doc).tokens, doc_text(doc)
    refs: list[ActorRef] = []
    for mention in mentions:
        start, end = char_range(tokens, mention.start, mention.end)
        said = text[start:end]
        refs += [ActorRef(identity.id, identity.name, identity.country, identity.sector,
                          start, end, said)
                 for identity in mention.refs or (mention.identity,)]
    return refs


def _actors(refs: list[ActorRef], mentions: list[Mention]) -> list[Actor]:
    """One Actor per id, in order of first mention, with every mention's span."""
    identities = {i.id: i for m in mentions for i in (m.refs or (m.identity,))}
    spans: dict[str, list[TextSpan]] = {}
    for ref in refs:
        spans.setdefault(ref.id, []).append(TextSpan(ref.start, ref.end, ref.text))
    return [
        Actor(actor_id, identities[actor_id].name, identities[actor_id].country,
              identities[actor_id].sector, identities[actor_id].kind, identities[actor_id].resolved,
              tuple(found), identities[actor_id].basis or None)
        for actor_id, found in spans.items()
    ]

