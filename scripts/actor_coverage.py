"""Gold-free actor coverage of tidings on a folder of plain-text news articles.

    python scripts/actor_coverage.py DIR [--sample N] [--show NAME ...]

Reads every ``*.txt`` in ``DIR`` (a publication date ``YYYY-MM-DD`` in the file name is used
as the article's date) and prints, over the events tidings finds:

* the share of event actors and recipients that carry a country,
* the share of events with at least one actor,
* the share of event actors and recipients left unresolved (``unk:`` ids).

``--show NAME`` prints the events of the articles whose file name contains NAME, one per line
(actors -> recipients), for reading them as an analyst would. Nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

from tidings import Pipeline
from tidings.model import Article, Event

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def articles(folder: Path, sample: int | None) -> list[Article]:
    """The folder's articles, ``sample`` of them spread evenly when given."""
    paths = sorted(folder.glob("*.txt"))
    if sample:
        step = max(1, len(paths) // sample)
        paths = paths[::step][:sample]
    found = []
    for path in paths:
        match = _DATE.search(path.name)
        published = dt.date.fromisoformat(match.group(1)) if match else None
        found.append(Article(path.stem, path.read_text(encoding="utf-8"), published=published))
    return found


def _describe(event: Event) -> str:
    def side(refs) -> str:
        return ", ".join(f"{r.id}[{r.text}]" for r in refs) or "-"
    return f"  {event.type:<10} {event.trigger.text!r:<16} {side(event.actors)} -> {side(event.recipients)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sample", type=int)
    parser.add_argument("--show", nargs="*", default=())
    options = parser.parse_args(argv)
    found = articles(options.folder, options.sample)
    if not found:
        print(f"{options.folder}: no *.txt articles", file=sys.stderr)
        return 1
    events = refs = with_country = unresolved = with_actor = 0
    for document in Pipeline().pipe(found):
        shown = any(name in document.article.id for name in options.show)
        if shown:
            print(f"== {document.article.id}")
        for event in document.events:
            events += 1
            with_actor += bool(event.actors)
            for ref in (*event.actors, *event.recipients):
                refs += 1
                with_country += ref.country is not None
                unresolved += ref.id.startswith("unk:")
            if shown:
                print(_describe(event))
    print(f"articles {len(found)}  events {events}  actor/recipient refs {refs}")
    print(f"refs with a country   {with_country / max(refs, 1):.3f}")
    print(f"events with an actor  {with_actor / max(events, 1):.3f}")
    print(f"refs unresolved (unk) {unresolved / max(refs, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
