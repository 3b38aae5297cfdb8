"""resolve_suppliers over payments and notices: one register, every name linked, decisions kept."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command

from network.models import Organisation
from spend.models import Payment
from suppliers.models import MatchReview, Supplier, SupplierName

pytestmark = pytest.mark.django_db
KEYS = {"names_in", "suppliers_out", "auto_merged", "for_review", "seconds"}


@pytest.fixture
def payments(tmp_path):
    Organisation.objects.create(name="Anytown Council", kind="council")
    Organisation.objects.create(name="Othertown Council", kind="council")
    first = tmp_path / "anytown.csv"
    first.write_text(
        "Supplier Name,Amount,Date Paid,Company Number\n"
        "Acme Ltd,10.00,01/04/2024,\n"
        "ACME LIMITED,11.00,02/04/2024,\n"
        "Bolt plc,12.00,03/04/2024,1234567\n"
        "Balfour Beatty Ltd,13.00,04/04/2024,\n"
        "Switalskis Solicitors,13.50,04/04/2024,\n"
        "Redacted Personal Information,14.00,05/04/2024,\n"
    )
    second = tmp_path / "othertown.csv"
    second.write_text(
        "Supplier Name,Amount,Date Paid,Company Number\n"
        "Bolt Group Holdings,20.00,01/05/2024,01234567\n"
        "Balfour Beaty Limited,21.00,02/05/2024,\n"
        "Switalskis Solicitors Dewsbury,22.00,03/05/2024,\n"
    )
    for path, buyer in ((first, "Anytown Council"), (second, "Othertown Council")):
        # --no-followup: resolution is what these tests run themselves.
        call_command(
            "import_spend",
            str(path),
            "--buyer",
            buyer,
            "--json",
            "--no-followup",
            stdout=StringIO(),
        )
    # A supplier already in the register from an award notice, with its company number.
    return Supplier.objects.create(
        name="Bolt PLC", normalised_name="bolt", scheme="GB-COH", identifier="01234567"
    )


def run(*extra):
    out = StringIO()
    call_command("resolve_suppliers", "--json", *extra, stdout=out)
    result = json.loads(out.getvalue())
    assert set(result) == KEYS
    return result


def supplier_of(name):
    return Payment.objects.select_related("payee").get(supplier_name=name).payee.supplier_id


def test_names_resolve_into_one_register_with_the_notices_suppliers(payments, tmp_path):
    result = run("--export", str(tmp_path / "names.csv"))
    assert result["names_in"] == 9  # eight payment names (not the redacted one) and the register's
    assert supplier_of("Acme Ltd") == supplier_of("ACME LIMITED")
    assert supplier_of("Bolt plc") == supplier_of("Bolt Group Holdings") == payments.pk
    # The same but for a slip of spelling: merged without a person (suppliers/data/resolution.json).
    assert supplier_of("Balfour Beatty Ltd") == supplier_of("Balfour Beaty Limited")
    # A word more that is not generic (a branch's town): a person decides.
    assert supplier_of("Switalskis Solicitors") != supplier_of("Switalskis Solicitors Dewsbury")
    assert Payment.objects.get(is_redacted=True).payee.supplier_id is None
    assert result["for_review"] == 1
    review = MatchReview.objects.get()
    assert (review.name_a, review.name_b) == (
        "switalskis solicitors",
        "switalskis solicitors dewsbury",
    )
    with (tmp_path / "names.csv").open() as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == [
        "source_name",
        "source_identifier",
        "supplier_id",
        "supplier_name",
        "match_probability",
    ]
    assert {r["source_name"] for r in rows} >= {"Acme Ltd", "ACME LIMITED", "Bolt plc"}
    bolt = next(r for r in rows if r["source_name"] == "Bolt Group Holdings")
    assert bolt["source_identifier"] == "GB-COH-01234567" and bolt["supplier_id"] == str(
        payments.pk
    )


def test_a_second_run_changes_nothing_and_decisions_are_applied(payments, client_for):
    first = run()
    counts = (Supplier.objects.count(), SupplierName.objects.count(), MatchReview.objects.count())
    again = run()
    assert {k: v for k, v in again.items() if k != "seconds"} == {
        k: v for k, v in first.items() if k != "seconds"
    }
    assert counts == (
        Supplier.objects.count(),
        SupplierName.objects.count(),
        MatchReview.objects.count(),
    )
    review = MatchReview.objects.get()
    coordinator = client_for("coordinator")
    # Merging asks first (also from the review page's button, which posts without confirming).
    for asked in (
        coordinator.get(f"/suppliers/review/{review.pk}/"),
        coordinator.post(f"/suppliers/review/{review.pk}/", {"decision": "same"}),
    ):
        text = asked.content.decode()
        assert asked.status_code == 200 and "Merge these two names into one supplier?" in text
        assert "Switalskis Solicitors Dewsbury" in text and "govuk-warning-text" in text
        assert ">Yes, they are the same supplier</button>" in text
        assert 'href="/suppliers/review/?status=pending">Cancel: decide later</a>' in text
    assert MatchReview.objects.get().status == "pending"
    page = coordinator.post(
        f"/suppliers/review/{review.pk}/", {"decision": "same", "confirm": "yes"}, follow=True
    )
    assert page.status_code == 200 and "will be one supplier from the next time" in (
        page.content.decode()
    )
    after = run()
    assert supplier_of("Switalskis Solicitors") == supplier_of("Switalskis Solicitors Dewsbury")
    assert after["for_review"] == 0 and MatchReview.objects.get().status == "same"


def test_the_review_page_lists_pairs_most_paid_first(payments, client_for):
    run()
    html = client_for("coordinator").get("/suppliers/review/").content.decode()
    assert "Switalskis Solicitors" in html and "Switalskis Solicitors Dewsbury" in html
    assert "1 pair" in html


@pytest.mark.django_db
def test_only_merging_asks_first_different_and_undo_are_done_at_once(world, client_for):
    review = MatchReview.objects.create(
        name_a="acme",
        name_b="acme north",
        example_a="Acme Ltd",
        example_b="Acme North",
        probability=0.8,
        seen=3,
    )
    coordinator = client_for("coordinator")
    listing = coordinator.get("/suppliers/review/").content.decode()
    assert 'name="decision" value="same"' in listing
    coordinator.post(f"/suppliers/review/{review.pk}/", {"decision": "different"})
    review.refresh_from_db()
    assert review.status == "different" and review.decided_by == world.users["coordinator"]
    coordinator.post(f"/suppliers/review/{review.pk}/", {"decision": "pending"})
    review.refresh_from_db()
    assert review.status == "pending" and review.decided_by is None
    asked = coordinator.get(f"/suppliers/review/{review.pk}/").content.decode()
    assert "3 payments stand behind the two names" in asked
    review.refresh_from_db()
    assert review.status == "pending"
    assert coordinator.post(f"/suppliers/review/{review.pk}/", {"decision": "x"}).status_code == 404
