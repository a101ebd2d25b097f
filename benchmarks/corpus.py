"""A synthetic news corpus from templates: originals, syndicated copies, light edits, follow-ups.

Every text is generated here from word lists and sentence templates (no real articles).  Each
article comes with the story it belongs to, so clustering can be scored, and with hand-built
event records (type, actor, recipient, place, a confirming or denying source), so story events
can be checked without running the NLP stages.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tidings.ingest import make_article
from tidings.model import ActorRef, Document, Event, EventTime, Place, Source, Span

COUNTRIES = [
    ("Norland", "NRL", "Eastport"), ("Valdera", "VAL", "Santa Isola"), ("Ostmark", "OST", "Kellberg"),
    ("Tarsia", "TRS", "Meridan"), ("Belcova", "BLC", "Vesna"), ("Quorin", "QRN", "Halden"),
    ("Maravia", "MRV", "Porto Lume"), ("Senthal", "SNT", "Ravensk"), ("Arkadia", "ARK", "Thessa"),
    ("Lunmark", "LUN", "Fjellby"), ("Corvania", "CRV", "Dravos"), ("Istria Nova", "ISN", "Kaprin"),
    ("Zembla", "ZMB", "Orlo"), ("Pellucid", "PLC", "Glasmere"), ("Rhovan", "RHV", "Tavir"),
    ("Estrada", "EST", "Los Pinos"), ("Kirvan", "KRV", "Amrit"), ("Tolmar", "TLM", "Sudra"),
    ("Ubria", "UBR", "Castel"), ("Wessary", "WSY", "Northam"), ("Yarrow", "YRW", "Brindle"),
    ("Daluvia", "DLV", "Mestre"), ("Ferrand", "FRD", "Oloron"), ("Gaspia", "GSP", "Tiflan"),
]
BODIES = ["government", "army", "foreign ministry", "police", "coast guard", "interior ministry",
          "air force", "president's office", "parliament", "central bank"]
EVENTS = {
    "ASSAULT": ["shelled positions held by", "launched strikes against", "attacked a convoy of"],
    "PROTEST": ["staged demonstrations against", "rallied outside the embassy of"],
    "CONSULT": ["held talks with", "met envoys from", "hosted a delegation from"],
    "AGREE": ["signed a trade accord with", "agreed a ceasefire with"],
    "SANCTION": ["imposed sanctions on", "froze the assets of"],
    "AID": ["sent relief supplies to", "pledged emergency funds to"],
    "THREATEN": ["warned of retaliation against", "threatened to expel diplomats of"],
    "ACCUSE": ["accused", "blamed"],
    "COERCE": ["detained fishermen from", "seized a cargo ship belonging to"],
    "REJECT": ["rejected a proposal from", "turned down a request by"],
}
FIRST = ["Amara", "Bruno", "Celia", "Dario", "Elin", "Farid", "Greta", "Hugo", "Ines", "Jonas",
         "Kaia", "Lior", "Mira", "Nils", "Oona", "Pavel", "Rosa", "Soren", "Talia", "Ulric"]
LAST = ["Ardent", "Bellamy", "Corrin", "Dunmore", "Esker", "Falk", "Garrow", "Hale", "Ivers",
        "Jansen", "Korda", "Lindqvist", "Marlow", "Norrel", "Osei", "Pryce", "Quill", "Rask"]
OUTLETS = ["Harbor Herald", "Daily Lantern", "Meridian Post", "Valley Courier", "Northern Ledger",
           "Evening Compass", "Capital Wire Review", "Atlas Bulletin", "Morning Tribune",
           "Civic Observer", "Frontier Gazette", "Riverside Dispatch"]
NOUNS = ["talks", "border", "budget", "harvest", "pipeline", "port", "election", "treaty",
         "bridge", "refinery", "convoy", "summit", "strike", "market", "reservoir", "railway"]
ADJECTIVES = ["tense", "lengthy", "unexpected", "cautious", "bitter", "quiet", "renewed",
              "sweeping", "limited", "fragile", "costly", "sudden"]
FILLERS = [
    "Residents of {city} described {adj} scenes as the {noun} dominated conversation for {n} days.",
    "Analysts said the {noun} had been {adj} since {year}, when {name} first raised it in {city}.",
    "{name}, a {adj} critic of the {body}, said the {noun} would cost about {n} million.",
    "Officials in {city} declined to say how many {noun} inspections were planned this {month}.",
    "The {body} of {country} has faced {adj} questions over the {noun} for {n} weeks.",
    "Shops near the {noun} in {city} closed early, according to {name}.",
    "In {year}, a similar {noun} dispute ended after {n} rounds of {adj} negotiation.",
    "{name} told reporters the {body} expected a {adj} response by the end of {month}.",
    "Local radio in {city} reported {n} roadblocks near the {noun} on {weekday}.",
    "Observers from {country} called the situation {adj} but not unusual for {month}.",
    "The {noun} has drawn {adj} attention from lawmakers in {country}, {name} said.",
    "Traffic around the {noun} in {city} was diverted for {n} hours on {weekday}.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class LabelledDocument:
    """A generated document and the story it belongs to (``kind``: how it was made)."""

    document: Document
    story: str
    kind: str  # original, syndicated, edited, follow_up, unrelated


class CorpusMaker:
    """Generates articles from the templates with a seeded random source."""

    def __init__(self, seed: int = 7) -> None:
        self.random = random.Random(seed)

    def _fill(self, template: str, country: tuple[str, str, str]) -> str:
        r = self.random
        return template.format(
            city=r.choice(COUNTRIES)[2] if r.random() < 0.5 else country[2], adj=r.choice(ADJECTIVES),
            noun=r.choice(NOUNS), n=r.randint(2, 950), year=r.randint(1990, 2023),
            name=f"{r.choice(FIRST)} {r.choice(LAST)}", body=r.choice(BODIES), country=country[0],
            month=r.choice(MONTHS), weekday=r.choice(WEEKDAYS),
        )

    def happening(self) -> dict:
        """One made-up happening: who did what to whom, where, who confirms it."""
        r = self.random
        actor, recipient = r.sample(COUNTRIES, 2)
        event_type = r.choice(sorted(EVENTS))
        return {"actor": actor, "recipient": recipient, "type": event_type, "place": r.choice([actor, recipient])[2],
                "body": r.choice(BODIES), "date": dt.date(2023, 1, 1) + dt.timedelta(days=r.randint(0, 700))}

    def report(self, happening: dict, *, outlet: str, published: dt.date, story: str, kind: str,
               sentences: int = 9, stance: str = "confirms", text: str | None = None) -> LabelledDocument:
        """An article about ``happening``: a lead sentence, a source sentence and filler."""
        r = self.random
        actor, recipient = happening["actor"], happening["recipient"]
        if text is None:
            verb = r.choice(EVENTS[happening["type"]])
            lead = (f"The {happening['body']} of {actor[0]} {verb} {recipient[0]} near {happening['place']} "
                    f"on {WEEKDAYS[happening['date'].weekday()]}.")
            said = {"confirms": "confirmed", "denies": "denied"}[stance]
            source = f"A spokesperson for the {recipient[0]} {r.choice(BODIES)} {said} the account."
            body = [self._fill(r.choice(FILLERS), actor) for _ in range(sentences)]
            text = "\n\n".join([lead, source, *body])
        title = f"{actor[0]} and {recipient[0]}: {r.choice(ADJECTIVES)} {r.choice(NOUNS)} {r.randint(1, 99)}"
        slug = title.lower().replace(" ", "-").replace(":", "")
        url = f"https://www.{outlet.lower().replace(' ', '')}.example/{published.year}/{slug}?utm_source=feed"
        article = make_article(text, published=published, url=url, outlet=outlet, title=title)
        events = (self._event(article.id, text, happening, stance),) if happening["type"] else ()
        return LabelledDocument(Document(article=article, events=events), story, kind)

    def _event(self, article_id: str, text: str, happening: dict, stance: str) -> Event:
        lead_end = text.find("\n")
        actor, recipient = happening["actor"], happening["recipient"]

        def ref(country: tuple[str, str, str]) -> ActorRef:
            start = max(text.find(country[0]), 0)
            return ActorRef(country[1], country[0], country[1], ("GOV",), start, start + len(country[0]), country[0])

        place_start = max(text.find(happening["place"]), 0)
        place = Place(place_start, place_start + len(happening["place"]), happening["place"], happening["place"],
                      None, recipient[1], None, None, None, "P", "city")
        said = text.find(" the account")
        cue = Span(said - 9, said, text[said - 9:said]) if said > 9 else None
        return Event(
            id=f"{article_id}-e0", type=happening["type"], mode=None, context=(), cameo="", quad_class=0,
            goldstein=0.0, actors=(ref(actor),), recipients=(ref(recipient),),
            trigger=Span(0, 3, text[:3]), sentence=Span(0, lead_end, text[:lead_end]), location=place,
            time=EventTime(happening["date"], happening["date"], "day", None),
            sources=(Source(actor=ref(recipient), outlet=None, stance=stance, cue=cue),),
        )

    def light_edit(self, text: str) -> str:
        """The same text with a couple of words changed and one filler paragraph dropped."""
        paragraphs = text.split("\n\n")
        if len(paragraphs) > 4:
            del paragraphs[self.random.randrange(3, len(paragraphs))]
        words = "\n\n".join(paragraphs).split(" ")
        for _ in range(3):
            position = self.random.randrange(len(words))
            words[position] = self.random.choice(ADJECTIVES)
        return " ".join(words)

    def text(self, sentences: int = 9) -> str:
        """One article text (for throughput benchmarks)."""
        return self.report(self.happening(), outlet="Bench", published=dt.date(2024, 1, 1), story="",
                           kind="original", sentences=sentences).document.article.text


def story_corpus(stories: int = 40, unrelated: int = 20, seed: int = 7) -> list[LabelledDocument]:
    """Originals with syndicated copies (with notices), light edits and independent follow-ups."""
    maker = CorpusMaker(seed)
    r = maker.random
    corpus: list[LabelledDocument] = []
    for number in range(stories):
        story = f"story{number}"
        happening = maker.happening()
        outlets = r.sample(OUTLETS, 4)
        day = happening["date"]
        original = maker.report(happening, outlet=outlets[0], published=day, story=story, kind="original")
        corpus.append(original)
        text = original.document.article.text
        if r.random() < 0.7:
            notice = f"\n\nThis article originally appeared on {outlets[0]}, {day:%B} {day.day}, {day.year}."
            corpus.append(maker.report(happening, outlet=outlets[1], published=day + dt.timedelta(days=1),
                                       story=story, kind="syndicated", text=text + notice))
        if r.random() < 0.6:
            corpus.append(maker.report(happening, outlet=outlets[2], published=day + dt.timedelta(days=1),
                                       story=story, kind="edited", text=maker.light_edit(text)))
        if r.random() < 0.4:
            corpus.append(maker.report(happening, outlet=outlets[3], published=day + dt.timedelta(days=2),
                                       story=story, kind="follow_up", stance="denies"))
    for number in range(unrelated):
        happening = maker.happening()
        corpus.append(maker.report(happening, outlet=r.choice(OUTLETS), published=happening["date"],
                                   story=f"unrelated{number}", kind="unrelated"))
    return corpus
