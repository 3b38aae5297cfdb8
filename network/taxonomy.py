"""Versioned taxonomies kept as data files (network/data/), and their sync into the database."""

from pathlib import Path

from core import datafiles
from network.models import Sector

SECTORS_FILE = Path(__file__).with_name("data") / "sectors.json"


def load_sectors(path: Path = SECTORS_FILE) -> list[dict]:
    return datafiles.load(path, cited=True)["sectors"]


def sync_sectors(sender=None, using="default", **kwargs) -> int:
    """Create or update the sectors from the data file (idempotent; runs after every migrate)."""
    count = 0
    for position, row in enumerate(load_sectors()):
        Sector.objects.using(using).update_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "source": row["source"], "position": position},
        )
        count += 1
    return count
