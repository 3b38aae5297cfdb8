"""Plain objects standing in for processes, for the pure modules' tests (SME signals, summary)."""

from datetime import UTC, datetime
from types import SimpleNamespace

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def process(**fields):
    base = dict(
        ocid="ocds-h6vhtk-000123",
        title="Heat pumps for schools",
        buyer_name="Walsall Council",
        lot_count=0,
        above_threshold=None,
        threshold_estimated=False,
        sme_suitable=None,
        vcse_suitable=None,
        reserved_for_sme_vcse=False,
        reserved_location="",
        deadline=None,
        tender_start=None,
        first_published=None,
        phase="tender",
        value=None,
        value_gross=None,
        min_value=None,
        contract_start=None,
        contract_end=None,
        enquiry_end=None,
        expected_tender_date=None,
        procedure="",
        notice_url="",
    )
    return SimpleNamespace(**(base | fields))
