"""Compiled data kept between runs: pickles in the cache directory, named by what they are built
from, so that loading a stage's data files and checking them happens once per change of them.

The directory is ``$TIDINGS_CACHE_DIR``, else ``$XDG_CACHE_HOME/tidings``, else
``~/.cache/tidings``. A file that cannot be read is rebuilt; a directory that cannot be written
only costs the rebuild at every start.

>>> import tempfile
>>> source = Path(tempfile.mkdtemp()) / "words.txt"
>>> _ = source.write_text("alpha beta")
>>> key = source_key([source])
>>> _ = source.write_text("alpha gamma")
>>> source_key([source]) != key
True
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

# Raised by a truncated, foreign or outdated pickle.
UNREADABLE = (pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError,
              TypeError, ValueError)


class Packed:
    """Base of slotted dataclasses kept in compiled data: pickled as their constructor's
    arguments, which loads several times faster than dataclasses' own state restoring."""

    __slots__ = ()

    def __reduce__(self) -> tuple:
        return type(self), tuple(getattr(self, name) for name in self.__slots__)


def cache_dir() -> Path:
    """Where compiled data lives."""
    if os.environ.get("TIDINGS_CACHE_DIR"):
        return Path(os.environ["TIDINGS_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tidings"


def save_pickle(value: object, path: Path) -> None:
    """Write ``value`` to ``path`` through a temporary file of this process (builds may race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    temporary.replace(path)


def load_pickle(path: Path) -> object:
    with open(path, "rb") as handle:
        return pickle.load(handle)  # noqa: S301 - our own cache directory


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """tidings' own code: a change of how data is compiled must rebuild it."""
    digest = hashlib.sha1()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


def source_key(sources: Iterable[Path], versions: Iterable[str] = ()) -> str:
    """A short hash of the files' names and contents, tidings' code and ``versions``."""
    digest = hashlib.sha1(_code_key())
    for version in versions:
        digest.update(f";{version}".encode())
    for path in sources:
        digest.update(f";{path.name}=".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def compiled(kind: str, sources: Iterable[Path], build: Callable[[], T],
             versions: Iterable[str] = ()) -> T:
    """``build()``, or its pickle from an earlier run built from the same ``sources`` (files)
    and ``versions`` (of the packages it reads); older pickles of ``kind`` are removed."""
    path = cache_dir() / f"{kind}-{source_key(sorted(sources), versions)}.pkl"
    try:
        return load_pickle(path)  # type: ignore[return-value]
    except OSError:
        pass  # not built yet, or no cache directory
    except UNREADABLE:
        path.unlink(missing_ok=True)
    value = build()
    try:
        save_pickle(value, path)
        for stale in path.parent.glob(f"{kind}-*.pkl"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache: rebuilt next time
    return value
