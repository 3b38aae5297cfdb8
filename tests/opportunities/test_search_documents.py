"""search_documents.py: what the search index holds of a process, from its facts (the text by
weight) and from a process row (the document's fields). No database: the rows are written here,
and one process is compiled from its releases."""

from datetime import UTC, datetime
from decimal import Decimal

import orjson
import pytest

from opportunities.fact_records import LotFacts, ProcessFacts
from opportunities.search_documents import ROW_FIELDS, as_json, fields, search_document
from reference import places


def test_search_text_by_weight():
    facts = ProcessFacts(
        "ocds-1",
        title="Grounds maintenance",
        description="Mowing and hedges",
        buyer_name="Walsall Council",
        lots=[LotFacts("L1", "North", "Parks", None, ""), LotFacts("L2", "South", "", None, "")],
    )
    assert search_document(facts) == {
        "A": "Grounds maintenance",
        "B": "Walsall Council North Parks South",
        "C": "Mowing and hedges",
    }
    assert search_document(ProcessFacts("ocds-2")) == {"A": "", "B": "", "C": ""}
    assert search_document(ProcessFacts("ocds-3", lots=[LotFacts("L", "Only", "", None, "")])) == {
        "A": "",
        "B": "Only",
        "C": "",
    }


def row(**values):
    base = dict.fromkeys(ROW_FIELDS)
    base.update(phase="tender", buyer__is_network_member=False)
    base.update(values)
    return base


def test_a_rows_fields():
    when = datetime(2026, 8, 24, 12, tzinfo=UTC)
    doc = fields(
        row(
            title="Grounds maintenance",
            search_text="Walsall Council North",
            description="x" * 100_050,
            buyer_name="Walsall Council",
            delivery_text="West Midlands",
            delivery_regions=["West Midlands"],
            phase="awarded",
            procedure="open",
            above_threshold=False,
            buyer__slug="walsall-council",
            buyer__is_network_member=1,
            sme_suitable=True,
            vcse_suitable=None,
            reserved_for_sme_vcse=False,
            deadline=when,
            first_published="2026-08-01",  # not a datetime: left out
            last_updated=when,
            value=None,
            value_gross=Decimal("120000.50"),
            awarded_value=Decimal(0),
            awarded_value_gross=Decimal(5),
        ),
        ["77314000", "77310000"],
        ["UK6", "UK4", "UK6"],
    )
    assert doc.pop("body") == "x" * 100_000
    located = places.locate(["West Midlands"], [], "")
    assert doc == {
        "title": "Grounds maintenance",
        "extra": "Walsall Council North",
        "buyer_name": "Walsall Council",
        "location": "West Midlands",
        "postcode": sorted(located.postcodes),
        "area": sorted(located.area),
        "area_stated": sorted(located.stated),
        "phase": "awarded",
        "notice_type": ["UK4", "UK6"],
        "cpv": sorted(
            {"77", "773", "7731", "77314", "773140", "7731400", "77314000"}
            | {"77", "773", "7731", "77310", "773100", "7731000", "77310000"}
        ),
        "anchor": True,
        "sme": True,
        "vcse": False,
        "procedure": "open",
        "threshold": "below",
        "buyer_slug": "walsall-council",
        "deadline": when,
        "updated": when,
        "value": 120000.5,
        "awarded_value": 0.0,  # a value of 0 is still a value
    }
    assert doc["area"]  # West Midlands is a place the register knows


def test_an_empty_row_has_only_the_fields_every_document_has():
    doc = fields(row(), [], [])
    assert doc == {
        "title": "",
        "extra": "",
        "body": "",
        "buyer_name": "",
        "location": "",
        "postcode": [],
        "area": [],
        "area_stated": [],
        "phase": "tender",
        "notice_type": [],
        "cpv": [],
        "anchor": False,
        "sme": False,
        "vcse": False,
    }


def test_the_buyers_postcode_stands_in_only_when_no_place_is_stated():
    from_buyer = fields(row(buyer_postcode="WS1 1TP"), [], [])
    assert {"WS", "WS1", "WS1 1", "WS1 1TP"} <= set(from_buyer["postcode"])
    stated = fields(row(buyer_postcode="WS1 1TP", delivery_postcodes=["B1 1BB"]), [], [])
    assert "WS" not in stated["postcode"] and {"B", "B1", "B1 1"} <= set(stated["postcode"])
    assert stated["area_stated"] == []  # a postcode is a point, not a stated area


@pytest.mark.parametrize(
    ("sme", "vcse", "reserved", "flags"),
    [
        (None, None, True, (True, True)),
        (False, True, False, (False, True)),
        (None, None, None, (False, False)),
    ],
)
def test_sme_and_vcse_flags(sme, vcse, reserved, flags):
    doc = fields(row(sme_suitable=sme, vcse_suitable=vcse, reserved_for_sme_vcse=reserved), [], [])
    assert (doc["sme"], doc["vcse"]) == flags


def test_values_excluding_vat_first():
    doc = fields(
        row(value=Decimal(10), value_gross=Decimal(12), awarded_value=None, awarded_value_gross=7),
        [],
        [],
    )
    assert (doc["value"], doc["awarded_value"]) == (10.0, 7.0)
    assert fields(row(above_threshold=True), [], [])["threshold"] == "above"


def test_as_json_puts_the_id_first():
    when = datetime(2026, 8, 24, 12, tzinfo=UTC)
    text = as_json(42, {"title": "T", "deadline": when})
    assert text.startswith('{"id":42,')
    assert orjson.loads(text) == {"id": 42, "title": "T", "deadline": "2026-08-24T12:00:00+00:00"}


def test_the_document_of_a_compiled_process(ocds_schema):
    """Two releases merged into one process: the compiled document names both notice types, the
    CPV codes' prefixes and the delivery place."""
    import ocdsmerge

    from opportunities.compiling import Buyers, compile_group

    tender = {
        "ocid": "ocds-b5fd17-doc",
        "id": "r1",
        "date": "2026-08-01T09:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "tender": {
            "id": "t",
            "title": "Library books",
            "description": "Books for the libraries",
            "status": "active",
            "value": {"amount": 20000, "currency": "GBP"},
            "items": [
                {
                    "id": "1",
                    "classification": {"scheme": "CPV", "id": "22113000"},
                    "deliveryAddresses": [{"region": "West Midlands"}],
                }
            ],
            "documents": [{"id": "r1", "noticeType": "UK4"}],
        },
    }
    award = {
        **tender,
        "id": "r2",
        "date": "2026-09-01T09:00:00Z",
        "tag": ["award"],
        "awards": [{"id": "A1", "status": "active", "value": {"amount": 19000}}],
        "tender": {"id": "t", "documents": [{"id": "r2", "noticeType": "UK6"}]},
    }
    compiled = compile_group(
        ocdsmerge.Merger(ocds_schema),
        Buyers(),
        datetime(2026, 9, 2, tzinfo=UTC),
        "ocds-b5fd17-doc",
        [orjson.dumps(tender), orjson.dumps(award)],
    )
    doc = compiled.search
    assert (doc["title"], doc["body"], doc["phase"]) == (
        "Library books",
        "Books for the libraries",
        "awarded",
    )
    assert doc["notice_type"] == ["UK4", "UK6"]
    assert doc["cpv"] == ["22", "221", "2211", "22113", "221130", "2211300", "22113000"]
    assert doc["location"] == "West Midlands" and doc["area_stated"]
    assert (doc["value"], doc["awarded_value"]) == (20000.0, 19000.0)
    assert doc["published"] == datetime(2026, 8, 1, 9, tzinfo=UTC)
    assert doc["updated"] == datetime(2026, 9, 1, 9, tzinfo=UTC)
    assert doc["anchor"] is False and "buyer_slug" not in doc
    assert search_document(compiled.facts) == {
        "A": "Library books",
        "B": "",
        "C": "Books for the libraries",
    }
