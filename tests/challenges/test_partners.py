"""Complementary partners with reasons (challenges/partners.py). No database."""

from challenges import partners
from challenges.partners import Candidate, is_sme, suggest
from core import text

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
    assert text.words("Sensors and the analytics partner") == {"sensor", "analytic"}


# Scoring, reason by reason

SENSOR_CO = Candidate(
    key="me",
    name="Sensor Co",
    offers="wireless sensors and installation",
    needs="rostering software and analytics",
    cpv_codes=("38000000",),
    size_band="small",
)


def by_key(suggestions):
    return {s.candidate.key: s for s in suggestions}


def test_offering_what_the_seeker_needs_scores_three_a_word():
    other = Candidate(key="a", name="Rota Ltd", offers="Rostering software")
    (found,) = suggest(SENSOR_CO, [other])
    assert found.score == 6
    assert found.reasons == ["Offers what you need: rostering, software"]


def test_needing_what_the_seeker_offers_scores_two_a_word():
    other = Candidate(key="a", name="Care Ltd", offers="analytics", needs="wireless sensors")
    found = by_key(suggest(SENSOR_CO, [other]))["a"]
    assert found.score == 3 + 2 * 2
    assert found.reasons == [
        "Offers what you need: analytic",  # the words as compared: lightly stemmed
        "Needs what you offer: sensor, wireles",
    ]


def test_codes_in_the_challenges_divisions_that_the_seeker_lacks():
    other = Candidate(
        key="a",
        name="Build Ltd",
        offers="construction",
        cpv_codes=("45000000", "45200000", "45210000", "45300000", "72000000"),
    )
    (found,) = suggest(SENSOR_CO, [other], challenge_cpv=("45000000",))
    assert found.score == 3  # at most three, however many codes
    assert found.reasons == [
        (
            "Works in the challenge's fields with codes you do not cover: "
            "45000000, 45200000, 45210000, 45300000"
        )
    ]


def test_size_alone_is_not_a_reason_to_meet():
    large = Candidate(key="a", name="Big plc", offers="catering", size_band="large")
    assert suggest(SENSOR_CO, [large]) == []


def test_size_and_vcse_add_to_a_real_reason():
    large = Candidate(key="a", name="Big plc", offers="analytics", size_band="large", is_vcse=True)
    (found,) = suggest(SENSOR_CO, [large])
    assert found.score == 3 + 3 + 1
    assert found.reasons[1:] == [
        "A larger supplier that could lead or carry scale, with you as the specialist",
        "A voluntary, community or social enterprise",
    ]
    prime = Candidate(key="p", name="Prime", offers="x", needs="analytics", size_band="large")
    sme = Candidate(key="s", name="Spec", offers="analytics", size_band="micro")
    (found,) = suggest(prime, [sme])
    assert "An SME that could bring the specialism to your bid" in found.reasons


def test_the_seeker_and_those_with_nothing_in_common_are_left_out():
    assert (
        suggest(SENSOR_CO, [SENSOR_CO, Candidate(key="z", name="Zed", offers="legal advice")]) == []
    )


def test_best_first_then_listed_before_profiles_then_by_name_and_limited():
    candidates = [
        Candidate(key="b", name="B", offers="analytics", listed=False),
        Candidate(key="a", name="A", offers="analytics"),
        Candidate(key="c", name="C", offers="rostering analytics"),
        Candidate(key="d", name="D", offers="analytics"),
    ]
    assert [s.candidate.key for s in suggest(SENSOR_CO, candidates)] == ["c", "a", "d", "b"]
    assert [s.candidate.key for s in suggest(SENSOR_CO, candidates, limit=2)] == ["c", "a"]


def test_is_sme():
    assert [is_sme(b) for b in ("micro", "small", "medium", "large", "")] == [
        True,
        True,
        True,
        False,
        False,
    ]
