"""The seeds' sync into the database (scorecard/interpretations.py): created after migrate,
updated from a newer data file only while nobody edited them in the product, every change a
version."""

import json
import shutil

import pytest

from scorecard import interpretations
from scorecard.models import Interpretation, InterpretationVersion
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

FILE_VERSION, SEEDS = interpretations.load_seeds()
SLUGS = sorted(seed["slug"] for seed in SEEDS)


def data_file(tmp_path, version, change=None):
    """A copy of the data file (with its schema) at `version`; `change(seeds)` edits it."""
    (tmp_path / "schemas").mkdir(exist_ok=True)
    shutil.copy(
        interpretations.FILE.parent / "schemas" / "interpretations.json",
        tmp_path / "schemas" / "interpretations.json",
    )
    document = json.loads(interpretations.FILE.read_text(encoding="utf-8"))
    document["version"] = version
    if change:
        change(document["content"]["interpretations"])
    path = tmp_path / "interpretations.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_migrate_loaded_every_seed_with_its_first_version():
    stored = list(Interpretation.objects.order_by("slug"))
    assert [i.slug for i in stored] == SLUGS
    for interpretation in stored:
        assert interpretation.version == 1 and interpretation.seed_version == FILE_VERSION
        assert not interpretation.edited_in_product and interpretation.status == "draft"
        (version,) = interpretation.versions.all()
        assert version.number == 1 and version.changed_by is None
        assert version.note == f"Loaded from the network's data file, version {FILE_VERSION}."
        assert version.snapshot == interpretations.snapshot(interpretation)
    seed = next(s for s in SEEDS if s["slug"] == "sme-barriers-have-regard")
    stored_seed = Interpretation.objects.get(slug="sme-barriers-have-regard")
    assert stored_seed.reading == seed["reading"] and stored_seed.routes == seed["routes"]


def test_the_sync_is_idempotent():
    assert interpretations.sync_interpretations() == {"create": 0, "update": 0, "keep": 3}
    assert InterpretationVersion.objects.count() == 3


def test_a_missing_seed_is_created_again():
    Interpretation.objects.filter(slug="proportionate-conditions-of-participation").delete()
    assert interpretations.sync_interpretations() == {"create": 1, "update": 0, "keep": 2}
    again = Interpretation.objects.get(slug="proportionate-conditions-of-participation")
    assert again.version == 1 and again.versions.count() == 1


def _new_reading(seeds):
    seeds[0]["reading"] += "\n\nA sentence added in the newer file."


def test_a_newer_file_updates_seeds_nobody_edited_as_a_new_version(tmp_path):
    path = data_file(tmp_path, "2026-12-10", _new_reading)
    counts = interpretations.sync_interpretations(path=path)
    assert counts == {"create": 0, "update": 1, "keep": 2}
    changed = Interpretation.objects.get(slug="sme-barriers-have-regard")
    assert changed.reading.endswith("A sentence added in the newer file.")
    assert changed.version == 2 and changed.seed_version == "2026-12-10"
    latest = changed.versions.get(number=2)
    assert latest.snapshot["reading"] == changed.reading
    assert latest.note == "Updated from the network's data file, version 2026-12-10."
    assert changed.versions.get(number=1).snapshot["reading"] != changed.reading
    # The others did not change: no new version, but they now stand at the newer file.
    for other in Interpretation.objects.exclude(pk=changed.pk):
        assert other.version == 1 and other.versions.count() == 1
        assert other.seed_version == "2026-12-10"
    # The same newer file again changes nothing.
    assert interpretations.sync_interpretations(path=path)["update"] == 0


def test_an_older_or_equal_file_changes_nothing(tmp_path):
    path = data_file(tmp_path, "2026-01-01", _new_reading)
    assert interpretations.sync_interpretations(path=path) == {"create": 0, "update": 0, "keep": 3}
    assert InterpretationVersion.objects.count() == 3


def test_an_edit_in_the_product_is_never_overwritten(tmp_path):
    coordinator = make_user("coordinator@example.org", coordinator=True)
    edited = Interpretation.objects.get(slug="sme-barriers-have-regard")
    edited.reading = "The network's own words."
    assert interpretations.save_version(edited, coordinator, "Our wording").number == 2
    edited.refresh_from_db()
    assert edited.edited_in_product and edited.updated_by == coordinator
    counts = interpretations.sync_interpretations(
        path=data_file(tmp_path, "2026-12-10", _new_reading)
    )
    assert counts == {"create": 0, "update": 0, "keep": 3}
    edited.refresh_from_db()
    assert edited.reading == "The network's own words." and edited.version == 2
    assert edited.seed_version == FILE_VERSION


def test_a_seed_marked_agreed_carries_its_day(tmp_path):
    def agree(seeds):
        seeds[1]["status"] = "agreed"
        seeds[1]["agreed_on"] = "2026-12-08"

    interpretations.sync_interpretations(path=data_file(tmp_path, "2026-12-10", agree))
    agreed = Interpretation.objects.get(slug=SEEDS[1]["slug"])
    assert agreed.status == "agreed" and agreed.agreed_on.isoformat() == "2026-12-08"
    assert agreed.versions.get(number=2).snapshot["agreed_on"] == "2026-12-08"


def test_saving_without_a_change_keeps_no_version():
    coordinator = make_user("coordinator@example.org", coordinator=True)
    same = Interpretation.objects.get(slug="sme-barriers-have-regard")
    assert interpretations.save_version(same, coordinator, "Nothing") is None
    same.refresh_from_db()
    assert same.version == 1 and not same.edited_in_product
