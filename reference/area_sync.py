"""The network's areas shipped as data (reference/data/network_areas.json) synced into
reference.Area after every migrate: a new area is created, a shipped one updated when the file's
version changes, and one a coordinator has edited in the product is never overwritten. Every
change is kept as an AreaVersion."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction

from core import datafiles
from reference.models import Area, AreaVersion

AREAS_FILE = Path(__file__).resolve().parent / "data" / "network_areas.json"
FIELDS = (
    "name",
    "kind",
    "members",
    "centre_postcodes",
    "miles",
    "source",
    "source_url",
    "confidence",
)


def shipped() -> tuple[str, list[dict]]:
    """(the file's version, its areas with each source in words and its link)."""
    file = datafiles.read(AREAS_FILE)
    areas = []
    for row in file.content["areas"]:
        source = file.sources[row["source"]]
        note = f" {row['check_note']}" if row.get("check_note") else ""
        areas.append(
            row
            | {
                "source": f"{file.cite(row['source'])}.{note}",
                "source_url": source.get("url", ""),
            }
        )
    return file.version, areas


def save_version(area: Area, user=None, note: str = "") -> AreaVersion:
    return AreaVersion.objects.using(area._state.db or "default").create(
        area=area,
        version=area.version,
        saved_by=user,
        note=note,
        **{name: getattr(area, name) for name in FIELDS},
    )


def sync_areas(sender=None, using="default", **kwargs) -> int:
    """Create or update the shipped areas (idempotent); returns how many changed."""
    version, rows = shipped()
    changed = 0
    with transaction.atomic(using=using):
        for row in rows:
            values = {
                "name": row["name"],
                "description": row["description"],
                "kind": row["kind"],
                "members": row.get("members", []),
                "centre_postcodes": row.get("centre_postcodes", []),
                "miles": row.get("miles"),
                "source": row["source"],
                "source_url": row["source_url"],
                "confidence": row["check"],
            }
            area = Area.objects.using(using).filter(slug=row["slug"]).first()
            if area is None:
                area = Area.objects.using(using).create(
                    slug=row["slug"], data_version=version, **values
                )
            elif area.edited or area.data_version == version:
                continue
            else:
                for name, value in values.items():
                    setattr(area, name, value)
                area.version += 1
                area.data_version = version
                area.save(using=using)
            save_version(area, note=f"shipped data {version}")
            changed += 1
    return changed
