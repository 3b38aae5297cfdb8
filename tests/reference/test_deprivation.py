"""reference/deprivation.py: IMD 2019 deciles by LSOA, read from File 1 and joined to places; the
set-wise join agrees with the one-place definition. No database."""

import io

import polars as pl
import pytest

from reference.deprivation import (
    IMD_FILE,
    DeprivationFileProblem,
    deciles_frame,
    deciles_from,
    lsoa_basis,
    lsoa_decile,
    read_deciles,
    with_deciles,
)
from tests.conftest import require_data

HEADER = (
    "LSOA code (2011),LSOA name (2011),Local Authority District code (2019),"
    "Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile\n"
)


def test_read_deciles_finds_the_columns_by_name_and_skips_what_is_not_a_decile():
    text = HEADER + (
        "E01000001,City of London 001A,E09000001,29199,9\n"
        "E01000002,City of London 001B,E09000001,30379,10\n"
        "E01000003,x,E09000001,1,0\n"  # outside 1-10
        "E01000004,x,E09000001,1,n/a\n"  # not a number
        ",x,E09000001,1,3\n"  # no code
        "E01000005,short\n"  # too few cells
        " E01000006 ,x,E09000001,1, 1 \n"
    )
    assert read_deciles(io.StringIO(text)) == {"E01000001": 9, "E01000002": 10, "E01000006": 1}


def test_a_file_that_is_not_file_1_is_refused_with_what_was_expected():
    with pytest.raises(DeprivationFileProblem, match="The deprivation file is empty"):
        read_deciles(io.StringIO(""))
    with pytest.raises(DeprivationFileProblem, match="No column naming 'lsoa and code'"):
        read_deciles(io.StringIO("Ward code,IMD decile\nE05000001,3\n"))
    with pytest.raises(DeprivationFileProblem, match=r"No column naming '\(imd\) and decile'"):
        read_deciles(io.StringIO("LSOA code (2011),Income Decile\nE01000001,3\n"))


DECILES = {"E01000001": 1, "E01000002": 7}


@pytest.mark.parametrize(
    ("lsoa11", "lsoa21", "found"),
    [
        ("E01000001", "E01000002", ("E01000001", 1)),  # the 2011 code first
        (None, "E01000002", ("E01000002", 7)),  # an unchanged 2021 code
        ("E01999999", "E01000002", ("E01000002", 7)),  # a 2011 code without a decile
        (None, "E01035000", (None, None)),  # a new 2021 code: not known
        (None, None, (None, None)),
        ("", "", (None, None)),
    ],
)
def test_lsoa_decile(lsoa11, lsoa21, found):
    assert lsoa_decile(lsoa11, lsoa21, DECILES) == found


def test_with_deciles_agrees_with_lsoa_decile_place_by_place():
    cases = [
        ("E01000001", "E01000002"),
        (None, "E01000002"),
        ("E01999999", "E01000002"),
        (None, "E01035000"),
        ("E01999999", None),
        ("W01000001", "W01000001"),
        ("", ""),
        (None, None),
    ]
    places = pl.DataFrame(
        {
            "id": list(range(len(cases))),
            "lsoa11": [a for a, _ in cases],
            "lsoa21": [b for _, b in cases],
        },
        schema={"id": pl.Int64, "lsoa11": pl.String, "lsoa21": pl.String},
    )
    joined = with_deciles(places, deciles_frame(DECILES)).sort("id")
    assert list(zip(joined["lsoa"], joined["decile"], strict=True)) == [
        lsoa_decile(a, b, DECILES) for a, b in cases
    ]
    assert joined["basis"].to_list() == [lsoa_basis(a, b, DECILES) for a, b in cases]
    assert joined.columns == ["id", "lsoa11", "lsoa21", "lsoa", "decile", "basis"]


@pytest.mark.parametrize(
    ("lsoa11", "lsoa21", "basis"),
    [
        ("E01000001", "E01000002", "LSOA 2011 E01000001"),
        (None, "E01000002", "LSOA 2021 E01000002, unchanged since 2011"),
        ("E01999999", "E01000002", "LSOA 2021 E01000002, unchanged since 2011"),
        (
            None,
            "E01035000",
            "LSOA 2021 E01035000 is new since 2011 (split or merged): it has no IMD 2019 decile",
        ),
        ("E01999999", None, "LSOA 2011 E01999999 is not in the IMD 2019 file"),
        (None, "W01000001", "LSOA W01000001 is in Wales: the English IMD 2019 does not cover it"),
        (None, None, None),
    ],
)
def test_lsoa_basis_says_what_the_decile_is_judged_from_or_why_there_is_none(lsoa11, lsoa21, basis):
    assert lsoa_basis(lsoa11, lsoa21, DECILES) == basis


def test_without_an_imd_file_no_basis_is_claimed():
    assert lsoa_basis("E01000001", None, {}) is None
    places = pl.DataFrame({"lsoa11": ["E01000001"], "lsoa21": [None]}, schema=PLACE_SCHEMA)
    assert with_deciles(places, deciles_frame({}))["basis"].to_list() == [None]


PLACE_SCHEMA = {"lsoa11": pl.String, "lsoa21": pl.String}


def test_deciles_frame_of_nothing_is_an_empty_typed_frame():
    frame = deciles_frame({})
    assert frame.is_empty() and frame.schema == {"lsoa": pl.String, "decile": pl.Int64}


def test_deciles_from_reads_plain_and_gzipped_files(tmp_path):
    import gzip

    text = HEADER + "E01000001,x,E09000001,1,4\n"
    plain = tmp_path / "imd.csv"
    plain.write_text("\ufeff" + text, encoding="utf-8")  # a BOM, as Excel writes
    packed = tmp_path / "imd.csv.gz"
    packed.write_bytes(gzip.compress(text.encode()))
    assert deciles_from(plain) == deciles_from(packed) == {"E01000001": 4}


def test_the_published_file_1_gives_every_decile_to_a_tenth_of_englands_lsoas():
    deciles = deciles_from(require_data(*IMD_FILE))
    assert len(deciles) == 32_844  # every LSOA 2011 in England
    counts = pl.Series(list(deciles.values())).value_counts().sort("")
    assert counts[""].to_list() == list(range(1, 11))
    assert all(3_284 <= n <= 3_285 for n in counts["count"])
