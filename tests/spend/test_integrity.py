"""Payments keep no foreign-key triggers in the database (decision 0005): Django's deletes still
cascade to them, and a deleted supplier leaves its payees unresolved, so no payment is left
pointing nowhere."""

from datetime import date

import pytest

from network.models import Organisation
from spend.models import Payee, Payment, SpendImport
from suppliers.models import Supplier

pytestmark = pytest.mark.django_db


def payment(buyer, record, payee, n=1):
    return Payment.objects.create(
        buyer=buyer,
        spend_import=record,
        row_number=n,
        payment_date=date(2025, 4, 1),
        amount=10,
        supplier_name="Acme Ltd",
        payee=payee,
        row_digest=f"{n:032x}",
    )


def test_deleting_an_import_a_buyer_or_a_supplier_leaves_no_payment_pointing_nowhere():
    buyer = Organisation.objects.create(name="Anytown Council", kind="council")
    supplier = Supplier.objects.create(name="Acme Ltd", normalised_name="acme")
    first = SpendImport.objects.create(buyer=buyer, source_name="a.csv", digest="a" * 64)
    second = SpendImport.objects.create(buyer=buyer, source_name="b.csv", digest="b" * 64)
    payee = Payee.objects.create(buyer=buyer, supplier_name="Acme Ltd", supplier=supplier)
    payment(buyer, first, payee, 1)
    kept = payment(buyer, second, payee, 2)
    first.delete()
    assert list(Payment.objects.all()) == [kept]
    supplier.delete()
    payee.refresh_from_db()
    assert payee.supplier_id is None and kept.payee == payee
    buyer.delete()
    assert not Payment.objects.exists() and not SpendImport.objects.exists()
    assert not Payee.objects.exists()


def test_a_failure_while_storing_leaves_nothing_half_written(tmp_path, monkeypatch):
    """Storing runs beside reading the next file (core/bulk.py BackgroundCopy); if it fails, the
    error surfaces and the whole import is rolled back."""
    import core.bulk
    from spend.importing import SpendImporter

    buyer = Organisation.objects.create(name="Anytown Council", kind="council")
    paths = []
    for month in (4, 5):
        path = tmp_path / f"2025-{month:02d}.csv"
        path.write_text(
            f"Supplier Name,Net Amount,Payment Date\nAcme Ltd,10.00,01/{month:02d}/2025\n"
        )
        paths.append(path)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(core.bulk, "_copy_frame", broken)
    monkeypatch.setattr(core.bulk, "insert_frame", broken)
    with pytest.raises(RuntimeError, match="went away"):
        SpendImporter(buyer).import_files(paths)
    assert not SpendImport.objects.exists() and not Payment.objects.exists()
    assert not Payee.objects.exists()
