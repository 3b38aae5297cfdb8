"""load_registers into the database: idempotent reloads, changed rows counted as updated, rows
that cannot be read kept with their reason, folders, --json, council name variants found as
aliases, and postcode_places for the other apps."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registers.lookup import LOADED, PACKAGED, postcode_places
from registers.models import (
    PostcodePlace,
    RegisterAlias,
    RegisterEntry,
    RegisterLoad,
    RegisterRejection,
)
from tests.conftest import require_data

KEYS = {
    "path",
    "register",
    "format",
    "rows_read",
    "new",
    "updated",
    "unchanged",
    "rejected",
    "repeated",
    "seconds",
    "merge_seconds",
}


def load(*paths):
    out = StringIO()
    call_command("load_registers", *map(str, paths), "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_a_real_register_reloads_unchanged_and_keeps_its_rejected_rows():
    path = require_data("registers", "charities", "ukcat_top2000.csv.gz")
    first = load(path)
    (result,) = first["files"]
    assert set(result) == KEYS and set(first["totals"]) >= {"rows_read", "new", "files"}
    assert result["rows_read"] == 2464 and result["new"] == 2456 and result["rejected"] == 8
    rejected = RegisterRejection.objects.filter(load__register="charities")
    assert rejected.count() == 8
    assert all("source '' is not CCEW, OSCR or CCNI" in r.reason for r in rejected)
    assert all(r.cells for r in rejected)  # the row as it was, kept
    again = load(path)["files"][0]
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 2456)
    assert RegisterLoad.objects.filter(register="charities").count() == 2
    entry = RegisterEntry.objects.get(register="charities", identifier="GB-CHC-1001349")
    assert entry.postcode == "CV2 2TA" and entry.size == "sme" and entry.sector == "third"
    assert entry.normalised_name == "samaritan s purse international"  # as normalise_name has it


@pytest.mark.django_db
def test_a_changed_row_counts_as_updated_and_a_bad_row_never_stops_the_rest(tmp_path):
    header = [
        "organisation_name",
        "registration_number",
        "registration_date",
        "designation",
        "corporate_form",
    ]
    rows = [
        [
            "Birmingham City Council",
            "00CN",
            "01/04/2010",
            "Local authority",
            "Registered local authority",
        ],
        [
            "Accord Housing Association Limited",
            "L0621",
            "01/01/1975",
            "Non-profit",
            "Registered society",
        ],
        ["Nobody", "X1", "", "Sometimes", ""],
    ]

    def write(body):
        path = tmp_path / "providers.csv"
        with path.open("w", newline="") as out:
            csv.writer(out).writerows([header, *body])
        return path

    first = load(write(rows))["files"][0]
    assert (first["new"], first["rejected"]) == (2, 1)
    assert "designation 'Sometimes'" in RegisterRejection.objects.get().reason
    council = RegisterEntry.objects.get(register="social-housing", identifier="00CN")
    assert council.sector == "public"
    assert RegisterEntry.objects.get(identifier="L0621").sector == "third"
    rows[1][0] = "Accord Group Limited"
    second = load(write(rows[:2]))["files"][0]
    assert (second["new"], second["updated"], second["unchanged"]) == (0, 1, 1)
    assert RegisterEntry.objects.get(identifier="L0621").normalised_name == "accord"


@pytest.mark.django_db
def test_a_folder_loads_what_it_recognises_and_lists_what_it_skipped(tmp_path):
    folder = require_data("registers", "public-bodies", "local-authorities")
    result = load(folder)
    formats = [f["format"] for f in result["files"]]
    # The name variants and former codes load after the councils they add to.
    assert formats[-2:] == ["mysociety-la-gss", "mysociety-la-names"] or formats[-2:] == [
        "mysociety-la-names",
        "mysociety-la-gss",
    ]
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in result["skipped"]}
    assert "lookup_lsoa_to_registry.csv.gz" in skipped
    assert "not a register file AnchorHub knows" in skipped["lookup_lsoa_to_registry.csv.gz"]
    sandwell = RegisterEntry.objects.get(register="local-authorities", identifier="SAW")
    assert sandwell.local_authority_code == "E08000028"
    names = set(
        RegisterAlias.objects.filter(entry=sandwell).values_list("normalised_name", flat=True)
    )
    assert {"sandwell metropolitan borough council", "sandwell district"} <= names
    assert RegisterAlias.objects.filter(normalised_name="sandwell district").get().entry == sandwell
    names_file = next(f for f in result["files"] if f["format"] == "mysociety-la-names")
    assert names_file["rejected"] == 0 and names_file["rows_read"] == 1750
    again = load(folder)
    assert again["totals"]["new"] == 0 and again["totals"]["updated"] == 0
    assert again["totals"]["unchanged"] > 0


@pytest.mark.django_db
def test_a_file_nothing_recognises_stops_with_its_name(tmp_path):
    path = tmp_path / "BasicCompanyDataAsOneFile-2026-12-01.csv"  # the name is not enough
    path.write_text("Supplier Name,Amount\nAcme,1\n")
    with pytest.raises(CommandError) as problem:
        load(path)
    assert "BasicCompanyDataAsOneFile-2026-12-01.csv: not a register file" in str(problem.value)
    assert "Nothing was loaded from that file" in str(problem.value)
    with pytest.raises(CommandError, match="no such file or folder"):
        load(tmp_path / "missing.csv")
    assert not RegisterLoad.objects.exists()


@pytest.mark.django_db
def test_text_output_has_progress_and_a_summary():
    path = require_data("registers", "public-bodies", "nhs-ods", "etr.csv")
    out = StringIO()
    call_command("load_registers", str(path), stdout=out)
    text = out.getvalue()
    assert "etr.csv: ods-trusts (nhs-trusts)" in text
    assert "1 table(s) loaded, 273 rows: 273 new, 0 updated, 0 unchanged, 0 rejected" in text


@pytest.mark.django_db
def test_postcode_places_from_the_loaded_directory_then_the_packaged_one():
    require_data("reference", "postcodes-west-midlands.csv")
    result = load(require_data("reference", "postcodes-west-midlands.csv"))
    assert result["files"][0]["register"] == "postcodes"
    assert PostcodePlace.objects.count() == 136_525
    places = postcode_places(["b1 1aa", "EH1 1YZ", "not a postcode", "B1  1AA"])
    assert set(places) == {"B1 1AA", "EH1 1YZ"}
    birmingham = places["B1 1AA"]
    assert birmingham.local_authority_code == "E08000025" and birmingham.source == LOADED
    assert (birmingham.easting, birmingham.northing) == (406649, 286530)
    assert birmingham.file == "postcodes-west-midlands.csv"
    edinburgh = places["EH1 1YZ"]  # not in the West Midlands file: the packaged directory
    assert edinburgh.source == PACKAGED and edinburgh.local_authority_code == "S12000036"
    # The packaged directory gives a local authority and a grid reference, never an LSOA.
    assert edinburgh.lsoa21 == "" and (edinburgh.easting, edinburgh.northing) == (325597, 673676)


@pytest.mark.django_db
def test_a_file_of_many_batches_loads_the_same(monkeypatch):
    """Big files are staged a batch at a time, their names normalised in a worker process while
    the next batch is read (on PostgreSQL); what is stored is the same as for one batch."""
    import registers.staging
    from suppliers.names import normalise_name

    monkeypatch.setattr(registers.staging, "BATCH", 500)
    path = require_data("registers", "charities", "ukcat_sample.csv.gz")
    result = load(path)["files"][0]
    assert (result["rows_read"], result["new"], result["rejected"]) == (4203, 4104, 0)
    assert result["repeated"] == 99  # charities the sample lists twice: the last row kept
    for entry in RegisterEntry.objects.filter(register="charities")[:300]:
        assert entry.normalised_name == normalise_name(entry.name)
    again = load(path)["files"][0]
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 4104)


@pytest.mark.django_db
def test_providers_numbers_are_added_to_the_providers_loaded_before_them():
    folder = require_data("registers", "public-bodies", "social-housing")
    result = load(folder)
    assert [f["format"] for f in result["files"]][-1] == "rsp-numbers"
    numbers = result["files"][-1]
    assert numbers["rows_read"] == 1844 and numbers["updated"] > 1500
    assert numbers["rejected"] > 0  # codes of providers on neither list, kept with the reason
    reason = RegisterRejection.objects.filter(load_id__isnull=False).last().reason
    assert "load its register file first" in reason
    twenty = RegisterEntry.objects.get(register="social-housing", identifier="C3489")
    assert twenty.facts["added"]["company_number"] == "IP24566R"
    assert twenty.name == "20-20 Housing Co-operative Limited"
    again = load(folder)["files"][-1]
    assert again["updated"] == 0
