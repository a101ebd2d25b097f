"""The Phoenix actor dictionaries' format (TABARI): entries, dated codes, names, and the noise
filter for names; used by ``convert_petrarch_actors.py``.

An entry is a root phrase (``HAMID_KARZAI_``, words joined by ``_``), ``+`` synonym lines and
codes in brackets, inline or on indented lines: ``[AFGGOVBUS 050201-060531]`` (a CAMEO code of
three-letter chunks with a date range), ``[AFGGOV >011222]`` (from a date), ``[AFGELI <991231]``
(until a date) or ``[IGO]`` (undated); ``#`` starts a comment.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from petrarch_common import Tally, english_zipf

from tidings.datafiles import read_tsv


# CAMEO country codes that are not ISO 3166-1 alpha-3 (or name a country that has an ISO code
# of its own): CAMEO code -> ISO3.  Regions (AFR, EUR, MEA, ...) and former states (USR, YUG,
# DDR, CSK) have no row and give no country.
CAMEO_COUNTRIES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "PAL": "PSE",
                   "GZA": "PSE", "WBK": "PSE", "SRP": "SRB"}
# CAMEO actor-type and issue codes -> tidings sector codes (codes.tsv); None: no sector.
CAMEO_SECTORS = {
    "MNC": "BUS", "PTY": "OPP", "SET": "CVL", "PPL": "CVL", "MOD": "GOV",
    "MUS": "REL", "CHR": "REL", "CTH": "REL", "PRO": "REL", "JEW": "REL", "HIN": "REL",
    "BUD": "REL", "SIK": "REL", "SHI": "REL", "SUN": "REL", "ITP": "REL", "DOX": "REL",
    "TAO": "REL", "JAN": "REL", "CON": "REL", "ZRO": "REL", "MOS": "REL", "ADR": "REL",
}
# Codes after IGO/NGO/MNC/IMG that name the organisation itself (UNO, NAT, EEC, ...) are
# neither a country nor a sector; they are skipped.
TRANSNATIONAL = {"IGO", "NGO", "MNC", "IMG", "UAF", "REB", "INS", "SEP", "CRM", "RAD"}
PARTICLES = {"of", "the", "and", "for", "in", "on", "at", "to", "de", "del", "della", "des",
             "du", "da", "dos", "das", "van", "von", "der", "den", "la", "le", "y", "bin",
             "ibn", "bint", "al", "el", "ul", "ud", "ur", "et", "a"}
PIVOT_YEAR = 30  # two-digit years below it are 20YY, the rest 19YY


@dataclass
class Code:
    """One bracketed code of an entry: ``[AFGGOVBUS 050201-060531]``."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass
class Entry:
    """One dictionary entry: its root phrase, ``+`` synonyms, codes and comments."""

    source: str
    line: int
    root: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    comment: str = ""


# --- Reading the TABARI format -----------------------------------------------------------------

CODE_RE = re.compile(r"\[\s*~?([A-Z0-9~-]*)\s*([<>]?[0-9]*(?:-[0-9]+)?)\s*[\]}]")


def parse_date(text: str) -> dt.date:
    """``YYMMDD`` (two-digit years pivot at 2030) or ``YYYYMMDD``; ValueError otherwise."""
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year < PIVOT_YEAR else 1900
        return dt.date(year, int(text[2:4]), int(text[4:]))
    if len(text) == 8:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    raise ValueError(text)


def parse_code(code: str, dates: str) -> Code:
    """A code with its date restriction: ``A-B``, ``>A`` (from A), ``<B`` (until B) or none."""
    if not dates:
        return Code(code)
    if dates[0] == ">":
        return Code(code, start=parse_date(dates[1:]))
    if dates[0] == "<":
        return Code(code, end=parse_date(dates[1:]))
    start, _, end = dates.partition("-")
    return Code(code, parse_date(start), parse_date(end))


def read_entries(path: Path, tally: Tally) -> Iterator[Entry]:
    """The entries of an actor dictionary, in file order."""
    entry: Entry | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        content, _, comment = raw.partition("#")
        if not content.strip():
            continue
        text = content.strip()
        if text.startswith("+") and entry is not None:
            entry.synonyms.extend(s for s in text.split("+") if s.strip("_ "))
        elif text.startswith("[") and entry is not None:
            entry.codes.extend(_codes(text, path, number, tally))
        else:
            if entry is not None:
                yield entry
            root = text.split("[", 1)[0].strip()
            entry = Entry(path.name, number, root, comment=comment.strip())
            entry.codes.extend(_codes(text[len(root):], path, number, tally))
        if entry is not None and comment and not entry.comment:
            entry.comment = comment.strip()
    if entry is not None:
        yield entry


def _codes(text: str, path: Path, number: int, tally: Tally) -> Iterator[Code]:
    for match in CODE_RE.finditer(text):
        try:
            yield parse_code(match.group(1).strip("~"), match.group(2))
        except ValueError:
            tally.note("role line with a malformed date (role dropped)")
            print(f"{path.name}:{number}: malformed date in {match.group(0)!r}", file=sys.stderr)


# --- Names ----------------------------------------------------------------------------------------


def display_name(phrase: str, *, organization: bool) -> tuple[str, list[str]]:
    """``HAMID_KARZAI_`` -> "Hamid Karzai"; parenthesised acronyms come back as extra aliases."""
    acronyms = [a for a in re.findall(r"\(([A-Z0-9.&-]+)\)", phrase)]
    phrase = re.sub(r"\([^)]*\)", " ", phrase)
    words = [w for w in re.split(r"[_\s]+", phrase) if w]
    rendered = [_word(w, first=i == 0, organization=organization) for i, w in enumerate(words)]
    if organization and len(words) == 1 and len(words[0]) <= 6 and words[0].isalpha():
        if len(words[0]) <= 4:
            return words[0].upper(), acronyms  # UN, NATO, OPEC
        acronyms.append(words[0].upper())  # Hamas and HAMAS
    return " ".join(rendered), acronyms


def _word(word: str, *, first: bool, organization: bool) -> str:
    lower = word.lower()
    if "." in word.strip(".") or any(c.isdigit() for c in word) or word.endswith(".") and len(word) <= 3:
        return word.upper() if "." in word.strip(".") else word.title()
    if organization and not re.search(r"[AEIOUY]", word):
        return word  # an acronym: PKK, SPLM
    if lower in PARTICLES and not first:
        return lower
    parts = re.split(r"(-)", lower)
    out = [p if p in ("al", "el") and i + 1 < len(parts) and (i > 0 or not first)
           else _capital(p) for i, p in enumerate(parts)]
    return "".join(out)


def _capital(part: str) -> str:
    """"o'brien" -> "O'Brien", "mcdonald" -> "McDonald"."""
    text = part[:1].upper() + part[1:]
    text = re.sub(r"'([a-z])", lambda m: "'" + m.group(1).upper(), text)
    return re.sub(r"^(Mc)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return text or "actor"


# --- Codes -> country and sectors -------------------------------------------------------------


def iso3(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a CAMEO country code, or None."""
    if code in CAMEO_COUNTRIES:
        return CAMEO_COUNTRIES[code]
    return code if pycountry.countries.get(alpha_3=code) else None


def split_code(code: str, sectors: dict[str, str]) -> tuple[str | None, tuple[str, ...]]:
    """``AFGGOVBUS`` -> ("AFG", ("GOV", "BUS")); ``NGOUSAHRI`` -> ("USA", ("NGO", "HRI")).

    The country is the first three letters, or the three after a transnational prefix (IGO,
    NGO, MNC, armed group codes); every other three-letter chunk is a sector when it maps to one.
    """
    chunks = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
    country = None
    if chunks and chunks[0] not in TRANSNATIONAL and iso3(chunks[0]):
        country = iso3(chunks[0])
        chunks = chunks[1:]
    elif len(chunks) > 1 and chunks[0] in TRANSNATIONAL and chunks[1] not in sectors \
            and iso3(chunks[1]):
        country = iso3(chunks[1])
        chunks = [chunks[0], *chunks[2:]]
    found: list[str] = []
    for chunk in chunks:
        sector = sectors.get(chunk)
        if sector and sector not in found:
            found.append(sector)
    found.sort(key=lambda s: s == "REL")  # religion qualifies a sector: REBMUS is REB first
    return country, tuple(found)


def sector_table(codes_path: Path) -> dict[str, str]:
    """CAMEO chunk -> tidings sector: every code of codes.tsv maps to itself, then the table."""
    table = {row["code"]: row["code"] for _, row in read_tsv(codes_path, ("code", "label", "kind"))}
    table.update({k: v for k, v in CAMEO_SECTORS.items() if v in table})
    return table


def code_kinds(codes_path: Path) -> dict[str, str]:
    return {row["code"]: row["kind"] for _, row in read_tsv(codes_path, ("code", "label", "kind"))}


# --- Noise ---------------------------------------------------------------------------------------


class NoiseFilter:
    """Says why a name form would fire on ordinary English text, or None when it is safe.

    Rules: fewer than three letters, or a single word of three not written in capitals
    ("too short"); a single English stop word, or a name made
    of stop words and particles only ("stop word"); a single word at or above ``common_zipf``
    on the Zipf scale of word frequency ("common word": "Fisher", "Rice", "May"); a name of a
    country, demonym or capital already in tidings' country data ("country or capital name").
    """

    def __init__(self, frequency: Callable[[str], float], stop_words: Iterable[str],
                 places: Iterable[str], common_zipf: float = 4.0) -> None:
        self.frequency, self.common_zipf = frequency, common_zipf
        self.stop_words = {w.lower() for w in stop_words}
        self.places = {p.lower() for p in places}

    def reason(self, form: str) -> str | None:
        words = form.split()
        letters = sum(c.isalpha() for c in form)
        if letters < 3 or (len(words) == 1 and letters == 3 and not form.isupper()):
            return "too short"
        if all(w.lower() in self.stop_words or w.lower() in PARTICLES for w in words):
            return "stop word"
        if form.lower() in self.places:
            return "country or capital name"
        if len(words) == 1 and self.frequency(form.lower()) >= self.common_zipf:
            return "common word"
        return None


def place_names(actors_dir: Path) -> set[str]:
    """Country names, aliases, demonyms and capitals (pycountry and countries.tsv)."""
    names = {n for c in pycountry.countries
             for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")) if n}
    columns = ("iso3", "name", "aliases", "demonyms", "capitals")
    for _, row in read_tsv(actors_dir / "countries.tsv", columns):
        names.add(row["name"])
        for key in ("aliases", "demonyms", "capitals"):
            names.update(p.strip() for p in row[key].split("|") if p.strip())
    return names


def default_filter(actors_dir: Path) -> NoiseFilter:
    """The filter with wordfreq's English frequencies and spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return NoiseFilter(english_zipf("convert_petrarch_actors"), STOP_WORDS, place_names(actors_dir))
