"""Events: who did what to whom, coded in PLOVER and CAMEO from the dependency parse.

The lexicon under ``data/events/`` (validated on load, compiled once into dicts) maps verb and
noun triggers to a PLOVER type, mode and CAMEO code (``triggers.yaml``), and says how the
grammar around a trigger gives its arguments, modality, negation and magnitude
(``grammar.yaml``).  :class:`EventCoder` (the ``tidings_events`` component) walks the tokens
once, looks each lemma up, and reads arguments off the parse:

- verbs: actor = subject (active) or by-agent (passive), else the controller of an
  infinitive or gerund ("urged Iran to halt", "continue to destroy"); recipient = object or a
  recipient preposition (against, on, with, at, to ...);
- nouns: actor = possessor or a modifier naming an actor ("Israeli strikes", "Hamas attack"),
  a "by" phrase, or the subject of a light verb ("launched an offensive", "claimed
  responsibility for the attacks"); recipient = a recipient preposition;
- "between X and Y", "X and Y agreed": every participant is both actor and recipient;
- the owner of a thing acted on is its recipient ("back Finland's membership", "demands from
  ECOWAS"); a possessive pronoun gives way to the phrase's own actor ("his Russian counterpart");
- with no recipient named, the country of the place the event is attached to stands for it
  ("abducted students from a school in northern Nigeria"), unless it is the actor's own;
- events said without their usual verb are read off a verb's clause (`clause` entries): threats
  ("warned of serious consequences", "reserved the right to respond"), aimed at the target of
  the promised response; judgements ("called the move illegal"), aimed at whoever made the
  event judged;
- a nominal event takes the subject of the verb it is the circumstance of ("praised X during a
  visit"), or undergoes it ("drew criticism from the UN", "came under fire");
- a clause with no modality cue is reported speech when the parse hangs it under a speech verb,
  or a speech verb on it, whichever side the attribution stands on.

Modules, by concern: :mod:`.loading` (reading the lexicon), :mod:`.lexicon` (its tables and
trigger matching), :mod:`.phrases` and :mod:`.clauses` (reading a trigger's phrase and clause),
:mod:`.arguments` (argument finding), :mod:`.parties` (the actors an argument names),
:mod:`.modality` (negation, modality, mode), :mod:`.magnitude` (counts) and :mod:`.component`
(the spaCy component); :mod:`.coreference` (the ``tidings_event_links`` component) keeps
one event per happening of an article, later definite nouns naming it becoming its mentions.
"""

from .arguments import ArgumentFinder, Draft
from .component import EventCoder, make_events
from .coreference import EventLinker, make_event_links
from .lexicon import Lexicon, SupportFrame, Trigger
from .loading import LEXICON_DIR, load_lexicon
from .phrases import clause_word, counted, theme

__all__ = [
    "LEXICON_DIR", "ArgumentFinder", "Draft", "EventCoder", "EventLinker", "Lexicon", "SupportFrame",
    "Trigger", "clause_word", "counted", "load_lexicon", "make_event_links", "make_events", "theme",
]
