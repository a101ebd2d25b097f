"""A bounded fuzz of every API operation from its own OpenAPI schema: the API answers as the
schema says (every check schemathesis has: no 5xx, documented status codes, schema-valid requests
accepted, response shapes), and every error has the ``{"ok": false, "error", "status"}`` shape."""

from __future__ import annotations

import pytest

from test_api import build_corpus, running_server

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, pipeline):
    db = build_corpus(tmp_path_factory.mktemp("fuzz") / "corpus.duckdb", pipeline)
    with running_server(db) as base:
        yield schemathesis.openapi.from_url(f"{base}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_fuzz_conforms_to_the_schema_and_never_fails_with_a_server_error(case):
    if case.query:  # a cursor is an opaque token the server hands out (bad ones: test_listing)
        case.query.pop("cursor", None)
    response = case.call_and_validate(timeout=30)
    if response.status_code >= 400:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code and body["error"]
