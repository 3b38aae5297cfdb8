"""The rules of the interpretations (scorecard/interpretations_rules.py), and the seeds in
scorecard/data/interpretations.json against the route finder's routes and the guides. No
database."""

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from cases import guides
from core import datafiles
from core.roles import Role
from scorecard import interpretations_rules as rules

ROOT = Path(rules.__file__).resolve().parent.parent
PUBLIC = [Role.ANONYMOUS, Role.REGISTERED, Role.SUPPLIER]
READERS_OF_DRAFTS = [Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR]


@pytest.mark.parametrize("role", PUBLIC)
def test_the_public_reads_agreed_and_superseded_readings_only(role):
    assert rules.visible_statuses(role) == {"agreed", "superseded"}
    assert rules.can_read(role, "agreed") and rules.can_read(role, "superseded")
    assert not rules.can_read(role, "draft")


@pytest.mark.parametrize("role", READERS_OF_DRAFTS)
def test_buyers_and_coordinators_read_drafts_too(role):
    assert rules.visible_statuses(role) == {"draft", "agreed", "superseded"}


def test_only_coordinators_edit():
    assert [r for r in Role if rules.can_edit(r)] == [Role.COORDINATOR]


def test_adoptions_are_recorded_by_the_anchors_administrators_or_a_coordinator():
    assert rules.can_record_adoption(Role.ANCHOR_ADMIN, 7, 7)
    assert not rules.can_record_adoption(Role.ANCHOR_ADMIN, 7, 8)
    assert not rules.can_record_adoption(Role.BUYER, 7, 7)
    assert not rules.can_record_adoption(Role.SUPPLIER, 7, 7)
    assert rules.can_record_adoption(Role.COORDINATOR, None, 8)


def test_only_an_agreed_reading_is_offered_for_adoption():
    assert rules.can_offer_adoption(Role.ANCHOR_ADMIN, "agreed", 7, set())
    assert not rules.can_offer_adoption(Role.ANCHOR_ADMIN, "agreed", 7, {7})  # already adopted
    assert rules.can_offer_adoption(Role.COORDINATOR, "agreed", None, {7})  # other anchors
    assert not rules.can_offer_adoption(Role.COORDINATOR, "draft", None, set())
    assert not rules.can_offer_adoption(Role.ANCHOR_ADMIN, "superseded", 7, set())
    assert not rules.can_offer_adoption(Role.BUYER, "agreed", 7, set())


def test_a_status_change_must_be_complete():
    day = date(2026, 11, 30)
    assert rules.status_problems("draft", None, None, "a") == {}
    assert rules.status_problems("agreed", day, None, "a") == {}
    assert set(rules.status_problems("agreed", None, None, "a")) == {"agreed_on"}
    assert set(rules.status_problems("superseded", day, None, "a")) == {"superseded_by"}
    assert rules.status_problems("superseded", day, "b", "a") == {}
    assert rules.status_problems("superseded", day, "a", "a") == {
        "superseded_by": "An interpretation cannot supersede itself"
    }
    assert set(rules.status_problems("agreed", day, "b", "a")) == {"superseded_by"}
    assert set(rules.status_problems("final", day, None, "a")) == {"status"}


@pytest.mark.parametrize(
    ("exists", "edited", "stored", "file", "action"),
    [
        (False, False, "", "2026-12-03", "create"),
        (True, False, "2026-12-03", "2026-12-03", "keep"),  # same file again
        (True, False, "2026-12-03", "2026-12-10", "update"),  # newer file, never edited
        (True, False, "2026-12-03", "2026-12-03.b", "update"),  # changed twice in a day
        (True, True, "2026-12-03", "2026-12-10", "keep"),  # edited in the product
        (True, False, "2026-12-10", "2026-12-03", "keep"),  # an older file
        (True, False, "", "2026-12-10", "keep"),  # written in the product
    ],
)
def test_what_the_sync_does_with_a_seed(exists, edited, stored, file, action):
    assert rules.seed_action(exists, edited, stored, file) == action


def test_a_word_diff_keeps_spaces_and_marks_what_changed():
    assert rules.word_diff("pay in 30 days\n\nalways", "pay in 10 days\n\nalways") == [
        ("same", "pay in "),
        ("removed", "30"),
        ("added", "10"),
        ("same", " days\n\nalways"),
    ]
    assert rules.word_diff("", "new") == [("added", "new")]
    # Put back together, the kept and added runs are the new text; kept and removed, the old.
    old, new = "a b c d e f", "a c d x f g"
    runs = rules.word_diff(old, new)
    assert "".join(t for k, t in runs if k != "removed") == new
    assert "".join(t for k, t in runs if k != "added") == old


def test_changes_between_two_versions():
    before = {
        "question": "Q?",
        "reading": "One two three.",
        "status": "draft",
        "agreed_on": None,
        "routes": ["open"],
        "guides": [],
        "superseded_by": None,
    }
    after = {**before, "reading": "One four three.", "status": "agreed", "agreed_on": "2026-11-30"}
    after["routes"] = ["open", "competitive_flexible"]
    found = rules.changes(before, after)
    assert [c.field for c in found] == ["reading", "status", "agreed_on", "routes"]
    reading, status, agreed, routes = found
    assert reading.words == [
        ("same", "One "),
        ("removed", "two"),
        ("added", "four"),
        ("same", " three."),
    ]
    assert (status.before_text, status.after_text, status.words) == ("draft", "agreed", None)
    assert (agreed.before_text, agreed.after_text) == ("", "2026-11-30")
    assert routes.after_text == "open, competitive_flexible"
    assert rules.changes(after, after) == []


def test_the_first_version_lists_every_field_with_a_value():
    first = {"question": "Q?", "reading": "R.", "status": "draft", "routes": [], "guides": ["g"]}
    found = rules.changes(None, first)
    assert [c.field for c in found] == ["question", "reading", "status", "guides"]
    assert all(c.words is None for c in found)


# The seeds themselves.
SEEDS = datafiles.load(("scorecard", "interpretations"))["interpretations"]
ROUTES = datafiles.load(("challenges", "routes"))
ROUTE_IDS = {r["id"] for r in ROUTES["routes"] + ROUTES["other_routes"]}
GUIDE_SLUGS = {g.slug for g in guides.all_guides()}


def test_the_seeds_are_the_three_open_questions_of_the_issue():
    assert [s["slug"] for s in SEEDS] == [
        "sme-barriers-have-regard",
        "below-threshold-reservation-councils",
        "proportionate-conditions-of-participation",
    ]
    references = [s["statute_reference"] for s in SEEDS]
    assert "s.12(4)" in references[0] and "s.86" in references[0]
    assert "s.84" in references[1] and "Schedule 1" in references[1]
    assert "s.22" in references[2]
    assert [s["statute_url"].rsplit("/", 2)[-2:] for s in SEEDS] == [
        ["section", "12"],
        ["part", "6"],
        ["section", "22"],
    ]


def test_every_seed_is_an_honest_draft():
    for seed in SEEDS:
        assert seed["status"] == "draft" and "agreed_on" not in seed
        assert "not legal advice" in seed["reading"]
        assert "has not agreed" in seed["reading"]


def test_the_seeds_name_real_routes_and_guides():
    for seed in SEEDS:
        assert seed["routes"] and set(seed["routes"]) <= ROUTE_IDS, seed["slug"]
        assert seed["guides"] and set(seed["guides"]) <= GUIDE_SLUGS, seed["slug"]


def test_the_reservation_reading_keeps_the_unconfirmed_part_unconfirmed():
    reading = SEEDS[1]["reading"]
    assert "not confirmed" in reading and "check before relying on this" in reading
    assert "below_threshold_sme_vcse_reservation_council" in SEEDS[1]["routes"]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"status": "agreed"}, "agreed_on"),  # agreed needs its day
        ({"status": "superseded"}, "status"),  # superseding is done in the product
        ({"statute_url": "https://example.org/act"}, "statute_url"),
    ],
)
def test_the_schema_refuses_a_seed_that_claims_too_much(change, problem):
    path = ROOT / "scorecard" / "data" / "interpretations.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(document)
    broken["content"]["interpretations"][0].update(change)
    found = datafiles.problems(broken, datafiles.schema_path(path))
    assert found and any(problem in line for line in found), found
    assert datafiles.problems(document, datafiles.schema_path(path)) == []
