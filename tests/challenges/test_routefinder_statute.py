"""Worked cases of the route finder against the Procurement Act 2023 (pure: no database).

Each test names the provisions its answer rests on. The first three are the cases a procurement
lawyer challenged (issue 18): a £4m framework call-off, an £80k purchase, and one statutory
minimum that read 62 days on one page and 60 or 61 on another.
"""

import json
import re
from datetime import date
from decimal import Decimal

import pytest

from challenges import routefinder, uk2
from challenges.routefinder import Answers, find_routes, minimum_time_limits

D = Decimal
ON = date(2026, 3, 2)  # a Monday, under the 2026 threshold table


def ids(result):
    return [option.id for option in result.routes]


def route(result, route_id):
    return next(option for option in result.routes if option.id == route_id)


def codes(option, required=None):
    return [
        notice["code"]
        for notice in option.notices
        if required is None or notice["required"] is required
    ]


def standstill(option):
    return next((step for step in option.plan if "standstill" in step.label.lower()), None)


# The three challenged cases.


def test_a_4m_framework_call_off_has_a_contract_award_notice_but_no_mandatory_standstill():
    """PA 2023 s.46 (competitive selection under a framework), s.50 (a contract award notice
    before the call-off), s.51(3) (no mandatory standstill for a contract awarded under a
    framework; s.51(4)-(5) a voluntary one)."""
    result = find_routes(
        Answers(D("4000000"), "central", "services", framework=True, solution="market_ready", on=ON)
    )
    assert ids(result)[0] == "framework_call_off"
    call_off = route(result, "framework_call_off")
    assert codes(call_off, required=True) == ["UK6", "UK7"]
    assert not standstill(call_off).statutory
    assert "voluntary" in standstill(call_off).label.lower()
    assert (call_off.minimum_days, call_off.minimum_working_days) == (0, 0)
    assert call_off.minimum_text == "No statutory minimum period"
    assert not any(step.statutory and step.days for step in call_off.plan)
    assert any("s.51(3)" in line for line in call_off.statute)
    # With a framework, a fresh open or competitive flexible procedure is not offered.
    assert not {"open", "competitive_flexible"} & set(ids(result))


def test_an_80k_purchase_is_not_told_to_publish_a_uk2_or_uk6():
    """PA 2023 s.17 (a preliminary market engagement notice only for a covered, above-threshold
    procurement), s.50 (contract award notices for public contracts only), s.87 (below the
    threshold: a tender notice if tenders are invited publicly, a contract details notice from
    £30,000 for a council)."""
    result = find_routes(Answers(D("80000"), "sub-central", "goods", council=True, on=ON))
    assert not result.above_threshold
    for option in result.routes:
        assert "UK2" not in codes(option), option.id
        assert "UK6" not in codes(option), option.id
        assert not any("UK2" in step.label or "UK6" in step.label for step in option.plan)
        assert not any("standstill" in step.label.lower() for step in option.plan)
        assert option.minimum_working_days == 0
        assert codes(option, required=True) == ["UK7"], option.id
    competition = route(result, "below_threshold_competition")
    assert codes(competition, required=False) == ["UK4"]
    assert "(s.87)" in competition.notices[0]["condition"]


@pytest.mark.parametrize(
    "start",
    [date(2026, 3, 2), date(2026, 3, 6), date(2026, 3, 27), date(2026, 12, 18)],
    ids=["monday", "friday", "before-easter", "before-christmas"],
)
def test_the_statutory_minimum_does_not_depend_on_the_day_the_plan_starts(start):
    """PA 2023 s.54 (a 25-day participation period and a 25-day minimum tendering period in the
    competitive flexible procedure) and s.51(2) (standstill: 8 working days). One function
    (`minimum_time_limits`) gives the same answer whatever the start: 50 days, then 8 working
    days. Only the dated plan changes with the calendar."""
    answers = Answers(D("500000"), "central", "services", on=start)
    flexible = route(find_routes(answers), "competitive_flexible")
    assert (flexible.minimum_days, flexible.minimum_working_days) == (50, 8)
    assert flexible.minimum_text == "50 days, then a standstill of 8 working days"
    data = routefinder.load()
    rules = next(r for r in data["routes"] if r["id"] == "competitive_flexible")
    facts = routefinder.facts_of(answers, data)
    assert minimum_time_limits(rules, facts, data).text == flexible.minimum_text
    # The participation period rests on the unconfirmed part of s.54: flagged.
    assert flexible.check_before_relying


# Ten and more worked cases: buyer types, thresholds, frameworks, dynamic markets, direct awards.


def test_open_procedure_central_government_25_days_then_8_working_days():
    """PA 2023 s.20(2)(a) open procedure; s.54 minimum tendering period 25 days (electronic, all
    documents with the tender notice); s.51(2) mandatory standstill of 8 working days; s.17 UK2
    only if engagement was carried out."""
    result = find_routes(Answers(D("500000"), "central", "goods", solution="market_ready", on=ON))
    open_procedure = route(result, "open")
    assert open_procedure.minimum_text == "25 days, then a standstill of 8 working days"
    assert codes(open_procedure, required=True) == ["UK4", "UK6", "UK7"]
    assert codes(open_procedure, required=False) == ["UK2"]
    uk2_notice = next(n for n in open_procedure.notices if n["code"] == "UK2")
    assert "preliminary market engagement" in uk2_notice["condition"]
    assert standstill(open_procedure).statutory


@pytest.mark.parametrize("reduced_by", ["urgent", "planned_notice"])
def test_a_state_of_urgency_or_a_qualifying_planned_procurement_notice_gives_10_days(reduced_by):
    """PA 2023 s.54: the minimum tendering period falls to 10 days in a state of urgency or after
    a qualifying planned procurement notice (s.15; published 40 days to a year before)."""
    answers = Answers(D("500000"), "central", "goods", on=ON, **{reduced_by: True})
    open_procedure = route(find_routes(answers), "open")
    assert open_procedure.minimum_text == "10 days, then a standstill of 8 working days"


def test_an_nhs_trust_is_central_government_for_the_threshold():
    """PA 2023 Schedule 1: NHS trusts count as central government authorities, so £150,000 of
    services is above the £135,018 threshold (2026 table); s.17 UK2 only after engagement."""
    result = find_routes(Answers(D("150000"), "central", "services", on=ON))
    assert (result.above_threshold, result.threshold) == (True, 135018)
    assert "UK2" in codes(route(result, "competitive_flexible"), required=False)


def test_a_university_buying_the_same_services_is_below_the_sub_central_threshold():
    """PA 2023 Schedule 1: a university is sub-central (£207,720 in 2026), so £150,000 is below
    the threshold: s.84-88 apply, no UK2 or UK6 (s.17, s.50), a contract details notice from
    £30,000 (s.87)."""
    result = find_routes(Answers(D("150000"), "sub-central", "services", on=ON))
    assert (result.above_threshold, result.threshold) == (False, 207720)
    assert "below_threshold_competition" in ids(result)
    for option in result.routes:
        assert not {"UK2", "UK6"} & set(codes(option))
        assert "UK7" in codes(option, required=True)


def test_a_council_purchase_below_the_notice_trigger_needs_no_notice_at_all():
    """PA 2023 s.87: a contract details notice only for a notifiable below-threshold contract
    (£30,000 including VAT for a council); below it, quotes under the council's own rules."""
    result = find_routes(Answers(D("25000"), "sub-central", "goods", council=True, on=ON))
    assert ids(result) == ["below_threshold_direct"]
    assert route(result, "below_threshold_direct").notices == []


def test_central_government_publishes_contract_details_from_12000():
    """PA 2023 s.87: for a central government authority a below-threshold contract of £12,000 or
    more including VAT is notifiable: a contract details notice (UK7) after entering into it."""
    result = find_routes(Answers(D("25000"), "central", "goods", on=ON))
    assert result.notice_trigger == 12000
    assert codes(route(result, "below_threshold_direct"), required=True) == ["UK7"]


def test_a_utility_uses_the_utilities_threshold():
    """PA 2023 Schedule 1: utilities goods and services threshold £415,440 (2026): £400,000 is
    below it, £500,000 above it with the competitive procedures of s.20."""
    below = find_routes(Answers(D("400000"), "utility", "goods", on=ON))
    above = find_routes(Answers(D("500000"), "utility", "goods", on=ON))
    assert (below.above_threshold, above.above_threshold) == (False, True)
    assert below.threshold == above.threshold == 415440
    assert "open" in ids(above) and "open" not in ids(below)


def test_works_below_the_works_threshold_have_no_standstill():
    """PA 2023 Schedule 1: works threshold £5,193,000 (2026). £3m of council works is below it:
    a regulated below-threshold contract (s.84-88) with no contract award notice (s.50) and no
    standstill (s.51 applies to public contracts)."""
    result = find_routes(Answers(D("3000000"), "sub-central", "works", council=True, on=ON))
    assert (result.above_threshold, result.threshold_kind) == (False, "works")
    assert ids(result)[0] == "below_threshold_local_reservation"
    for option in result.routes:
        assert option.minimum_working_days == 0 and "UK6" not in codes(option)


def test_a_dynamic_market_award_has_no_mandatory_standstill():
    """PA 2023 s.34-40 (dynamic markets), s.50 (contract award notice), s.51(3) (no mandatory
    standstill for a contract awarded by reference to membership of a dynamic market)."""
    result = find_routes(
        Answers(
            D("600000"), "central", "goods", dynamic_market=True, solution="market_ready", on=ON
        )
    )
    assert ids(result)[0] == "dynamic_market_award"
    award = route(result, "dynamic_market_award")
    assert codes(award, required=True) == ["UK4", "UK6", "UK7"]
    assert not standstill(award).statutory
    assert award.minimum_working_days == 0
    # The tendering period for a members-only competition rests on the unconfirmed part of s.54.
    assert award.check_before_relying


def test_a_user_choice_contract_has_no_contract_award_notice_and_so_no_standstill():
    """PA 2023 s.41 and Schedule 5 paragraph 15 (user choice contracts), s.44 (a transparency
    notice first), s.50(6)(b) (no contract award notice for a contract awarded under s.41 by
    reference to Schedule 5 paragraph 15), s.51(1) (a standstill starts with the contract award
    notice, so there is none), s.53 (contract details notice)."""
    result = find_routes(
        Answers(D("900000"), "sub-central", "services", light_touch=True, council=True, on=ON)
    )
    choice = route(result, "user_choice")
    assert codes(choice) == ["UK5", "UK7"]
    assert not any(step.notice == "UK6" or "UK6" in step.label for step in choice.plan)
    assert standstill(choice) is None
    assert [step.notice for step in choice.plan] == ["UK5", None, "UK7"]
    assert choice.minimum_text == "No statutory minimum period"
    assert any("s.50(6)(b)" in line for line in choice.statute)


def test_a_50k_framework_call_off_publishes_no_contract_award_notice_and_has_no_standstill():
    """PA 2023 s.50 (contract award notices for public contracts, that is above the threshold,
    s.3), s.51 (the standstill follows a contract award notice), s.87 (a below-threshold
    contract of £30,000 or more for a council is notifiable: a contract details notice, UK7)."""
    result = find_routes(
        Answers(D("50000"), "sub-central", "services", framework=True, council=True, on=ON)
    )
    assert not result.above_threshold
    call_off = route(result, "framework_call_off")
    assert codes(call_off) == ["UK7"] and codes(call_off, required=True) == ["UK7"]
    assert not any("UK6" in step.label or step.notice == "UK6" for step in call_off.plan)
    assert standstill(call_off) is None
    assert call_off.plan[-1].notice == "UK7"
    assert (call_off.minimum_days, call_off.minimum_working_days) == (0, 0)


def test_a_50k_dynamic_market_award_publishes_no_contract_award_notice_and_has_no_standstill():
    """PA 2023 s.34-40 and s.21 (the competition among members starts with a tender notice:
    Cabinet Office, Guidance: Dynamic Markets, paragraph 4), s.50 (no contract award notice below
    the threshold), s.51 (so no standstill), s.87 (UK7 from £30,000 for a council)."""
    result = find_routes(
        Answers(D("50000"), "sub-central", "goods", dynamic_market=True, council=True, on=ON)
    )
    assert not result.above_threshold
    award = route(result, "dynamic_market_award")
    assert codes(award, required=True) == ["UK4", "UK7"]
    assert "UK6" not in codes(award)
    assert not any("UK6" in step.label or step.notice == "UK6" for step in award.plan)
    assert standstill(award) is None
    assert award.minimum_working_days == 0
    # The minimum counts only the (unconfirmed) members' tendering period, not a standstill.
    assert award.minimum_text == "10 days" and award.check_before_relying


def test_a_dynamic_market_competition_starts_with_a_tender_notice():
    """PA 2023 s.21 (tender notice) and s.40 (only a qualifying utilities dynamic market removes
    the duty to publish one), as Cabinet Office, Guidance: Dynamic Markets, paragraph 4 sets out:
    the tender notice is required, not conditional."""
    result = find_routes(
        Answers(
            D("600000"), "central", "goods", dynamic_market=True, solution="market_ready", on=ON
        )
    )
    award = route(result, "dynamic_market_award")
    tender = next(notice for notice in award.notices if notice["code"] == "UK4")
    assert tender["required"] and tender["condition"] == ""
    assert award.plan[0].notice == "UK4"
    assert "guidance-dynamic-markets" in award.source_url


def test_a_direct_award_for_extreme_urgency_needs_a_transparency_notice_and_no_standstill():
    """PA 2023 s.41 and Schedule 5 paragraph 13 (extreme and unavoidable urgency), s.44 (a
    transparency notice first), s.50 (contract award notice), s.51(3) (no mandatory
    standstill)."""
    result = find_routes(Answers(D("1000000"), "central", "services", urgent=True, on=ON))
    award = route(result, "direct_award_urgency")
    assert codes(award, required=True) == ["UK5", "UK6", "UK7"]
    assert award.plan[0].notice == "UK5"
    assert not standstill(award).statutory
    assert award.minimum_text == "No statutory minimum period"


def test_a_direct_award_for_a_prototype_keeps_the_mandatory_standstill():
    """PA 2023 s.41 and Schedule 5 paragraphs 2-3 (prototypes and development), s.44
    (transparency notice), s.51(1)-(2): this ground is not among the s.51(3) exceptions, so the
    8 working day standstill is mandatory."""
    result = find_routes(Answers(D("400000"), "central", "goods", solution="prototype", on=ON))
    award = route(result, "direct_award_prototype")
    assert standstill(award).statutory
    assert award.minimum_text == "a standstill of 8 working days"


def test_light_touch_care_a_council_user_choice_award_and_competitions_without_standstill():
    """PA 2023 Schedule 1 (light-touch threshold £663,540), s.41 and Schedule 5 paragraph 15
    (user choice contracts), s.51(3) (no mandatory standstill for a light touch contract, on
    every route), s.54 (a shorter tendering period for light touch contracts: unconfirmed)."""
    result = find_routes(
        Answers(D("900000"), "sub-central", "services", light_touch=True, council=True, on=ON)
    )
    assert (result.above_threshold, result.threshold) == (True, 663540)
    assert "user_choice" in ids(result)
    for option in result.routes:
        assert option.minimum_working_days == 0, option.id
        assert standstill(option) is None or not standstill(option).statutory, option.id
    open_procedure = route(result, "open")
    assert open_procedure.minimum_days == 10 and open_procedure.check_before_relying


def test_light_touch_below_its_own_threshold_is_below_threshold():
    """PA 2023 Schedule 1: £500,000 of light-touch services is below £663,540 even though it is
    above the ordinary sub-central threshold: s.84-88, no UK2 or UK6."""
    result = find_routes(Answers(D("500000"), "sub-central", "services", light_touch=True, on=ON))
    assert not result.above_threshold
    assert all(not {"UK2", "UK6"} & set(codes(option)) for option in result.routes)


def test_a_uk2_is_required_only_for_engagement_on_an_above_threshold_procurement():
    """PA 2023 s.17: the challenge page's UK2 advice follows the threshold."""
    assert uk2.requirement(True).startswith("Required")
    assert uk2.requirement(False).startswith("Not required")
    assert "route finder" in uk2.requirement(None)


# Sources: the legislation itself, never the project's own files.

INTERNAL = re.compile(r"RULES|CASES|\.\./shared|\b[Ii]ssue \d+|\w+\.(?:md|py|json)\b")
LEGISLATION = "https://www.legislation.gov.uk/"


@pytest.mark.parametrize("name", ["challenges/data/routes.json", "reference/data/thresholds.json"])
def test_every_source_cites_public_text_and_no_internal_file(name):
    """Every source has an address readers can open, at legislation.gov.uk for the Act and the
    regulations; none names an internal file."""
    from core import datafiles

    document = json.loads((datafiles.ROOT / name).read_text(encoding="utf-8"))
    for source in document["sources"]:
        assert not INTERNAL.search(source["document"]), source["id"]
        assert source["url"].startswith(("https://",)), source["id"]
        # A source citing a provision of the Act links the legislation itself; guidance on it is
        # a source of its own.
        if re.search(r"Procurement Act 2023 (s\.|Schedule|Part)", source["document"]):
            assert source["url"].startswith(LEGISLATION), source["id"]
        if source["document"].startswith(("Procurement Act 2023 s.", "Procurement Act 2023 Sch")):
            assert source["url"].startswith(LEGISLATION + "ukpga/2023/54/"), source["id"]
        if "Regulations 20" in source["document"].split(":")[0]:
            assert source["url"].startswith(LEGISLATION), source["id"]


def test_a_time_limit_links_the_act_and_the_guidance_it_is_read_with_separately():
    """PA 2023 s.54 (time limits) and s.51 (standstill): each period's source links the section on
    legislation.gov.uk; the Cabinet Office guidance is a second, separate link."""
    answers = Answers(D("500000"), "central", "services", urgent=True, on=ON)
    flexible = route(find_routes(answers), "competitive_flexible")
    for step in flexible.plan:
        if step.statutory and (step.days or "standstill" in step.label.lower()):
            assert step.source_url.startswith(LEGISLATION + "ukpga/2023/54/section/5"), step.label
            assert step.guidance_url.startswith("https://www.gov.uk/government/"), step.label
            assert step.guidance.startswith("Cabinet Office, Guidance:"), step.label


def test_every_rule_the_route_finder_shows_names_its_source_and_address():
    data = routefinder.load()
    for option in data["routes"]:
        assert option["marker"] in "VSU" and data["links"].get(option["source"]), option["id"]
    for name, step in data["steps"].items():
        assert data["links"].get(step["source"]), name
        for variant in step.get("variants", []):
            assert data["links"].get(variant["source"]), name
            if "guidance" in step:
                assert data["links"].get(variant["guidance"]["source"]), name
        if "guidance" in step:
            assert data["links"].get(step["guidance"]["source"]), name
    for code, notice in data["notices"].items():
        assert data["links"].get(notice["source"]), code
