"""Schemathesis over the OpenAPI schema, in-process, logged in as admin: no request gives a 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.web.conftest import PASSWORD, csrf_of
from uppfolj.web import create_app
from uppfolj.workspace import Workspace


@pytest.mark.slow
def test_openapi_fuzz_finds_no_server_error(workspace: Workspace) -> None:
    app = create_app(workspace)
    with TestClient(app) as client:
        token = csrf_of(client.get("/logga-in").text)
        client.post("/logga-in", data={"namn": "admin", "losenord": PASSWORD, "csrf": token})
        cookie = client.cookies.get("uppfolj_session")
        csrf = csrf_of(client.get("/").text)
    assert cookie
    # the schema itself is for logged-in users only
    schema = schemathesis.openapi.from_asgi(
        "/api/openapi.json", app, headers={"Cookie": f"uppfolj_session={cookie}"}
    )
    failures: list[str] = []
    statuses: list[int] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def run(case: schemathesis.Case) -> None:
            response = case.call(headers={"Cookie": f"uppfolj_session={cookie}", "X-CSRF-Token": csrf})
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} → {response.status_code}")
            case.validate_response(response, checks=[not_a_server_error])

        run()
    assert failures == []
    # the session was used: no 401, and many requests (not only the fuzzed bad ones) answered with data
    assert 401 not in statuses and statuses.count(200) >= 20
