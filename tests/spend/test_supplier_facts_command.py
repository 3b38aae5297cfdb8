"""anchorhub supplier_facts: the export's exact header, one row per payee name, formula-safe."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registers.models import RegisterEntry
from spend.payee_facts_export import HEADER
from suppliers.models import Supplier
from tests.spend.test_payee_pages import pay

pytestmark = pytest.mark.django_db


def export(tmp_path, *extra):
    path = tmp_path / "facts.csv"
    out = StringIO()
    call_command("supplier_facts", "--export", str(path), "--json", *extra, stdout=out)
    with path.open(newline="", encoding="utf-8") as stream:
        return json.loads(out.getvalue()), list(csv.reader(stream))


def test_the_export_has_the_header_and_a_row_per_payee(tmp_path, world):
    trust = RegisterEntry.objects.create(
        register="nhs-ods",
        identifier="RBK",
        name="WALSALL HEALTHCARE NHS TRUST",
        normalised_name="walsall healthcare nhs trust",
        postcode="WS2 9PS",
        sector="public",
        kind="NHS trust",
    )
    pay(
        world.home,
        "WALSALL HEALTHCARE 001",
        100,
        register_entry=trust,
        match_probability=0.9712,
        match_status="matched",
    )
    brum = Supplier.objects.create(
        name="Brum Builders Ltd", normalised_name="brum builders", organisation=None
    )
    pay(world.home, "=HYPERLINK(1)", 5, supplier=brum, postcode="B5 5SE")
    pay(world.home, "Redacted Personal Information", 7, is_redacted=True)
    pay(world.other, "Elsewhere Ltd", 9)
    summary, lines = export(tmp_path, "--buyer", world.home.name)
    assert lines[0] == list(HEADER)
    assert ",".join(lines[0]) == (
        "source_name,supplier_id,supplier_name,sector,postcode,local_authority_code,"
        "local_authority,place_source,size,size_source,vcse,match_probability"
    )
    rows = {line[0]: dict(zip(HEADER, line, strict=True)) for line in lines[1:]}
    assert set(rows) == {
        "'=HYPERLINK(1)",
        "Redacted Personal Information",
        "WALSALL HEALTHCARE 001",
    }
    walsall = rows["WALSALL HEALTHCARE 001"]
    assert walsall == {
        "source_name": "WALSALL HEALTHCARE 001",
        "supplier_id": "",
        "supplier_name": "WALSALL HEALTHCARE NHS TRUST",
        "sector": "public",
        "postcode": "WS2 9PS",
        "local_authority_code": "E08000030",
        "local_authority": "Walsall",
        "place_source": "register entry",
        "size": "not known",
        "size_source": "",
        "vcse": "no",
        "match_probability": "0.971",
    }
    formula = rows["'=HYPERLINK(1)"]  # a name that would run as a formula is neutralised
    assert (
        formula["supplier_id"] == str(brum.pk) and formula["supplier_name"] == "Brum Builders Ltd"
    )
    assert formula["local_authority"] == "Birmingham"
    assert formula["place_source"] == "postcode given for the payee"
    assert rows["Redacted Personal Information"]["sector"] == "individual"
    assert summary["rows"] == 3 and summary["placed"] == 2 and summary["buyer"] == "Home Council"
    everyone, lines = export(tmp_path)
    assert everyone["rows"] == 4 and lines[-1][0] == "WALSALL HEALTHCARE 001"


def test_an_unknown_buyer_is_named(tmp_path, world):
    with pytest.raises(CommandError, match="No organisation called 'Nowhere'"):
        call_command("supplier_facts", "--buyer", "Nowhere", stdout=StringIO())
    out = StringIO()
    call_command("supplier_facts", stdout=out, stderr=StringIO())
    assert "0 payees" in out.getvalue()


def test_a_county_council_is_named_from_the_local_authority_register(tmp_path, world):
    """The packaged place names know districts, not county councils (E10…): the loaded
    local-authority register names them."""
    county = RegisterEntry.objects.create(
        register="local-authorities",
        identifier="STS",
        name="Staffordshire County Council",
        normalised_name="staffordshire county council",
        local_authority_code="E10000028",
        sector="public",
    )
    pay(
        world.home,
        "Staffordshire County Council",
        50,
        register_entry=county,
        match_probability=0.97,
        match_status="matched",
    )
    _, lines = export(tmp_path, "--buyer", world.home.name)
    rows = {line[0]: dict(zip(HEADER, line, strict=True)) for line in lines[1:]}
    row = rows["Staffordshire County Council"]
    assert (row["local_authority_code"], row["local_authority"]) == (
        "E10000028",
        "Staffordshire County Council",
    )
