"""The scorecard's pages, downloads and API: an anchor's scorecard with its period chooser, bands,
trend by quarter and drill-downs; the network comparison; who sees what before and after an
anchor publishes; and the real Find a Tender days against a plain loop over the files."""

import csv
import html
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from network.models import Organisation
from opportunities.loading import Loader
from scorecard.indicators import INDICATORS
from scorecard.models import ScorecardPublication
from tests.conftest import require_data
from tests.scorecard.realdata import real_releases, types_by_plain_loop

pytestmark = pytest.mark.django_db

BUYERS = {
    "Home Council": "GB-TEST-HOME",
    "Other Trust": "GB-TEST-OTHER",
    "Faraway Council": "GB-TEST-FAR",
}


def release(ocid, day, buyer, kind="UK4", lots=1, bids=None):
    """A tender (UK4) or transparency (UK5) notice of `buyer` published on `day`; `bids`: the
    number of bids received for lot 1."""
    party = {"id": BUYERS[buyer], "name": buyer, "roles": ["buyer"]}
    data = {
        "ocid": ocid,
        "id": f"{ocid}-{kind}",
        "date": f"{day}T10:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "buyer": {"id": party["id"], "name": buyer},
        "parties": [party],
        "tender": {
            "id": f"{ocid}-tender",
            "title": f"Sample {kind} {ocid}",
            "lots": [{"id": str(n + 1)} for n in range(lots)],
            "documents": [{"id": "d1", "noticeType": kind}],
        },
    }
    if bids is not None:
        data["bids"] = {
            "statistics": [{"id": "1", "measure": "bids", "relatedLot": "1", "value": bids}]
        }
    return data


def load(tmp_path, releases, name="notices.json"):
    path = tmp_path / name
    path.write_text(
        json.dumps(
            {
                "uri": "https://example.org/p",
                "version": "1.1",
                "publishedDate": "2026-09-01T10:00:00Z",
                "publisher": {"name": "Test"},
                "releases": releases,
            }
        )
    )
    Loader().load([(Path(path), str(path))])


# Home Council: Q1 2026-27 a UK4 in two lots and a UK5; Q2 a UK4 of one lot with one bid and a
# UK4 of three lots whose first lot had four bids. Other Trust: one UK4 of one lot in Q2. A buyer
# outside the network: one UK4 in two lots in Q2.
@pytest.fixture
def notices(world, tmp_path, ocds_schema):
    load(
        tmp_path,
        [
            release("ocds-t-a", "2026-05-10", "Home Council", lots=2),
            release("ocds-t-b", "2026-05-11", "Home Council", kind="UK5"),
            release("ocds-t-c", "2026-08-10", "Home Council", lots=1, bids=1),
            release("ocds-t-d", "2026-08-11", "Home Council", lots=3, bids=4),
            release("ocds-t-e", "2026-08-12", "Other Trust", lots=1),
            release("ocds-t-f", "2026-08-12", "Faraway Council", lots=2),
        ],
    )
    return world


def api(client, url, **params):
    response = client.get(url, params)
    return response.status_code, response.json()


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_anchor_s_figures_bands_and_trend(notices, client_for):
    client = client_for("buyer")
    status, card = api(client, f"/api/scorecards/{notices.home.slug}")
    assert status == 200
    assert card["notices"] == {"UK4": 3, "UK5": 1}
    assert set(card["indicators"]) == set(INDICATORS)
    lots = card["indicators"]["lots_share"]
    assert (lots["numerator"], lots["denominator"]) == (2, 3)
    direct = card["indicators"]["direct_award_share"]
    assert (direct["value"], direct["band"]) == (0.25, "red")  # above the scoreboard's 10%
    single = card["indicators"]["single_bid_share"]
    assert (single["numerator"], single["denominator"], single["band"]) == (1, 2, "red")
    trend = {row["quarter"]: row["indicators"]["lots_share"]["value"] for row in card["trend"]}
    assert trend == {
        "Q1 2026-27 (April to June 2026)": 1.0,
        "Q2 2026-27 (July to September 2026)": 0.5,
    }

    page = client.get(reverse("scorecard:scorecard", args=[notices.home.slug]))
    text = page.content.decode()
    assert page.status_code == 200
    for item in INDICATORS.values():
        assert reverse("scorecard:drilldown", args=[notices.home.slug, item.name]) in text
        assert item.how.split(".")[0] in html.unescape(text)
    assert "66.7%" in text and "25.0%" in text
    assert 'govuk-tag govuk-tag--red">Red' in text
    assert "European Commission, Single Market Scoreboard" in text  # the band's source
    assert (
        "Q1 2026-27 (April to June 2026)" in text and "Q2 2026-27 (July to September 2026)" in text
    )


def test_the_charter_s_progress_shows_on_the_scorecard(notices, client_for):
    from datetime import date

    from scorecard.models import Commitment, CommitmentAdoption

    lots = Commitment.objects.create(
        slug="lots", title="Divide into lots where practicable", indicator="lots_share", target=0.5
    )
    CommitmentAdoption.objects.create(
        commitment=lots, organisation=notices.home, adopted_on=date(2026, 4, 1)
    )
    text = client_for("buyer").get(f"/scorecard/{notices.home.slug}/").content.decode()
    assert "The network's commitments" in text
    assert "Divide into lots where practicable" in text and "1 April 2026" in text
    assert "66.7%" in text and ">Yes<" in text  # 2 of 3 tenders in lots, at least half


def test_the_period_chooser_narrows_the_figures(notices, client_for):
    client = client_for("coordinator")
    slug = notices.home.slug
    _status, q1 = api(client, f"/api/scorecards/{slug}", year=2026, quarter=1)
    assert q1["notices"] == {"UK4": 1, "UK5": 1}
    assert q1["period"] == {
        "label": "Q1 2026-27 (April to June 2026)",
        "since": "2026-04-01",
        "until": "2026-06-30",
    }
    _status, days = api(client, f"/api/scorecards/{slug}", since="2026-08-11", until="2026-08-31")
    assert days["notices"] == {"UK4": 1}
    assert [row["quarter"] for row in days["trend"]] == ["Q2 2026-27 (July to September 2026)"]
    page = client.get(reverse("scorecard:scorecard", args=[slug]), {"year": 2026, "quarter": 2})
    assert "Q2 2026-27 (July to September 2026)" in page.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"quarter": "2"}, "Choose the financial year of the quarter too"),
        ({"year": "abc"}, "Choose a financial year from the list"),
        ({"year": "2026", "since": "2026-05-01"}, "not both"),
        ({"since": "2026-09-01", "until": "2026-08-01"}, "same as or after the date from"),
        (
            {"since": "9999-12-31"},
            "The date from must be between 1 January 2000 and 31 December 2100",
        ),
        ({"since": "1 May"}, "Enter the date from as a real date"),
        ({"quarter": "9", "year": "2026"}, "Choose a quarter from the list"),
    ],
)
def test_a_wrong_period_is_explained_and_refused_in_downloads(notices, client_for, query, message):
    client = client_for("buyer")
    slug = notices.home.slug
    for url in (
        reverse("scorecard:scorecard", args=[slug]),
        reverse("scorecard:drilldown", args=[slug, "lots_share"]),
        reverse("scorecard:comparison"),
    ):
        page = client.get(url, query)
        text = page.content.decode()
        assert page.status_code == 200 and "<title>Error:" in text, url
        assert "There is a problem" in text and message in text.replace("&#x27;", "'"), url
        assert "Correct the period" in text
    for url in (
        reverse("scorecard:scorecard_download", args=[slug, "indicators", "csv"]),
        reverse("scorecard:drilldown_download", args=[slug, "lots_share", "rows", "csv"]),
        reverse("scorecard:comparison_download", args=["indicators", "csv"]),
    ):
        assert client.get(url, query).status_code == 400, url


def test_the_api_refuses_a_wrong_period_by_field(notices, client_for):
    client = client_for("buyer")
    status, body = api(client, f"/api/scorecards/{notices.home.slug}", quarter=2)
    assert status == 422 and body["errors"] == [
        {"field": "quarter", "message": "Choose the financial year of the quarter too"}
    ]
    status, body = api(client, "/api/scorecards/network", year=1999)
    assert status == 422 and body["errors"][0]["field"] == "year"


def test_downloads_give_the_page_s_figures(notices, client_for):
    client = client_for("buyer")
    slug = notices.home.slug
    indicators = rows_of(client.get(f"/scorecard/{slug}/indicators.csv"))
    assert indicators[0][:4] == ["Indicator", "Figure", "Value", "Unit"]
    assert len(indicators) == 1 + len(INDICATORS)
    lots = next(row for row in indicators if row[0] == "Tenders divided into lots")
    assert lots[1:7] == ["66.7%", "66.67", "per cent", "2.0", "3.0", "No published band"]
    notices_rows = rows_of(client.get(f"/scorecard/{slug}/notices.csv"))
    assert notices_rows == [["Notice type", "Releases"], ["UK4", "3"], ["UK5", "1"]]
    trend = rows_of(client.get(f"/scorecard/{slug}/trend.csv"))
    column = trend[0].index("Tenders divided into lots")
    assert [(row[0], row[column]) for row in trend[1:]] == [
        ("Q1 2026-27 (April to June 2026)", "1.0"),
        ("Q2 2026-27 (July to September 2026)", "0.5"),
    ]
    response = client.get(f"/scorecard/{slug}/trend.xlsx")
    assert response["Content-Disposition"].endswith(f'scorecard-{slug}-all-trend.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == trend[0]
    assert sheet.cell(2, column + 1).value == 1.0
    year = client.get(f"/scorecard/{slug}/notices.csv", {"year": 2026, "quarter": 1})
    assert year["Content-Disposition"].endswith(f'scorecard-{slug}-2026-27-q1-notices.csv"')
    assert rows_of(year)[1:] == [["UK4", "1"], ["UK5", "1"]]
    assert client.get(f"/scorecard/{slug}/nothing.csv").status_code == 404
    assert client.get(f"/scorecard/{slug}/trend.pdf").status_code == 404


def test_a_drill_down_lists_the_rows_behind_the_figure(notices, client_for):
    client = client_for("buyer")
    slug = notices.home.slug
    rows = rows_of(client.get(f"/scorecard/{slug}/lots_share/rows.csv"))
    assert rows[0][0] == "Counted in the figure" and "Notice" in rows[0]
    counted = {row[rows[0].index("Process (OCID)")]: row[0] for row in rows[1:]}
    assert counted == {"ocds-t-a": "yes", "ocds-t-d": "yes", "ocds-t-c": "no"}
    page = client.get(reverse("scorecard:drilldown", args=[slug, "lots_share"]))
    text = page.content.decode()
    assert "3 rows, 2 counted in the figure" in text
    assert text.count(">Counted</strong>") == 2 and text.count(">Not counted</strong>") == 1
    assert "Sample UK4 ocds-t-a" in text
    trend = rows_of(client.get(f"/scorecard/{slug}/lots_share/trend.csv"))
    assert trend[1:] == [
        ["Q1 2026-27 (April to June 2026)", "1.0", "1.0", "1.0", "No band"],
        ["Q2 2026-27 (July to September 2026)", "0.5", "1.0", "2.0", "No band"],
    ]
    status, body = api(client, f"/api/scorecards/{slug}/lots_share")
    assert status == 200 and body["count"] == 3 and body["denominator"] == 3
    assert {row["ocid"] for row in body["rows"] if row["counted"]} == {"ocds-t-a", "ocds-t-d"}
    assert client.get(f"/scorecard/{slug}/no_such_indicator/").status_code == 404


def test_a_long_drill_down_is_paged(world, tmp_path, ocds_schema, client_for):
    load(
        tmp_path,
        [release(f"ocds-p-{n:02d}", "2026-06-01", "Home Council", lots=2) for n in range(55)],
    )
    client = client_for("buyer")
    url = reverse("scorecard:drilldown", args=[world.home.slug, "lots_share"])
    first, second = client.get(url), client.get(url, {"page": 2})
    assert "55 rows, 55 counted" in first.content.decode()
    assert first.content.decode().count(">Counted</strong>") == 50
    assert second.content.decode().count(">Counted</strong>") == 5
    assert len(rows_of(client.get(f"/scorecard/{world.home.slug}/lots_share/rows.csv"))) == 56
    status, body = api(client, f"/api/scorecards/{world.home.slug}/lots_share", page=1)
    assert status == 200 and (body["count"], body["pages"], len(body["rows"])) == (55, 1, 55)


def test_the_comparison_sets_anchors_beside_the_network_and_every_buyer(notices, client_for):
    client = client_for("other_buyer")
    status, body = api(client, "/api/scorecards/network")
    assert status == 200 and body["network_covers"] == "every anchor"
    by_name = {buyer["name"]: buyer for buyer in body["buyers"]}
    assert list(by_name)[-2:] == ["The network", "Every buyer in the data"]
    assert {"Home Council", "Other Trust"} <= set(by_name)
    assert by_name["Other Trust"]["notices"] == {"UK4": 1}
    assert by_name["The network"]["notices"] == {"UK4": 4, "UK5": 1}
    assert by_name["Every buyer in the data"]["notices"] == {"UK4": 5, "UK5": 1}
    network_lots = by_name["The network"]["indicators"]["lots_share"]
    assert (network_lots["numerator"], network_lots["denominator"]) == (2, 4)
    every_lots = by_name["Every buyer in the data"]["indicators"]["lots_share"]
    assert (every_lots["numerator"], every_lots["denominator"]) == (3, 5)
    page = client.get(reverse("scorecard:comparison"))
    text = page.content.decode()
    assert "Home Council" in text and "(not public)" in text and "The network" in text
    table = rows_of(client.get("/scorecard/network/indicators.csv"))
    column = table[0].index("Tenders divided into lots")
    assert [
        row[column] for row in table if row[0] in {"The network", "Every buyer in the data"}
    ] == ["0.5", "0.6"]
    notices_table = rows_of(client.get("/scorecard/network/notices.csv", {"year": 2026}))
    assert notices_table[0] == ["Buyer", "UK4", "UK5"]
    assert ["Home Council", "3", "1"] in notices_table


def test_the_comparison_charter_and_interpretations_link_to_each_other(client):
    pages = {
        name: client.get(reverse(f"scorecard:{name}")).content.decode()
        for name in ("comparison", "charter", "interpretations")
    }
    for name, text in pages.items():
        others = {reverse(f"scorecard:{other}") for other in pages if other != name}
        assert all(f'href="{url}"' in text for url in others), name


def test_publishing_opens_a_scorecard_to_the_public(notices, client, client_for):
    slug = notices.home.slug
    url = reverse("scorecard:scorecard", args=[slug])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/scorecards/{slug}").status_code == 404
    assert client.get(f"/scorecard/{slug}/lots_share/rows.csv").status_code == 404
    status, body = api(client, "/api/scorecards/network")
    assert [b["name"] for b in body["buyers"]] == [
        "Published anchors together",
        "Every buyer in the data",
    ]
    assert body["buyers"][0]["notices"] == {}

    admin = client_for("anchor_admin")
    page = admin.get(url).content.decode()
    assert "Publish this scorecard" in page and "csrfmiddlewaretoken" in page
    publish = reverse("scorecard:publish", args=[slug])
    # The page's button asks first: a GET, or a POST not confirmed, shows what will happen.
    for asked in (admin.get(publish), admin.post(publish, {"action": "publish"})):
        text = asked.content.decode()
        assert asked.status_code == 200 and ">Publish Home Council&#x27;s scorecard?</h1>" in text
        assert "shown by name in the public network comparison" in text
        assert "govuk-warning-text" in text and ">Yes, publish the scorecard</button>" in text
        assert f'<a class="govuk-link" href="{url}">Cancel</a>' in text
    assert not ScorecardPublication.objects.exists()
    done = admin.post(publish, {"action": "publish", "confirm": "yes"}, follow=True)
    assert "scorecard is published" in done.content.decode()
    record = ScorecardPublication.objects.get(organisation=notices.home)
    assert record.published and record.changed_by == notices.users["anchor_admin"]
    admin.logout()

    assert client.get(url).status_code == 200
    assert client.get(f"/scorecard/{slug}/lots_share/rows.csv").status_code == 200
    status, body = api(client, f"/api/scorecards/{slug}")
    assert status == 200 and body["published"] is True
    status, body = api(client, "/api/scorecards/network")
    names = [b["name"] for b in body["buyers"]]
    assert names == ["Home Council", "Published anchors together", "Every buyer in the data"]
    assert body["buyers"][1]["notices"] == {"UK4": 3, "UK5": 1}  # Other Trust left out
    assert "Other Trust" not in client.get(reverse("scorecard:comparison")).content.decode()
    organisation_page = client.get(reverse("network:organisation", args=[slug])).content.decode()
    assert url in organisation_page

    coordinator = client_for("coordinator")
    asked = coordinator.post(publish, {"action": "withdraw"}).content.decode()
    assert ">Stop publishing Home Council&#x27;s scorecard?</h1>" in asked
    assert ScorecardPublication.objects.get(organisation=notices.home).published
    coordinator.post(publish, {"action": "withdraw", "confirm": "yes"})
    coordinator.logout()
    assert not ScorecardPublication.objects.get(organisation=notices.home).published
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("network:organisation", args=[slug])).content.decode()


def test_only_the_anchor_s_administrators_and_coordinators_publish(notices, client_for):
    publish = reverse("scorecard:publish", args=[notices.home.slug])
    refused = client_for("buyer").post(publish, {"action": "publish", "confirm": "yes"})
    assert refused.status_code == 403
    assert not ScorecardPublication.objects.exists()
    other_admin = Organisation.objects.get(pk=notices.other.pk)
    from tests.conftest import make_user

    client = client_for("anonymous")
    client.force_login(
        make_user("other-admin@example.org", other_admin, admin=True),
        backend="accounts.backends.EmailBackend",
    )
    assert client.post(publish, {"action": "publish", "confirm": "yes"}).status_code == 403
    assert not ScorecardPublication.objects.exists()
    page = client.get(reverse("scorecard:scorecard", args=[notices.home.slug])).content.decode()
    assert "Publish this scorecard" not in page


def test_a_token_gives_the_api_the_caller_s_role(notices, client):
    slug = notices.home.slug
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {notices.api_secret}"}
    assert client.get(f"/api/scorecards/{slug}", **bearer).status_code == 200
    assert (
        client.get(f"/api/scorecards/{slug}", HTTP_AUTHORIZATION="Bearer ahk_nonsense").status_code
        == 401
    )


def test_the_openapi_document_lists_the_scorecard(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {
        "/api/scorecards/network",
        "/api/scorecards/{slug}",
        "/api/scorecards/{slug}/{indicator}",
    } <= set(paths)


def test_the_words_other_pages_use_are_not_taken_for_an_anchor(world, client_for):
    from django.urls import Resolver404, resolve

    assert resolve("/scorecard/network/").url_name == "comparison"
    with pytest.raises(Resolver404):
        resolve("/scorecard/charter/")
    assert client_for("buyer").get("/scorecard/no-such-anchor/").status_code == 404
    assert client_for("buyer").get(f"/scorecard/{world.supplier_org.slug}/").status_code == 404


@pytest.fixture
def real_days(db, ocds_schema):
    """The real Find a Tender days, with Coventry University (a buyer in them) as an anchor."""
    Organisation.objects.create(
        name="Coventry University", kind="university", is_network_member=True
    )
    paths = []
    for day in ("2026-08-10", "2026-08-11"):
        paths += sorted(require_data("ocds", "find-a-tender", day).glob("page-*.json"))
    Loader().load([(Path(p), str(p)) for p in paths])


def plain_hhi(releases) -> float:
    """The HHI of awarded value by a plain loop: each award's value (else its contracts')
    shared among its suppliers,
    the latest release per award and supplier, cancelled and unsuccessful awards left out."""
    latest: dict[tuple, tuple[str, float]] = {}
    for release in sorted(releases, key=lambda r: (r["date"], r["id"])):
        parties = {p["id"]: p for p in release.get("parties") or []}
        for award in release.get("awards") or []:
            if (award.get("status") or "").lower() in {"cancelled", "unsuccessful"}:
                continue
            value = (award.get("value") or {}).get("amount")
            if ((award.get("value") or {}).get("currency") or "GBP").upper() != "GBP":
                value = None  # kept in its currency, not added as pounds
            elif value is None:  # the award's contracts' values, as the scorecard reads them
                value = sum(
                    (c.get("value") or {}).get("amount") or 0
                    for c in release.get("contracts") or []
                    if c.get("awardID") == award["id"]
                    and ((c.get("value") or {}).get("currency") or "GBP").upper() == "GBP"
                )
            suppliers = award.get("suppliers") or []
            for supplier in suppliers:
                party = parties.get(supplier.get("id"), {})
                ids = [party.get("identifier", {})] + (party.get("additionalIdentifiers") or [])
                scheme_ids = [
                    f"{i['scheme']}:{i['id']}" for i in ids if i.get("scheme") and i.get("id")
                ]
                key = (
                    scheme_ids[0] if scheme_ids else "name:" + (supplier.get("name") or "").upper()
                )
                if value:
                    latest[(release["ocid"], award["id"], key)] = (key, value / len(suppliers))
    per: dict[str, float] = {}
    for key, value in latest.values():
        per[key] = per.get(key, 0.0) + value
    total = sum(per.values())
    return sum((v / total) ** 2 for v in per.values())


def test_a_real_anchor_on_the_real_days_against_a_plain_loop(real_days, client_for):
    mine = [
        r for r in real_releases() if (r.get("buyer") or {}).get("name") == "Coventry University"
    ]
    plain: dict[str, int] = {}
    for release in mine:
        for kind in types_by_plain_loop(release):
            plain[kind] = plain.get(kind, 0) + 1
    client = client_for("buyer")
    status, card = api(client, "/api/scorecards/coventry-university")
    assert status == 200 and card["notices"] == plain
    lots_with_bids = [
        s
        for r in mine
        for s in (r.get("bids") or {}).get("statistics") or []
        if s.get("measure") == "bids"
    ]
    single = card["indicators"]["single_bid_share"]
    assert single["denominator"] == len(lots_with_bids)
    assert single["numerator"] == sum(1 for s in lots_with_bids if s["value"] == 1)
    assert card["indicators"]["supplier_concentration"]["value"] == pytest.approx(plain_hhi(mine))
    rows = rows_of(client.get("/scorecard/coventry-university/supplier_concentration/rows.csv"))
    assert len(rows) - 1 == card["indicators"]["supplier_concentration"]["denominator"]


def test_the_national_benchmark_is_the_command_s_every_buyer(real_days, client_for):
    out = io.StringIO()
    call_command("scorecard", "--json", stdout=out)
    command = json.loads(out.getvalue())
    _status, body = api(client_for("coordinator"), "/api/scorecards/network")
    national = body["buyers"][-1]
    assert national["name"] == "Every buyer in the data"
    assert national["notices"] == command["notices"]
    assert set(national["indicators"]) == set(command["indicators"]) == set(INDICATORS)
    for name, figure in command["indicators"].items():
        mine = national["indicators"][name]
        assert mine["band"] == figure["band"], name
        for key in ("value", "numerator", "denominator"):
            assert mine[key] == pytest.approx(figure[key]), (name, key)
    anchors = [b for b in body["buyers"] if b["kind"] == "anchor"]
    network = body["buyers"][-2]
    for kind in network["notices"]:
        assert network["notices"][kind] == sum(a["notices"].get(kind, 0) for a in anchors)
