"""What the search index holds of a process: its document's fields from a process row, and the
text indexed by weight from its facts. Pure, so that compiling (in worker processes) and the index
(`search_index.py`, over the database) make the same documents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import orjson

from opportunities.fact_records import ProcessFacts
from reference import places


def search_document(facts: ProcessFacts) -> dict[str, str]:
    """The text indexed for search, by weight: A title, B buyer and lots, C description."""
    lots = " ".join(f"{lot.title} {lot.description}" for lot in facts.lots)
    return {"A": facts.title, "B": f"{facts.buyer_name} {lots}".strip(), "C": facts.description}


def _text(value) -> str:
    return value or ""


def _location(row: dict) -> dict:
    """The delivery place as index terms: postcode prefixes (area, district, sector, unit), the
    areas it lies in and the areas it states; the buyer's postcode only when no place is stated."""
    located = places.locate(
        row.get("delivery_regions") or [],
        row.get("delivery_postcodes") or [],
        _text(row["buyer_postcode"]),
    )
    return {
        "postcode": sorted(located.postcodes),
        "area": sorted(located.area),
        "area_stated": sorted(located.stated),
    }


def fields(row: dict, cpvs: Iterable[str], notice_types: Iterable[str]) -> dict:
    """A process's index document, without its id: `row` holds the values named in ROW_FIELDS."""
    doc = {
        "title": _text(row["title"]),
        "extra": _text(row["search_text"]),
        "body": _text(row["description"])[:100_000],
        "buyer_name": _text(row["buyer_name"]),
        "location": _text(row["delivery_text"]),
        **_location(row),
        "phase": row["phase"],
        "notice_type": sorted(set(notice_types)),
        "cpv": sorted({code[:n] for code in cpvs for n in range(2, len(code) + 1)}),
        "anchor": bool(row["buyer__is_network_member"]),
        "sme": bool(row["sme_suitable"] or row["reserved_for_sme_vcse"]),
        "vcse": bool(row["vcse_suitable"] or row["reserved_for_sme_vcse"]),
    }
    if row["procedure"]:
        doc["procedure"] = row["procedure"]
    if row["above_threshold"] is not None:
        doc["threshold"] = "above" if row["above_threshold"] else "below"
    if row["buyer__slug"]:
        doc["buyer_slug"] = row["buyer__slug"]
    for name, column in (
        ("deadline", "deadline"),
        ("published", "first_published"),
        ("updated", "last_updated"),
    ):
        if isinstance(row[column], datetime):
            doc[name] = row[column]
    value = row["value"] if row["value"] is not None else row["value_gross"]
    if value is not None:
        doc["value"] = float(value)
    awarded = (
        row["awarded_value"] if row["awarded_value"] is not None else row["awarded_value_gross"]
    )
    if awarded is not None:
        doc["awarded_value"] = float(awarded)
    return doc


def as_json(process_id: int, doc: dict) -> str:
    return orjson.dumps({"id": process_id, **doc}).decode()


ROW_FIELDS = (
    "id",
    "title",
    "search_text",
    "description",
    "buyer_name",
    "delivery_text",
    "delivery_regions",
    "delivery_postcodes",
    "buyer_postcode",
    "phase",
    "procedure",
    "above_threshold",
    "buyer__slug",
    "buyer__is_network_member",
    "sme_suitable",
    "vcse_suitable",
    "reserved_for_sme_vcse",
    "deadline",
    "first_published",
    "last_updated",
    "value",
    "value_gross",
    "awarded_value",
    "awarded_value_gross",
)
