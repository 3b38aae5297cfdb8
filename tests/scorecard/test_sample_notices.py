"""The scorecard's sample notices (pure): valid OCDS as the loader checks it, labelled as sample
data, with no personal data, and carrying every field the scorecard's indicators read, with
figures that are neither nothing nor everything and bands that differ between anchors."""

from collections import Counter
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest

from network.sample_data import ANCHORS
from network.sample_data import generate as network_data
from opportunities.facts import notice_type_of
from opportunities.ocid_prefixes import SAMPLE_PREFIX
from opportunities.validation import ReleaseChecker
from scorecard import notice_table
from scorecard.indicators import evaluate
from scorecard.indicators.registry import band_of
from scorecard.report import indicator_data
from scorecard.sample_notices import (
    NEW_SUPPLIERS,
    PROFILES,
    SCORECARD_PREFIX,
    WORK,
    generate,
    network_suppliers,
)
from spend.sample_payments import LARGE_FIRMS

DAY = date(2026, 12, 3)
SUPPLIERS = network_suppliers() + [
    {"name": name, "company_number": number, "scale": "large", "vcse": False, "postcode": ""}
    for name, number in LARGE_FIRMS
]


@pytest.fixture(scope="module")
def releases() -> list[dict]:
    return generate(DAY, SUPPLIERS)["releases"]


def by_type(releases: list[dict]) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for release in releases:
        found.setdefault(notice_type_of(release), []).append(release)
    return found


def test_deterministic_for_a_day_and_dated_relative_to_it():
    assert generate(DAY, SUPPLIERS) == generate(DAY, SUPPLIERS)
    later = generate(date(2027, 6, 1), SUPPLIERS)["releases"]
    assert max(r["date"] for r in later) > "2027-05"
    for day in (DAY, date(2027, 6, 1)):
        dates = [r["date"][:10] for r in generate(day, SUPPLIERS)["releases"]]
        assert max(dates) <= day.isoformat()  # nothing published after the day


def test_valid_against_the_release_schema_the_loader_uses(releases, ocds_schema):
    checker = ReleaseChecker(ocds_schema)
    for release in releases:
        findings = checker.check(release)
        assert not findings.unusable and not findings.warnings, (release["id"], findings)
    keys = Counter((r["ocid"], r["id"]) for r in releases)
    assert max(keys.values()) == 1  # release ids are never reused


def test_labelled_as_sample_data(releases):
    for release in releases:
        assert release["ocid"].startswith(SCORECARD_PREFIX)
        assert SCORECARD_PREFIX.startswith(SAMPLE_PREFIX)
        assert release["tender"]["title"].startswith("Sample:")


def test_no_personal_data(releases):
    known = {row["name"] for row in network_data()["suppliers"]}
    known |= {name for name, _ in LARGE_FIRMS} | {s["name"] for s in NEW_SUPPLIERS}
    known |= {profile.name for profile in PROFILES}

    def walk(value, path=""):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from walk(inner, f"{path}.{key}")
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner, path)
        else:
            yield path, value

    for release in releases:
        for party in release["parties"]:
            assert party["name"] in known
            contact = party.get("contactPoint")
            if contact:
                assert contact["email"].endswith("@example.org")
                assert contact["name"].startswith("Sample")
        for path, value in walk(release):
            if path.endswith((".url", ".uri")):
                assert urlsplit(value).hostname in {"example.org", "www.legislation.gov.uk"}
            if path.endswith("email"):
                assert value.endswith("@example.org")


def test_every_notice_is_of_something_its_kind_of_buyer_buys(releases):
    """An NHS trust never buys the retrofit of council homes: each tender and direct award's
    subject is one of its buyer's kind's (councils, the combined authority, NHS trusts and
    universities each have their own list), and each kind's anchors buy more than one thing."""
    kind_of = {name: kind for name, kind, *_ in ANCHORS}
    subjects = {kind: {work[0] for work in works} for kind, works in WORK.items()}
    bought: dict[str, set[str]] = {}
    for release in releases:
        title = release["tender"]["title"].removeprefix("Sample: ").removesuffix(" (direct award)")
        if notice_type_of(release) in {"UK1", "UK17"}:  # a pipeline or payments, not a purchase
            continue
        kind = kind_of[release["buyer"]["name"]]
        assert title in subjects[kind], (release["buyer"]["name"], title)
        bought.setdefault(kind, set()).add(title)
    assert set(bought) == {kind_of[p.name] for p in PROFILES}
    assert all(len(titles) >= 3 for titles in bought.values())
    assert "Retrofit of council homes" not in subjects["nhs_trust"]


def test_the_anchors_are_the_sample_networks():
    assert {p.name for p in PROFILES} <= {name for name, *_ in ANCHORS}


def test_every_notice_type_and_field_the_indicators_read(releases):
    found = by_type(releases)
    assert {"UK1", "UK2", "UK3", "UK4", "UK5", "UK6", "UK7", "UK17"} <= set(found)
    tenders = found["UK4"]
    lots = Counter(len(r["tender"]["lots"]) for r in tenders)
    assert lots[1] and sum(n for size, n in lots.items() if size >= 2)
    assert {r["tender"]["aboveThreshold"] for r in tenders} == {True, False}
    days = []
    for release in tenders:
        period = release["tender"]["tenderPeriod"]
        start = datetime.fromisoformat(period["startDate"])
        days.append((datetime.fromisoformat(period["endDate"]) - start).days)
    assert min(days) < 25 <= max(days)
    assert any("urgency" in r["tender"]["tenderPeriod"].get("description", "") for r in tenders)
    measures = {"bids", "finalStageBids", "smeFinalStageBids", "vcseFinalStageBids"}
    single = 0
    for release in found["UK6"]:
        per_lot: dict[str, dict] = {}
        for statistic in release["bids"]["statistics"]:
            per_lot.setdefault(statistic["relatedLot"], {})[statistic["measure"]] = statistic[
                "value"
            ]
        assert set(per_lot) == {lot["id"] for lot in release["tender"]["lots"]}
        for figures in per_lot.values():
            assert set(figures) == measures
            assert figures["bids"] >= figures["finalStageBids"] >= figures["smeFinalStageBids"]
            assert figures["finalStageBids"] >= figures["vcseFinalStageBids"]
            single += figures["bids"] == 1
        deadline = release["tender"]["tenderPeriod"]["endDate"]
        for award in release["awards"]:
            assert award["date"] > deadline and award["value"]["amount"] > 0
            assert award["suppliers"]
    assert single
    assert all(r["contracts"][0]["value"]["amount"] > 0 for r in found["UK7"])
    for release in found["UK17"]:
        statistics = release["paymentsCompliance"]["statistics"]
        assert {s["measure"] for s in statistics} <= set(notice_table.COMPLIANCE_MEASURES)
        assert all(s["period"]["startDate"] < s["period"]["endDate"] for s in statistics)


def test_awards_go_to_the_suppliers_given_with_their_identifiers(releases):
    companies = dict(LARGE_FIRMS)
    awarded = Counter()
    for release in releases:
        parties = {p["id"]: p for p in release["parties"]}
        for award in release.get("awards", []):
            for reference in award["suppliers"]:
                party = parties[reference["id"]]
                awarded[party["name"]] += 1
                if party["name"] in companies:
                    assert party["identifier"] == {
                        "scheme": "GB-COH",
                        "id": companies[party["name"]],
                    }
    network = {row["name"] for row in network_data()["suppliers"]}
    assert len(network & set(awarded)) >= 8  # paid by the sample ledgers
    assert set(companies) & set(awarded)
    assert {s["name"] for s in NEW_SUPPLIERS} & set(awarded)  # paid by no ledger
    assert network - set(awarded)  # some payees have no notice


# Indicators over the notices alone: each anchor's figure is a real share (not 0, not 1).
SHARES = [
    "lots_share",
    "direct_award_share",
    "single_bid_share",
    "sme_final_stage_share",
    "vcse_final_stage_share",
    "tender_period_short_share",
    "uk2_before_uk4_share",
]


def test_figures_are_partial_and_bands_differ_between_anchors(releases):
    bands: dict[str, set] = {"direct_award_share": set(), "single_bid_share": set()}
    for profile in PROFILES:
        mine = [r for r in releases if r["buyer"]["name"] == profile.name]
        tables = notice_table.tables((r, profile.code, profile.name, True, True) for r in mine)
        figures = evaluate(tables)
        for name in SHARES:
            assert 0 < figures[name].value < 1, (profile.name, name, figures[name])
        assert figures["days_to_award"].value > 0
        assert 0 < figures["supplier_concentration"].value < 1
        assert figures["below_threshold_advertised"].value > 0
        assert not tables.compliance.is_empty()
        for name, found in bands.items():
            found.add(band_of(figures[name].value, indicator_data()[name].get("bands")))
    assert bands["direct_award_share"] == {"green", "amber", "red"}
    assert bands["single_bid_share"] == {"green", "amber", "red"}
