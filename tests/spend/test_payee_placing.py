"""payee_placing.run over the database: payees placed in the registers with their evidence, candidates
queued for review, people's decisions untouched, a second run changing nothing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from network.models import Organisation
from registers.models import RegisterAlias, RegisterEntry
from spend import payee_placing
from spend.models import Payee
from suppliers.models import RegisterMatch
from suppliers.names import normalise_name

pytestmark = pytest.mark.django_db


def entry(register, identifier, name, **extra):
    return RegisterEntry.objects.create(
        register=register,
        identifier=identifier,
        name=name,
        normalised_name=normalise_name(name),
        **extra,
    )


@pytest.fixture
def ledger(tmp_path):
    Organisation.objects.create(name="Anytown Council", kind="council")
    path = tmp_path / "anytown.csv"
    path.write_text(
        "Supplier Name,Amount,Date Paid,Company Number\n"
        "Redspeed International Ltd,10.00,01/04/2024,5152563\n"
        "WALSALL HEALTHCARE NHS TRUST 001,11.00,02/04/2024,\n"
        "Acme Widget Services,12.00,03/04/2024,HX4 8LZ\n"
        "Walsall Council,13.00,04/04/2024,\n"
        "Bright Sparks Electrical,14.00,05/04/2024,\n"
        "Nowhere Known Bakery,15.00,06/04/2024,\n"
        "Redacted Personal Information,16.00,07/04/2024,\n"
    )
    # --no-followup: the registers below are made after the import; these tests place themselves.
    call_command(
        "import_spend", str(path), "--buyer", "Anytown Council", "--no-followup", stdout=StringIO()
    )
    entries = {
        "redspeed": entry(
            "companies-house", "05152563", "REDSPEED INTERNATIONAL LIMITED", scheme="GB-COH"
        ),
        "trust": entry(
            "nhs-ods",
            "RBK",
            "WALSALL HEALTHCARE NHS TRUST",
            postcode="WS2 9PS",
            sector="public",
            kind="NHS trust",
        ),
        "acme": entry("companies-house", "01234567", "ACME WIDGETS LIMITED", scheme="GB-COH"),
        "council": entry(
            "local-authorities",
            "E08000030",
            "Walsall Metropolitan Borough Council",
            sector="public",
            kind="metropolitan district",
        ),
        "council_company": entry(
            "companies-house",
            "09999999",
            "WALSALL COUNCIL LIMITED",
            scheme="GB-COH",
            sector="private",
        ),
        "sparks_one": entry("companies-house", "07000001", "BRIGHT SPARKS ELECTRICAL LTD"),
        "sparks_two": entry("companies-house", "07000002", "BRIGHT SPARKS ELECTRICAL LIMITED"),
    }
    # A council's name variant, as the local-authority register lists them.
    RegisterAlias.objects.create(
        entry=entries["council"], name="Walsall Council", normalised_name="walsall council"
    )
    return entries


def payee(name):
    return Payee.objects.get(supplier_name=name)


def test_payees_are_placed_with_their_evidence(ledger):
    result = payee_placing.run()
    assert result.payees_in == 6  # the redacted payee is not matched
    assert (result.matched, result.suggested, result.unmatched) == (3, 2, 1)
    assert result.by_register == {
        "companies-house": 1,
        "local-authorities": 1,
        "nhs-ods": 1,
    }
    redspeed = payee("Redspeed International Ltd")
    assert redspeed.register_entry == ledger["redspeed"]
    assert redspeed.match_status == "matched" and redspeed.match_probability > 0.99
    assert redspeed.match_evidence.startswith(
        "company number 05152563 in the buyer's file is Companies House's "
        "REDSPEED INTERNATIONAL LIMITED"
    )
    trust = payee("WALSALL HEALTHCARE NHS TRUST 001")
    assert trust.register_entry == ledger["trust"] and trust.match_status == "matched"
    assert trust.match_evidence == (
        "name matches the NHS trust RBK at WS2 9PS after removing the code '001'"
    )
    council = payee("Walsall Council")
    assert council.register_entry == ledger["council"]
    assert "public body ('council')" in council.match_evidence
    acme = payee("Acme Widget Services")
    assert acme.match_status == "suggested" and acme.register_entry == ledger["acme"]
    assert "'HX4 8LZ' in the company number column is a postcode" in acme.match_evidence
    sparks = payee("Bright Sparks Electrical")
    assert sparks.match_status == "suggested"
    assert set(sparks.candidates.values_list("entry", flat=True)) == {
        ledger["sparks_one"].pk,
        ledger["sparks_two"].pk,
    }
    assert not redspeed.candidates.exists()  # matched with certainty: nothing to review
    bakery = payee("Nowhere Known Bakery")
    assert bakery.match_status == "unmatched" and bakery.register_entry is None
    assert payee("Redacted Personal Information").match_status == ""


def test_a_second_run_changes_nothing(ledger):
    first = payee_placing.run()
    assert first.changed == 6
    before = list(Payee.objects.order_by("pk").values())
    matches = list(RegisterMatch.objects.order_by("pk").values())
    second = payee_placing.run()
    assert second.changed == 0
    assert list(Payee.objects.order_by("pk").values()) == before
    assert list(RegisterMatch.objects.order_by("pk").values()) == matches


def test_decisions_are_never_touched(ledger):
    payee_placing.run()
    sparks = payee("Bright Sparks Electrical")
    turned_down = sparks.candidates.get(entry=ledger["sparks_one"])
    turned_down.status = RegisterMatch.REJECTED
    turned_down.save()
    confirmed = payee("Nowhere Known Bakery")
    confirmed.match_status, confirmed.register_entry = "confirmed", ledger["acme"]
    confirmed.match_evidence = "confirmed by a person"
    confirmed.save()
    payee_placing.run()
    confirmed.refresh_from_db()
    assert (confirmed.match_status, confirmed.register_entry) == ("confirmed", ledger["acme"])
    assert confirmed.match_evidence == "confirmed by a person"
    turned_down.refresh_from_db()
    assert turned_down.status == RegisterMatch.REJECTED
    sparks.refresh_from_db()
    # The one left is no longer in doubt with the other.
    assert sparks.register_entry == ledger["sparks_two"]
    assert not sparks.candidates.filter(entry=ledger["sparks_one"], status="pending").exists()


def test_new_register_entries_replace_stale_candidates(ledger):
    payee_placing.run()
    bakery = payee("Nowhere Known Bakery")
    assert bakery.match_status == "unmatched"
    found = entry("companies-house", "08000008", "NOWHERE KNOWN BAKERY LTD")
    result = payee_placing.run()
    assert result.changed == 1
    bakery.refresh_from_db()
    assert (bakery.register_entry, bakery.match_status) == (found, "matched")


def test_only_the_buyers_asked_for(ledger):
    other = Organisation.objects.create(name="Othertown Council", kind="council")
    result = payee_placing.run(buyer_ids=[other.pk])
    assert result.payees_in == 0
    assert not Payee.objects.exclude(match_status="").exists()


def test_the_command_says_what_it_placed(ledger):
    out = StringIO()
    call_command("place_payees", "--buyer", "anytown council", stdout=out, stderr=StringIO())
    assert out.getvalue().startswith(
        "6 payees: 3 matched (1 companies-house, 1 local-authorities, 1 nhs-ods), "
        "2 to review, 1 not found; 6 changed;"
    )
    out = StringIO()
    call_command("place_payees", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert (result["payees_in"], result["changed"], result["matched"]) == (6, 0, 3)
    with pytest.raises(CommandError, match="No organisation called 'Nowhere'"):
        call_command("place_payees", "--buyer", "Nowhere")


def test_the_background_job_resolves_then_places(ledger, tmp_path):
    from jobs.models import Job
    from spend.tasks import resolve

    # A second name of the council, known to its register entry: placed there, one supplier.
    more = tmp_path / "may.csv"
    more.write_text("Supplier Name,Amount,Date Paid\nWalsall MBC,17.00,01/05/2024\n")
    call_command("import_spend", str(more), "--buyer", "Anytown Council", stdout=StringIO())
    RegisterAlias.objects.create(
        entry=ledger["council"], name="Walsall MBC", normalised_name="walsall mbc"
    )

    job = Job.objects.create(kind="suppliers.resolve", title="Match")
    stages = []
    summary = resolve(job, lambda stage, *args: stages.append(stage))
    assert summary["names_in"] == 7 and summary["placing"]["matched"] == 4
    assert stages[0].startswith("Resolving suppliers: ")
    assert any(stage.startswith("Placing payees: ") for stage in stages)
    # Placing changed payees, so resolution ran again with their register entries.
    assert stages[-1].startswith("Resolving suppliers with their places: ")
    assert payee("Walsall Council").supplier_id == payee("Walsall MBC").supplier_id is not None
    assert payee("Walsall Council").supplier_id != payee("Acme Widget Services").supplier_id
    stages.clear()
    summary = resolve(job, lambda stage, *args: stages.append(stage))
    assert summary["placing"]["changed"] == 0
    assert not any("with their places" in stage for stage in stages)


def test_a_real_kirklees_month_imported_and_placed():
    from tests.conftest import require_data

    path = require_data(
        "registers", "spend-with-identifiers", "kirklees", "Published-Data-2023-04-30.csv.gz"
    )
    Organisation.objects.create(name="Kirklees Council", kind="council")
    # No mapping: the importer recognises 'Vendor Name' and 'Company Number' itself.
    call_command("import_spend", str(path), "--buyer", "Kirklees Council", stdout=StringIO())
    healthcare = entry("companies-house", "07364535", "1ST CALL HEALTHCARE LTD", scheme="GB-COH")
    uplift = entry("companies-house", "03539352", "AFI UPLIFT LIMITED", scheme="GB-COH")
    result = payee_placing.run()
    assert result.payees_in > 500 and result.matched >= 2
    placed = Payee.objects.get(supplier_name="1st Call Healthcare Ltd")
    assert placed.company_number == "07364535"  # stored with its leading zero restored
    assert (placed.register_entry, placed.match_status) == (healthcare, "matched")
    assert placed.match_evidence.startswith(
        "company number 07364535 in the buyer's file is Companies House's 1ST CALL HEALTHCARE LTD"
    )
    assert Payee.objects.get(supplier_name="AFI Uplift Ltd").register_entry == uplift
    # A payee whose number is in no register loaded says so.
    other = Payee.objects.filter(match_status="unmatched").exclude(company_number="").first()
    assert "in no register loaded" in other.match_evidence
    assert payee_placing.run().changed == 0
