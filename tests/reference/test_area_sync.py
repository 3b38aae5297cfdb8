"""reference/area_sync.py: the shipped areas synced after every migrate: idempotent, a new version
of the file re-syncs (each change kept as an AreaVersion), and an area edited in the product is
never overwritten."""

import pytest

from reference import area_sync
from reference.models import Area, AreaVersion

pytestmark = pytest.mark.django_db


def shipped_as(monkeypatch, version: str, **changes):
    """The shipped file as if its version were `version`, its areas changed by slug."""
    _version, rows = area_sync.shipped()
    rows = [row | changes.get(row["slug"], {}) for row in rows]
    monkeypatch.setattr(area_sync, "shipped", lambda: (version, rows))
    return rows


def test_the_shipped_areas_are_there_after_migrate_with_their_first_version():
    version, rows = area_sync.shipped()
    areas = {area.slug: area for area in Area.objects.all()}
    for row in rows:
        area = areas[row["slug"]]
        assert (area.kind, area.members, area.confidence) == (
            row["kind"],
            row["members"],
            row["check"],
        )
        assert area.data_version == version and not area.edited
        assert area.versions.filter(version=area.version).exists()
    east = areas["east-birmingham"]
    assert "Report to Cabinet, 11 February 2020" in east.source
    assert east.source_url.startswith("https://www.birmingham.gov.uk/")


def test_syncing_again_changes_nothing():
    before = list(AreaVersion.objects.values_list("pk", flat=True))
    assert area_sync.sync_areas() == 0
    assert list(AreaVersion.objects.values_list("pk", flat=True)) == before


def test_a_new_version_of_the_file_re_syncs_and_keeps_every_version(monkeypatch):
    east = Area.objects.get(slug="east-birmingham")
    first = (east.version, list(east.members))
    shipped_as(
        monkeypatch,
        "2099-01-01",
        **{"east-birmingham": {"members": first[1][:19], "name": "East Birmingham (19)"}},
    )
    changed = area_sync.sync_areas()
    assert changed == Area.objects.count()  # every area's data version moved on
    east.refresh_from_db()
    assert (east.name, east.members) == ("East Birmingham (19)", first[1][:19])
    assert east.version == first[0] + 1 and east.data_version == "2099-01-01"
    versions = list(east.versions.order_by("version").values_list("version", "members", "note"))
    assert versions[0][:2] == first
    assert versions[-1] == (first[0] + 1, first[1][:19], "shipped data 2099-01-01")
    assert area_sync.sync_areas() == 0  # and again: nothing more


def test_an_area_edited_in_the_product_is_never_overwritten(monkeypatch):
    east = Area.objects.get(slug="east-birmingham")
    east.members = ["E05011127"]
    east.edited = True
    east.version += 1
    east.save()
    area_sync.save_version(east, note="narrowed to Bordesley Green")
    shipped_as(monkeypatch, "2099-01-01")
    area_sync.sync_areas()
    east.refresh_from_db()
    assert east.members == ["E05011127"] and east.edited
    assert east.versions.order_by("-version").first().note == "narrowed to Bordesley Green"
    other = Area.objects.get(slug="north-solihull")
    assert other.data_version == "2099-01-01"  # the others are synced all the same


def test_a_new_shipped_area_is_created(monkeypatch):
    _version, rows = area_sync.shipped()
    extra = rows[-1] | {"slug": "new-area", "name": "A new area"}
    monkeypatch.setattr(area_sync, "shipped", lambda: ("2099-01-01", [*rows, extra]))
    area_sync.sync_areas()
    area = Area.objects.get(slug="new-area")
    assert area.version == 1 and area.versions.count() == 1
