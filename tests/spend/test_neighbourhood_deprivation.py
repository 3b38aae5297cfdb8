"""Deprivation at LSOA level against hand-computed values for six real postcodes (issue 19): a
tiny NSPL-format directory of those postcodes (their LSOA codes as postcodes.io stores them, their
grid references from postcodes-west-midlands.csv) loaded with load_registers; each payee's decile
is its LSOA's in IMD 2019 File 1; an LSOA 2021 code is used only when unchanged since 2011, and
said so; a new 2021 LSOA, and a postcode in no directory with LSOAs, have no decile; the ledger's
measure says at which level it is judged, or why it is not known."""

from io import StringIO

import pytest
from django.core.management import call_command

from registers.models import PostcodePlace
from spend import deprivation_status
from spend.dashboard import ledger
from tests.conftest import require_data
from tests.spend.test_ledger_facts import IMD, facts_of, pay

pytestmark = pytest.mark.django_db

NSPL = "pcds,laua,osward,lsoa11,lsoa21,oseast1m,osnrth1m\n"
# postcode, authority, ward, LSOA 2011, LSOA 2021, easting, northing. LSOAs and wards as
# api.postcodes.io stores them; grid references from postcodes-west-midlands.csv.
REAL = [
    ("B9 4RL", "E08000025", "E05011127", "E01009332", "E01009332", 409327, 286341),
    ("B10 0JS", "E08000025", "E05011127", "E01009380", "E01009380", 409735, 285711),
    ("B6 7SJ", "E08000025", "E05011155", "E01009202", "E01009202", 409222, 289835),
    ("B1 1BB", "E08000025", "E05011151", "E01033620", "E01033620", 406654, 286948),
    ("B90 4SJ", "E08000029", "E05001285", "E01010214", "E01010214", 413582, 277047),
    ("B90 4EX", "E08000029", "E05001285", "E01010183", "E01010183", 412717, 275420),
]
# IMD 2019 File 1, as read from the file (rank of 32,844; decile 1 = the most deprived tenth):
EXPECTED = {
    "B9 4RL": ("E01009332", 1),  # Birmingham 139E, rank 894, decile 1
    "B10 0JS": ("E01009380", 1),  # Birmingham 070E, rank 1,691, decile 1
    "B6 7SJ": ("E01009202", 1),  # Birmingham 043B, rank 1,122, decile 1
    "B1 1BB": ("E01033620", 3),  # Birmingham 138A, rank 9,525, decile 3
    "B90 4SJ": ("E01010214", 10),  # Solihull 027B, rank 32,528, decile 10
    "B90 4EX": ("E01010183", 9),  # Solihull 029D, rank 27,106, decile 9
}
# Not real postcodes of these LSOAs: the directory as a newer issue that gives only 2021 codes.
ONLY_2021 = [
    # Birmingham 139E again (unchanged since 2011), given by its 2021 code only
    ("B9 4ZZ", "E08000025", "", "", "E01009332", 409300, 286300),
    # Birmingham 052G (Alum Rock), an LSOA new in 2021: not in IMD 2019
    ("B8 9ZZ", "E08000025", "", "", "E01034933", 410500, 288000),
]


def directory(tmp_path, rows) -> str:
    path = tmp_path / "nspl.csv"
    path.write_text(NSPL + "".join(",".join(map(str, row)) + "\n" for row in rows))
    return str(path)


def load(path: str) -> None:
    call_command("load_registers", path, stdout=StringIO(), stderr=StringIO())


def payee(world, postcode):
    return pay(world.home, f"Supplier at {postcode}", postcode=postcode, postcode_source="test")


def test_each_real_postcodes_decile_is_its_lsoas_in_imd_2019(world, tmp_path):
    require_data(*IMD)
    load(directory(tmp_path, REAL))
    assert PostcodePlace.objects.count() == 6
    payees = {postcode: payee(world, postcode) for postcode in EXPECTED}
    for postcode, (lsoa, decile) in EXPECTED.items():
        row = facts_of(payees[postcode])
        assert (row["postcode"], row["lsoa"], row["deprivation_decile"]) == (
            postcode,
            lsoa,
            decile,
        ), postcode
        assert row["deprivation_level"] == "LSOA"
        assert row["in_deprived_area"] is (decile == 1)
        assert row["deprivation_basis"] == f"LSOA 2011 {lsoa}"


def test_a_2021_code_is_used_when_unchanged_and_said_so_a_new_one_has_no_decile(world, tmp_path):
    require_data(*IMD)
    load(directory(tmp_path, ONLY_2021))
    unchanged = facts_of(payee(world, "B9 4ZZ"))
    assert (unchanged["lsoa"], unchanged["deprivation_decile"]) == ("E01009332", 1)
    assert unchanged["deprivation_level"] == "LSOA" and unchanged["in_deprived_area"] is True
    assert unchanged["deprivation_basis"] == "LSOA 2021 E01009332, unchanged since 2011"
    new = facts_of(payee(world, "B8 9ZZ"))
    assert new["registered_la"] == "E08000025"  # placed, but its deprivation not known
    assert (new["deprivation_decile"], new["in_deprived_area"], new["deprivation_level"]) == (
        None,
        None,
        None,
    )
    assert new["deprivation_basis"] == (
        "LSOA 2021 E01034933 is new since 2011 (split or merged): it has no IMD 2019 decile"
    )


def test_a_postcode_in_no_directory_with_lsoas_has_no_decile(world, tmp_path):
    require_data(*IMD)
    load(directory(tmp_path, REAL))
    row = facts_of(payee(world, "B5 5SE"))  # not in the loaded directory: the packaged one
    assert row["registered_la"] == "E08000025"  # its authority known, and nothing more
    assert row["deprivation_decile"] is None and row["in_deprived_area"] is None
    assert row["deprivation_level"] is None and row["deprivation_basis"] is None


def test_the_ledger_says_the_level_or_why_deprivation_is_not_known(world, tmp_path):
    require_data(*IMD)
    pay(world.home, "Supplier at B9 4RL", postcode="B9 4RL", postcode_source="test")

    def note():
        rows = ledger(world.home).tables["measures"].rows
        return next(row["note"] for row in rows if row["name"] == "deprived_area_share")

    assert note() == deprivation_status.NO_DIRECTORY  # no directory: never by authority
    assert "no postcode directory with LSOAs is loaded" in note()
    PostcodePlace.objects.create(postcode="B5 5SE", local_authority_code="E08000025")
    assert note() == deprivation_status.NO_DIRECTORY  # a directory without LSOAs
    load(directory(tmp_path, ONLY_2021[1:]))  # only a new LSOA, which has no decile
    assert note() == deprivation_status.NONE_PLACED
    load(directory(tmp_path, REAL))
    assert note() == deprivation_status.JUDGED
    assert "LSOA level" in note()


def test_the_payee_page_says_which_lsoa_the_decile_is_from_or_why_none(world, tmp_path, client_for):
    require_data(*IMD)
    load(directory(tmp_path, ONLY_2021))
    client = client_for("buyer")
    unchanged = payee(world, "B9 4ZZ")
    html = client.get(f"/suppliers/payees/{unchanged.pk}/").content.decode()
    assert "IMD 2019 decile 1 at LSOA level (E01009332)" in html
    assert "LSOA 2021 E01009332, unchanged since 2011" in html
    new = payee(world, "B8 9ZZ")
    html = client.get(f"/suppliers/payees/{new.pk}/").content.decode()
    assert "LSOA 2021 E01034933 is new since 2011 (split or merged)" in html
