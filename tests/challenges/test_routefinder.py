"""The route finder's engine (pure: no database). The worked examples of RULES.md are tests here."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest

from challenges import routefinder
from challenges.routefinder import Answers, add_working_days, find_routes

D = Decimal


def ids(result):
    return [route.id for route in result.routes]


def route(result, route_id):
    return next(r for r in result.routes if r.id == route_id)


def test_worked_example_council_services_above_threshold_in_both_tables():
    """RULES.md section 1: council services £180k ex VAT = £216k incl VAT ≥ £214,904 (2025
    table) and ≥ £207,720 (2026 table)."""
    value = D("180000") * D("1.2")
    assert value == D("216000")
    in_2025 = find_routes(Answers(value, "sub-central", "services", on=date(2025, 6, 1)))
    assert (in_2025.above_threshold, in_2025.threshold, in_2025.threshold_table) == (
        True,
        214904,
        "2024-01-01",
    )
    in_2026 = find_routes(Answers(value, "sub-central", "services", on=date(2026, 6, 1)))
    assert (in_2026.above_threshold, in_2026.threshold, in_2026.threshold_table) == (
        True,
        207720,
        "2026-01-01",
    )


@pytest.mark.parametrize(
    ("answers", "kind", "threshold"),
    [
        (dict(buyer_type="central", category="goods"), "goods_services_central", 135018),
        (dict(buyer_type="sub-central", category="goods"), "goods_services_sub_central", 207720),
        (dict(buyer_type="utility", category="services"), "utilities_goods_services", 415440),
        (dict(buyer_type="sub-central", category="works"), "works", 5193000),
        (dict(buyer_type="central", category="works"), "works", 5193000),
        (
            dict(buyer_type="sub-central", category="services", light_touch=True),
            "light_touch",
            663540,
        ),
        (
            dict(buyer_type="utility", category="services", light_touch=True),
            "utilities_light_touch",
            884720,
        ),
    ],
)
def test_the_threshold_follows_buyer_type_category_and_light_touch(answers, kind, threshold):
    result = find_routes(Answers(D("1"), on=date(2026, 3, 1), **answers))
    assert (result.threshold_kind, result.threshold) == (kind, threshold)


def test_not_less_than_the_threshold_is_above_it():
    """PA 2023 s.3: a value equal to the threshold is caught."""
    at = find_routes(Answers(D("207720"), "sub-central", "services", on=date(2026, 2, 1)))
    below = find_routes(Answers(D("207719.99"), "sub-central", "services", on=date(2026, 2, 1)))
    assert at.above_threshold and not below.above_threshold


def test_above_threshold_innovation_ranks_the_phased_competition_first():
    result = find_routes(
        Answers(D("500000"), "sub-central", "services", solution="prototype", on=date(2026, 3, 2))
    )
    assert ids(result)[0] == "competitive_flexible_phased"
    assert "direct_award_prototype" in ids(result)
    assert "below_threshold_competition" not in ids(result)
    phased = route(result, "competitive_flexible_phased")
    assert [n["code"] for n in phased.notices] == ["UK2", "UK4", "UK6", "UK7"]
    assert any("Procurement Act 2023 s.20(2)(b)" in s for s in phased.statute)
    assert phased.reasons and all(isinstance(r, str) and r for r in phased.reasons)


def test_a_market_ready_need_ranks_the_open_procedure_above_development_routes():
    result = find_routes(
        Answers(D("500000"), "central", "goods", solution="market_ready", on=date(2026, 3, 2))
    )
    assert ids(result)[0] == "open"
    assert "direct_award_prototype" not in ids(result)  # Schedule 5 paras 2-3 need development


def test_direct_awards_need_their_grounds_and_a_transparency_notice():
    plain = find_routes(Answers(D("500000"), "central", "services", on=date(2026, 3, 2)))
    assert not {"direct_award_urgency", "direct_award_prototype", "user_choice"} & set(ids(plain))
    urgent = find_routes(
        Answers(D("500000"), "central", "services", urgent=True, on=date(2026, 3, 2))
    )
    award = route(urgent, "direct_award_urgency")
    assert next(n["code"] for n in award.notices) == "UK5"
    assert "Schedule 5 paragraph 13" in award.statute[0]
    care = find_routes(
        Answers(D("900000"), "sub-central", "services", light_touch=True, on=date(2026, 3, 2))
    )
    assert "user_choice" in ids(care)


def test_time_limits_of_s54_and_s51():
    """PA 2023 s.54: minimum tendering period 25 days; 10 days in a state of urgency. s.51(2):
    standstill 8 working days from the UK6."""
    on = date(2026, 3, 2)  # a Monday
    normal = route(find_routes(Answers(D("500000"), "central", "goods", on=on)), "open")
    steps = {step.label: step for step in normal.plan}
    assert steps["Minimum tendering period"].days == 25
    standstill = steps["Standstill period"]
    assert standstill.note == "8 working days"
    urgent = route(
        find_routes(Answers(D("500000"), "central", "goods", urgent=True, on=on)), "open"
    )
    assert {s.label: s for s in urgent.plan}["Minimum tendering period"].days == 10
    # The statutory minimum counts the Act's units: days, then working days of standstill; the
    # dated plan turns them into dates.
    assert (normal.minimum_days, normal.minimum_working_days) == (25, 8)
    assert normal.minimum_text == "25 days, then a standstill of 8 working days"
    assert urgent.minimum_days < normal.minimum_days


def test_working_days_skip_weekends_and_english_bank_holidays():
    assert add_working_days(date(2026, 3, 2), 8) == date(2026, 3, 12)  # Mon + 8 = Thu next week
    # Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays in England.
    assert add_working_days(date(2026, 4, 1), 2) == date(2026, 4, 7)
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # 25, 26-28 skipped


def test_the_plan_is_dated_from_the_day_given_and_steps_follow_each_other():
    on = date(2026, 5, 11)
    result = find_routes(Answers(D("500000"), "central", "goods", on=on))
    for option in result.routes:
        assert option.plan[0].starts == on
        for before, after in zip(option.plan, option.plan[1:], strict=False):
            assert after.starts == before.ends


def test_below_threshold_councils_get_local_reservation_and_no_supplier_questionnaire():
    result = find_routes(
        Answers(D("120000"), "sub-central", "services", council=True, on=date(2026, 3, 2))
    )
    assert not result.above_threshold
    assert ids(result)[0] == "below_threshold_local_reservation"
    assert "below_threshold_competition" in ids(result)
    competition = route(result, "below_threshold_competition")
    assert any("s.85" in s for s in competition.statute)
    # Whether councils may reserve for SMEs/VCSEs is unverified in RULES.md: flagged.
    sme = route(result, "below_threshold_sme_vcse_reservation_council")
    assert sme.check_before_relying
    # The Local Government (Exclusion of Non-commercial Considerations) (England) Order 2026 was
    # not found on legislation.gov.uk, so the local reservation is flagged too.
    assert route(result, "below_threshold_local_reservation").check_before_relying
    # Central government reserves under PPN 005; a council route is not offered to it.
    central = find_routes(Answers(D("100000"), "central", "services", on=date(2026, 3, 2)))
    assert "below_threshold_reservation_central" in ids(central)
    assert "below_threshold_local_reservation" not in ids(central)


def test_below_the_notice_trigger_only_quotes_are_offered():
    result = find_routes(Answers(D("20000"), "sub-central", "goods", on=date(2026, 3, 2)))
    assert result.notice_trigger == 30000
    assert ids(result) == ["below_threshold_direct"]
    central = find_routes(Answers(D("20000"), "central", "goods", on=date(2026, 3, 2)))
    assert central.notice_trigger == 12000
    assert "below_threshold_competition" in ids(central)


def test_unverified_time_limits_are_flagged_where_they_count():
    """The competitive flexible procedure's participation period rests on the unverified rest of
    s.54: the route and that step say "check before relying on this"; the UK7 deadline is
    flagged on its step only."""
    result = find_routes(Answers(D("500000"), "central", "services", on=date(2026, 3, 2)))
    flexible = route(result, "competitive_flexible")
    assert flexible.check_before_relying
    flagged = {s.label for s in flexible.plan if s.check_before_relying}
    assert "Participation (request to take part) period before tendering" in flagged
    assert "Publish the contract details notice (UK7)" in flagged
    assert not route(result, "open").check_before_relying


def test_the_innovation_partnership_only_for_procurements_begun_before_the_act():
    before = find_routes(
        Answers(D("500000"), "central", "services", solution="prototype", on=date(2025, 1, 10))
    )
    assert "innovation_partnership" in ids(before)
    after = find_routes(
        Answers(D("500000"), "central", "services", solution="prototype", on=date(2025, 3, 10))
    )
    assert "innovation_partnership" not in ids(after)
    assert after.not_available[0]["id"] == "innovation_partnership"


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        (dict(buyer_type="county", category="goods"), "buyer_type"),
        (dict(buyer_type="central", category="stuff"), "category"),
        (dict(buyer_type="central", category="goods", light_touch=True), "light_touch"),
        (dict(buyer_type="central", category="goods", council=True), "council"),
        (dict(buyer_type="central", category="goods", solution="maybe"), "solution"),
    ],
)
def test_bad_answers_say_what_is_wrong(answers, problem):
    with pytest.raises(ValueError, match=problem):
        Answers(D("100"), **answers)


def test_every_rule_has_a_source_and_every_reference_resolves():
    data = routefinder.load()
    for route_data in data["routes"]:
        assert route_data["source"] and route_data["statute"] and route_data["marker"] in "VSU"
        assert set(route_data["notices"]) <= set(data["notices"])
        assert set(route_data["plan"]) <= set(data["steps"])
    for name, step in data["steps"].items():
        assert step["source"] and step["marker"] in "VSU", name
    for code, notice in data["notices"].items():
        assert notice["source"] and notice["trigger"], code
    assert set(data["notices"]) == {f"UK{n}" for n in range(1, 18)}


def test_the_result_is_json(settings):
    result = find_routes(Answers(D("216000"), "sub-central", "services", on=date(2026, 3, 2)))
    data = json.loads(json.dumps(result.as_json()))
    assert {"above_threshold", "threshold", "threshold_table", "routes"} <= set(data)
    assert {"name", "reasons", "statute", "notices", "minimum_days"} <= set(data["routes"][0])


@pytest.mark.django_db
def test_the_route_finder_command_prints_the_contract_keys():
    from django.core.management import call_command

    out = StringIO()
    call_command(
        "route_finder",
        "--value",
        "216000",
        "--buyer-type",
        "sub-central",
        "--category",
        "services",
        "--needs-development",
        "--council",
        "--date",
        "2025-06-01",
        "--json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["above_threshold"] is True
    assert data["threshold"] == 214904
    assert data["threshold_table"] == "2024-01-01"
    first = data["routes"][0]
    assert first["name"].startswith("Phased innovation competition")
    assert {"name", "reasons", "statute", "notices", "minimum_days"} <= set(first)
    assert [n["code"] for n in first["notices"]][:2] == ["UK2", "UK4"]


@pytest.mark.django_db
def test_the_command_refuses_bad_input_clearly():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not an amount"):
        call_command(
            "route_finder", "--value", "lots", "--buyer-type", "central", "--category", "goods"
        )
    with pytest.raises(CommandError, match="light_touch"):
        call_command(
            "route_finder",
            "--value",
            "5",
            "--buyer-type",
            "central",
            "--category",
            "goods",
            "--light-touch",
        )


def test_the_api_answers_the_same(client, db):
    response = client.post(
        "/api/route-finder",
        json.dumps(
            {
                "value_incl_vat": 216000,
                "buyer_type": "sub-central",
                "category": "services",
                "solution": "needs_development",
                "council": True,
                "date": "2025-06-01",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["above_threshold"], data["threshold"]) == (True, 214904)
    assert data["routes"][0]["id"] == "competitive_flexible_phased"
    bad = client.post(
        "/api/route-finder",
        json.dumps(
            {"value_incl_vat": 5, "buyer_type": "central", "category": "goods", "council": True}
        ),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "council"


def test_the_api_refuses_with_the_same_field_errors_as_the_form(client, db):
    response = client.post(
        "/api/route-finder",
        json.dumps(
            {
                "value_incl_vat": 5,
                "buyer_type": "central",
                "category": "goods",
                "light_touch": True,
                "council": True,
                "date": "2010-01-01",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    errors = {error["field"]: error["message"] for error in body["errors"]}
    assert errors["light_touch"] == "Only services can be light-touch"
    assert errors["council"] == "A council is a sub-central buyer: choose sub-central"
    assert errors["date"].startswith("No threshold table covers")


@pytest.mark.django_db
def test_the_command_refuses_a_day_without_thresholds():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No threshold table covers"):
        call_command(
            "route_finder",
            "--value",
            "5",
            "--buyer-type",
            "central",
            "--category",
            "goods",
            "--date",
            "2010-01-01",
        )
