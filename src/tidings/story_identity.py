"""Article identity: canonical URL, title key, outlet key, and MinHash signatures with their LSH bands.

>>> canonical_url("https://www.example.com/news/a-story/?utm_source=x&id=7#top")
'example.com/news/a-story?id=7'
>>> title_key("Talks Resume in the Capital | Example News")
'talks resume in the capital'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import MinHash

from .datafiles import DataError, data_path, line_of, read_yaml, word_list

NUM_PERM = 128
SHINGLE_WORDS = 3
_WORD = re.compile(r"\w+", re.UNICODE)


IDENTITY_FILE = data_path("stories", "identity.yaml")


@functools.cache
def _identity_rules(path: Path = IDENTITY_FILE) -> dict:
    raw = read_yaml(path)
    params, title = raw.get("tracking_params"), raw.get("title")
    if not isinstance(params, dict) or not isinstance(title, dict):
        raise DataError(path, 0, "needs the sections tracking_params and title")
    prefixes = word_list(path, "tracking_params.prefixes", params.get("prefixes"))
    names = word_list(path, "tracking_params.names", params.get("names"))
    separators = title.get("outlet_separators")
    if not isinstance(separators, list) or not all(isinstance(s, str) and s for s in separators):
        raise DataError(path, line_of(path, "outlet_separators:"),
                        "title.outlet_separators: must be a list of non-empty strings")
    if not isinstance(title.get("min_words"), int):
        raise DataError(path, line_of(path, "min_words:"), "title.min_words: must be a whole number")
    return {"prefixes": tuple(prefixes), "names": frozenset(names),
            "separators": tuple(separators), "min_words": title["min_words"]}


def canonical_url(url: str | None) -> str | None:
    """The URL without scheme, ``www.``, fragment, tracking parameters or trailing slash."""
    if not url or not url.strip():
        return None
    try:  # a stored address with a bad port or bracket is no address, not a failed step
        parts = urlsplit(url.strip() if "://" in url else f"http://{url.strip()}")
        port_number = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    rules = _identity_rules()
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in rules["names"] and not k.lower().startswith(rules["prefixes"])
    )
    path = parts.path.rstrip("/")
    port = f":{port_number}" if port_number and port_number not in (80, 443) else ""
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def title_key(title: str | None) -> str | None:
    """The headline folded to lower-case words, without a trailing ``| Outlet``; None when short."""
    if not title:
        return None
    rules = _identity_rules()
    for separator in rules["separators"]:
        head, found, _ = title.rpartition(separator)
        if found and len(_WORD.findall(head)) >= rules["min_words"]:
            title = head
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().casefold()
    words = _WORD.findall(folded)
    return " ".join(words) if len(words) >= rules["min_words"] else None


def outlet_key(name: str | None) -> str | None:
    """An outlet name folded for comparison ("The Example Times" == "example times")."""
    if not name:
        return None
    words = _WORD.findall(unicodedata.normalize("NFKD", name).casefold())
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(words) or None


def word_shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of ``size``-word runs of the lower-cased text (the whole text when shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signatures(texts: Iterable[str]) -> list[bytes]:
    """MinHash signatures of the texts' word shingles, as bytes to store."""
    hashes = MinHash.bulk([word_shingles(text) for text in texts], num_perm=NUM_PERM)
    return [h.hashvalues.astype(np.uint32).tobytes() for h in hashes]


def signature_array(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two MinHash signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


BANDS, ROWS = 25, 5  # LSH bands of a signature: candidates share all ROWS values of one band
_BAND_MULTIPLIERS = np.random.default_rng(20240501).integers(1, 2**63, size=(BANDS, ROWS), dtype=np.uint64) | 1


def band_keys(signature: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band of a signature (the band's number and values, hashed)."""
    values = signature[:BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        keys = (values * _BAND_MULTIPLIERS).sum(axis=1, dtype=np.uint64)
    return keys.view(np.int64)


class NearDuplicateIndex:
    """MinHash LSH over signatures: which indexed articles a text nearly repeats."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.buckets: dict[int, list[str]] = defaultdict(list)
        self.signatures: dict[str, np.ndarray] = {}

    def add(self, key: str, signature: np.ndarray) -> None:
        for band in band_keys(signature).tolist():
            self.buckets[band].append(key)
        self.signatures[key] = signature

    def candidates(self, signature: np.ndarray) -> set[str]:
        """Indexed keys sharing a band with the signature."""
        return {key for band in band_keys(signature).tolist() for key in self.buckets.get(band, ())}

    def query(self, signature: np.ndarray) -> list[tuple[str, float]]:
        """Indexed keys whose estimated similarity reaches the threshold, with it."""
        scored = ((key, similarity(signature, self.signatures[key])) for key in sorted(self.candidates(signature)))
        return [(key, score) for key, score in scored if score >= self.threshold]
