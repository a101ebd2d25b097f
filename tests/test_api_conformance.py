"""The API answers as its OpenAPI schema says: every check schemathesis has (documented status
codes, schema-valid requests accepted, response shapes), from a bounded sample per operation."""

from __future__ import annotations

import httpx
import pytest

from test_api import build_corpus, running_server

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

EXAMPLES_PER_OPERATION = 5


@pytest.fixture(scope="module")
def base(tmp_path_factory, pipeline):
    db = build_corpus(tmp_path_factory.mktemp("conformance") / "corpus.duckdb", pipeline)
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def api_schema(base):
    return schemathesis.openapi.from_url(f"{base}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case):
    case.call_and_validate(timeout=30)


def test_crossed_bounds_select_nothing_and_a_number_is_no_date(base):
    for params in ({"since": "2024-03-01", "until": "2024-01-01"}, {"bbox": "0,50,10,40"}):
        response = httpx.get(f"{base}/api/events", params=params, timeout=30)
        assert response.status_code == 200 and response.json()["total"] == 0, params
    assert httpx.get(f"{base}/api/events", params={"until": "0"}, timeout=30).status_code == 422
    assert httpx.get(f"{base}/api/events", params={"bbox": "-10.5,-5,40,10"}, timeout=30).status_code == 200
