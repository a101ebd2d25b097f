"""The HTTP API and the analysts' page over one tidings DuckDB file, served read-only.

Routes parse and validate parameters, open a read-only connection for the request, call the
store's read queries (:class:`tidings.store.queries.Reader`) or an exporter, and render JSON or a
file.  Every error is ``{"ok": false, "error": "...", "status": N}``; a bad parameter is a 422.
"""

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import export as exporters
from .api_filters import event_filters
from .api_models import EventsPage
from .settings import Settings
from .store import Store
from .store.guard import Overloaded, QueryGuard
from .store.live import SharedReader
from .store.paging import decode_cursor
from .store.queries import INTERVALS, EventQuery, Reader
from .web import SECURITY_HEADERS, WebAssets
from .web.countries import countries

WEB = Path(__file__).resolve().parent / "web"

DOWNLOADS: dict[str, tuple[str, str]] = {
    "csv": (".csv", "text/csv"),
    "parquet": (".parquet", "application/vnd.apache.parquet"),
    "jsonl": (".jsonl", "application/x-ndjson"),
    "plover": (".json", "application/json"),
    "gdelt": (".tsv", "text/tab-separated-values"),
}
"""File name suffix and media type of each export format the API offers."""

Id = Annotated[str, PathParam(min_length=1, max_length=200)]


def _text(description: str) -> Any:
    """A free-text query parameter, bounded in length."""
    return Query(max_length=200, description=description)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)


def _describe(error: dict[str, Any]) -> str:
    """One validation problem as 'where: what (got value)'."""
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
    where = where.split(".")[0] if where.split(".")[0] in PATTERN_HINTS else where  # a union's branches
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, (str, int, float)) and len(repr(got)) < 80 else ""
    hinted = error.get("type") in ("string_pattern_mismatch", "literal_error")  # a hint, not the choices
    message = PATTERN_HINTS.get(where) if hinted else None
    return f"{where or 'request'}: {message or error.get('msg', 'invalid value')}{shown}"


PATTERN_HINTS = {"bbox": "expected west,south,east,north in degrees, longitudes in [-180, 180], "
                         "latitudes in [-90, 90]",
                 "country": "not a country name we know; use its ISO 3166 alpha-3 code (e.g. ISR for "
                            "Israel, PER for Peru)"}




class ErrorBody(BaseModel):
    """Every error: ``{"ok": false, "error": "...", "status": N}``."""

    ok: Literal[False]
    error: str
    status: int


NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorBody, "description": "No record with that id."}}


Filters = Annotated[EventQuery, Depends(event_filters)]


def _found(record: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    """The record, or a 404 naming what was not found."""
    if record is None:
        raise HTTPException(404, f"no {kind} with id {key!r}")
    return record


@dataclass
class _Service:
    """What the routes share: the settings, the store opened for reading (a cursor per
    request) and the guard on heavy queries, with the parameter types built from the settings."""

    db_path: str
    settings: Settings
    shared: SharedReader
    guard: QueryGuard

    @property
    def page_size(self) -> int:
        return min(self.settings.page_size, self.settings.max_page_size)

    def reader(self) -> Iterator[Reader]:
        with self.shared.cursor() as cursor, self.guard.run(cursor):  # ingests may write between requests
            yield Reader(cursor)

    def parameters(self) -> tuple[Any, Any, Any]:
        """The ``Read`` dependency and the ``Limit`` and ``Offset`` query parameters."""
        limit = Annotated[int, Query(ge=1, le=self.settings.max_page_size,
                                     description=f"Rows per page (at most {self.settings.max_page_size}).")]
        offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
        return Annotated[Reader, Depends(self.reader)], limit, offset


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The API and page over the DuckDB file at ``db_path``, opened read-only (a cursor per request)."""
    settings = settings or Settings(db=str(db_path))
    # fails now, naming the file, if it cannot be read; the file is closed between requests
    shared = SharedReader(str(db_path), settings.lock_wait, threads=settings.serve_threads,
                          memory_limit=settings.serve_memory_limit)
    service = _Service(str(db_path), settings, shared,
                       QueryGuard(settings.max_queries, settings.query_timeout))
    app = FastAPI(
        title="tidings", version="1",
        description="Source-attributed event data: who did what to whom, where, when, and who says so.",
        docs_url=None, redoc_url=None,
    )
    _answer_errors(app)
    _add_event_routes(app, service)
    _add_record_routes(app, service)
    _add_aggregate_routes(app, service)
    _add_page_routes(app)
    _send_security_headers(app)
    return app


def _answer_errors(app: FastAPI) -> None:
    """Every error as ``{"ok": false, "error": "...", "status": N}``."""

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return _error(422, "; ".join(dict.fromkeys(_describe(e) for e in error.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail), getattr(error, "headers", None))  # 405's Allow

    @app.exception_handler(Overloaded)
    async def overloaded(request: Request, error: Overloaded) -> JSONResponse:
        return _error(503, str(error))

    @app.exception_handler(Exception)
    async def failure(request: Request, error: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(error).__name__}")


def _add_event_routes(app: FastAPI, service: _Service) -> None:
    """The store's summary, the event listing, one event, and the listing as a file."""
    Read, Limit, Offset = service.parameters()
    settings, page_size = service.settings, service.page_size

    @app.get("/api", summary="What the store holds")
    def summary(db: Read) -> dict[str, Any]:
        return {"ok": True, **db.summary(), "page_size": page_size,
                "max_page_size": settings.max_page_size, "downloads": _formats()}

    @app.get("/api/events", summary="Events, filtered, sorted and paged", response_model=EventsPage)
    def events(db: Read, query: Filters, limit: Limit = page_size, offset: Offset = 0,
               cursor: Annotated[str | None, Query(max_length=2000, description=(
                   "The next_cursor of the previous page: the page after it, as fast at any "
                   "depth (offset then counts from there)."))] = None,
               facets: Annotated[bool, Query(description="Also count the selection by facet.")] = False,
               ) -> dict[str, Any]:
        query.limit, query.offset = limit, offset
        if cursor is not None:
            try:
                query.after = decode_cursor(query.sort, cursor)
            except ValueError as error:
                raise HTTPException(422, str(error))
        page = db.page(query, nested=True)
        body = {"ok": True, "total": db.count(query), "limit": limit, "offset": offset,
                "sort": query.sort, "next_cursor": page.next_cursor, "events": page.rows}
        if facets:
            body["facets"] = db.facets(query)
        return body

    @app.get("/api/events/{event_id}", summary="One event with its evidence and sources", responses=NOT_FOUND)
    def event(db: Read, event_id: Id) -> dict[str, Any]:
        return {"ok": True, "event": _found(db.event(event_id), "event", event_id)}

    @app.get("/api/download/{fmt}", summary="The filtered event list as a file",
             response_class=Response, responses=NOT_FOUND)
    def download(query: Filters, fmt: Literal[tuple(DOWNLOADS)]) -> Response:  # type: ignore[valid-type]
        if fmt not in _formats():
            raise HTTPException(404, f"export format {fmt!r} is not available")
        return _export(service, query, fmt)


def _export(service: _Service, query: EventQuery, fmt: str) -> FileResponse:
    """The selection exported to a temporary file, removed once sent."""
    suffix, media_type = DOWNLOADS[fmt]
    settings = service.settings
    handle, name = tempfile.mkstemp(suffix=suffix, prefix="tidings-")
    os.close(handle)
    try:
        with Store(service.db_path, read_only=True, wait=settings.lock_wait, threads=settings.serve_threads,
                   memory_limit=settings.serve_memory_limit) as export_store, \
                service.guard.run(export_store.con):
            exporters.export(export_store, fmt, name, query)
    except Exception:
        Path(name).unlink(missing_ok=True)
        raise
    return FileResponse(name, media_type=media_type, filename=f"tidings-events{suffix}",
                        background=BackgroundTask(Path(name).unlink, missing_ok=True))


def _add_record_routes(app: FastAPI, service: _Service) -> None:
    """Articles and stories, listed and one by one."""
    Read, Limit, Offset = service.parameters()
    page_size = service.page_size

    @app.get("/api/articles", summary="Articles, newest first")
    def articles(db: Read, outlet: Annotated[str | None, _text("Words in the outlet's name.")] = None,
                 story: Annotated[str | None, _text("Story id.")] = None,
                 limit: Limit = page_size, offset: Offset = 0) -> dict[str, Any]:
        total, rows = db.articles(outlet=outlet, story=story, limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}", summary="One article with its text and events", responses=NOT_FOUND)
    def article(db: Read, article_id: Id) -> dict[str, Any]:
        return {"ok": True, "article": _found(db.article(article_id), "article", article_id)}

    @app.get("/api/stories", summary="Stories: articles about the same happening")
    def stories(db: Read, limit: Limit = page_size, offset: Offset = 0) -> dict[str, Any]:
        total, rows = db.stories(limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "stories": rows}

    @app.get("/api/stories/{story_id}", summary="One story with its articles", responses=NOT_FOUND)
    def story(db: Read, story_id: Id) -> dict[str, Any]:
        return {"ok": True, "story": _found(db.story(story_id), "story", story_id)}


def _add_aggregate_routes(app: FastAPI, service: _Service) -> None:
    """What the selected events add up to: actors, counts over time, the network, the map."""
    Read, Limit, Offset = service.parameters()
    page_size = service.page_size

    @app.get("/api/actors", summary="Actors of the selected events, most active first")
    def actors(db: Read, query: Filters,
               name: Annotated[str | None, _text("Words in the actor's name.")] = None,
               limit: Limit = page_size, offset: Offset = 0) -> dict[str, Any]:
        total, rows = db.actors(query, name=name, limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "actors": rows}

    @app.get("/api/timeline", summary="Events per day, week, month or year by quad class")
    def timeline(db: Read, query: Filters,
                 interval: Literal[INTERVALS] = "month") -> dict[str, Any]:  # type: ignore[valid-type]
        return {"ok": True, "interval": interval, "counts": db.timeline(query, interval)}

    @app.get("/api/network", summary="Actor → recipient edges weighted by events")
    def network(db: Read, query: Filters,
                limit: Annotated[int, Query(ge=1, le=1000, description="Most edges.")] = 200,
                ) -> dict[str, Any]:
        return {"ok": True, **db.network(query, limit)}

    @app.get("/api/places", summary="Places of the selected events, with counts, for the map")
    def places(db: Read, query: Filters,
               limit: Annotated[int, Query(ge=1, le=5000, description="Most places.")] = 500,
               ) -> dict[str, Any]:
        return {"ok": True, "places": db.places(query, limit), "countries": db.countries(query)}

    @app.get("/api/geo/countries", summary="Country shapes (GeoJSON) for the map")
    def geo_countries() -> Response:
        return JSONResponse(countries(), headers={"Cache-Control": "max-age=86400"})


def _add_page_routes(app: FastAPI) -> None:
    """The analysts' page, the API's documentation page and their assets."""

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB / "index.html")

    app.mount("/static", WebAssets(directory=WEB), name="static")


def _send_security_headers(app: FastAPI) -> None:
    """Every response says: no inline script, no framing, no type sniffing."""

    @app.middleware("http")
    async def secure(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def _formats() -> list[str]:
    return [name for name in exporters.available() if name in DOWNLOADS]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None) -> None:
    """Serve the API and page over ``db`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db, settings), host=host, port=port, log_level="info")
