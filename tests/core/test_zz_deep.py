"""Schemathesis against /api/, in-process (WSGI): every operation, anonymous and with a token.

Checks: no 5xx, every status and content type documented, every body as its schema says. Bounded
and repeatable: a fixed seed, derandomised, a few dozen examples per operation (decision 0012).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from accounts.models import ApiToken
from challenges.lifecycle import Status
from tests.cases import factories as cases_factories
from tests.challenges import factories

CONFIG = {
    "seed": 99,
    # No example database: each run generates the same cases from the seed, and writes nothing.
    "generation": {"max-examples": 150, "deterministic": True, "database": "none"},
    "checks": {
        "enabled": False,
        "not_a_server_error": {"enabled": True},
        "status_code_conformance": {"enabled": True},
        "content_type_conformance": {"enabled": True},
        "response_schema_conformance": {"enabled": True},
    },
}

schema = schemathesis.openapi.from_wsgi(
    "/api/openapi.json", get_wsgi_application(), config=schemathesis.Config.from_dict(CONFIG)
)

# The world is set up once per operation and shared by its examples, on purpose: it is the data the
# API serves, and an example only reads it or makes a change the caller may make.
shared_world = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The app runs inside the test's transaction: keep Django from closing the connection at the
    # start and end of each request, as its own test client does.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _bearer(user) -> dict:
    _, secret = ApiToken.issue(user, "schemathesis")
    return {"Authorization": f"Bearer {secret}"}


@schema.parametrize()
@shared_world
def test_api_anonymous(case, world):
    case.call_and_validate()


@schema.parametrize()
@shared_world
def test_api_with_token(case, world):
    headers = _bearer(world.users["anchor_admin"])
    if case.method == "PATCH" and case.path == "/api/organisations/{slug}":
        # Changes go to the organisation this user manages, so the form's rules are exercised
        # (a made-up slug would only ever answer 404).
        case.path_parameters = {"slug": world.home.slug}
    case.call_and_validate(headers=headers)


def test_the_records_the_api_serves_match_their_schemas(world):
    """Real records, not only made-up identifiers that answer 404, are checked against the schema."""
    headers = _bearer(world.users["coordinator"])
    challenge = factories.challenge(world, status=Status.ENGAGEMENT_OPEN)
    case = cases_factories.case(world)
    for path, parameters in [
        ("/api/challenges/{reference}", {"reference": challenge.reference}),
        ("/api/challenges/{reference}/uk2", {"reference": challenge.reference}),
        ("/api/cases/{slug}", {"slug": case.slug}),
        ("/api/organisations/{slug}", {"slug": world.home.slug}),
        ("/api/organisations/{slug}", {"slug": world.supplier_org.slug}),
        ("/api/opportunities/{ocid}", {"ocid": world.process.ocid}),
    ]:
        response = schema[path]["GET"].Case(path_parameters=parameters).call_and_validate()
        assert response.status_code == 200, (path, parameters)
    for path in ["/api/organisations", "/api/champions", "/api/opportunities", "/api/challenges"]:
        response = schema[path]["GET"].Case().call_and_validate(headers=headers)
        assert response.status_code == 200, path
        assert response.json()["count"] >= 1, path
    for path in ["/api/quarantine", "/api/cases"]:
        assert schema[path]["GET"].Case().call_and_validate(headers=headers).status_code == 200
    response = schema["/api/me"]["GET"].Case().call_and_validate(headers=headers)
    assert response.json()["email"] == "coordinator@example.org"
