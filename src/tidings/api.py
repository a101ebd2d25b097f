"""The HTTP API and the analysts' page over one tidings DuckDB file, served read-only.

Routes parse and validate parameters, open a read-only connection for the request, call the
store's read queries (:class:`tidings.store.queries.Reader`) or an exporter, and render JSON or a
file.  Every error is ``{"ok": false, "error": "...", "status": N}``; a bad parameter is a 422.
"""

import contextlib
import datetime as dt
import math
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import export as exporters
from .model import EVENT_TYPES, STANCES
from .settings import Settings
from .store import Store
from .store.queries import INTERVALS, SORT_KEYS, EventQuery, Reader
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


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _describe(error: dict[str, Any]) -> str:
    """One validation problem as 'where: what (got value)'."""
    where = ".".join(str(part) for part in error.get("loc", ()) if part not in ("query", "path"))
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, (str, int, float)) and len(repr(got)) < 80 else ""
    return f"{where or 'request'}: {error.get('msg', 'invalid value')}{shown}"


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, checked."""
    if value is None:
        return None
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise HTTPException(422, f"bbox: expected west,south,east,north in degrees, got {value!r}")
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90
    ):
        raise HTTPException(422, f"bbox: longitudes must lie in [-180, 180] and latitudes in "
                                 f"[-90, 90] with south <= north, got {value!r}")
    return west, south, east, north


def event_filters(
    actor: Annotated[str | None, _text("Name, mention text or id of any participant.")] = None,
    recipient: Annotated[str | None, _text("Name, mention text or id of a recipient.")] = None,
    type: Annotated[Literal[EVENT_TYPES] | None, Query(description="PLOVER event type, or STATEMENT.")] = None,  # type: ignore[valid-type]
    quad_class: Annotated[int | None, Query(ge=1, le=4, description="1 verbal cooperation, 2 material "
                                             "cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$",
                                         description="ISO 3166 alpha-3 code of a participant or the place.")] = None,
    since: Annotated[dt.date | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[dt.date | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
    place: Annotated[str | None, _text("Place name or its text in the article.")] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees.")] = None,
    source: Annotated[str | None, _text("Source name or outlet, or the article's outlet.")] = None,
    stance: Annotated[Literal[STANCES] | None, Query(description="Stance of a source.")] = None,  # type: ignore[valid-type]
    story: Annotated[str | None, _text("Story id.")] = None,
    article: Annotated[str | None, _text("Article id.")] = None,
    text: Annotated[str | None, _text("Words in the event's sentence.")] = None,
    happened: Annotated[bool, Query(description="Only events asserted as having happened.")] = False,
    sort: Annotated[Literal[SORT_KEYS], Query(description="Sort column; '-' for descending.")] = "published",  # type: ignore[valid-type]
) -> EventQuery:
    """The event filters every listing and aggregate takes, as an :class:`EventQuery`."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    return EventQuery(
        actor=actor, recipient=recipient, type=type, quad_class=quad_class,
        country=country.upper() if country else None, since=since, until=until, place=place,
        bbox=_bbox(bbox), source=source, stance=stance, story=story, article=article, text=text,
        happened_only=happened, sort=sort,
    )


Filters = Annotated[EventQuery, Depends(event_filters)]


def _found(record: dict[str, Any] | None, kind: str, key: str) -> dict[str, Any]:
    """The record, or a 404 naming what was not found."""
    if record is None:
        raise HTTPException(404, f"no {kind} with id {key!r}")
    return record


def create_app(db_path: str | Path, settings: Settings | None = None) -> FastAPI:
    """The API and page over the DuckDB file at ``db_path``, opened read-only (a cursor per request)."""
    settings = settings or Settings(db=str(db_path))
    db_path = str(db_path)
    store = Store(db_path, read_only=True)  # fails now, naming the file, if it cannot be read

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="tidings", version="1",
        description="Source-attributed event data: who did what to whom, where, when, and who says so.",
        docs_url=None, redoc_url=None, lifespan=lifespan,
    )
    Limit = Annotated[int, Query(ge=1, le=settings.max_page_size,
                                 description=f"Rows per page (at most {settings.max_page_size}).")]
    page_size = min(settings.page_size, settings.max_page_size)
    Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]

    def reader() -> Iterator[Reader]:
        cursor = store.con.cursor()  # one cursor per request over the shared read-only connection
        try:
            yield Reader(cursor)
        finally:
            cursor.close()

    Read = Annotated[Reader, Depends(reader)]

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return _error(422, "; ".join(_describe(e) for e in error.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        return _error(error.status_code, str(error.detail))

    @app.exception_handler(Exception)
    async def failure(request: Request, error: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(error).__name__}")

    @app.get("/api", summary="What the store holds")
    def summary(db: Read) -> dict[str, Any]:
        return {"ok": True, **db.summary(), "page_size": page_size,
                "max_page_size": settings.max_page_size, "downloads": _formats()}

    @app.get("/api/events", summary="Events, filtered, sorted and paged")
    def events(db: Read, query: Filters, limit: Limit = page_size, offset: Offset = 0,
               facets: Annotated[bool, Query(description="Also count the selection by facet.")] = False,
               ) -> dict[str, Any]:
        query.limit, query.offset = limit, offset
        body = {"ok": True, "total": db.count(query), "limit": limit, "offset": offset,
                "sort": query.sort, "events": db.events(query)}
        if facets:
            body["facets"] = db.facets(query)
        return body

    @app.get("/api/events/{event_id}", summary="One event with its evidence and sources")
    def event(db: Read, event_id: Id) -> dict[str, Any]:
        return {"ok": True, "event": _found(db.event(event_id), "event", event_id)}

    @app.get("/api/download/{fmt}", summary="The filtered event list as a file",
             response_class=Response)
    def download(query: Filters, fmt: Literal[tuple(DOWNLOADS)]) -> Response:  # type: ignore[valid-type]
        if fmt not in _formats():
            raise HTTPException(404, f"export format {fmt!r} is not available")
        suffix, media_type = DOWNLOADS[fmt]
        handle, name = tempfile.mkstemp(suffix=suffix, prefix="tidings-")
        os.close(handle)
        with Store(db_path, read_only=True) as export_store:
            exporters.export(export_store, fmt, name, query)
        return FileResponse(name, media_type=media_type, filename=f"tidings-events{suffix}",
                            background=BackgroundTask(Path(name).unlink, missing_ok=True))

    @app.get("/api/articles", summary="Articles, newest first")
    def articles(db: Read, outlet: Annotated[str | None, _text("Words in the outlet's name.")] = None,
                 story: Annotated[str | None, _text("Story id.")] = None,
                 limit: Limit = page_size, offset: Offset = 0) -> dict[str, Any]:
        total, rows = db.articles(outlet=outlet, story=story, limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "articles": rows}

    @app.get("/api/articles/{article_id}", summary="One article with its text and events")
    def article(db: Read, article_id: Id) -> dict[str, Any]:
        return {"ok": True, "article": _found(db.article(article_id), "article", article_id)}

    @app.get("/api/stories", summary="Stories: articles about the same happening")
    def stories(db: Read, limit: Limit = page_size, offset: Offset = 0) -> dict[str, Any]:
        total, rows = db.stories(limit=limit, offset=offset)
        return {"ok": True, "total": total, "limit": limit, "offset": offset, "stories": rows}

    @app.get("/api/stories/{story_id}", summary="One story with its articles")
    def story(db: Read, story_id: Id) -> dict[str, Any]:
        return {"ok": True, "story": _found(db.story(story_id), "story", story_id)}

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
        shapes = countries()
        if shapes is None:
            raise HTTPException(404, "country shapes are not installed; run `npm ci` in the "
                                     "tidings checkout (it installs world-atlas)")
        return JSONResponse(shapes, headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(WEB / "docs.html")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB / "index.html")

    app.mount("/static", StaticFiles(directory=WEB), name="static")
    return app


def _formats() -> list[str]:
    return [name for name in exporters.available() if name in DOWNLOADS]


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the API and page over ``db`` with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
