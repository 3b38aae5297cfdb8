"""Complementary partners with reasons (challenges/partners.py). No database."""

from challenges import partners

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
