"""registers/formats/councils.py: mySociety's local authorities, their name variants and their
present and former GSS codes, on the real shared files and on SYNTHETIC rows for the branches the
real files do not reach. No database."""

from registers.formats import FORMATS
from registers.formats.base import Entry, Rejected, Supplement
from tests.registers.formats.helpers import (
    check_real_file,
    entries,
    read,
    read_rows,
    recognised_as,
    row_of,
)


def test_the_real_file_is_recognised_and_read():
    check_real_file(
        ("public-bodies", "local-authorities", "uk_local_authorities.csv"),
        "mysociety-local-authorities",
        470,
        0,
    )


def test_councils_with_codes_variants_and_the_combined_authority():
    _, _, items = read("public-bodies", "local-authorities", "uk_local_authorities.csv")
    rows = {e.identifier: e for e in entries(items)}
    birmingham = rows["BIR"]
    assert birmingham.local_authority_code == "E08000025" and birmingham.scheme == "GB-LAE"
    assert birmingham.facts["combined_authority"] == "WMCA" and birmingham.sector == "public"
    assert "Birmingham" in birmingham.aliases
    assert sum(e.facts["combined_authority"] == "WMCA" for e in rows.values()) == 7
    assert rows["WMCA"].local_authority_code == "E47000007"
    assert sum(e.is_active for e in rows.values()) == 397
    _, kinds, names = read("public-bodies", "local-authorities", "lookup_name_to_registry.csv")
    assert kinds["Supplement"] == 1750
    sandwell = {i.aliases[0] for _, i in names if i.identifier == "SAW"}
    assert {"Sandwell Metropolitan Borough Council", "Sandwell", "sandwell district"} <= sandwell


def test_the_real_gss_lookup_gives_codes_and_rejects_the_rows_without_one():
    name, kinds, items = read(
        "public-bodies", "local-authorities", "lookup_gss_to_registry.csv"
    )  # README: 482 rows; the file has 483 below its header
    assert name == "mysociety-la-gss"
    assert (kinds["Supplement"], kinds["Rejected"]) == (458, 25)  # 25 rows give no GSS code
    first = items[0][1]
    assert first == Supplement("local-authorities", "ABC", facts={"gss_codes": ["N09000002"]})
    rejected = {i.reason for _, i in items if isinstance(i, Rejected)}
    assert rejected == {"gss-code '' is not a GSS code, or no council code"}


# The columns the reader uses, as mySociety's header spells them (a subset, in its order).
HEADER = [
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "end-date",
    "nation",
    "region",
    "local-authority-type",
    "local-authority-type-name",
    "combined-authority",
    "alt-names",
    "former-gss-codes",
]


def council(**values):
    defaults = {
        "localauthoritycode": "SYN",
        "officialname": "Synthetic City Council",
        "nicename": "Synthetic",
        "gsscode": "E08000999",
        "nation": "England",
        "localauthoritytype": "MD",
        "localauthoritytypename": "Metropolitan district",
    }
    return row_of(HEADER, **{**defaults, **values})


def test_a_council_row_read_in_full():
    assert recognised_as(HEADER, [council()]) == "mysociety-local-authorities"
    row = council(
        region="West Midlands",
        combinedauthority="WMCA",
        altnames="Synthetic,synthetic city,Synthetic City Council",
        formergsscodes="E08000998, E08000997",
    )
    [entry] = read_rows("mysociety-local-authorities", HEADER, [row])
    assert entry == Entry(
        identifier="SYN",
        name="Synthetic City Council",
        scheme="GB-LAE",
        local_authority_code="E08000999",
        sector="public",
        kind="Metropolitan district",
        size="large",
        size_basis="Public bodies are not SMEs",
        is_vcse=False,
        is_active=True,
        facts=entry.facts,
        aliases=("Synthetic", "synthetic city"),  # the official name itself is not an alias
    )
    assert entry.facts["former_gss_codes"] == ["E08000998", "E08000997"]
    assert {k: entry.facts[k] for k in ("gss_code", "combined_authority", "nation", "type")} == {
        "gss_code": "E08000999",
        "combined_authority": "WMCA",
        "nation": "England",
        "type": "MD",
    }
    assert "sector_source" in entry.facts


def test_name_variants_keep_the_commas_inside_a_name_and_only_named_columns_are_needed():
    row = council(
        officialname="Armagh City, Banbridge and Craigavon Borough Council",
        nicename="Armagh City, Banbridge and Craigavon",
        altnames="Armagh City, Banbridge and Craigavon,armagh, banbridge and craigavon,abc",
        nation="Northern Ireland",
    )
    [entry] = read_rows("mysociety-local-authorities", HEADER, [row])
    assert entry.aliases == (
        "Armagh City, Banbridge and Craigavon",
        "abc",
        "armagh, banbridge and craigavon",
    )
    named = ["local-authority-code", "official-name", "gss-code", "local-authority-type"]
    [bare] = read_rows(
        "mysociety-local-authorities",
        named,
        [row_of(named, localauthoritycode="SYN", officialname="Synthetic City Council")],
    )
    assert (bare.identifier, bare.scheme, bare.aliases) == ("SYN", "", ())


def test_each_nation_has_its_scheme_and_an_unknown_one_none():
    schemes = {
        nation: read_rows("mysociety-local-authorities", HEADER, [council(nation=nation)])[0].scheme
        for nation in ("England", "Wales", "Scotland", "Northern Ireland", "Atlantis")
    }
    assert schemes == {
        "England": "GB-LAE",
        "Wales": "GB-PLA",
        "Scotland": "GB-LAS",
        "Northern Ireland": "GB-LANI",
        "Atlantis": "",
    }


def test_a_former_council_a_code_that_is_not_gss_and_bad_rows():
    rows = [
        council(enddate="2023-04-01", gsscode="", nicename="Synthetic City Council"),
        council(gsscode="E0800099"),  # one digit short
        council(localauthoritycode=""),
        council(officialname=""),
    ]
    former, short, *rejected = read_rows("mysociety-local-authorities", HEADER, rows)
    assert not former.is_active and former.local_authority_code == "" and former.aliases == ()
    assert short.local_authority_code == "" and short.facts["gss_code"] == "E0800099"
    assert rejected == [Rejected("local-authority-code or official-name is empty")] * 2


def test_name_variants_are_supplements_and_blank_ones_are_rejected():
    header = ["la-name", "local-authority-code"]
    assert recognised_as(header, [["Synthetic", "SYN"]]) == "mysociety-la-names"
    items = read_rows(
        "mysociety-la-names", header, [["synthetic city", "SYN"], ["", "SYN"], ["Synthetic", ""]]
    )
    assert items == [
        Supplement("local-authorities", "SYN", aliases=("synthetic city",)),
        Rejected("la-name or local-authority-code is empty"),
        Rejected("la-name or local-authority-code is empty"),
    ]


def test_gss_codes_are_supplements_and_the_header_must_be_exactly_the_two_columns():
    header = ["gss-code", "local-authority-code"]
    assert recognised_as(header, [["E08000999", "SYN"]]) == "mysociety-la-gss"
    items = read_rows(
        "mysociety-la-gss",
        header,
        [[" W06000099 ", " SYN "], ["E08000999"], ["X08000999", "SYN"], []],
    )
    assert items == [
        Supplement("local-authorities", "SYN", facts={"gss_codes": ["W06000099"]}),
        Rejected("gss-code 'E08000999' is not a GSS code, or no council code"),
        Rejected("gss-code 'X08000999' is not a GSS code, or no council code"),
        Rejected("gss-code '' is not a GSS code, or no council code"),
    ]
    assert not FORMATS["mysociety-la-gss"].recognise([*header, "notes"])
