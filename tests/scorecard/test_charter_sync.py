"""The charter data into the database after every migrate: created, updated while nobody has
edited it and the data is newer, never over a coordinator's edit; each change a version."""

import copy
from dataclasses import replace

import pytest

from scorecard import charter_sync
from scorecard.charter import save_version
from scorecard.charter_data import charter_file
from scorecard.models import Commitment, CommitmentVersion
from tests.conftest import make_user


def _file(version: str, change=None):
    content = copy.deepcopy(charter_file().content)
    if change:
        change(content["commitments"])
    return replace(charter_file(), version=version, content=content)


def _use(monkeypatch, file):
    monkeypatch.setattr(charter_sync, "charter_file", lambda: file)


def _retitle(slug, title):
    def change(entries):
        next(e for e in entries if e["slug"] == slug)["title"] = title

    return change


@pytest.fixture
def empty(db):
    Commitment.objects.all().delete()


def test_migrate_has_synced_the_charter(db):
    """The test database is built by migrate, so the post_migrate sync has run."""
    slugs = [entry["slug"] for entry in charter_file().content["commitments"]]
    assert set(slugs) <= set(Commitment.objects.values_list("slug", flat=True))


def test_the_data_creates_each_commitment_once(empty):
    counts = charter_sync.sync_charter()
    entries = charter_file().content["commitments"]
    assert counts == {"created": len(entries), "updated": 0, "kept": 0, "unchanged": 0}
    lots = Commitment.objects.get(slug="divide-into-lots")
    assert (lots.indicator, lots.target, lots.comparison, lots.version) == (
        "lots_share",
        0.3,
        "at_least",
        1,
    )
    assert lots.data_version == charter_file().version and lots.updated_by is None
    (version,) = lots.versions.all()
    assert version.number == 1 and version.data_version == charter_file().version
    assert version.snapshot["title"] == lots.title and version.changed_by is None
    again = charter_sync.sync_charter()
    assert again == {"created": 0, "updated": 0, "kept": 0, "unchanged": len(entries)}
    assert CommitmentVersion.objects.count() == len(entries)


def test_newer_data_updates_a_commitment_nobody_edited(empty, monkeypatch):
    charter_sync.sync_charter()
    _use(monkeypatch, _file("2099-01-01", _retitle("divide-into-lots", "Use lots")))
    counts = charter_sync.sync_charter()
    assert (
        counts["updated"] == 1
        and counts["unchanged"] == len(charter_file().content["commitments"]) - 1
    )
    lots = Commitment.objects.get(slug="divide-into-lots")
    assert (lots.title, lots.version, lots.data_version) == ("Use lots", 2, "2099-01-01")
    latest = lots.versions.first()
    assert (latest.number, latest.data_version, latest.snapshot["title"]) == (
        2,
        "2099-01-01",
        "Use lots",
    )
    assert "2099-01-01" in latest.note
    # the others' data version moved on, without a new version
    pay = Commitment.objects.get(slug="pay-within-30-days")
    assert (pay.version, pay.data_version) == (1, "2099-01-01")


def test_data_no_newer_changes_nothing(empty, monkeypatch):
    charter_sync.sync_charter()
    _use(monkeypatch, _file(charter_file().version, _retitle("divide-into-lots", "Use lots")))
    assert charter_sync.sync_charter()["updated"] == 0
    assert Commitment.objects.get(slug="divide-into-lots").title != "Use lots"


def test_a_coordinators_edit_is_never_overwritten(empty, monkeypatch):
    charter_sync.sync_charter()
    coordinator = make_user("coord@example.org", coordinator=True)
    lots = Commitment.objects.get(slug="divide-into-lots")
    lots.target = 0.4
    save_version(lots, coordinator, "The network agreed 40%")
    _use(monkeypatch, _file("2099-01-01", _retitle("divide-into-lots", "Use lots")))
    counts = charter_sync.sync_charter()
    assert counts["kept"] == 1 and counts["updated"] == 0
    lots.refresh_from_db()
    assert (lots.title, lots.target, lots.version) == (
        "Divide contracts into lots where practicable",
        0.4,
        2,
    )
    # even after the coordinator's account is gone
    coordinator.delete()
    assert charter_sync.sync_charter()["kept"] == 1
    lots.refresh_from_db()
    assert lots.target == 0.4


def test_a_commitment_added_by_hand_is_kept_when_the_data_names_it(empty, monkeypatch):
    coordinator = make_user("coord@example.org", coordinator=True)
    save_version(
        Commitment(slug="divide-into-lots", title="Lots, our way", indicator="lots_share"),
        coordinator,
        "Added",
    )
    assert charter_sync.sync_charter()["kept"] == 1
    assert Commitment.objects.get(slug="divide-into-lots").title == "Lots, our way"


def test_a_commitment_no_longer_in_the_data_is_left(empty, monkeypatch):
    charter_sync.sync_charter()
    _use(monkeypatch, _file("2099-01-01", lambda entries: entries.pop(0)))
    charter_sync.sync_charter()
    assert Commitment.objects.get(slug="divide-into-lots").is_active
