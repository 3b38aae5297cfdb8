"""The scorecard's ledger side read from the database: payments, supplier facts, settings and the
awards linked to the supplier register; then the payment indicators over them, against counts
made another way (plain loops over the rows stored, and over a real anchor's payment file)."""

import json
from io import StringIO
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from network.models import Organisation
from opportunities.loading import Loader
from scorecard.gathering import annual_spend, organisation_buyer, tables_for
from scorecard.indicators.payments import award_to_payment, spend_without_notice
from scorecard.indicators.suppliers import sme_award_count_share
from scorecard.notice_table import PAYMENTS, SUPPLIERS
from spend.models import Payment
from suppliers.names import normalise_name
from tests.conftest import require_data

pytestmark = pytest.mark.django_db

FILE = (
    "Supplier Name,Company Number,Amount,Payment Date\n"
    "Acme Cleaning Ltd,01234567,20000.00,01/05/2025\n"
    "Acme Cleaning Ltd,01234567,15000.00,01/06/2025\n"
    "Unadvertised Builders Ltd,,45000.00,01/07/2025\n"
    "Small Florist,,500.00,01/07/2025\n"
    "Unadvertised Builders Ltd,,45000.00,01/07/2024\n"
)


def _release(buyer_name):
    return {
        "ocid": "ocds-test-g1",
        "id": "g1-award",
        "date": "2025-04-20T00:00:00Z",
        "tag": ["award"],
        "initiationType": "tender",
        "buyer": {"id": "b", "name": buyer_name},
        "parties": [
            {"id": "b", "name": buyer_name, "roles": ["buyer"]},
            {
                "id": "s",
                "name": "Acme Cleaning Ltd",
                "roles": ["supplier"],
                "identifier": {"scheme": "GB-COH", "id": "01234567"},
                "details": {"scale": "sme"},
            },
        ],
        "tender": {"id": "t", "documents": [{"id": "d", "noticeType": "UK6"}]},
        "awards": [
            {
                "id": "a1",
                "status": "active",
                "date": "2025-04-20T00:00:00Z",
                "value": {"amount": 30000, "currency": "GBP"},
                "suppliers": [{"id": "s", "name": "Acme Cleaning Ltd"}],
            }
        ],
    }


@pytest.fixture
def anytown(tmp_path, ocds_schema):  # loads notices: needs the OCDS schema
    buyer = Organisation.objects.create(name="Anytown Council", kind="council")
    path = tmp_path / "spend.csv"
    path.write_text(FILE)
    call_command("import_spend", str(path), "--buyer", buyer.name, stdout=StringIO())
    package = tmp_path / "notices.json"
    package.write_text(json.dumps({"releases": [_release(buyer.name)]}))
    Loader().load([(Path(package), str(package))])
    return buyer


def test_payments_suppliers_settings_and_linked_awards(anytown):
    from datetime import date

    table = tables_for(organisation_buyer(anytown), date(2025, 4, 1), date(2026, 3, 31))
    assert dict(table.payments.schema) == PAYMENTS and dict(table.suppliers.schema) == SUPPLIERS
    assert table.payments.height == Payment.objects.filter(buyer=anytown).count() == 5
    assert table.payments["in_period"].sum() == 4  # July 2024 is before the period
    assert sorted(set(table.payments["financial_year"].to_list())) == [2024, 2025]
    acme = table.payments.filter(pl.col("name") == "Acme Cleaning Ltd")
    assert acme["identifiers"].to_list()[0] == ["GB-COH:01234567"]
    assert acme["supplier_id"].null_count() == 0
    [award] = table.awards.to_dicts()
    assert award["buyer_key"] == f"org:{anytown.pk}"
    # the award's supplier and the payee resolved to one register entry
    assert award["supplier_id"] == acme["supplier_id"][0]
    settings = table.settings
    assert settings["notice_threshold"] == 30000 and settings["commitment_tender_days"] == 15
    assert settings["annual_spend"] == 80500.0 and settings["annual_spend_year"] == 2025
    assert award_to_payment(table).value == 1.0
    assert sme_award_count_share(table).value == 1.0
    figure = spend_without_notice(table)
    assert figure.denominator == 80500.0  # in the period
    assert figure.numerator == 45000.0  # the builders, FY 2025; Acme is named in the notice
    assert figure.behind.filter(pl.col("counted"))["name"].to_list() == [
        "Unadvertised Builders Ltd"
    ]


def test_an_anchor_sliced_from_every_buyer_is_that_anchor_read_alone(anytown, tmp_path):
    """The comparison page reads every buyer once and slices each anchor out (slicing.only): the
    same figures, ledger side included, as reading the anchor alone."""
    from datetime import date

    from scorecard import slicing
    from scorecard.indicators import evaluate

    other = Organisation.objects.create(name="Othertown Council", kind="council")
    path = tmp_path / "other.csv"
    path.write_text(FILE.replace("Acme Cleaning Ltd", "Other Cleaning Ltd"))
    call_command("import_spend", str(path), "--buyer", other.name, stdout=StringIO())
    # an anchor with notices but no payment file: its supplier facts come from others' ledgers
    quiet = Organisation.objects.create(
        name="Quiet Council", kind="council", is_network_member=True
    )
    release = _release(quiet.name) | {"ocid": "ocds-test-g2", "id": "g2-award"}
    package = tmp_path / "quiet.json"
    package.write_text(json.dumps({"releases": [release]}))
    Loader().load([(Path(package), str(package))])
    since, until = date(2025, 4, 1), date(2026, 3, 31)
    every = tables_for(None, since, until)
    for organisation in (anytown, other, quiet):
        buyer = organisation_buyer(organisation)
        alone = tables_for(buyer, since, until)
        sliced = slicing.only(every, [buyer.key])
        assert sliced.payments.height == alone.payments.height
        assert sliced.suppliers.height == alone.suppliers.height > 0
        assert sliced.settings == alone.settings
        mine, theirs = evaluate(sliced), evaluate(alone)
        assert {n: (f.value, f.numerator, f.denominator) for n, f in mine.items()} == {
            n: (f.value, f.numerator, f.denominator) for n, f in theirs.items()
        }, organisation.name


def test_annual_spend_is_the_latest_full_year():
    from datetime import date

    days = [date(2023, m, 1) for m in range(4, 13)] + [date(2024, m, 1) for m in (1, 2, 3)]
    frame = pl.DataFrame(
        {
            "date": [*days, date(2024, 5, 1)],
            "financial_year": [2023] * 12 + [2024],
            "amount": [10.0] * 12 + [5.0],
        }
    )
    assert annual_spend(frame, date(2026, 1, 1)) == (120.0, 2023)
    assert annual_spend(frame.filter(pl.col("financial_year") == 2024)) == (5.0, 2024)
    assert annual_spend(None) == (None, None)


def test_a_buyer_outside_the_network_has_no_ledger(anytown):
    from scorecard.gathering import Buyer

    table = tables_for(Buyer("GB-PPON:PXYZ", "Somewhere Else"), None, None)
    assert table.payments is None
    assert award_to_payment(table).note.startswith("no ledger")


def test_spend_without_notice_on_a_real_anchor_file_against_a_plain_loop():
    """One month of the West Midlands Combined Authority's real payments (no notices loaded, so
    no payee is named): every payee above £30,000 in the year is listed with its amount, except
    the public bodies; the total is every payment."""
    path = require_data("spend", "wmca", "2023_08_aug.xlsx")
    buyer = Organisation.objects.create(name="West Midlands Combined Authority", kind="council")
    call_command("import_spend", str(path), "--buyer", buyer.name, stdout=StringIO())
    table = tables_for(organisation_buyer(buyer), None, None)
    figure = spend_without_notice(table)
    rows = list(
        Payment.objects.filter(buyer=buyer).values_list(
            "payee_id", "supplier_name", "amount", "is_redacted", "payment_date"
        )
    )
    assert figure.denominator == pytest.approx(float(sum(r[2] for r in rows)))
    per_payee: dict[str, float] = {}
    for _payee, name, amount, redacted, _day in rows:
        if not redacted:
            key = normalise_name(name) or name.lower()
            per_payee[key] = per_payee.get(key, 0.0) + float(amount)
    above = {key: amount for key, amount in per_payee.items() if amount > 30000}
    listed = {
        row["payee"]: row["amount"] for row in figure.behind.iter_rows(named=True) if row["counted"]
    }
    assert 0 < len(listed) <= len(above)
    public = table.payments.filter(pl.col("sector") == "public")["name_key"].unique().to_list()
    plain = {key: amount for key, amount in above.items() if key not in public}
    assert sum(listed.values()) == pytest.approx(sum(plain.values()))
    assert figure.numerator == pytest.approx(sum(plain.values()))
