"""What the attribution stage finds: attributions, with the token anchors it works with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model import QUOTE_KINDS, ActorRef, Quote, QuoteKind, SourceLevel, Span, Stance

# Stances of attitudes rather than reports: judgements, wishes, requests.
ATTITUDE_STANCES: tuple[Stance, ...] = ("dismisses", "criticizes", "supports", "intends", "requests")
# What an attribution's content is: quoted or reported words, a noun phrase, hearsay.
AttributionKind = Literal[QuoteKind, "nominal", "hearsay"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """A cue with its source and content: "X said Y", "according to X, Y", "reportedly Y"."""

    cue: Span
    stance: Stance
    negated: bool
    kind: AttributionKind
    level: SourceLevel  # clause, sentence
    source: Span | None
    actors: tuple[ActorRef, ...]
    outlet: str | None
    content: Span | None
    publication: bool = False

    def as_quote(self) -> Quote | None:
        """The quotation this attribution makes, if its content is a clause or quoted words;
        a wish, request or judgement in the writer's words ("vowed to retaliate", "plans to
        leave") is an attitude, not a quotation."""
        if self.kind not in QUOTE_KINDS or self.content is None or (
                self.kind == "indirect" and self.stance in ATTITUDE_STANCES):
            return None
        speaker = self.actors[0] if self.actors else None
        return Quote(self.kind, speaker, self.source, self.cue, self.content)


@dataclass(slots=True)
class Found:
    """An attribution while the component works on it, with its token-level anchors."""

    attribution: Attribution
    content_root: int | None
    source_root: int | None


@dataclass(frozen=True, slots=True)
class Reading:
    """What reading one cue gives: its attributions, and the outlet its source names (its
    character offset and name), which later definite descriptions ("the newspaper") refer to."""

    found: tuple[Found, ...] = ()
    outlet_named: tuple[int, str] | None = None
