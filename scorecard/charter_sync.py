"""The charter data (scorecard/data/charter.json) into the database, after every migrate.

How a commitment is decided:
- not in the database: created from the data (version 1, written by the data);
- in the database and changed by a person at any time (it has a version whose `data_version` is
  blank: a coordinator's edit, retirement or reactivation, or it was added by hand): left alone,
  so a coordinator's edit is never overwritten, whatever the data says later;
- otherwise, when the data's version is newer than the one it was last written from: its fields
  are brought up to the data and, when any field changed, kept as a new version.
Commitments no longer in the data are left as they are (coordinators retire them)."""

from __future__ import annotations

from django.db import transaction

from scorecard.charter import edited_by_a_person, save_version
from scorecard.charter_data import charter_file, commitments, is_newer
from scorecard.models import Commitment


def sync_charter(sender=None, using="default", **kwargs) -> dict[str, int]:
    """Create and update commitments from the data file (idempotent); how many of each."""
    file = charter_file()
    counts = {"created": 0, "updated": 0, "kept": 0, "unchanged": 0}
    with transaction.atomic(using=using):
        existing = {c.slug: c for c in Commitment.objects.using(using)}
        for row in commitments(file):
            commitment = existing.get(row["slug"])
            note = f"From the charter data, version {file.version}"
            if commitment is None:
                save_version(Commitment(**row), note=note, data_version=file.version)
                counts["created"] += 1
            elif edited_by_a_person(commitment):
                counts["kept"] += 1
            elif not is_newer(file.version, commitment.data_version):
                counts["unchanged"] += 1
            else:
                changed = {k: v for k, v in row.items() if getattr(commitment, k) != v}
                if changed:
                    for name, value in changed.items():
                        setattr(commitment, name, value)
                    save_version(commitment, note=note, data_version=file.version)
                    counts["updated"] += 1
                else:
                    Commitment.objects.filter(pk=commitment.pk).update(data_version=file.version)
                    counts["unchanged"] += 1
    return counts
