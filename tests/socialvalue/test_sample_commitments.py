"""The demo's sample commitments: every review state, one period overdue, labelled sample data."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from network.models import Organisation
from socialvalue import measures, sample_commitments, taxonomy
from socialvalue.models import Contract, DeliveryReport
from tests.conftest import make_user

TODAY = date(2026, 12, 3)


def test_the_plan_has_each_review_state_and_something_overdue():
    plan = sample_commitments.plan(TODAY)
    assert {spec["origin"] for spec in plan} == {"challenge", "notice", "hand"}
    states = {r[2] for spec in plan for c in spec["commitments"] for r in c["reports"]}
    assert states == {"accepted", "submitted", "queried"}
    metrics = taxonomy.all_metrics()
    facts, reports = [], []
    for spec in plan:
        for item in spec["commitments"]:
            assert item["metric"] in metrics
            ident = len(facts) + 1
            facts.append(
                measures.Commitment(
                    ident,
                    1,
                    "c",
                    "b",
                    "s",
                    item["metric"],
                    "t",
                    "u",
                    item["quantity"],
                    item["start"],
                    item["end"],
                    item["every"],
                    item["proxy"],
                )
            )
            for number, quantity, state, narrative in item["reports"]:
                start, end = sample_commitments.period_of(
                    item["start"], item["every"], number, item["end"]
                )
                assert narrative.startswith("Sample data")
                reports.append(measures.Report(ident, start, end, quantity, state))
    late = measures.overdue(measures.all_progress(facts, reports, TODAY))
    assert late and any(row["state"] == "missing" for row in late)


@pytest.mark.django_db
def test_the_demo_command_stores_the_hand_entered_contract(settings, tmp_path):
    settings.DATA_DIR = tmp_path  # no UK9 page: the import is left out
    buyer = Organisation.objects.create(name=sample_commitments.HAND_BUYER, kind="council")
    supplier = Organisation.objects.create(
        name=sample_commitments.HAND_SUPPLIER, kind="company", size_band="small"
    )
    make_user("buyer@anchorhub.example", buyer)
    make_user("supplier@anchorhub.example", supplier, admin=True)
    out, err = io.StringIO(), io.StringIO()
    call_command("demo_socialvalue", stdout=out, stderr=err)
    made = Contract.objects.get()
    assert made.is_sample and made.title.startswith("Sample data")
    assert made.supplier == supplier
    assert set(DeliveryReport.objects.values_list("status", flat=True)) == {"accepted", "submitted"}
    assert "Left out the sample contract from a challenge" in err.getvalue()
    call_command("demo_socialvalue", stdout=out, stderr=err)
    assert Contract.objects.count() == 1  # replaced, not doubled
