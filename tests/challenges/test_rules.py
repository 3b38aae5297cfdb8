"""Pure rules of challenges: life cycle, evaluation arithmetic, partner suggestions. No database."""

from datetime import UTC, datetime, timedelta

import pytest

from challenges import evaluation, lifecycle, partners
from challenges.lifecycle import Facts, Status, problems_with_move

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)


def facts(**extra):
    base = dict(
        status=Status.DRAFT,
        criteria_weights=(60, 40),
        engagement_closes_at=NOW + timedelta(days=30),
        now=NOW,
    )
    return Facts(**{**base, **extra})


def test_a_complete_draft_can_be_published():
    assert problems_with_move(facts(), Status.PUBLISHED) == []


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (dict(criteria_weights=()), "Add the evaluation criteria"),
        (dict(criteria_weights=(60, 30)), "add up to 90%"),
        (dict(engagement_closes_at=None), "Set when market engagement closes"),
        (dict(engagement_closes_at=NOW - timedelta(minutes=1)), "must be in the future"),
        (dict(has_cpv=False), "CPV"),
    ],
)
def test_publishing_needs_criteria_adding_to_100_a_future_closing_date_and_cpv(extra, message):
    problems = problems_with_move(facts(**extra), Status.PUBLISHED)
    assert len(problems) == 1 and message in problems[0]


def test_only_the_moves_of_the_life_cycle_are_allowed():
    assert problems_with_move(facts(), Status.AWARDED)[0].startswith("A challenge that is draft")
    assert problems_with_move(facts(status=Status.PUBLISHED), Status.ENGAGEMENT_OPEN) == []
    assert problems_with_move(facts(status=Status.ENGAGEMENT_OPEN), Status.ENGAGEMENT_CLOSED) == []
    for final in lifecycle.FINAL:
        assert lifecycle.MOVES[final] == []
        assert problems_with_move(facts(status=final), Status.DRAFT)
    for status in set(Status) - lifecycle.FINAL:
        assert Status.WITHDRAWN in lifecycle.MOVES[status]


def test_an_award_needs_its_details_and_engagement_cannot_open_after_its_closing_date():
    closed = facts(status=Status.ENGAGEMENT_CLOSED)
    assert "Record who was awarded" in problems_with_move(closed, Status.AWARDED)[0]
    assert (
        problems_with_move(facts(status=Status.ENGAGEMENT_CLOSED, has_award=True), Status.AWARDED)
        == []
    )
    assert problems_with_move(facts(status=Status.ENGAGEMENT_CLOSED), Status.NOT_AWARDED) == []
    late = facts(status=Status.PUBLISHED, engagement_closes_at=NOW - timedelta(days=1))
    assert "has passed" in problems_with_move(late, Status.ENGAGEMENT_OPEN)[0]


def test_criteria_are_editable_only_in_draft():
    assert lifecycle.criteria_editable(Status.DRAFT)
    assert not any(lifecycle.criteria_editable(s) for s in set(Status) - {Status.DRAFT})


CRITERIA = [evaluation.CriterionWeight(1, "Impact", 60), evaluation.CriterionWeight(2, "Cost", 40)]


def test_weighted_total_is_the_weighted_share_of_the_maximum():
    assert evaluation.weighted_total({1: 10, 2: 10}, CRITERIA) == 100.0
    assert evaluation.weighted_total({1: 7, 2: 5}, CRITERIA) == 62.0  # 0.7*60 + 0.5*40
    assert evaluation.weighted_total({1: 7}, CRITERIA) is None  # not every criterion scored


def test_spread_flags_disagreement_for_moderation():
    scores = [{1: 8, 2: 5}, {1: 4, 2: 6}]
    assert evaluation.spread(scores, 1) == 4 and evaluation.needs_discussion(scores, 1)
    assert evaluation.spread(scores, 2) == 1 and not evaluation.needs_discussion(scores, 2)
    assert evaluation.spread([{1: 8}], 1) is None


def test_rank_puts_unscored_last():
    assert evaluation.rank({1: 50.0, 2: None, 3: 80.0}) == [(3, 80.0), (1, 50.0), (2, None)]


SEEKER = partners.Candidate(
    key="1",
    name="Digbeth Care",
    offers="Home care workers and coordination in Birmingham wards",
    needs="Rostering software with call monitoring integration",
    cpv_codes=("85312000",),
    size_band="micro",
)


def test_partners_who_offer_what_is_needed_come_first_with_reasons():
    software = partners.Candidate(
        key="2",
        name="Rota Systems plc",
        offers="Rostering software, call monitoring integration, analytics",
        needs="A care provider with care workers",
        cpv_codes=("72000000",),
        size_band="large",
    )
    caterer = partners.Candidate(
        key="3", name="Meals Ltd", offers="School meals", cpv_codes=("55520000",), size_band="small"
    )
    found = partners.suggest(SEEKER, [caterer, software], challenge_cpv=("85312000", "72000000"))
    assert [s.candidate.name for s in found] == ["Rota Systems plc"]
    reasons = " ".join(found[0].reasons)
    assert "Offers what you need" in reasons and "rostering" in reasons
    assert "Needs what you offer" in reasons
    assert "larger supplier" in reasons  # an SME meets a prime
    assert "72000000" in reasons  # a code the seeker lacks, in the challenge's fields


def test_a_large_seeker_is_offered_smes_and_size_alone_is_no_reason():
    prime = partners.Candidate(
        key="9",
        name="Big Co",
        offers="national delivery",
        needs="local care workers",
        size_band="large",
    )
    sme = partners.Candidate(
        key="4", name="Care Co-op", offers="local care workers", size_band="small", is_vcse=True
    )
    stranger = partners.Candidate(key="5", name="Tiny", offers="printing", size_band="micro")
    found = partners.suggest(prime, [sme, stranger, prime])
    assert [s.candidate.name for s in found] == ["Care Co-op"]
    assert any("SME" in r for r in found[0].reasons)
    assert any("social enterprise" in r for r in found[0].reasons)


def test_words_are_lightly_stemmed_and_stop_words_dropped():
    assert partners.words("Sensors and the analytics partner") == {"sensor", "analytic"}
