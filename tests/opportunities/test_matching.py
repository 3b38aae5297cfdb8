"""Recommendations' scoring (pure): what the supplier does, where, what it can take on, its size."""

from decimal import Decimal

from opportunities.matching import (
    Candidate,
    CandidateLot,
    Capabilities,
    Fit,
    limit,
    match,
    points,
    weights,
)


def candidate(**fields):
    base = dict(
        title="Retrofit of council homes",
        description="Insulation and heat pumps",
        buyer_name="Sandwell Metropolitan Borough Council",
        cpv_codes=["45321000"],
        lots=[
            CandidateLot("North: loft insulation", Decimal(400_000)),
            CandidateLot("South: retrofit of flats", Decimal(400_000)),
        ],
        delivery="West Midlands B69",
        value=Decimal(800_000),
    )
    return Candidate(**(base | fields))


def micro(capacity=100_000, **fields):
    base = dict(
        cpv_codes=["45000000"],
        keywords=["retrofit"],
        areas=["West Midlands"],
        max_contract_value=Decimal(capacity),
        size_band="micro",
    )
    return Capabilities(**(base | fields))


def test_reasons_are_explained_in_the_suppliers_words():
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
        "what it buys (CPV 45321000) is inside what you do (45000000)",
        "your keyword ‘heat pumps’ is in the description",
        "your keyword ‘flats’ is in lot 2",
        "delivered in an area you serve (Sandwell)",
        "worth £800,000, within your capacity of £1 million",
    ]
    assert result.fit == Fit.FITS
    assert result.score == sum(
        points(name)
        for name in ("cpv_inside", "keyword_text", "keyword_lot", "area", "within_capacity")
    )


def test_broader_notice_code_counts_less_than_a_code_inside_yours():
    inside = match(Capabilities(cpv_codes=["72000000"]), candidate(cpv_codes=["72212000"]))
    covers = match(Capabilities(cpv_codes=["72212000"]), candidate(cpv_codes=["72000000"]))
    assert inside.score > covers.score > 0
    assert covers.reasons == ["what it buys (CPV 72000000) includes what you do (72212000)"]


def test_a_lot_within_capacity_is_the_way_in_and_says_which():
    result = match(
        micro(500_000, keywords=["flats"]),
        candidate(value=Decimal(900_000)),
    )
    assert result.fit == Fit.VIA_LOT and result.lot == 2  # the lot your keyword named
    assert (
        "lot 2 fits your capacity: worth £400,000, within your £500,000 "
        "(the whole contract is worth £900,000), so bid for that lot"
    ) in result.reasons
    assert result.score >= limit("recommend_from")


def test_the_first_lot_within_capacity_when_no_keyword_names_one():
    lots = [CandidateLot("Depots", Decimal(700_000)), CandidateLot("Car parks", Decimal(90_000))]
    result = match(micro(), candidate(value=Decimal(790_000), lots=lots))
    assert result.fit == Fit.VIA_LOT and result.lot == 2


def test_a_little_over_capacity_is_a_stretch_far_over_is_too_large():
    stretch = match(micro(), candidate(value=Decimal(250_000), lots=[]))
    assert stretch.fit == Fit.STRETCH
    assert (
        "more than your capacity of £100,000: you could bid with a partner" in stretch.reasons[-1]
    )
    too_large = match(micro(), candidate(value=Decimal(325_000), lots=[]))
    assert too_large.fit == Fit.TOO_LARGE and too_large.too_large
    assert "too large for your capacity of £100,000 now" in " ".join(too_large.reasons)
    fits = match(micro(), candidate(value=Decimal(90_000), lots=[]))
    assert fits.score > stretch.score > too_large.score
    assert too_large.relevance == fits.relevance  # as relevant; only its size keeps it apart


def test_lots_without_values_are_pointed_at_when_the_whole_is_too_large():
    lots = [CandidateLot("North"), CandidateLot("South"), CandidateLot("East")]
    result = match(micro(), candidate(value=Decimal(3_800_000), lots=lots))
    assert result.fit == Fit.TOO_LARGE
    assert "its 3 lots have no published values, so look at them: one may fit" in result.reasons[-1]


def test_the_issues_micro_supplier_sees_work_within_reach_first():
    """A micro supplier that can take on £100k was shown only £325k–£3.3m contracts at 30–70%."""
    capabilities = micro()
    offered = {
        "£3.3m, no lots": candidate(value=Decimal(3_300_000), lots=[]),
        "£900k, no lots": candidate(value=Decimal(900_000), lots=[]),
        "£325k, no lots": candidate(value=Decimal(325_000), lots=[]),
        "£1.2m with an £80k lot": candidate(
            value=Decimal(1_200_000),
            lots=[
                CandidateLot("Main works", Decimal(1_120_000)),
                CandidateLot("Surveys", Decimal(80_000)),
            ],
        ),
        "£90k below threshold": candidate(value=Decimal(90_000), lots=[], above_threshold=False),
    }
    results = {name: match(capabilities, c) for name, c in offered.items()}
    shown = sorted(
        (name for name, r in results.items() if not r.too_large),
        key=lambda name: -results[name].score,
    )
    assert shown == ["£90k below threshold", "£1.2m with an £80k lot"]
    assert results["£1.2m with an £80k lot"].lot == 2
    assert {name for name, r in results.items() if r.too_large} == {
        "£3.3m, no lots",
        "£900k, no lots",
        "£325k, no lots",
    }
    assert all(
        results[name].score < limit("recommend_from")
        for name in ("£3.3m, no lots", "£900k, no lots", "£325k, no lots")
    )


def test_micro_and_small_suppliers_favour_below_threshold_lotted_and_sme_work():
    plain = candidate(value=Decimal(50_000), lots=[], above_threshold=True)
    below = candidate(value=Decimal(50_000), lots=[], above_threshold=False)
    suited = candidate(value=Decimal(50_000), lots=[], above_threshold=True, sme_suitable=True)
    reserved = candidate(value=Decimal(50_000), lots=[], reserved_for_sme_vcse=True)
    for band in ("micro", "small"):
        small = micro(size_band=band)
        assert match(small, below).score == match(small, plain).score + points(
            "below_threshold_small"
        )
        assert "below the procurement threshold" in match(small, below).reasons[-1]
        assert match(small, suited).reasons[-1] == "the buyer says it suits SMEs"
        assert match(small, reserved).reasons[-1] == "reserved for SMEs and VCSEs"
    lotted = candidate(value=Decimal(50_000))
    assert "divided into 2 lots, which suits a smaller firm" in match(micro(), lotted).reasons
    large = micro(size_band="large")
    assert match(large, below).score == match(large, plain).score  # no favour for a large firm
    refused = match(large, reserved)
    assert refused.score < limit("recommend_from")
    assert "a large firm cannot bid" in refused.reasons[-1]


def test_areas_served_weigh_the_delivery_place():
    here = match(micro(areas=["Sandwell"]), candidate(value=Decimal(50_000), lots=[]))
    there = match(micro(areas=["Coventry"]), candidate(value=Decimal(50_000), lots=[]))
    assert here.score == there.score + points("area")
    assert "delivered in an area you serve (Sandwell)" in here.reasons
    by_postcode = match(micro(areas=["B69"]), candidate(value=Decimal(50_000), lots=[]))
    assert "delivered in an area you serve (B69)" in by_postcode.reasons


def test_value_and_size_say_nothing_without_relevance():
    unrelated = micro(cpv_codes=["33000000"], keywords=["catering"], areas=[])
    result = match(unrelated, candidate(value=Decimal(50_000), above_threshold=False))
    assert result.score == 0 and result.reasons == [] and result.fit == Fit.UNKNOWN


def test_no_capacity_or_no_value_is_said():
    assert match(Capabilities(keywords=["retrofit"]), candidate()).fit == Fit.UNKNOWN
    unpriced = match(micro(), candidate(value=None))
    assert unpriced.fit == Fit.UNKNOWN
    assert "its value is not published: check it is within your capacity" in unpriced.reasons


def test_no_evidence_no_score():
    assert match(Capabilities(cpv_codes=["33000000"], keywords=["catering"]), candidate()) == match(
        Capabilities(), candidate()
    )
    assert match(Capabilities(), candidate()).score == 0


def test_whole_words_only():
    assert match(Capabilities(keywords=["pump"]), candidate()).score > 0  # prefix of "pumps"
    assert match(Capabilities(keywords=["sulation"]), candidate()).score == 0


def test_every_weight_says_why_and_where_from():
    data = weights()
    for entry in [*data["points"].values(), *data["limits"].values()]:
        assert entry["why"] and entry["source"]
    assert limit("stretch_ratio") == 3


def placed(regions=(), postcodes=(), buyer_postcode=""):
    return candidate(
        value=Decimal(50_000),
        lots=[],
        delivery="",
        buyer_name="A buyer",
        delivery_regions=list(regions),
        delivery_postcodes=list(postcodes),
        buyer_postcode=buyer_postcode,
    )


def test_areas_are_places_a_postcode_in_a_borough_you_serve_is_in_it():
    sandwell = micro(areas=["Sandwell"])
    result = match(sandwell, placed(postcodes=["B69 3DE"]))  # Oldbury, in Sandwell
    assert "delivered in an area you serve (Sandwell)" in result.reasons
    region = match(micro(areas=["West Midlands"]), placed(postcodes=["B69 3DE"]))
    assert "delivered in an area you serve (West Midlands)" in region.reasons


def test_a_region_wide_contract_counts_less_and_one_elsewhere_counts_against():
    coventry = micro(areas=["Coventry"])
    inside = match(coventry, placed(postcodes=["CV1 5RR"]))
    across = match(coventry, placed(regions=["West Midlands"]))
    elsewhere = match(coventry, placed(postcodes=["B69 3DE"]))
    assert inside.score == across.score + points("area") - points("area_wider")
    assert "delivered across West Midlands, which includes Coventry, where you work" in (
        across.reasons
    )
    assert elsewhere.score == inside.score - points("area") + points("area_outside")
    assert "delivered outside the areas you serve" in elsewhere.reasons


def test_with_no_delivery_place_the_buyers_address_stands_in():
    result = match(micro(areas=["Sandwell"]), placed(buyer_postcode="B69 3DE"))
    assert "the buyer is in an area you serve (Sandwell)" in result.reasons


def test_a_place_we_do_not_know_is_read_as_words_and_never_counts_against():
    known = micro(areas=["Tipton Green Lane Estate"])
    assert (
        "delivered outside the areas you serve"
        not in match(known, placed(postcodes=["CV1 5RR"])).reasons
    )
    worded = candidate(value=Decimal(50_000), lots=[], delivery="Tipton Green Lane Estate")
    assert (
        "delivered in an area you serve (Tipton Green Lane Estate)" in match(known, worded).reasons
    )
