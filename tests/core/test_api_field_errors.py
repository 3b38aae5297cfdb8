"""The API's 422s name each field and say how to fix it, never pydantic's "Field required".

Every write operation in the OpenAPI document is sent an empty body, a body that is not an object,
and a body with a wrong value in every field (text for a number, a number for text, an impossible
date, text too long, a value not on the list); each field error must name its field and be none
of Django's or pydantic's generic messages (the list in test_form_errors.py)."""

from __future__ import annotations

import json

import pytest

from core.api import api
from core.api_errors import field_message, field_words
from tests.core.test_form_errors import is_generic

WRITES = ("post", "put", "patch")


def _schema():
    return api.get_openapi_schema()


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def write_operations():
    schema = _schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in WRITES:
                body = operation.get("requestBody", {}).get("content", {}).get("application/json")
                yield path, method, _resolve(schema, body["schema"]) if body else {}


def _kinds(node) -> set[str]:
    options = node.get("anyOf") or [node]
    return {option.get("type", "") + ":" + option.get("format", "") for option in options} | {
        "enum" for option in options if "enum" in option
    }


def wrong_body(properties: dict) -> dict:
    body = {}
    for name, node in properties.items():
        kinds = _kinds(node)
        if "enum" in kinds:
            body[name] = "not-one-of-them"
        elif any(kind.startswith(("integer", "number")) for kind in kinds):
            body[name] = "twenty"
        elif "string:date" in kinds:
            body[name] = "2027-02-30"
        elif any(kind.startswith("boolean") for kind in kinds):
            body[name] = "perhaps"
        elif any(kind.startswith("array") for kind in kinds):
            body[name] = 12
        elif any(kind.startswith("string") for kind in kinds):
            body[name] = 12 if not node.get("maxLength") else "x" * (node["maxLength"] + 1)
    return body


@pytest.fixture
def api_client(client, world):
    world.users["coordinator"].is_coordinator = True
    client.force_login(world.users["coordinator"], backend="accounts.backends.EmailBackend")
    return client


def _address(path: str, world) -> str:
    parameters = {"{slug}": world.home.slug, "{reference}": "CH-0001"}
    for parameter, value in parameters.items():
        path = path.replace(parameter, value)
    assert "{" not in path, f"Say how to fill the path {path} in _address"
    return path


def _send(client, method, address, body):
    return getattr(client, method)(address, json.dumps(body), content_type="application/json")


def test_there_are_write_operations_to_walk():
    assert {(path, method) for path, method, _ in write_operations()} >= {
        ("/api/route-finder", "post"),
        ("/api/organisations/{slug}", "patch"),
    }


@pytest.mark.parametrize(
    ("path", "method", "body_schema"), list(write_operations()), ids=lambda v: str(v)[:40]
)
def test_every_write_says_which_field_and_how_to_fix_it(
    api_client, world, path, method, body_schema
):
    address = _address(path, world)
    properties = body_schema.get("properties", {})
    too_long = {name: "x" * 5000 for name, node in properties.items() if "string:" in _kinds(node)}
    bodies = [{}, [], wrong_body(properties), too_long]
    seen = 0
    for body in bodies:
        response = _send(api_client, method, address, body)
        if response.status_code != 422:
            continue
        seen += 1
        for error in response.json()["errors"]:
            message, field = error["message"], error["field"]
            assert not is_generic(message), (body, error)
            if field:
                words = field_words(("body", "x", field.split(".")[-1])).split()
                assert any(word.lower() in message.lower() for word in words), (body, error)
    assert seen, f"{method} {path} never answered 422 to an empty or wrong body"


def test_pydantic_errors_read_as_instructions():
    def say(kind, loc=("body", "answers", "value_incl_vat"), **ctx):
        return field_message({"type": kind, "loc": loc, "msg": "x", "ctx": ctx})

    assert say("missing") == "Enter value incl VAT"
    assert say("decimal_parsing") == "Value incl VAT must be a number, like 25000"
    assert say("int_parsing", loc=("query", "page")) == "Page must be a whole number, like 10"
    assert say("less_than_equal", loc=("query", "page"), le=100000) == "Page must be 100000 or less"
    assert say(
        "literal_error", loc=("body", "a", "buyer_type"), expected="'central' or 'utility'"
    ) == ("Buyer type must be 'central' or 'utility'")
    assert say("date_from_datetime_parsing", loc=("query", "deadline_to")) == (
        "Deadline to must be a real date in the form YYYY-MM-DD, like 2027-03-27"
    )
    assert say("string_too_long", loc=("query", "q"), max_length=200) == (
        "Q must be 200 characters or fewer"
    )
    assert field_words(("body", "changes", "sectors", 1)) == "sectors item 2"


def test_the_route_finder_names_each_missing_answer(client, db):
    response = _send(client, "post", "/api/route-finder", {})
    assert response.status_code == 422
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors["value_incl_vat"] == "Enter value incl VAT"
    assert errors["buyer_type"] == "Enter buyer type"


def _listings():
    schema = _schema()
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        names = {p["name"] for p in (get or {}).get("parameters", []) if p["in"] == "query"}
        if get and "{" not in path and "page" in names:
            yield path


@pytest.mark.parametrize("path", list(_listings()))
def test_every_listing_names_a_wrong_query_parameter(api_client, path):
    response = api_client.get(path, {"page": "first", "page_size": "0"})
    assert response.status_code == 422
    errors = {error["field"]: error["message"] for error in response.json()["errors"]}
    assert errors["page"] == "Page must be a whole number, like 10"
    assert errors["page_size"] == "Page size must be 1 or more"
