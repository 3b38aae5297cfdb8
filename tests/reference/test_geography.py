"""Where a postcode is in the local-spend rings, and how deprived its local authority is."""

import pytest

from reference.geography import areas, imd_deciles, locate
from tests.conftest import require_data


@pytest.fixture(scope="module")
def deciles():
    return imd_deciles(require_data("reference", "imd", "English IMD - Local Authorities.csv"))


@pytest.mark.parametrize(
    ("postcode", "authority", "name", "wmca", "region"),
    [
        ("B1 1BB", "E08000025", "Birmingham", True, True),
        ("cv1 2gt", "E08000026", "Coventry", True, True),
        ("WR1 2HP", "E07000237", "Worcester", False, True),
        ("M1 1AE", "E08000003", "E08000003", False, False),
        ("EH1 1YZ", "S12000036", "S12000036", False, False),
    ],
)
def test_rings(postcode, authority, name, wmca, region, deciles):
    place = locate(postcode, deciles)
    assert (place.local_authority, place.local_authority_name) == (authority, name)
    assert (place.in_combined_authority, place.in_region, place.in_uk) == (wmca, region, True)
    assert place.deprivation_level == "local authority"


def test_unknown_or_malformed_postcodes_have_no_place():
    assert locate("ZZ9 9ZZ") is None
    assert locate("not a postcode") is None
    assert locate("") is None


def test_deprivation_deciles_of_local_authorities(deciles):
    assert len(deciles) == 317 and set(deciles.values()) == set(range(1, 11))
    assert deciles["E08000025"] == 1  # Birmingham: among the most deprived tenth
    assert deciles["E08000029"] > deciles["E08000025"]  # Solihull less deprived
    assert locate("EH1 1YZ", deciles).deprivation_decile is None  # English indices only


def test_the_combined_authority_is_inside_the_region():
    known = areas()
    assert len(known["combined_authority"]["members"]) == 7
    assert set(known["combined_authority"]["members"]) <= set(known["region"]["members"])
    assert len(known["region"]["members"]) == 30


def test_postcode_sectors_are_counted_by_local_authority_from_the_packaged_directory():
    from reference.geography import sector_counts

    counts = sector_counts({"B9 4", "B36 0", "ZZ9 9"})
    assert counts["ZZ9 9"] == {}
    assert set(counts["B9 4"]) == {"E08000025"} and counts["B9 4"]["E08000025"] > 100
    assert "E08000029" in counts["B36 0"]  # a sector mostly in Solihull
