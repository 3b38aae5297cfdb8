"""A contract with a commitment and delivery reports for the tests, built on the `world` fixture
(tests/conftest.py): Home Council buys from Supplier Ltd."""

from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile

from socialvalue.models import Commitment, Contract, DeliveryReport, Evidence

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def contract(w, **extra) -> Contract:
    return Contract.objects.create(
        origin=Contract.Origin.HAND,
        buyer=w.home,
        supplier=w.supplier_org,
        supplier_name=w.supplier_org.name,
        title="Home Council repairs",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        created_by=w.users["buyer"],
        **extra,
    )


def commitment(w, made: Contract | None = None, **extra) -> Commitment:
    values = {
        "metric": "apprenticeships",
        "metric_title": "Apprenticeship starts on the contract",
        "quantity": Decimal(4),
        "unit": "apprentices",
        "period_start": date(2026, 1, 1),
        "period_end": date(2026, 12, 31),
        "report_every_months": 3,
        **extra,
    }
    return Commitment.objects.create(contract=made or contract(w), **values)


def report(item: Commitment, status="submitted", quantity=1, start=(2026, 1, 1), end=(2026, 3, 31)):
    return DeliveryReport.objects.create(
        commitment=item,
        period_start=date(*start),
        period_end=date(*end),
        quantity=Decimal(quantity),
        narrative="One apprentice started in the repairs team.",
        status=status,
    )


def evidence(made: DeliveryReport) -> Evidence:
    item = Evidence(
        report=made, original_name="start.pdf", content_type="application/pdf", size=len(PDF)
    )
    item.file.save("start.pdf", ContentFile(PDF))
    return item
