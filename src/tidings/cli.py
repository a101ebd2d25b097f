"""The ``tidings`` command: a thin layer that parses, calls the core, and renders."""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)
from rich.table import Table

from .errors import InputError, TidingsError
from . import cli_views as views
from .model import Article
from .settings import Settings
from .store import IngestCounts

if TYPE_CHECKING:
    from .evaluation.metrics import Report

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


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("tidings")
        except PackageNotFoundError:
            number = "unknown (not installed)"
        console.print(f"tidings {number}", highlight=False)
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                               help="Print the version and exit.")] = False,
) -> None:
    """tidings: source-attributed event data from news."""


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
    as_json: Annotated[bool, typer.Option("--json", help="Print tidings JSON v1 as JSON Lines: one "
                                          "document (article) a line.")] = False,
    published: Annotated[Optional[str], typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Outlet that published it.")] = None,
) -> None:
    """Extract events from one input and print them: a table per article, or with --json one
    tidings JSON v1 document a line (JSON Lines; read each line with json.loads)."""
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
            sys.stdout.write(document.to_json() + "\n")
        else:
            views.print_document(console, document)
    raise typer.Exit(1 if bad else 0)


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
    lock_wait: Annotated[float, typer.Option(help="Seconds to wait while another process (another "
                                             "ingest) holds the file.")] = Settings.lock_wait,
) -> None:
    """Read articles, extract events and store them in a DuckDB file (each article once).

    The file is opened only while a batch is checked or stored, so `tidings serve` can serve it
    meanwhile; a reload of the page shows the new events."""
    settings = Settings(db=str(db), batch_size=batch_size, lock_wait=lock_wait)
    if engine not in ("local", "dask"):
        _fail(f"--engine must be local or dask, got {engine!r}")
    if workers < 1 or batch_size < 1:
        _fail(f"--workers and --batch-size must be at least 1, got {workers} and {batch_size}")
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
    """The local engine: read, skip what is stored, process in batches, store each batch.  The
    file is opened only to check and store a batch, so ``tidings serve`` can read it meanwhile."""
    from .pipeline import Pipeline
    from .store import IngestCounts
    from .store.live import BriefWriter

    total = IngestCounts()
    store = BriefWriter(settings.db, wait=settings.lock_wait)
    with _ingest_progress() as progress:
        pipeline: Pipeline | None = None
        for chunk in _chunks(progress.articles(paths, settings, on_error), settings.batch_size):
            known = store.known_ids(a.id for a in chunk)
            fresh = [a for a in chunk if a.id not in known]
            total.skipped += len(chunk) - len(fresh)
            if fresh:
                pipeline = pipeline or Pipeline(settings)
                counts = store.add(pipeline.pipe(fresh, on_error=on_error))
                total.added += counts.added
                total.skipped += counts.skipped
                total.events += counts.events
            progress.stored(total.added + total.skipped)
    return total


class _IngestProgress:
    """A progress bar over the bytes of the inputs, moved by each article's text as it is read
    (so one large JSON Lines or WARC file moves too), with the count of articles handled."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("ingest", total=None, articles=0)

    def articles(self, paths: list[str], settings: Settings,
                 on_error: Callable[[InputError], None]) -> Iterator[Article]:
        from .ingest import expand_paths, read_paths

        files = list(expand_paths(paths))
        sizes = [_size(path) for path in files]
        self.progress.update(self.task, total=sum(sizes) or None)
        for path, size in zip(files, sizes):
            left = size
            for item in read_paths([path], settings):
                if isinstance(item, InputError):
                    on_error(item)
                    continue
                step = min(left, len(item.text.encode("utf-8", "replace")))
                left -= step
                self.progress.advance(self.task, step)
                yield item
            self.progress.advance(self.task, left)

    def stored(self, handled: int) -> None:
        self.progress.update(self.task, articles=handled)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


@contextlib.contextmanager
def _ingest_progress() -> Iterator[_IngestProgress]:
    with Progress(TextColumn("[bold]ingest"), BarColumn(), DownloadColumn(), TextColumn("{task.fields[articles]} articles"),
                  TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(), console=errors) as progress:
        yield _IngestProgress(progress)


def _update_stories(settings: Settings, rebuild: bool = False) -> int:
    """Bring the stories up to date (``rebuild``: re-cluster every stored article); their count."""
    from .stories import update_stories
    from .store import Store

    if not Path(settings.db).exists():  # nothing was stored: no empty database left behind
        return 0
    with Store(settings.db, wait=settings.lock_wait) as store:
        return update_stories(store, rebuild=rebuild)


def events(db: Path, limit: int, format: str, sort: str, merged: bool, **filters: object) -> None:
    """List stored events, filtered (every filter of the API; see --help); --merged lists each
    happening once."""
    from .store import EventQuery
    from .store.filters import FilterError, parse
    from .store.merged import merged_events
    from .store.paging import SORT_KEYS
    from .store.queries import Reader

    if format not in ("table", "json", "csv") or (merged and format == "csv"):
        _fail(f"--format must be table, json or csv (csv not with --merged), got {format!r}")
    if sort not in SORT_KEYS:
        _fail(f"--sort must be one of {', '.join(SORT_KEYS)}, got {sort!r}")
    try:
        values = {name: parse(name, value) for name, value in filters.items()}
    except FilterError as error:
        name, _, problem = str(error).partition(":")
        _fail(f"--{name.replace('_', '-')}:{problem}")
    values["happened"] = bool(values["happened"])
    query = EventQuery(**values, sort=sort, limit=limit)
    with _open_store(db) as store:
        if merged:
            rows = merged_events(store.con, limit, values["type"])
        elif format == "csv":
            rows = store.query_events(query).to_pylist()
        else:
            rows = [views.event_record(row) for row in Reader(store.con).records(query)]
    if format == "json":
        views.write_json_lines(rows)
    elif format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        (views.print_merged if merged else views.print_events)(console, rows)


def _filter_options() -> list[inspect.Parameter]:
    """One option of ``tidings events`` per filter of the registry, with the filter's help."""
    from .store.filters import FILTERS

    keyword = inspect.Parameter.KEYWORD_ONLY
    options = []
    for name, definition in FILTERS.items():
        flag = f"--{name.replace('_', '-')}"
        choices = f" One of: {', '.join(map(str, definition.choices))}." if definition.choices else ""
        if definition.kind == "flag":
            kind, default = bool, False
        else:
            kind, default = Optional[str], None
        annotation = Annotated[kind, typer.Option(flag, help=definition.help + choices)]
        options.append(inspect.Parameter(name, keyword, annotation=annotation, default=default))
    return options


events.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
    inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, annotation=DbOption, default=Path(Settings.db)),
    inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, default=100,
                      annotation=Annotated[int, typer.Option(help="At most this many rows.")]),
    inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, default="table",
                      annotation=Annotated[str, typer.Option("--format", help="table, json (JSON Lines: one event "
                                                             "a line, actors and sources as lists) or csv (flat).")]),
    inspect.Parameter("merged", inspect.Parameter.KEYWORD_ONLY, default=False,
                      annotation=Annotated[bool, typer.Option("--merged", help="One row per happening, merged "
                                                              "across articles: mentions, articles, independent "
                                                              "sources, first reporter, stances (only --type "
                                                              "filters these).")]),
    inspect.Parameter("sort", inspect.Parameter.KEYWORD_ONLY, default="published",
                      annotation=Annotated[str, typer.Option(help="Sort column; '-' prefix for descending.")]),
    *_filter_options(),
])
events.__annotations__ = {p.name: p.annotation for p in events.__signature__.parameters.values()}  # type: ignore[attr-defined]
app.command()(events)


@app.command()
def stories(
    db: DbOption = Path(Settings.db),
    limit: Annotated[int, typer.Option(help="At most this many stories.")] = 100,
    format: Annotated[str, typer.Option("--format", help="table or json (JSON Lines).")] = "table",
    rebuild: Annotated[bool, typer.Option("--rebuild", help="First re-cluster every stored article "
                                          "(story ids are kept).")] = False,
) -> None:
    """List stories: articles about the same happening, with their independent sources."""
    from .store.merged import stories as read_stories

    if format not in ("table", "json"):
        _fail(f"--format must be table or json, got {format!r}")
    if rebuild:
        if not db.exists():
            _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
        _update_stories(Settings(db=str(db)), rebuild=True)
    with _open_store(db) as store:
        rows = read_stories(store.con, limit)
    if format == "json":
        views.write_json_lines(rows)
    else:
        views.print_stories(console, rows)


def _open_store(db: Path, read_only: bool = True):
    from .store import Store

    if not db.exists():
        _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
    return Store(db, read_only=read_only, wait=Settings.lock_wait)


@app.command("export")
def export_command(
    db: DbOption = Path(Settings.db),
    format: Annotated[str, typer.Option("--format", help="parquet, csv, plover or gdelt (events), or "
                                        "jsonl (documents: tidings JSON v1, one article a line).")] = "parquet",
    out: Annotated[Path, typer.Option("--out", help="Output file.")] = Path("events.parquet"),
) -> None:
    """Export stored events to a file; --format jsonl exports whole documents (one article a line)."""
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
    from .store.queries import Reader

    with _open_store(db) as store:
        rows = [views.event_record(row) for row in Reader(store.con).records(_demo_query())]
    views.print_events(console, rows)
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
    path: Annotated[Path, typer.Argument(help="Fixture file (JSONL) or corpus file/directory.")],
    fmt: Annotated[str, typer.Option("--format", help="jsonl (fixtures); polnear or brat "
                                     "(attribution); cameo-class (events); timeml (times); geovirus or tudloc (places).")] = "jsonl",
    sample: Annotated[Optional[int], typer.Option(
        min=1, help="Score this many items spread evenly over a corpus.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Measure one stage against a fixture file or an annotated corpus: P/R/F1, accuracy."""
    from .evaluation import READERS, evaluate

    if stage not in READERS:
        _fail(f"stage must be one of {', '.join(READERS)}, got {stage!r}")
    if fmt not in READERS[stage]:
        _fail(f"--format for {stage} must be one of {', '.join(READERS[stage])}, got {fmt!r}")
    if not path.exists():
        _fail(f"{path}: no such file or directory")
    try:
        report = evaluate(stage, str(path), fmt=fmt, sample=sample)
    except KeyError as error:
        _fail(str(error.args[0]))
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2, default=str) + "\n")
        return
    _print_report(stage, report)


def _print_report(stage: str, report: Report) -> None:
    """Scores, tables (in the evaluator's row order) and the most common confusions."""
    console.print(f"[bold]{stage}[/bold]: {report.items} items", highlight=False)
    for name, value in report.scores.items():
        console.print(f"  {name:<36} {value:.3f}" if isinstance(value, float) else f"  {name:<36} {value}",
                      highlight=False)
    for title, rows in report.tables.items():
        table = Table(title=title)
        columns = list(dict.fromkeys(key for row in rows.values() for key in row))
        table.add_column("label")
        for column in columns:
            table.add_column(column, justify="right")
        for label, row in rows.items():
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
    memory_limit: Annotated[str, typer.Option(help="DuckDB's memory limit, e.g. 1GB.")] = Settings.serve_memory_limit,
    max_queries: Annotated[int, typer.Option(help="Queries run at once.")] = Settings.max_queries,
    query_timeout: Annotated[float, typer.Option(help="Seconds before a query is stopped (503).")] = Settings.query_timeout,
) -> None:
    """Serve the HTTP API and the web page over a DuckDB file, read-only; `tidings ingest` may
    write to the same file meanwhile (reload the page to see what it added)."""
    from .api import serve as run_server

    if not db.exists():
        _fail(f"{db}: no such database; create it with: tidings ingest PATH --db {db}")
    settings = Settings(db=str(db), host=host, port=port, serve_memory_limit=memory_limit,
                        max_queries=max_queries, query_timeout=query_timeout)
    console.print(f"serving {db} at http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    run_server(str(db), host=host, port=port, settings=settings)


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
