"""Actors: who acts in an article, resolved to canonical actors.

The ``tidings_actors`` component finds actor mentions and resolves each to a canonical actor:

* names from the actor dictionary (countries, capitals as governments, people with dated
  tenures, organisations, armed groups, news outlets) and other PERSON/ORG entities, which are
  kept as unresolved actors;
* agent nouns with a country or organisation modifier: "Egyptian police" (EGY-COP), "Israel's
  army" and "the army of Israel" (ISR-MIL), "Israeli drone" (ISR-MIL), "ISIS fighters" (isis),
  "British and American officials" (GBR-GOV, USA-GOV); titles before names ("Egyptian
  President ...");
* pronouns and definite descriptions ("he", "its", "the group", "the newspaper") that refer back
  to an earlier actor, chosen by agreement, recency and sentence role.
* actors the text leaves without a country (bare state organs, officials, unknown people) take
  the article's dominant country, the basis recorded as "article country".

Actor ids: ``ISR`` (a country), ``ISR-MIL`` (a country's sector, CAMEO actor-type codes),
``COP`` (a sector of unknown country), a dictionary id (``isis``, ``benjamin_netanyahu``), or
``unk:<name>`` for an unresolved person or organisation. The dictionaries are data files under
``data/actors/`` (provenance in ``data/SOURCES.md``), validated on load.

Modules: ``dictionary`` (the data files), ``patterns`` (EntityRuler patterns), ``mentions``
(what is found, token tests), ``names``, ``agents`` and ``anaphora`` (finding and resolving),
``identities`` (canonical actors), ``context`` (the article's country as the last fallback),
``resolver`` and ``component`` (the spaCy component),
``doc`` (what other stages may ask of a Doc).
"""

from __future__ import annotations

from .component import make_actors
from .dictionary import (
    DATA_DIR, AGENT_TYPES, KINDS, Agent, Dictionary, Meaning, NamedActor, Pronoun, Tenure,
    load_dictionary,
)
from ..docs import actor_for_span, actor_for_token, mentions_in
from .doc import country_ref, placed
from .mentions import Identity, unresolved_id
from .patterns import entity_patterns
from .resolver import ActorResolver

__all__ = [
    "AGENT_TYPES", "DATA_DIR", "KINDS", "ActorResolver", "Agent", "Dictionary", "Identity",
    "Meaning", "NamedActor", "Pronoun", "Tenure", "actor_for_span", "actor_for_token",
    "country_ref", "entity_patterns", "load_dictionary", "make_actors", "mentions_in", "placed",
    "unresolved_id",
]
