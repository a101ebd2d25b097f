"""The ``tidings`` command: a thin layer that parses, calls the core, and renders."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .errors import InputError, TidingsError
from .model import Article, Document
from .settings import Settings
from .store import IngestCounts

app = typer.Typer(
    help="tidings: source-attributed event data from news (who did what to whom, where, when, "
    "and who says so).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Manage the offline gazetteer.", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[Path, typer.Option("--db", help="DuckDB file.")]
EXAMPLES = Path(__file__).resolve().parent / "data" / "examples"


def _fail(message: str, code: int = 2) -> None:
    errors.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(code)


def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"{name} must be a date like 2018-02-04, got {value!r}")
    return None


@app.command()
def extract(
    path: Annotated[str, typer.Argument(help="An article file (.txt, .html, .jsonl, feed, WARC) or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print tidings JSON v1.")] = False,
    published: Annotated[Optional[str], typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet that published it.")] = None,
) -> None:
    """Extract events from one input and print them."""
    from dataclasses import replace

    from .ingest import read_paths
    from .pipeline import Pipeline

    date = _date(published, "--published")
    articles: list[Article] = []
    bad = 0
    for item in read_paths([path]):
        if isinstance(item, InputError):
            errors.print(f"[red]{item}[/red]", highlight=False)
            bad += 1
            continue
        articles.append(replace(item, published=date or item.published, outlet=outlet or item.outlet))
    if not articles:
        raise typer.Exit(1)
    pipeline = Pipeline()
    for document in pipeline.pipe(articles, on_error=lambda e: errors.print(f"[red]{e}[/red]", highlight=False)):
        if as_json:
            sys.stdout.write(document.to_json(indent=2) + "\n")
        else:
            _print_document(document)
    raise typer.Exit(1 if bad else 0)


def _print_document(document: Document) -> None:
    article = document.article
    synd = article.syndication
    console.print(
        f"[bold]{article.title or article.source_path or article.id}[/bold]  "
        f"published {article.published or 'unknown'}"
        + (f"  (originally {synd.original_outlet or synd.wire}, {synd.original_published or '?'})" if synd else ""),
        highlight=False,
    )
    table = Table(expand=True)
    for column, ratio in (("event", 3), ("who → whom", 5), ("where", 3), ("when", 3), ("who says so", 6)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for event in document.events:
        status = "negated" if event.negated else "" if event.happened else event.modality
        table.add_row(
            f"{event.type}{f' ({event.mode})' if event.mode else ''} · {event.trigger.text}"
            + (f" [{status}]" if status else ""),
            f"{', '.join(a.name for a in event.actors) or '?'} → "
            f"{', '.join(a.name for a in event.recipients) or '?'}",
            f"{event.location.name}{f' ({event.location_role})' if event.location_role else ''}"
            if event.location else "",
            _when(event.time),
            "; ".join(f"{_source_name(s)}: {s.stance}" for s in event.sources),
        )
    console.print(table)


def _when(time) -> str:
    if time is None:
        return ""
    if time.begin is None:
        return f"≤ {time.end_date}"
    return str(time.begin) if time.begin == time.end_date else f"{time.begin} – {time.end_date}"


def _source_name(source) -> str:
    if source.actor is not None:
        return source.actor.name
    return source.outlet or ("the article" if source.level == "article" else "unnamed source")


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or glob patterns.")],
    db: DbOption = Path(Settings.db),
    engine: Annotated[str, typer.Option(help="local, or dask for a Dask cluster.")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (default: a LocalCluster).")] = None,
    workers: Annotated[int, typer.Option(help="Workers of the LocalCluster.")] = 2,
    batch_size: Annotated[int, typer.Option(help="Articles per batch.")] = Settings.batch_size,
) -> None:
    """Read articles, extract events and store them in a DuckDB file (each article once)."""
    settings = Settings(db=str(db), batch_size=batch_size)
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, got {engine!r}")
    bad: list[InputError] = []

    def report(error: InputError) -> None:
        bad.append(error)
        errors.print(f"[yellow]skipped[/yellow] {error}", highlight=False)

    if engine == "dask":
        from .scale import ingest_with_dask

        with Progress(TextColumn("[bold]ingest (dask)"), TextColumn("{task.completed} articles"),
                      TimeElapsedColumn(), console=errors) as progress:
            task = progress.add_task("ingest", total=None)
            counts = ingest_with_dask(paths, settings, scheduler=scheduler, workers=workers, on_error=report,
                                      on_progress=lambda done: progress.update(task, completed=done))
    else:
        counts = ingest_locally(paths, settings, on_error=report)
    _update_stories(settings)
    console.print(
        f"[green]stored {counts.added} new articles[/green] with {counts.events} events in {db}; "
        f"{counts.skipped} already stored; {len(bad)} inputs skipped",
        highlight=False,
    )
    raise typer.Exit(1 if bad else 0)


def ingest_locally(paths: list[str], settings: Settings, on_error: Callable[[InputError], None]) -> IngestCounts:
    """The local engine: read, skip what is stored, process in batches, store each batch."""
    from .ingest import expand_paths, read_paths
    from .pipeline import Pipeline
    from .store import IngestCounts, Store

    files = list(expand_paths(paths))
    total = IngestCounts()
    with Store(settings.db) as store, Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
        TextColumn("{task.fields[articles]} articles"), TimeElapsedColumn(), console=errors,
    ) as progress:
        task = progress.add_task("ingest", total=len(files), articles=0)

        def articles() -> Iterator[Article]:
            for path in files:
                for item in read_paths([path], settings):
                    if isinstance(item, InputError):
                        on_error(item)
                    else:
                        yield item
                progress.advance(task)

        pipeline: Pipeline | None = None
        for chunk in _chunks(articles(), settings.batch_size):
            known = store.known_ids(a.id for a in chunk)
            fresh = [a for a in chunk if a.id not in known]
            total.skipped += len(chunk) - len(fresh)
            if fresh:
                pipeline = pipeline or Pipeline(settings)
                counts = store.add(pipeline.pipe(fresh, on_error=on_error))
                total.added += counts.added
                total.skipped += counts.skipped
                total.events += counts.events
            progress.update(task, articles=total.added + total.skipped)
    return total


def _update_stories(settings: Settings, rebuild: bool = False) -> int:
    from .stories import update_stories
    from .store import Store

    with Store(settings.db) as store:
        return update_stories(store, rebuild=rebuild)


@app.command("stories")
def stories_command(
    db: DbOption = Path(Settings.db),
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Re-cluster every stored article.")] = False,
) -> None:
    """Bring the stories up to date; --rebuild re-clusters the whole store (ids are kept)."""
    if not db.exists():
        _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
    count = _update_stories(Settings(db=str(db)), rebuild=rebuild)
    console.print(f"{count} stories in {db}", highlight=False)


@app.command()
def events(
    db: DbOption = Path(Settings.db),
    actor: Annotated[Optional[str], typer.Option(help="Actor name, text or id.")] = None,
    type: Annotated[Optional[str], typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO3 country of an actor or the place.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before this date.")] = None,
    happened: Annotated[bool, typer.Option(help="Only events asserted as having happened.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 100,
    format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
) -> None:
    """List stored events, filtered."""
    from .store import EventQuery

    if format not in ("table", "json", "csv"):
        _fail(f"--format must be table, json or csv, got {format!r}")
    query = EventQuery(actor=actor, type=type, country=country, since=_date(since, "--since"),
                       until=_date(until, "--until"), happened_only=happened, limit=limit)
    with _open_store(db) as store:
        rows = store.query_events(query).to_pylist()
    if format == "json":
        sys.stdout.write(json.dumps(rows, default=str, ensure_ascii=False, indent=2) + "\n")
    elif format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_event_rows(rows)


def _print_event_rows(rows: list[dict]) -> None:
    table = Table(title=f"{len(rows)} events", expand=True)
    table.add_column("date", no_wrap=True, min_width=10)
    for column, ratio in (("event", 3), ("who → whom", 5), ("where", 3), ("who says so", 5)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        status = " (negated)" if row["negated"] else "" if row["modality"] in ("asserted", "reported_speech") \
            else f" ({row['modality']})"
        table.add_row(
            str(row["published"] or ""), f"{row['type']} · {row['trigger_text']}{status}",
            f"{row['actors'] or '?'} → {row['recipients'] or '?'}", row["place_name"] or "",
            row["sources"] or "",
        )
    console.print(table)


def _open_store(db: Path, read_only: bool = True):
    from .store import Store

    if not db.exists():
        _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
    return Store(db, read_only=read_only)


@app.command("export")
def export_command(
    db: DbOption = Path(Settings.db),
    format: Annotated[str, typer.Option("--format", help="parquet, csv, jsonl, plover or gdelt.")] = "parquet",
    out: Annotated[Path, typer.Option("--out", help="Output file.")] = Path("events.parquet"),
) -> None:
    """Export stored events (or documents) to a file."""
    from .export import available, export

    if format not in available():
        _fail(f"--format must be one of {', '.join(available())}, got {format!r}")
    with _open_store(db) as store:
        written = export(store, format, out)
    console.print(f"wrote {written} records to {out}", highlight=False)


@app.command()
def demo(
    db: DbOption = Path("tidings-demo.duckdb"),
) -> None:
    """Ingest the example articles that ship with tidings and print their events."""
    settings = Settings(db=str(db))
    counts = ingest_locally([str(EXAMPLES)], settings, on_error=lambda e: errors.print(f"[yellow]{e}[/yellow]"))
    _update_stories(settings)
    with _open_store(db) as store:
        rows = store.query_events(_demo_query()).to_pylist()
    _print_event_rows(rows)
    console.print(
        f"{counts.added} new articles stored in {db} ({counts.skipped} already there).\n"
        f"Explore them in a browser: [bold]tidings serve --db {db}[/bold] "
        f"then open http://{settings.host}:{settings.port}/",
        highlight=False,
    )


def _demo_query():
    from .store import EventQuery

    return EventQuery(limit=50)


@app.command("eval")
def eval_command(
    stage: Annotated[str, typer.Argument(help="events, attribution, places or times.")],
    path: Annotated[Path, typer.Argument(help="Fixture file (JSONL).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure one stage against a fixture file: precision, recall, F1, accuracy."""
    from .evaluation import EVALUATORS, evaluate

    if stage not in EVALUATORS:
        _fail(f"stage must be one of {', '.join(EVALUATORS)}, got {stage!r}")
    if not path.exists():
        _fail(f"{path}: no such file")
    report = evaluate(stage, str(path))
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, default=str) + "\n")
        return
    console.print(f"[bold]{stage}[/bold]: {report.items} items", highlight=False)
    for name, value in report.scores.items():
        console.print(f"  {name:<32} {value:.3f}", highlight=False)
    for title, rows in report.tables.items():
        table = Table(title=title)
        columns = sorted({key for row in rows.values() for key in row})
        table.add_column("label")
        for column in columns:
            table.add_column(column, justify="right")
        for label, row in sorted(rows.items()):
            table.add_row(label, *(f"{row.get(c, '')}" if not isinstance(row.get(c), float)
                                   else f"{row[c]:.3f}" for c in columns))
        console.print(table)
    if report.confusion:
        table = Table(title="confusion (expected → predicted)")
        for column in ("expected", "predicted", "count"):
            table.add_column(column)
        for (expected, predicted), count in report.confusion.most_common(30):
            table.add_row(str(expected), str(predicted), str(count))
        console.print(table)


@app.command()
def serve(
    db: DbOption = Path(Settings.db),
    host: Annotated[str, typer.Option(help="Address to bind.")] = Settings.host,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = Settings.port,
) -> None:
    """Serve the HTTP API and the web page over a DuckDB file, read-only."""
    from .api import serve as run_server

    if not db.exists():
        _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
    console.print(f"serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    run_server(str(db), host=host, port=port)


@gazetteer_app.command("import")
def gazetteer_import(
    path: Annotated[Path, typer.Argument(help="A GeoNames dump: allCountries.zip or .txt.")],
) -> None:
    """Upgrade the gazetteer from a full GeoNames dump."""
    from .geo import import_geonames

    if not path.exists():
        _fail(f"{path}: no such file")
    count = import_geonames(str(path))
    console.print(f"imported {count:,} places from {path}", highlight=False)


def main() -> None:
    """Run the CLI; errors become one clear line (``TIDINGS_DEBUG=1`` shows the traceback)."""
    import os

    try:
        app()
    except TidingsError as error:
        errors.print(f"[red]error:[/red] {error}", highlight=False)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - the last guard: one line, not a traceback
        if os.environ.get("TIDINGS_DEBUG"):
            raise
        errors.print(f"[red]internal error:[/red] {type(error).__name__}: {error} "
                     "(run again with TIDINGS_DEBUG=1 for the traceback)", highlight=False)
        sys.exit(3)
