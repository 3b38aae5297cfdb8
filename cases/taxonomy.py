"""The barrier taxonomy (cases/data/barriers.json) and its sync into the database after migrate."""

import json
from pathlib import Path

from cases.models import Barrier

FILE = Path(__file__).with_name("data") / "barriers.json"


def load_barriers(path: Path = FILE) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [{**row, "source": data["source"]} for row in data["barriers"]]


def sync_barriers(sender=None, using="default", **kwargs) -> int:
    rows = load_barriers()
    for position, row in enumerate(rows):
        Barrier.objects.using(using).update_or_create(
            slug=row["slug"],
            defaults={"name": row["name"], "source": row["source"], "position": position},
        )
    return len(rows)
