"""The ONS LSOA (2021) → ward → local authority lookup: recognised by its columns whatever their
year, read without a database (rows that are not codes rejected with the reason), loaded through
load_registers idempotently (the real file: 35,672 LSOAs; Birmingham's 69 wards and 659 LSOAs),
and used to place postcodes in wards through their LSOA 2021 (registers/areas.where)."""

import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command

from reference.area_rules import (
    WARD_FROM_DIRECTORY,
    WARD_FROM_LSOA,
    WARD_FROM_LSOA11,
    WARDS,
    Definition,
    contains,
)
from registers import small_areas
from registers.areas import where
from registers.formats.base import Lsoa, Rejected
from registers.formats.small_areas import read
from registers.models import RegisterRejection, SmallArea
from registers.recognise import recognise
from tests.conftest import require_data

LOOKUP = (
    "reference",
    "geography",
    (
        "Lower_Layer_Super_Output_Area_(2021)_to_Ward_(2022)_to_LAD_(2022)_Lookup_in_England_"
        "and_Wales_v3.csv.gz"
    ),
)
HEADER = "\ufeffLSOA21CD,LSOA21NM,LSOA21NMW,WD22CD,WD22NM,WD22NMW,LAD22CD,LAD22NM,LAD22NMW,ObjectId"
ROWS = [
    "E01009332,Birmingham 139E,,E05011127,Bordesley Green,,E08000025,Birmingham,,1",
    "E01009380,Birmingham 070E,,E05011127,Bordesley Green,,E08000025,Birmingham,,2",
    "E01009202,Birmingham 043B,,E05011155,Nechells,,E08000025,Birmingham,,3",
    "E01010214,Solihull 027B,,E05001285,Blythe,,E08000029,Solihull,,4",
]


def lookup_file(tmp_path, rows=ROWS, header=HEADER, name="lookup.csv.gz"):
    path = tmp_path / name
    path.write_bytes(gzip.compress(("\n".join([header, *rows]) + "\n").encode()))
    return path


def load(*paths) -> list[dict]:
    out = StringIO()
    call_command("load_registers", *map(str, paths), "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())["files"]


def recognised(header: str):
    return recognise("t", iter([header.split(","), ROWS[0].split(",")]))


@pytest.mark.parametrize(
    "header",
    [
        HEADER.lstrip("\ufeff"),
        "LSOA21CD,LSOA21NM,WD23CD,WD23NM,LAD23CD,LAD23NM",  # another year's product
        "lsoa21cd,wd24cd",  # the codes alone
    ],
)
def test_the_lookup_is_recognised_by_its_columns_whatever_their_year(header):
    assert recognised(header).format.name == "ons-lsoa-ward-lookup"


def test_a_postcode_directory_with_lsoas_and_wards_is_not_taken_for_the_lookup():
    assert recognised("pcds,lsoa21cd,wd24cd,lad24cd").format.name == "postcode-directory"


def test_rows_are_read_with_the_ward_year_and_codes_that_are_not_codes_rejected():
    header = ["LSOA21CD", "LSOA21NM", "WD23CD", "WD23NM", "LAD23CD", "LAD23NM"]
    rows = [
        (2, ["E01009332", "Birmingham 139E", "E05011127", "Bordesley Green", "E08000025", "B'ham"]),
        (3, ["E0100933", "x", "E05011127", "x", "E08000025", "x"]),
        (4, ["E01009332", "x", "", "x", "E08000025", "x"]),
        (5, ["E01009332", "x", "E05011127", "x", "E05011127", "x"]),
        (6, ["E01009380", "Birmingham 070E", "E05011127"]),  # a short row: no authority
    ]
    items = [item for _, _, item in read(header, rows)]
    assert items[0] == Lsoa(
        "E01009332",
        "Birmingham 139E",
        "E05011127",
        "Bordesley Green",
        "E08000025",
        "B'ham",
        2023,
    )
    assert items[1:4] == [
        Rejected("'E0100933' is not an LSOA code like E01009332"),
        Rejected("'' is not a ward code like E05011127"),
        Rejected("'E05011127' is not a local authority code like E08000025"),
    ]
    assert (items[4].lsoa21, items[4].ward_code, items[4].la_code) == ("E01009380", "E05011127", "")


@pytest.mark.django_db
def test_loading_is_idempotent_a_change_is_an_update_and_bad_rows_are_kept(tmp_path):
    (first,) = load(lookup_file(tmp_path, [*ROWS, "nonsense,x,,E05011127,,,,,,5"]))
    assert (first["register"], first["format"]) == ("small-areas", "ons-lsoa-ward-lookup")
    assert (first["rows_read"], first["new"], first["rejected"]) == (5, 4, 1)
    (rejection,) = RegisterRejection.objects.filter(load__register="small-areas")
    assert rejection.reason == "'nonsense' is not an LSOA code like E01009332"
    assert rejection.cells[0] == "nonsense" and rejection.row_number == 6
    area = SmallArea.objects.get(lsoa21="E01009332")
    assert (area.name, area.ward_code, area.ward_name, area.ward_year) == (
        "Birmingham 139E",
        "E05011127",
        "Bordesley Green",
        2022,
    )
    assert (area.la_code, area.la_name, area.load_id is not None) == (
        "E08000025",
        "Birmingham",
        True,
    )
    (again,) = load(lookup_file(tmp_path))
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 4)
    renamed = [ROWS[0].replace("Bordesley Green", "Bordesley Green East"), *ROWS[1:]]
    (changed,) = load(lookup_file(tmp_path, renamed))
    assert (changed["new"], changed["updated"], changed["unchanged"]) == (0, 1, 3)
    assert SmallArea.objects.count() == 4


@pytest.mark.django_db
def test_names_of_wards_wards_of_an_authority_and_lsoas_of_wards(tmp_path):
    assert small_areas.ward_names(["E05011127"]) == {} and not small_areas.loaded()
    load(lookup_file(tmp_path))
    assert small_areas.loaded()
    assert small_areas.ward_names(["E05011127", "E05011155", "E05999999"]) == {
        "E05011127": "Bordesley Green",
        "E05011155": "Nechells",
    }
    assert small_areas.wards_of_authority("E08000025") == [
        ("E05011127", "Bordesley Green"),
        ("E05011155", "Nechells"),
    ]
    assert small_areas.lsoas_of_wards(["E05011127"]) == {"E05011127": ["E01009332", "E01009380"]}
    assert small_areas.wards_of_lsoas(["E01009202", "E01999999"]) == {"E01009202": "E05011155"}


@pytest.mark.django_db
def test_a_postcode_is_placed_in_a_ward_by_the_directory_else_by_its_lsoa(tmp_path):
    nspl = tmp_path / "nspl.csv"
    nspl.write_text(
        "pcds,laua,osward,lsoa11,lsoa21,oseast1m,osnrth1m\n"
        "B9 4RL,E08000025,,E01009332,E01009332,409327,286341\n"  # no ward: by its LSOA 2021
        "B6 7SJ,E08000025,E05011155,E01009202,E01009202,409222,289835\n"  # the directory's ward
        "B10 0JS,E08000025,,E01009380,,409735,285711\n"  # a 2011 code only, unchanged in 2021
        "B90 4SJ,E08000029,,,,413582,277047\n"  # no ward, no LSOA
    )
    load(nspl)
    bordesley_green = Definition(WARDS, ("E05011127",))
    before = where(["B9 4RL"])["B9 4RL"]
    assert (before.ward, before.ward_basis) == ("", "")  # the lookup not loaded yet
    assert contains(bordesley_green, before) is None  # not known, never outside
    load(lookup_file(tmp_path))
    places = where(["B9 4RL", "B6 7SJ", "B10 0JS", "B90 4SJ"])
    assert (places["B9 4RL"].ward, places["B9 4RL"].ward_basis) == ("E05011127", WARD_FROM_LSOA)
    assert WARD_FROM_LSOA == "ward from its LSOA 2021 (ONS lookup)"
    assert (places["B6 7SJ"].ward, places["B6 7SJ"].ward_basis) == (
        "E05011155",
        WARD_FROM_DIRECTORY,
    )
    assert WARD_FROM_DIRECTORY == "ward from the postcode directory"
    assert (places["B10 0JS"].ward, places["B10 0JS"].ward_basis) == (
        "E05011127",
        WARD_FROM_LSOA11,
    )
    assert (places["B90 4SJ"].ward, places["B90 4SJ"].ward_basis) == ("", "")
    assert contains(bordesley_green, places["B9 4RL"]) is True
    assert contains(bordesley_green, places["B6 7SJ"]) is False
    assert contains(bordesley_green, places["B90 4SJ"]) is None


@pytest.mark.django_db
def test_the_real_lookup_loads_every_lsoa_and_birminghams_wards():
    (outcome,) = load(require_data(*LOOKUP))
    assert (outcome["rows_read"], outcome["new"], outcome["rejected"]) == (35_672, 35_672, 0)
    birmingham = SmallArea.objects.filter(la_code="E08000025")
    assert birmingham.count() == 659
    assert len(small_areas.wards_of_authority("E08000025")) == 69
    assert small_areas.ward_names(["E05011127"]) == {"E05011127": "Bordesley Green"}
    (again,) = load(require_data(*LOOKUP))
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 35_672)
