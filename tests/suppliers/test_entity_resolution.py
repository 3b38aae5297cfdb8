"""Which names are the same supplier (pure: no Django database)."""

from suppliers.entity_resolution import Observation, light, resolve


def clusters(observations, **options):
    result = resolve(observations, **options)
    groups = {}
    for o in observations:
        groups.setdefault(result.cluster_of[o.key], set()).add(o.name)
    return sorted(map(sorted, groups.values())), result


def test_strong_evidence_links_outright():
    found, result = clusters(
        [
            Observation("a", "Acme Ltd"),
            Observation("b", "ACME LIMITED"),  # same normalised name
            Observation("c", "Acme Building Services", company_number="01234567"),
            Observation("d", "Acme Bldg Svcs", company_number="01234567"),
            Observation("e", "Hope Trust", charity_number="1100001"),
            Observation("f", "The Hope Trust (Leeds)", charity_number="1100001"),
            Observation("g", "J Smith", buyer_ref="7:S001"),
            Observation("h", "John Smith Plumbing", buyer_ref="7:S001"),
        ],
        use_model=False,
    )
    assert found == [
        ["ACME LIMITED", "Acme Ltd"],
        ["Acme Bldg Svcs", "Acme Building Services"],
        ["Hope Trust", "The Hope Trust (Leeds)"],
        ["J Smith", "John Smith Plumbing"],
    ]
    assert result.auto_merged == 4 and set(result.probability.values()) == {1.0}


def test_vat_numbers_are_not_evidence():
    # A council and its schools share one VAT registration: they are not one supplier.
    found, _ = clusters(
        [Observation("a", "Salford City Council"), Observation("b", "St Patricks RC High School")],
        use_model=False,
    )
    assert len(found) == 2


def test_the_model_proposes_near_names_for_review_and_merges_only_when_allowed():
    observations = [
        Observation("a", "Balfour Beatty Ltd"),
        Observation("b", "Balfour Beaty Limited"),
        Observation("c", "Leeds Beckett University"),
    ]
    found, result = clusters(observations)
    assert len(found) == 3 and result.auto_merged == 0
    assert [(p.a, p.b) for p in result.for_review] == [("balfour beatty", "balfour beaty")]
    merged, result = clusters(observations, auto=0.5)
    assert ["Balfour Beatty Ltd", "Balfour Beaty Limited"] in merged and result.auto_merged == 1


def test_people_decide_and_different_company_numbers_never_merge():
    observations = [
        Observation("a", "Balfour Beatty Ltd", company_number="00395826"),
        Observation("b", "Balfour Beaty Limited", company_number="09999999"),
        Observation("c", "Kier Construction"),
        Observation("d", "Kier Group Services"),
    ]
    found, result = clusters(observations, auto=0.5)
    assert ["Balfour Beatty Ltd"] in found and ["Balfour Beaty Limited"] in found
    decided = {("kier construction", "kier group services"): True}
    found, result = clusters(observations, decisions=decided)
    assert ["Kier Construction", "Kier Group Services"] in found
    rejected = {("balfour beatty", "balfour beaty"): False}
    _, result = clusters(observations[:2], decisions=rejected, auto=0.5)
    assert result.for_review == []


def test_light_cleaning_keeps_what_tells_suppliers_apart():
    assert light("WWW.Tredz.co.uk") == "tredz"
    assert light("Smith & Sons (UK) Ltd.") == "smith sons ltd"


def test_one_name_two_registered_companies_stay_apart():
    found, _ = clusters(
        [
            Observation("a", "ABC Services Ltd", company_number="01111111"),
            Observation("b", "ABC Services Limited", company_number="02222222", weight=5),
            Observation("c", "ABC SERVICES LTD"),  # no number: joins the most used one
        ],
        use_model=False,
    )
    assert found == [["ABC SERVICES LTD", "ABC Services Limited"], ["ABC Services Ltd"]]
