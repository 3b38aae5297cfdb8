"""The barrier taxonomy (cases/data/barriers.json) and its sync into the database after migrate."""

from pathlib import Path

from cases.models import Barrier
from core import datafiles

FILE = Path(__file__).with_name("data") / "barriers.json"


def load_barriers(path: Path = FILE) -> list[dict]:
    return datafiles.load(path, cited=True)["barriers"]


def sync_barriers(sender=None, using="default", **kwargs) -> int:
    rows = load_barriers()
    for position, row in enumerate(rows):
        Barrier.objects.using(using).update_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "source": row["source"], "position": position},
        )
    return len(rows)
