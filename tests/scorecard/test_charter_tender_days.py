"""The days of the tender-period commitment kept with the commitment in the database: written by
the charter data's sync, changed by a coordinator (a new version, and the figure follows at once),
and no figure once the commitment is retired."""

import copy
from dataclasses import replace
from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from scorecard import charter_sync
from scorecard.charter_data import charter_file
from scorecard.gathering import data_state, organisation_buyer, tables_for
from scorecard.indicators.notices import tender_period_commitment_share
from scorecard.models import Commitment
from tests.scorecard.stored import stored_tender

TENDER = "minimum-tender-period-below-threshold"
LOTS = "divide-into-lots"


def _url(name, *args):
    return reverse(f"scorecard:{name}", args=args)


def _edit(commitment, **changes):
    data = {
        "title": commitment.title,
        "description": commitment.description,
        "indicator": commitment.indicator,
        "target_entered": "" if commitment.target is None else commitment.target * 100,
        "comparison": commitment.comparison,
        "source": commitment.source,
        "tender_days": "" if commitment.tender_days is None else commitment.tender_days,
        "note": "",
    }
    return {**data, **changes}


def _tender(organisation, ocid, end, above=False):
    """A process whose only tender notice (UK4) opens on 1 March 2026 and closes at `end`."""
    when = "2026-03-01T00:00:00Z"
    tender = {"aboveThreshold": above, "tenderPeriod": {"startDate": when, "endDate": end}}
    stored_tender(organisation, ocid, when, tender)


@pytest.fixture
def tenders(world):
    """Home Council: below-threshold tenders open 17 and 25 days, and one above the threshold
    open 10 days (left out: the Act's minimum applies)."""
    charter_sync.sync_charter()
    _tender(world.home, "ocds-td-1", "2026-03-18T00:00:00Z")
    _tender(world.home, "ocds-td-2", "2026-03-26T00:00:00Z")
    _tender(world.home, "ocds-td-3", "2026-03-11T00:00:00Z", above=True)
    return Commitment.objects.get(slug=TENDER)


def _figure(world):
    buyer = organisation_buyer(world.home)
    return tender_period_commitment_share(tables_for(buyer, None, None))


# The sync


def test_the_sync_writes_the_days_of_the_data(db):
    Commitment.objects.all().delete()
    charter_sync.sync_charter()
    tender = Commitment.objects.get(slug=TENDER)
    (entry,) = [e for e in charter_file().content["commitments"] if e["slug"] == TENDER]
    assert tender.tender_days == entry["tender_days"] == 15
    assert tender.versions.get().snapshot["tender_days"] == 15
    assert Commitment.objects.get(slug=LOTS).tender_days is None


def test_newer_data_changes_the_days_of_a_commitment_nobody_edited(db, monkeypatch):
    Commitment.objects.all().delete()
    charter_sync.sync_charter()
    content = copy.deepcopy(charter_file().content)
    next(e for e in content["commitments"] if e["slug"] == TENDER)["tender_days"] = 20
    newer = replace(charter_file(), version="2099-01-01", content=content)
    monkeypatch.setattr(charter_sync, "charter_file", lambda: newer)
    assert charter_sync.sync_charter()["updated"] == 1
    tender = Commitment.objects.get(slug=TENDER)
    assert (tender.tender_days, tender.version) == (20, 2)
    assert [v.snapshot["tender_days"] for v in tender.versions.all()] == [20, 15]


def test_the_migration_keeps_the_days_for_commitments_already_there(db):
    """Commitments in the database before the field existed get the data's days, edited or not."""
    Commitment.objects.filter(slug=TENDER).update(tender_days=None)
    migration = import_module("scorecard.migrations.0004_charter_tender_days")
    migration.days_from_the_data(apps, None)
    assert Commitment.objects.get(slug=TENDER).tender_days == 15
    assert Commitment.objects.get(slug=LOTS).tender_days is None


# The figure reads the commitment


def test_the_figure_uses_the_synced_days(tenders, world):
    figure = _figure(world)
    assert (figure.numerator, figure.denominator, figure.value) == (2, 2, 1.0)  # 17, 25 ≥ 15


def test_a_coordinators_change_of_the_days_is_a_new_version_and_moves_the_figure(
    tenders, world, client_for
):
    client = client_for("coordinator")
    form = client.get(_url("charter_edit", TENDER)).context["form"]
    assert form.initial["tender_days"] == 15
    before = data_state()
    response = client.post(
        _url("charter_edit", TENDER), _edit(tenders, tender_days="20", note="Agreed in June")
    )
    assert response.status_code == 302
    tenders.refresh_from_db()
    assert (tenders.tender_days, tenders.version, tenders.updated_by) == (
        20,
        2,
        world.users["coordinator"],
    )
    latest, first = tenders.versions.all()
    assert (latest.snapshot["tender_days"], latest.note) == (20, "Agreed in June")
    assert first.snapshot["tender_days"] == 15
    assert data_state() != before  # kept tables are read again at once
    figure = _figure(world)
    assert (figure.numerator, figure.denominator, figure.value) == (1, 2, 0.5)  # only 25 ≥ 20
    page = client.get(_url("charter_commitment", TENDER)).content.decode()
    assert "At least 20 days" in page and "At least 15 days" in page  # now, and version 1


def test_the_sync_leaves_a_coordinators_days(tenders, client_for):
    client_for("coordinator").post(
        _url("charter_edit", TENDER), _edit(tenders, tender_days="21", note="Why")
    )
    assert charter_sync.sync_charter()["kept"] == 1
    assert Commitment.objects.get(slug=TENDER).tender_days == 21


def test_retiring_the_commitment_leaves_no_figure(tenders, world, client_for):
    client_for("coordinator").post(_url("charter_status", TENDER), {"note": "Replaced"})
    tenders.refresh_from_db()
    assert not tenders.is_active and tenders.tender_days == 15
    figure = _figure(world)
    assert figure.value is None and figure.note == "no commitment on tender periods is set"
    assert figure.behind.height == 2  # the tenders are still shown, just not judged


def test_no_days_given_leaves_no_figure(tenders, world, client_for):
    client_for("coordinator").post(
        _url("charter_edit", TENDER), _edit(tenders, tender_days="", note="Under review")
    )
    assert Commitment.objects.get(slug=TENDER).tender_days is None
    assert _figure(world).note == "no commitment on tender periods is set"


@pytest.mark.parametrize(
    ("slug", "days", "message"),
    [
        (TENDER, "0", "Days of tender period must be 1 or more"),
        (TENDER, "366", "Days of tender period must be 365 or less"),
        (LOTS, "15", "only for the commitment measured by"),
    ],
)
def test_the_days_are_validated(tenders, client_for, slug, days, message):
    commitment = Commitment.objects.get(slug=slug)
    response = client_for("coordinator").post(
        _url("charter_edit", slug), _edit(commitment, tender_days=days, note="Why")
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["tender_days"])
    commitment.refresh_from_db()
    assert commitment.version == 1
