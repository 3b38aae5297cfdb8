"""Withdrawing an import: its payments and the payees left unpaid removed, the record kept with who,
when and why, the same file importable again; by the buyer's anchor administrators and
coordinators only (the permission table has a row for every role)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from spend.models import Payee, Payment, SpendImport

pytestmark = pytest.mark.django_db
APRIL = (
    "Supplier Name,Amount,Payment Date\n"
    "Acme Ltd,10.00,01/04/2024\n"
    "Acme Ltd,11.00,02/04/2024\n"
    "Only In April Ltd,12.00,03/04/2024\n"
)
MAY = "Supplier Name,Amount,Payment Date\nAcme Ltd,20.00,01/05/2024\n"


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(world, tmp_path):
    april, may = tmp_path / "april.csv", tmp_path / "may.csv"
    april.write_text(APRIL)
    may.write_text(MAY)
    for path in (april, may):
        command("import_spend", str(path), "--buyer", world.home.name, "--no-followup")
    return {
        "april": SpendImport.objects.get(source_name="april.csv"),
        "path": april,
        "world": world,
    }


def test_withdrawing_removes_its_payments_and_unpaid_payees_and_keeps_the_record(imported):
    record = imported["april"]
    done = json.loads(
        command("withdraw_import", str(record.pk), "--reason", "Another council's file", "--json")
    )
    assert done == {
        "spend_import": record.pk,
        "payments_removed": 3,
        "payees_removed": 1,
        "amount_removed": "33.00",
    }
    assert list(Payment.objects.values_list("amount", flat=True)) == [20]
    assert set(Payee.objects.values_list("supplier_name", flat=True)) == {"Acme Ltd"}
    record.refresh_from_db()
    assert record.withdrawn_at is not None and record.withdrawal_reason == "Another council's file"
    assert record.rows_imported == 3  # what the import did is kept
    with pytest.raises(CommandError, match="already withdrawn"):
        command("withdraw_import", str(record.pk), "--reason", "again")
    # The same file can come back: it is not "imported before".
    again = json.loads(
        command(
            "import_spend",
            str(imported["path"]),
            "--buyer",
            imported["world"].home.name,
            "--json",
            "--no-followup",
        )
    )
    assert again["rows_imported"] == 3 and again["duplicates_skipped"] == 0
    assert Payment.objects.count() == 4


def test_the_command_needs_a_reason_and_a_real_import(imported):
    with pytest.raises(CommandError, match="No import 999999"):
        command("withdraw_import", "999999", "--reason", "x")
    with pytest.raises(CommandError, match="Say why"):
        command("withdraw_import", str(imported["april"].pk), "--reason", "  ")
    text = command("withdraw_import", str(imported["april"].pk), "--reason", "Wrong buyer")
    assert "withdrawn: 3 payments (£33.00) and 1 payees no longer paid removed" in text


def test_an_anchor_administrator_withdraws_on_a_confirmation_page(imported, client_for):
    record = imported["april"]
    client = client_for("anchor_admin")
    detail = client.get(f"/spend/imports/{record.pk}/").content.decode()
    assert f'href="/spend/imports/{record.pk}/withdraw/"' in detail
    address = f"/spend/imports/{record.pk}/withdraw/"
    page = client.get(address).content.decode()
    assert ">Withdraw this import?</h1>" in page and "govuk-warning-text" in page
    assert "Its 3 payments (£33.00) will be removed from Home Council" in page
    assert ">Yes, withdraw the import</button>" in page and 'name="confirm" value="yes"' in page
    assert f'href="/spend/imports/{record.pk}/">Cancel: keep the import</a>' in page
    empty = client.post(address, {"reason": " ", "confirm": "yes"}).content.decode()
    assert "There is a problem" in empty and "Enter why the import is withdrawn" in empty
    assert 'value="Withdraw this import"' not in empty  # one button: the confirmation's
    assert Payment.objects.count() == 4
    # A POST from an older page, without the confirmation, is asked again, reason kept.
    again = client.post(address, {"reason": "Calderdale's file"}).content.decode()
    assert ">Withdraw this import?</h1>" in again and "Calderdale&#x27;s file</textarea>" in again
    assert (
        Payment.objects.count() == 4 and SpendImport.objects.get(pk=record.pk).withdrawn_at is None
    )
    done = client.post(address, {"reason": "Calderdale's file", "confirm": "yes"}, follow=True)
    html = done.content.decode()
    assert "The import was withdrawn: 3 payments removed" in html
    assert "Reason: Calderdale&#x27;s file" in html and "Withdraw this import" not in html
    record.refresh_from_db()
    assert record.withdrawn_by.email == "anchor-admin@example.org"
    listing = client.get("/spend/imports/").content.decode()
    assert "Withdrawn</strong>" in listing
    assert Payment.objects.count() == 1


def test_an_ordinary_buyer_sees_no_withdraw_button(imported, client_for):
    record = imported["april"]
    client = client_for("buyer")
    assert "Withdraw this import" not in client.get(f"/spend/imports/{record.pk}/").content.decode()
    refused = client.post(
        f"/spend/imports/{record.pk}/withdraw/", {"reason": "x", "confirm": "yes"}
    )
    assert refused.status_code == 403
    assert Payment.objects.count() == 4


def test_a_payee_a_person_placed_keeps_its_decision_through_withdrawal_and_reimport(imported):
    """Withdrawing a wrong import and importing the corrected file must not lose what a buyer
    decided about its payees (here a postcode given to one only paid in April)."""
    april_only = Payee.objects.get(supplier_name="Only In April Ltd")
    april_only.postcode, april_only.postcode_source = "WV1 1SH", "given by a person"
    april_only.save(update_fields=["postcode", "postcode_source"])
    record = imported["april"]
    done = json.loads(command("withdraw_import", str(record.pk), "--reason", "wrong", "--json"))
    assert done["payees_removed"] == 0
    assert Payee.objects.filter(pk=april_only.pk, postcode="WV1 1SH").exists()
    command(
        "import_spend",
        str(imported["path"]),
        "--buyer",
        imported["world"].home.name,
        "--no-followup",
    )
    assert Payment.objects.filter(payee=april_only).count() == 1
