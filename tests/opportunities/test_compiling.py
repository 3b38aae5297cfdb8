"""compiling.py: a process's releases merged with ocdsmerge into one compiled release, its facts
taken out and turned into the row to store and its search document; the network's buyers linked;
batches compiled in this process. No database: releases come in as JSON bytes."""

from datetime import UTC, datetime
from decimal import Decimal

import ocdsmerge
import orjson
import pytest

from opportunities import compiling
from opportunities.compiling import (
    FROM_FACTS,
    LIMITS,
    PROCESS_COLUMNS,
    Buyers,
    Compiled,
    Compiler,
    compile_group,
)
from opportunities.fact_records import ProcessFacts
from suppliers.names import normalise_name
from tests.opportunities.conftest import release

NOW = datetime(2026, 9, 2, 8, tzinfo=UTC)
OCID = "ocds-b5fd17-compiled"


@pytest.fixture(scope="module")
def merger(ocds_schema):
    return ocdsmerge.Merger(ocds_schema)


def _tender(**tender):
    return release(
        ocid=OCID,
        release_id="r1",
        date="2026-08-01T09:00:00Z",
        buyer={"id": "B1", "name": "Walsall Council"},
        parties=[
            {
                "id": "B1",
                "name": "Walsall Council",
                "roles": ["buyer"],
                "identifier": {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"},
                "additionalIdentifiers": [{"scheme": "GB-COH", "id": "01234567"}],
                "address": {"postalCode": "WS1 1TP"},
            }
        ],
        tender={
            "title": "Grounds maintenance",
            "description": "Mowing",
            "status": "active",
            "mainProcurementCategory": "services",
            "value": {"amount": 100000, "currency": "GBP"},
            "tenderPeriod": {
                "startDate": "2026-08-01T09:00:00Z",
                "endDate": "2026-08-24T12:00:00Z",
            },
            "items": [
                {
                    "id": "1",
                    "classification": {"scheme": "CPV", "id": "77314000-4"},
                    "deliveryAddresses": [{"region": "West Midlands"}],
                }
            ],
            "lots": [{"id": "L1", "title": "North"}],
            "otherRequirements": {"reservedParticipation": ["smeVcse"]},
            "documents": [{"id": "r1", "noticeType": "UK4"}],
            **tender,
        },
    )


def _award():
    return release(
        ocid=OCID,
        release_id="r2",
        date="2026-09-01T09:00:00Z",
        tag=["award"],
        parties=[{"id": "S1", "name": "Green Spaces Ltd", "roles": ["supplier"]}],
        awards=[
            {
                "id": "A1",
                "status": "active",
                "date": "2026-08-30T12:00:00Z",
                "value": {"amount": 95000, "currency": "GBP"},
                "suppliers": [{"id": "S1", "name": "Green Spaces Ltd"}],
                "relatedLots": ["L1"],
            }
        ],
        tender={"status": "complete", "documents": [{"id": "r2", "noticeType": "UK6"}]},
    )


def _compile(merger, releases, buyers=None, ocid=OCID):
    raw = [orjson.dumps(r) for r in releases]
    return compile_group(merger, buyers or Buyers(), NOW, ocid, raw)


def _row(compiled: Compiled) -> dict:
    return dict(zip(PROCESS_COLUMNS, compiled.values, strict=True))


def test_two_releases_merge_into_one_compiled_release_with_facts(merger):
    compiled = _compile(merger, [_tender(), _award()])
    assert compiled.ocid == OCID and isinstance(compiled.facts, ProcessFacts)
    row = _row(compiled)
    merged = orjson.loads(row["compiled"])
    assert merged["tag"] == ["compiled"] and merged["id"].startswith(OCID)
    assert merged["tender"]["title"] == "Grounds maintenance"  # from the first release
    assert merged["tender"]["status"] == "complete"  # the later release wins
    assert [a["id"] for a in merged["awards"]] == ["A1"]
    assert {p["id"] for p in merged["parties"]} == {"B1", "S1"}
    facts = compiled.facts
    assert [n.release_id for n in facts.notices] == ["r1", "r2"]
    assert (facts.notice_type, facts.phase) == ("UK6", "awarded")
    assert facts.awarded_value == Decimal(95000)
    assert facts.award_date == datetime(2026, 8, 30, 12, tzinfo=UTC)
    assert facts.awards[0].suppliers[0].name == "Green Spaces Ltd"
    # the row: the facts' values, then what compiling adds
    assert {name: row[name] for name in FROM_FACTS if name != "above_threshold"} == {
        name: getattr(facts, name) for name in FROM_FACTS if name != "above_threshold"
    }
    # not published: worked out (£100,000 of services, a buyer of no known kind), and said so
    assert facts.above_threshold is None
    assert (row["above_threshold"], row["threshold_estimated"]) == (False, True)
    assert row["buyer_id"] is None  # no buyer in the network
    assert row["lot_count"] == 1
    assert row["search_text"] == "Walsall Council North"
    assert row["delivery_text"] == "West Midlands"
    assert row["reserved_for_sme_vcse"] is True
    assert row["is_sample"] is False
    assert row["updated_at"] == NOW
    assert compiled.search["notice_type"] == ["UK4", "UK6"]
    assert compiled.search["title"] == "Grounds maintenance"


def test_the_process_columns():
    assert PROCESS_COLUMNS[: len(FROM_FACTS)] == FROM_FACTS
    assert len(set(PROCESS_COLUMNS)) == len(PROCESS_COLUMNS)
    assert set(LIMITS) <= set(FROM_FACTS)
    assert set(FROM_FACTS) <= set(ProcessFacts.__dataclass_fields__)


def test_long_values_are_cut_to_their_columns(merger):
    long = _tender()
    long["buyer"]["name"] = "B" * 400
    long["tender"]["procurementMethodDetails"] = "D" * 400
    row = _row(_compile(merger, [long]))
    assert row["buyer_name"] == "B" * 300 and row["procedure_details"] == "D" * 300


def test_the_buyer_is_linked_by_any_identifier_before_the_name(merger):
    buyers = Buyers(
        by_identifier={("GB-COH", "01234567"): 7},
        by_name={normalise_name("Walsall Council"): 9},
        kinds={7: "council"},
        slugs={7: "walsall-council"},
        members={7},
    )
    compiled = _compile(merger, [_tender()], buyers)
    row = _row(compiled)
    assert row["buyer_id"] == 7  # by the additional identifier, not the name
    assert compiled.search["buyer_slug"] == "walsall-council"
    assert compiled.search["anchor"] is True
    by_name = Buyers(by_name={normalise_name("walsall council"): 9})
    compiled = _compile(merger, [_tender()], by_name)
    assert _row(compiled)["buyer_id"] == 9  # by its name, as names are compared
    assert "buyer_slug" not in compiled.search and compiled.search["anchor"] is False


def test_buyers_find():
    buyers = Buyers(by_identifier={("GB-COH", "01234567"): 1}, by_name={"acme": 2})
    assert buyers.find("gb-coh", "01234 567", "") == 1  # scheme upper-cased, spaces left out
    assert buyers.find("GB-COH", "99999999", "The Acme Ltd") == 2  # not known: by name
    assert buyers.find("GB-COH", "", "ACME") == 2
    assert buyers.find("", "", "") is None
    assert buyers.find("GB-PPON", "PXXX", "Nobody") is None


def test_the_threshold_is_worked_out_when_not_published(merger):
    estimated = _row(_compile(merger, [_tender(value={"amount": 5_000_000})]))
    assert (estimated["above_threshold"], estimated["threshold_estimated"]) == (True, True)
    small = _row(_compile(merger, [_tender(value={"amount": 1000})]))
    assert (small["above_threshold"], small["threshold_estimated"]) == (False, True)
    published = _row(_compile(merger, [_tender(value={"amount": 1000}, aboveThreshold=True)]))
    assert (published["above_threshold"], published["threshold_estimated"]) == (True, False)
    no_value = _row(_compile(merger, [_tender(value={})]))
    assert (no_value["above_threshold"], no_value["threshold_estimated"]) == (None, False)


def test_sample_notices_are_marked(merger):
    sample = _tender()
    sample["ocid"] = "ocds-sample-1"
    assert _row(_compile(merger, [sample], ocid="ocds-sample-1"))["is_sample"] is True


def test_releases_that_cannot_be_merged_keep_the_last_as_the_compiled_release(merger, caplog):
    first, second = _tender(), _award()
    del second["date"]  # ocdsmerge needs every release's date
    compiled = _compile(merger, [first, second])
    merged = orjson.loads(_row(compiled)["compiled"])
    assert merged["tag"] == ["compiled"] and merged["id"] == "r2"
    assert "cannot merge" in caplog.text and OCID in caplog.text
    assert [a.award_id for a in compiled.facts.awards] == ["A1"]


def test_a_small_batch_is_compiled_here(ocds_schema):
    compiler = Compiler(ocds_schema, Buyers(), workers=4)
    groups = [(OCID, [orjson.dumps(_tender())]), ("ocds-b5fd17-other", [orjson.dumps(_award())])]
    done = compiler.submit(NOW, groups)
    assert [c.ocid for c in done.result()] == [OCID, "ocds-b5fd17-other"]
    assert compiler._pool is None  # under POOL_FROM: no worker processes
    compiler.close()
    one_worker = Compiler(ocds_schema, Buyers(), workers=1)
    assert len(one_worker.submit(NOW, groups * 200).result()) == 400
    assert one_worker._pool is None


def test_a_worker_compiles_only_once_started(ocds_schema, monkeypatch):
    monkeypatch.setattr(compiling, "_worker", None)
    with pytest.raises(RuntimeError, match="_start_worker"):
        compiling._compile_in_worker(NOW, [])
    compiling._start_worker(ocds_schema, Buyers(by_name={normalise_name("Walsall Council"): 3}))
    (compiled,) = compiling._compile_in_worker(NOW, [(OCID, [orjson.dumps(_tender())])])
    assert _row(compiled)["buyer_id"] == 3
