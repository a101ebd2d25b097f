"""The event lexicon compiled into lookup tables: trigger entries and the grammar around them."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .. import syntax
from ..nlp import children_of
from . import phrases

TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN"})  # what Lexicon.trigger_for looks at


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a verb or noun lemma, its constraints and what it codes."""

    id: str  # stable rule id: `id:` in triggers.yaml, else "<pos>.<lemma>.<n>" ("verb.kill.1")
    pos: str  # "verb" or "noun"
    key: str
    lemma: str
    type: str
    cameo: str
    quad_class: int
    goldstein: float
    mode: str | None
    context: tuple[str, ...]
    particle: str | None
    prep: str | None
    objects: frozenset[str] | None  # lemmas; {"any"} any object, {"none"} no object
    modifiers: frozenset[str] | None
    object_role: str
    passive_subject: str
    preps: frozenset[str]
    symmetric: bool
    governors: frozenset[str] | None  # the noun must be the object of one of these verbs
    actor_preps: frozenset[str]
    needs_actor: bool
    subjects: frozenset[str] | None = None  # lemmas the subject's head must have
    complement: bool = False  # needs an infinitive complement that is a cooperative event
    clause: frozenset[str] | None = None  # lemmas one of its complements must contain
    main_clause: bool = False  # codes only the verb of a main or reported clause

    @property
    def names_objects(self) -> bool:
        """True when the entry lists the objects it takes ("lift" + sanctions)."""
        return bool(self.objects) and not self.objects & {"any", "none"}

    def specificity(self, token: Token, lex: Lexicon) -> int | None:
        """How many constraints ``token`` meets, or None when one is unmet."""
        met = 0
        if self.particle:
            if not any(c.dep_ in ("prt", "prep", "advmod") and c.lower_ == self.particle
                       for c in children_of(token)):
                return None
            met += 1
        if self.prep:
            if not any(c.dep_ in ("prep", "agent") and c.lower_ == self.prep
                       for c in children_of(token)):
                return None
            met += 1
        if self.objects is not None:
            obj = phrases.theme(token, lex)
            if "none" in self.objects:
                ok = obj is None
            elif "any" in self.objects:
                ok = obj is not None
            else:
                ok = obj is not None and any(  # "released Ana Ruiz": a person
                    phrases.kinds_of(phrases.counted(o, lex)) & self.objects
                    for o in syntax.conjuncts(obj))
            if not ok:
                return None
            met += 1
        if self.modifiers is not None:
            if not phrases.modifier_lemmas(token) & self.modifiers:
                return None
            met += 1
        if self.governors is not None:
            head = token.head.head if token.dep_ == "pobj" else token.head
            if head.lemma_.lower() not in self.governors:
                return None
            met += 1
        if self.subjects is not None:
            subject = syntax.subject(token)
            if subject is None or not (phrases.kinds_of(phrases.counted(subject, lex))
                                       & self.subjects):
                return None
            met += 1
        if self.clause is not None:
            if phrases.clause_word(token, self.clause, lex) is None:
                return None
            met += 1
        return met


@dataclass(frozen=True, slots=True)
class SupportFrame:
    """A verb (with an object and a preposition) that lends its subject to a nominal event."""

    verbs: frozenset[str]
    object: str | None
    prep: str


@dataclass(frozen=True, slots=True)
class Limits:
    """How far (in steps along the parse) the coder looks; ``limits`` in grammar.yaml."""

    modality_steps: int
    speech_steps: int
    clause_steps: int
    quantity_steps: int
    controller_steps: int
    argument_steps: int
    apposition_steps: int


@dataclass(frozen=True, slots=True)
class AssaultSenses:
    """What an ASSAULT trigger needs for its physical reading (``assault_senses`` in
    grammar.yaml) and the entries coding its other senses."""

    verbal_rule: str
    cyber_rule: str
    figurative_targets: frozenset[str]
    abstract_targets: frozenset[str]
    figurative_actors: frozenset[str]
    verbal_verbs: frozenset[str]
    physical_words: frozenset[str]
    cyber_words: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """The event lexicon, compiled into lookup tables."""

    verbs: dict[str, tuple[Trigger, ...]]
    nouns: dict[str, tuple[Trigger, ...]]
    recipient_preps: dict[str, frozenset[str]]
    support_verbs: frozenset[str]
    lending_verbs: frozenset[str]
    support_frames: tuple[SupportFrame, ...]
    modality: dict[str, str]
    weak_cues: frozenset[str]
    quantity_heads: frozenset[str]
    object_control: frozenset[str]
    embedded_recipient_types: frozenset[str]
    actorless_noun_types: frozenset[str]
    magnitude: dict[str, str]
    magnitude_types: frozenset[str]
    qualifiers: tuple[tuple[str, str], ...]  # longest phrase first
    vague_quantities: dict[str, str]
    number_words: dict[str, int]
    instruments: dict[str, str]
    mode_cameo: dict[tuple[str, str], str]
    contexts: dict[str, str]
    cameo: dict[str, float]
    quad_ranges: dict[int, tuple[int, int]]
    lemma_fixes: dict[str, str]
    attributive_participles: frozenset[str]
    party_nouns: frozenset[str]
    natural_forces: frozenset[str]
    restating_purposes: dict[str, frozenset[str]]
    place_recipients: dict[str, tuple[str, ...]]
    localized_actor_types: frozenset[str]
    owner_preps: frozenset[str]
    owner_links: dict[str, str]
    naming_objects: frozenset[str]
    instrument_preps: frozenset[str]
    circumstance_preps: frozenset[str]
    receiving_verbs: frozenset[str]
    response_preps: frozenset[str]
    condition_marks: frozenset[str]
    event_nouns: frozenset[str]
    speech_verbs: frozenset[str]
    judging_types: frozenset[str]
    standalone_results: frozenset[str]
    locating_preps: frozenset[str]
    receiving_preps: frozenset[str]
    visit_place_roles: tuple[str, ...]
    quantity_preps: frozenset[str]
    control_preps: frozenset[str]
    relative_pronouns: frozenset[str]
    example_preps: frozenset[str]
    between_preps: frozenset[str]
    reciprocal_words: frozenset[str]
    weapon_preps: frozenset[str]
    modality_links: frozenset[str]
    speech_links: frozenset[str]
    clause_links: frozenset[str]
    resultatives: frozenset[str]
    unreal_marks: frozenset[str]
    idiom_objects: dict[str, frozenset[str]]
    limits: Limits
    assault_senses: AssaultSenses
    rules: dict[str, Trigger]  # every trigger entry by its id

    def quad_class(self, code: str) -> int:
        return quad_of(self.quad_ranges, code)

    def lists(self, pos: str, lemma: str, lower: str) -> bool:
        """True when the lexicon has entries for a word (its part of speech, lower-cased lemma
        and form): a cheap test that rules out most words before :meth:`trigger_for`."""
        if pos == "VERB":
            return lemma in self.verbs
        return pos in ("NOUN", "PROPN") and (lemma in self.nouns or lower in self.nouns)

    def trigger_for(self, token: Token) -> Trigger | None:
        """The most specific lexicon entry that ``token`` meets, if any."""
        pos = token.pos_
        if pos == "VERB":
            entries = self.verbs.get(token.lemma_.lower())
            if not entries or token.dep_ == "amod" or self._attributive(token):
                return None
            if self._naming(token) or self._idiom(token):
                return None  # "what it called provocations" quotes a word, does nothing
        elif pos in ("NOUN", "PROPN") and token.dep_ != "compound":
            entries = self.nouns.get(token.lemma_.lower()) or self.nouns.get(token.lower_)
        else:
            return None
        best: tuple[int, Trigger] | None = None
        main: bool | None = None
        for entry in entries or ():
            if entry.main_clause:
                main = self._heads_main_clause(token) if main is None else main
                if not main or (not entry.names_objects and self._complement_event(token)):
                    continue
            score = entry.specificity(token, self)
            if entry.complement and score is not None:
                score = score + 1 if self._cooperative_clause(token) else None
            if score is not None and (best is None or score > best[0]):
                best = (score, entry)
        return best[1] if best else None

    def reduced_passive(self, verb: Token) -> bool:
        """A passive whose auxiliary is left out: a subject, no object and a result adjective
        ("a policeman shot dead after ..."): the subject is the patient."""
        children = children_of(verb)
        return (any(c.dep_ == "nsubj" for c in children)
                and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in children)
                and any(c.dep_ in ("oprd", "acomp", "advmod") and c.lower_ in self.resultatives
                        for c in children))

    def _heads_main_clause(self, verb: Token) -> bool:
        """True for the verb of the sentence's main clause, of a clause coordinated with it, or
        of a clause reported under a speech verb ("officials said the army withdrew"); not for
        an infinitive, participle, relative or adverbial clause, whose event another codes."""
        token = verb
        for _ in range(self.limits.speech_steps):
            if token.dep_ == "ROOT":
                return True
            if not (token.dep_ == "conj" or (token.dep_ in self.speech_links
                                             and token.head.lemma_.lower() in self.speech_verbs)):
                return False
            token = token.head
        return False

    def _complement_event(self, verb: Token) -> bool:
        """True when the verb's object, passive subject or infinitive (or that infinitive's
        object) is itself a trigger: "intends to annex", "issued an arrest warrant",
        "sanctions were imposed" are coded by the complement, not by a second event."""
        for child in children_of(verb):
            if child.dep_ in ("dobj", "nsubjpass", "xcomp", "advcl") and (
                    child.dep_ != "advcl" or any(c.dep_ == "aux" and c.lower_ == "to"
                                                 for c in children_of(child))):
                inner = [child] + ([c for c in children_of(child) if c.dep_ == "dobj"]
                                   if child.dep_ in ("xcomp", "advcl") else [])
                if any(t.pos_ in TRIGGER_POS and self.trigger_for(t) is not None
                       for t in inner):
                    return True
        return False

    def _idiom(self, verb: Token) -> bool:
        """The verb and its object make an idiom ("pressed her advantage", "struck a chord")."""
        idioms = self.idiom_objects.get(verb.lemma_.lower())
        obj = syntax.direct_object(verb) if idioms else None
        return obj is not None and obj.lemma_.lower() in idioms

    def _naming(self, verb: Token) -> bool:
        obj = syntax.direct_object(verb)
        return obj is not None and obj.lower_ in self.naming_objects

    def _attributive(self, token: Token) -> bool:
        """A participle used as an adjective before a noun: "striking workers"."""
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        return (token.lower_ in self.attributive_participles and following is not None
                and following.pos_ in ("ADJ", "NOUN", "PROPN"))

    def _cooperative_clause(self, token: Token) -> bool:
        """True when the verb governs an infinitive that is a cooperative event
        ("refused to recognise": a rejection; "refused to condemn" is none)."""
        for clause in children_of(token):
            if clause.dep_ == "xcomp" and clause.pos_ == "VERB":
                entry = self.trigger_for(clause)
                if entry is not None and entry.quad_class <= 2:
                    return True
        return False


def quad_of(quad_ranges: dict[int, tuple[int, int]], code: str) -> int:
    """The quad class of a CAMEO code, by the range its two-digit root falls in."""
    root = int(code[:2])
    return next(q for q, (low, high) in quad_ranges.items() if low <= root <= high)
