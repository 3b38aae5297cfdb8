"""The library's starting content (cases/data/cases.json) into the database, idempotently."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cases import services
from cases.models import Barrier, Case, Consent, Outcome, Source
from cases.sharing import Level, Status
from challenges.routefinder import route_names
from core import datafiles
from network.models import Organisation, Sector

FILE = Path(__file__).with_name("data") / "cases.json"
OUTCOME_KEYS = ("measure", "baseline", "result", "unit", "kind", "is_claim")


def load(path: Path = FILE) -> list[dict]:
    """The built-in cases (checked by core/datafiles.py), or those of a file given: the same
    envelope, or only {"cases": [...]}."""
    if path == FILE:
        return datafiles.load(FILE)["cases"]
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("content", data)["cases"]


def problems_in(entries: list[dict]) -> list[str]:
    """Everything in the file that does not fit the taxonomies, by case key."""
    routes = {key for key, _ in route_names()}
    sectors = set(Sector.objects.values_list("slug", flat=True))
    barriers = set(Barrier.objects.values_list("slug", flat=True))
    found, keys = [], set()
    for entry in entries:
        key = entry.get("key", "?")
        if key in keys:
            found.append(f"{key}: the key is used twice")
        keys.add(key)
        for field in ("title", "summary", "problem", "buyers", "buyer_type", "route"):
            if not entry.get(field):
                found.append(f"{key}: {field} is missing")
        if entry.get("route") not in routes:
            found.append(f"{key}: route {entry.get('route')!r} is not in the route taxonomy")
        found += [
            f"{key}: unknown sector {s!r}" for s in entry.get("sectors", []) if s not in sectors
        ]
        found += [
            f"{key}: unknown barrier {b!r}" for b in entry.get("barriers", []) if b not in barriers
        ]
        if not entry.get("sources"):
            found.append(f"{key}: every starting case needs a source")
    return found


def desired(entry: dict) -> dict:
    """The entry in the shape of services.snapshot, to tell whether anything would change."""
    value = entry.get("value")
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "problem": entry["problem"],
        "buyer_names": entry["buyers"],
        "buyer_type": entry["buyer_type"],
        "supplier_names": entry.get("suppliers", ""),
        "supplier_is_sme": entry.get("supplier_is_sme"),
        "sectors": sorted(entry.get("sectors", [])),
        "place": entry.get("place", ""),
        "route": entry["route"],
        "route_details": entry.get("route_details", ""),
        "value": str(Decimal(value)) if value is not None else None,
        "value_note": entry.get("value_note", ""),
        "start_year": entry.get("start_year"),
        "end_year": entry.get("end_year"),
        "barriers": sorted(entry.get("barriers", [])),
        "barriers_overcome": entry.get("barriers_overcome", ""),
        "lessons": entry.get("lessons", ""),
        "contacts": "",
        "ocids": [],
        "level": Level.PUBLIC,
        "named_organisations": [],
        "status": Status.PUBLISHED,
        "outcomes": [
            dict(zip(OUTCOME_KEYS, [*row[:5], row[5] == "claim"], strict=True))
            for row in entry.get("outcomes", [])
        ],
        "sources": [{"title": title, "url": url} for title, url in entry.get("sources", [])],
    }


@transaction.atomic
def import_cases(entries: list[dict], user=None) -> dict:
    counts = {"new": 0, "updated": 0, "unchanged": 0}
    sectors = {s.slug: s for s in Sector.objects.all()}
    barriers = {b.slug: b for b in Barrier.objects.all()}
    for entry in entries:
        case = Case.objects.filter(source_key=entry["key"]).first()
        want = desired(entry)
        if (
            case is not None
            and services.snapshot(case) == want
            and case.buyers.count()
            == len(Organisation.objects.filter(name__in=entry.get("network_buyers", [])))
        ):
            counts["unchanged"] += 1
            continue
        counts["new" if case is None else "updated"] += 1
        case = case or Case(source_key=entry["key"])
        for field in (
            "title",
            "summary",
            "problem",
            "buyer_type",
            "place",
            "route",
            "route_details",
            "value_note",
            "start_year",
            "end_year",
            "barriers_overcome",
            "lessons",
        ):
            setattr(case, field, want[field] if field in want else entry.get(field, ""))
        case.buyer_names = want["buyer_names"]
        case.supplier_names = want["supplier_names"]
        case.supplier_is_sme = want["supplier_is_sme"]
        case.value = entry.get("value")
        case.level = Level.PUBLIC
        case.status = Status.PUBLISHED
        case.published_at = case.published_at or timezone.now()
        case.save()
        case.sectors.set([sectors[s] for s in want["sectors"]])
        case.barriers.set([barriers[b] for b in want["barriers"]])
        case.buyers.set(Organisation.objects.filter(name__in=entry.get("network_buyers", [])))
        case.outcomes.all().delete()
        Outcome.objects.bulk_create(Outcome(case=case, **row) for row in want["outcomes"])
        case.sources.all().delete()
        Source.objects.bulk_create(Source(case=case, **row) for row in want["sources"])
        if not case.consents.exists():
            Consent.objects.create(
                case=case,
                level=Level.PUBLIC,
                organisation_name="AnchorHub network coordination",
                agreed_by_name="Starting content compiled from published sources",
                note="Every fact is from a public source, listed with the case",
            )
        services.record_version(case, user, "Starting content from cases/data/cases.json")
    return counts
