"""What is known of a payee, judged best source first (spend/payee_facts.py): pure, no database."""

import io

import polars as pl
import pytest

from reference.deprivation import (
    DeprivationFileProblem,
    deciles_frame,
    lsoa_decile,
    read_deciles,
)
from spend import payee_facts as pf

BIRMINGHAM, WALSALL, LEEDS = "E08000025", "E08000030", "E08000035"
CA = {BIRMINGHAM, WALSALL}
REGION = CA | {"E07000237"}
# Postcodes as written → where they are; "B1 1BB" has an LSOA 2011 code, "WS2 9PS" only a 2021
# code that is an unchanged 2011 one, "WS1 1AA" a new 2021 code (split in 2021: no IMD decile).
PLACES = [
    ("B1 1BB", "B1 1BB", BIRMINGHAM, "E01000001", ""),
    ("b11bb", "B1 1BB", BIRMINGHAM, "E01000001", ""),
    ("WS2 9PS", "WS2 9PS", WALSALL, "", "E01000002"),
    ("WS1 1AA", "WS1 1AA", WALSALL, "", "E01035000"),
    ("LS1 1AA", "LS1 1AA", LEEDS, "E01000003", "E01000003"),
    ("B9 9ZZ", "B9 9ZZ", BIRMINGHAM, "", ""),
]
DECILES = {"E01000001": 1, "E01000002": 5, "E01000003": 7}


def payee(**values) -> dict:
    row = dict.fromkeys(pf.PAYEES)
    row.update(payee_id=1, buyer_id=1, payee_name="ACME", is_redacted=False)
    row.update(has_company_number=False, has_charity_number=False)
    row.update(values)
    return row


def judge(payees, claims=(), sites=()) -> list[dict]:
    frame = pf.judge_payees(
        pl.DataFrame(payees, schema=pf.PAYEES),
        pl.DataFrame(list(claims), schema=pf.CLAIMS, orient="row"),
        pl.DataFrame(list(sites), schema=pf.SITES, orient="row"),
        pl.DataFrame(PLACES, schema=pf.PLACES, orient="row"),
        deciles_frame(DECILES),
        CA,
        REGION,
    )
    assert frame.schema == pl.Schema(pf.FACTS)
    return frame.sort("payee_id").to_dicts()


def test_the_first_source_that_places_a_payee_wins_in_order():
    every = [
        (1, pf.GIVEN, "LS1 1AA", None, "given"),
        (1, pf.NOTICES, "WS1 1AA", None, "notices"),
        (1, pf.COMPANIES_HOUSE, "WS2 9PS", None, "ch"),
        (1, pf.ENTRY, "b11bb", None, "entry"),
        (1, pf.PROFILE, "LS1 1AA", None, "profile"),
    ]
    expected = [
        (pf.PROFILE, LEEDS),
        (pf.ENTRY, BIRMINGHAM),
        (pf.COMPANIES_HOUSE, WALSALL),
        (pf.NOTICES, WALSALL),
        (pf.GIVEN, LEEDS),
    ]
    for dropped in range(len(expected)):
        claims = [c for c in every if c[1] not in {s for s, _ in expected[:dropped]}]
        (row,) = judge([payee()], claims)
        assert (row["place_source"], row["registered_la"]) == expected[dropped]
        assert row["place_evidence"] == next(c[4] for c in claims if c[1] == row["place_source"])


def test_a_postcode_not_in_the_directory_passes_to_the_next_source():
    (row,) = judge(
        [payee()],
        [(1, pf.PROFILE, "ZZ9 9ZZ", None, "profile"), (1, pf.NOTICES, "WS2 9PS", None, "n")],
    )
    assert row["place_source"] == pf.NOTICES and row["postcode"] == "WS2 9PS"


def test_a_register_entry_that_names_only_an_authority_places_at_that_level():
    (row,) = judge([payee()], [(1, pf.ENTRY, None, WALSALL, "council")])
    assert row["registered_la"] == WALSALL and row["postcode"] is None
    assert row["in_combined_authority"] is True and row["in_uk"] is True
    # An authority says nothing of deprivation: not known, never "deprived" for all of Walsall.
    assert row["in_deprived_area"] is None and row["deprivation_level"] is None


def test_deprivation_at_lsoa_level_from_2011_or_unchanged_2021_codes():
    rows = judge(
        [payee(payee_id=n) for n in (1, 2, 3, 4)],
        [
            (1, pf.PROFILE, "B1 1BB", None, ""),  # LSOA 2011, decile 1
            (2, pf.PROFILE, "WS2 9PS", None, ""),  # unchanged 2021 code, decile 5
            (3, pf.PROFILE, "WS1 1AA", None, ""),  # new 2021 code: not known
            (4, pf.PROFILE, "B9 9ZZ", None, ""),  # no LSOA at all: not known
        ],
    )
    judged = [
        (r["in_deprived_area"], r["deprivation_level"], r["deprivation_decile"]) for r in rows
    ]
    assert judged == [(True, "LSOA", 1), (False, "LSOA", 5), (None, None, None), (None, None, None)]
    assert rows[1]["lsoa"] == "E01000002" and rows[2]["registered_la"] == WALSALL


def test_an_operating_site_in_a_deprived_area_counts_and_files_place_last():
    rows = judge(
        [payee(payee_id=1), payee(payee_id=2)],
        [(1, pf.NOTICES, "LS1 1AA", None, "")],
        [(1, "network profile site", "B1 1BB"), (2, pf.FILES, "WS2 9PS"), (2, pf.FILES, "b11bb")],
    )
    one, two = rows
    assert one["registered_la"] == LEEDS and one["operating_las"] == [BIRMINGHAM]
    assert one["in_deprived_area"] is True and one["in_combined_authority"] is True
    assert two["registered_la"] is None and two["place_source"] == pf.FILES
    assert two["place_evidence"] == "postcode B1 1BB, WS2 9PS in the buyer's payment files"
    assert sorted(two["operating_las"]) == [BIRMINGHAM, WALSALL]


def test_unknowns_stay_unknown():
    (row,) = judge([payee()])
    for name in (
        "sector",
        "registered_la",
        "place_source",
        "in_uk",
        "in_region",
        "in_combined_authority",
        "is_sme",
        "size_source",
        "is_vcse",
        "in_deprived_area",
        "deprivation_level",
    ):
        assert row[name] is None, name
    assert row["operating_las"] == []


@pytest.mark.parametrize(
    ("values", "sector", "source"),
    [
        (
            {"is_redacted": True, "entry_sector": "public"},
            "individual",
            "name withheld in the file",
        ),
        (
            {"entry_sector": "public", "entry_label": "NHS trust RBK", "profile_kind": "company"},
            "public",
            "register entry NHS trust RBK",
        ),
        (
            {"profile_kind": "cic", "ch_label": "company 1", "ch_kind": "Private Limited Company"},
            "third",
            pf.PROFILE,
        ),
        ({"profile_kind": "nhs_trust"}, "public", pf.PROFILE),
        (
            {"ch_label": "company 01234567", "ch_kind": "Community Interest Company"},
            "third",
            "Companies House company 01234567",
        ),
        (
            {"ch_label": "company 01234567", "ch_kind": "Private Limited Company"},
            "private",
            "Companies House company 01234567",
        ),
        (
            {"ch_label": "company 1", "ch_sector": "third", "ch_kind": "PRI/LBG/NSC"},
            "third",
            "Companies House company 1",
        ),
        ({"has_charity_number": True, "has_company_number": True}, "third", "charity number"),
        ({"supplier_scheme": "GB-COH"}, "private", "company number"),
    ],
)
def test_sector_best_source_first(values, sector, source):
    (row,) = judge([payee(**values)])
    assert (row["sector"], row["sector_source"]) == (sector, source)


@pytest.mark.parametrize(
    ("values", "sme", "source"),
    [
        ({"profile_sme": False, "entry_size": "sme", "ch_size": "sme"}, False, pf.PROFILE),
        ({"entry_size": "large", "notice_scale": "sme", "entry_label": "x"}, False, pf.ENTRY),
        ({"entry_size": "", "notice_scale": "SME", "ch_size": "large"}, True, pf.NOTICES),
        (
            {"ch_size": "sme", "ch_label": "company 1", "ch_size_basis": "accounts: MICRO ENTITY"},
            True,
            pf.COMPANIES_HOUSE,
        ),
        ({"ch_size": "", "ch_label": "company 1"}, None, None),
    ],
)
def test_size_best_source_first(values, sme, source):
    (row,) = judge([payee(**values)])
    assert (row["is_sme"], row["size_source"]) == (sme, source)
    if source == pf.COMPANIES_HOUSE:
        assert row["size_evidence"] == "company 1: accounts: MICRO ENTITY"


def test_vcse_best_source_first_and_public_bodies_are_not_vcse():
    rows = judge(
        [
            payee(payee_id=1, profile_vcse=False, entry_vcse=True),
            payee(payee_id=2, entry_vcse=True, entry_label="charity 1"),
            payee(payee_id=3, has_charity_number=True),
            payee(payee_id=4, entry_sector="public", entry_label="council"),
            payee(payee_id=5, notice_vcse=True),
        ]
    )
    assert [r["is_vcse"] for r in rows] == [False, True, True, False, True]
    assert [r["vcse_source"] for r in rows] == [
        pf.PROFILE,
        "register entry charity 1",
        "charity number",
        "a public body",
        pf.NOTICES,
    ]


def test_reading_the_imd_file_by_its_column_names():
    text = (
        "\ufeffLSOA code (2011),LSOA name (2011),Index of Multiple Deprivation (IMD) Rank,"
        'Index of Multiple Deprivation (IMD) Decile\nE01000001,A,"29,199",9\nE01000002,B,1,x\n'
        ",C,1,1\n"
    )
    assert read_deciles(io.StringIO(text.lstrip("\ufeff"))) == {"E01000001": 9}
    with pytest.raises(DeprivationFileProblem, match="Decile"):
        read_deciles(io.StringIO("LSOA code,Score\nE01,3\n"))
    assert lsoa_decile(None, "E01000001", {"E01000001": 9}) == ("E01000001", 9)
    assert lsoa_decile("", "E01035000", {"E01000001": 9}) == (None, None)


def test_the_real_imd_file_gives_every_english_lsoa_a_decile():
    from reference.deprivation import IMD_FILE, deciles_from
    from tests.conftest import require_data

    deciles = deciles_from(require_data(*IMD_FILE))
    assert len(deciles) == 32844 and set(deciles.values()) == set(range(1, 11))
    assert deciles["E01000001"] == 9  # City of London 001A, as the file says
    assert sum(1 for d in deciles.values() if d == 1) == pytest.approx(3284, abs=2)


def test_a_suggestion_still_to_decide_says_nothing_of_the_payee():
    entry = {"entry_id": 9, "entry_name": "DALE MEDICAL PRACTICE", "entry_sector": "private"}
    rows = judge(
        [
            payee(payee_id=1, match_status="suggested", **entry),
            payee(payee_id=2, match_status="matched", **entry),
            payee(payee_id=3, match_status="confirmed", **entry),
        ],
        [(n, pf.ENTRY, "WS2 9PS", None, "entry") for n in (1, 2, 3)],
    )
    assert [r["sector"] for r in rows] == [None, "private", "private"]
    assert [r["registered_la"] for r in rows] == [None, WALSALL, WALSALL]
    assert [r["entry_id"] for r in rows] == [None, 9, 9]


@pytest.mark.parametrize(
    ("name", "sector"),
    [
        ("Yoo Recruit Ltd", "private"),
        ("ACME LIMITED (ACCOUNT 0042)", "private"),
        ("Royal Mail Group PLC", "private"),
        ("Smith & Jones LLP - Legal fees", "private"),
        ("Heart of the City CIC", "third"),
        ("Ladywood Community Interest Company", "third"),
        ("Limited Edition Flowers", None),  # the form must end the name
        ("Wolverhampton Homes", None),
    ],
)
def test_the_legal_form_in_a_name_says_its_sector_when_nothing_else_does(name, sector):
    (row,) = judge([payee(payee_name=name)])
    assert row["sector"] == sector
    if sector:
        assert row["sector_source"].startswith("legal form in its name")


def test_a_register_entry_wins_over_the_legal_form_in_the_name():
    (row,) = judge([payee(payee_name="Sandwell Leisure Trust Ltd", entry_sector="third")])
    assert row["sector"] == "third"
