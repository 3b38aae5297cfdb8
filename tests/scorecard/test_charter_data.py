"""The charter as data: its commitments as the database keeps them, the tender-period days, and
that every indicator it names is registered. No database."""

import copy

from core import datafiles
from scorecard.charter_data import (
    charter_file,
    commitment_tender_days,
    commitments,
    is_newer,
    unregistered,
)
from scorecard.indicators import INDICATORS

ISSUE_EXAMPLES = {
    "divide-into-lots",
    "no-selection-questionnaire-below-threshold",
    "pay-within-30-days",
    "minimum-tender-period-below-threshold",
    "publish-forward-pipeline",
    "engage-market-before-outcome-based-tenders",
}


def test_the_charter_holds_the_issues_examples_each_sourced():
    file = charter_file()
    rows = commitments(file)
    assert {row["slug"] for row in rows} >= ISSUE_EXAMPLES
    assert [row["position"] for row in rows] == list(range(len(rows)))
    for entry, row in zip(file.content["commitments"], rows, strict=True):
        assert row["source"].startswith(datafiles.for_readers(file.cite(entry["source"])))
        if entry["target"]:
            assert row["target"] == entry["target"]["value"]
            assert datafiles.for_readers(file.cite(entry["target"]["source"])) in row["source"]
        else:
            assert row["target"] is None and row["comparison"] == "at_least"
    pay = next(row for row in rows if row["slug"] == "pay-within-30-days")
    assert (pay["indicator"], pay["target"], pay["comparison"]) == (
        "payment_within_30_days",
        0.95,
        "at_least",
    )
    assert "s.68(2)" in pay["source"]


def test_every_indicator_the_charter_names_is_registered():
    assert unregistered(charter_file().content, INDICATORS) == []


def test_unregistered_names_what_the_registry_lacks():
    data = {"commitments": [{"indicator": "lots_share"}, {"indicator": "nope"}, {"indicator": ""}]}
    assert unregistered(data, {"lots_share"}) == ["nope"]


def test_the_tender_period_commitment_gives_its_days():
    content = charter_file().content
    assert commitment_tender_days(content) == 15
    changed = copy.deepcopy(content)
    for entry in changed["commitments"]:
        entry.pop("tender_days", None)
    assert commitment_tender_days(changed) is None
    assert commitment_tender_days({}) is None


def test_newer_versions():
    assert is_newer("2026-12-03", "")
    assert is_newer("2026-12-04", "2026-12-03")
    assert is_newer("2026-12-03.b", "2026-12-03")
    assert not is_newer("2026-12-03", "2026-12-03")
    assert not is_newer("2026-11-30", "2026-12-03")


def test_a_target_without_its_source_is_refused():
    document = datafiles.read(("scorecard", "charter"))
    raw = {
        "version": document.version,
        "description": document.description,
        "sources": list(document.sources.values()),
        "content": copy.deepcopy(document.content),
    }
    del raw["content"]["commitments"][0]["target"]["source"]
    found = datafiles.problems(raw, datafiles.schema_path(document.path))
    assert any("commitments/0/target" in problem for problem in found), found
