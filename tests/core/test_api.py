"""The JSON API: open reading, token-authenticated changes, JSON errors with clear messages."""

import json

from network.models import Organisation


def test_openapi_document_lists_the_endpoints(client, db):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "AnchorHub API"
    assert {"/api/organisations", "/api/organisations/{slug}", "/api/champions", "/api/me"} <= set(
        spec["paths"]
    )
    assert "ApiTokenAuth" in spec["components"]["securitySchemes"]


def test_interactive_docs_are_served_locally(client, db):
    response = client.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200 and "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html  # no internet needed
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_organisations_filter_and_paginate(client, world):
    body = client.get("/api/organisations").json()
    assert body["count"] == 3
    assert [item["slug"] for item in body["items"]] == [
        "home-council",
        "other-trust",
        "supplier-ltd",
    ]
    body = client.get("/api/organisations", {"group": "anchors", "sector": "healthcare"}).json()
    assert [item["name"] for item in body["items"]] == ["Home Council"]
    item = body["items"][0]
    assert item["kind_label"] == "City or borough council" and item["sectors"] == ["healthcare"]
    assert item["sites"] == [{"name": "Depot", "postcode": "B5 5SE"}]
    assert item["url"] == "/organisations/home-council/"
    body = client.get("/api/organisations", {"page_size": 1, "page": 2}).json()
    assert [item["slug"] for item in body["items"]] == ["other-trust"]


def test_bad_query_parameters_get_a_422_with_the_field(client, world):
    response = client.get("/api/organisations", {"group": "everyone", "page": 0})
    assert response.status_code == 422
    body = response.json()
    fields = {error["field"] for error in body["errors"]}
    assert {"group", "page"} <= fields and body["detail"].startswith("The request is not valid")


def test_unknown_organisation_is_a_json_404(client, world):
    response = client.get("/api/organisations/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Organisation matches the given query."}


def test_champions(client, world):
    body = client.get("/api/champions", {"sector": "healthcare"}).json()
    assert body["count"] == 1
    assert body["items"][0]["organisation"] == {"slug": "home-council", "name": "Home Council"}
    assert client.get("/api/champions", {"organisation": "other-trust"}).json()["count"] == 0


def patch(client, slug, data, **headers):
    return client.patch(
        f"/api/organisations/{slug}", json.dumps(data), content_type="application/json", **headers
    )


def test_update_needs_a_token_or_session(client, world):
    response = patch(client, "home-council", {"description": "x"})
    assert response.status_code == 401
    response = patch(
        client, "home-council", {"description": "x"}, HTTP_AUTHORIZATION="Bearer ahk_wrong"
    )
    assert response.status_code == 401


def test_update_with_a_token_is_validated_like_the_web_form(client, world):
    from accounts.models import ApiToken

    _token, secret = ApiToken.issue(world.users["anchor_admin"], "Script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    response = patch(
        client,
        "home-council",
        {"registered_postcode": "nowhere", "sectors": ["healthcare"]},
        **auth,
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "registered_postcode", "message": "Enter a real UK postcode, like B1 1BB"}
    ]
    response = patch(client, "home-council", {"sectors": ["no-such-sector"]}, **auth)
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "sectors",
            "message": "Sectors must be known sector slugs, like healthcare: no-such-sector is not one",
        }
    ]
    world.home.refresh_from_db()
    assert world.home.registered_postcode == "B1 1BB"

    response = patch(
        client,
        "home-council",
        {"description": "Care and highways", "sectors": ["low-carbon"]},
        **auth,
    )
    assert response.status_code == 200
    assert response.json()["description"] == "Care and highways"
    assert response.json()["sectors"] == ["low-carbon"]
    assert Organisation.objects.get(slug="home-council").name == "Home Council"  # untouched


def test_supplier_fields_do_not_apply_to_anchors(client, world):
    client.force_login(world.users["anchor_admin"], backend="accounts.backends.EmailBackend")
    response = patch(client, "home-council", {"size_band": "large"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "size_band",
            "message": "Size band does not apply to anchor institutions: leave it out",
        }
    ]


def test_update_of_another_organisation_is_forbidden(client, world):
    response = patch(
        client,
        "home-council",
        {"description": "x"},
        HTTP_AUTHORIZATION=f"Bearer {world.api_secret}",
    )
    assert response.status_code == 403
    assert "administrators" in response.json()["detail"]


def test_malformed_json_is_a_clear_error(client, world):
    client.force_login(world.users["coordinator"], backend="accounts.backends.EmailBackend")
    response = client.patch(
        "/api/organisations/home-council", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
