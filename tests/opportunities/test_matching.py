from decimal import Decimal

from opportunities.matching import Candidate, Capabilities, match


def candidate(**fields):
    base = dict(
        title="Retrofit of council homes",
        description="Insulation and heat pumps",
        buyer_name="Sandwell Metropolitan Borough Council",
        cpv_codes=["45321000"],
        lots=["North: loft insulation", "South: retrofit of flats"],
        delivery="West Midlands B69",
        value=Decimal(800_000),
    )
    return Candidate(**(base | fields))


def test_reasons_are_explained():
    result = match(
        Capabilities(
            cpv_codes=["45000000"],
            keywords=["heat pumps", "flats"],
            areas=["Sandwell"],
            max_contract_value=Decimal(1_000_000),
        ),
        candidate(),
    )
    assert result.reasons == [
        "CPV 45321000 is inside your 45000000",
        "keyword 'heat pumps' in the description",
        "keyword 'flats' in lot 2",
        "delivery in Sandwell, which you serve",
        "worth £800,000, within what you can take on",
    ]
    assert result.score == 45 + 8 + 15 + 15 + 5


def test_broader_notice_code_counts_less_than_a_code_inside_yours():
    inside = match(Capabilities(cpv_codes=["72000000"]), candidate(cpv_codes=["72212000"]))
    covers = match(Capabilities(cpv_codes=["72212000"]), candidate(cpv_codes=["72000000"]))
    assert inside.score > covers.score > 0
    assert covers.reasons == ["CPV 72000000 covers your 72212000"]


def test_too_big_is_a_penalty_with_advice():
    result = match(
        Capabilities(keywords=["retrofit"], max_contract_value=Decimal(100_000)), candidate()
    )
    assert result.score == 0 and "more than the £100,000 you can take on" in result.reasons[-1]


def test_no_evidence_no_score():
    assert match(Capabilities(cpv_codes=["33000000"], keywords=["catering"]), candidate()) == match(
        Capabilities(), candidate()
    )
    assert match(Capabilities(), candidate()).score == 0


def test_whole_words_only():
    assert match(Capabilities(keywords=["pump"]), candidate()).score > 0  # prefix of "pumps"
    assert match(Capabilities(keywords=["sulation"]), candidate()).score == 0
