"""The network's interpretations of the Procurement Act as the database holds them: the seeds in
scorecard/data/interpretations.json synced after every migrate, every change kept as a version,
who sees which, and what the route finder and the guides show of them (through core/panels.py,
registered in ScorecardConfig.ready()). The rules themselves are scorecard/interpretations_rules.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.db import transaction

from core import datafiles, panels
from core.roles import role_of
from scorecard import interpretations_rules as rules
from scorecard.models import Interpretation, InterpretationStatus, InterpretationVersion

FILE = Path(__file__).with_name("data") / "interpretations.json"


def load_seeds(path: Path = FILE) -> tuple[str, list[dict]]:
    """The data file's version and its interpretations."""
    file = datafiles.read(path)
    return file.version, file.content["interpretations"]


def snapshot(interpretation: Interpretation) -> dict:
    """Every field a version keeps, as plain JSON values."""
    agreed = interpretation.agreed_on
    newer = interpretation.superseded_by
    return {
        "slug": interpretation.slug,
        "question": interpretation.question,
        "reading": interpretation.reading,
        "statute_reference": interpretation.statute_reference,
        "statute_url": interpretation.statute_url,
        "status": interpretation.status,
        "agreed_on": agreed.isoformat() if hasattr(agreed, "isoformat") else agreed,
        "routes": list(interpretation.routes or []),
        "guides": list(interpretation.guides or []),
        "superseded_by": newer.slug if newer is not None else None,
    }


def save_version(
    interpretation: Interpretation, user=None, note: str = "", using: str = "default"
) -> InterpretationVersion | None:
    """Save the interpretation as changed and keep the change as its next version (None when
    nothing a version keeps has changed). A change by a person (`user`) marks it edited in the
    product, so the data file never overwrites it."""
    with transaction.atomic(using=using):
        latest = (
            InterpretationVersion.objects.using(using)
            .filter(interpretation_id=interpretation.pk)
            .order_by("-number")
            .first()
            if interpretation.pk
            else None
        )
        now = snapshot(interpretation)
        if latest is not None and latest.snapshot == now:
            return None
        interpretation.version = latest.number + 1 if latest is not None else 1
        interpretation.updated_by = user
        if user is not None:
            interpretation.edited_in_product = True
        interpretation.save(using=using)
        return InterpretationVersion.objects.using(using).create(
            interpretation=interpretation,
            number=interpretation.version,
            snapshot=now,
            changed_by=user,
            note=note,
        )


def _apply(interpretation: Interpretation, values: dict) -> None:
    for field, value in values.items():
        if field == "agreed_on" and value:
            value = date.fromisoformat(value)
        setattr(interpretation, field, value)


def sync_interpretations(sender=None, using: str = "default", path: Path = FILE, **kwargs) -> dict:
    """Create the data file's interpretations that are missing; update those nobody has edited in
    the product when the file is newer than the version they came from; never overwrite an edit.
    Each change is a version. Idempotent; runs after every migrate. Returns the counts."""
    version, seeds = load_seeds(path)
    counts = {rules.CREATE: 0, rules.UPDATE: 0, rules.KEEP: 0}
    for seed in seeds:
        stored = Interpretation.objects.using(using).filter(slug=seed["slug"]).first()
        action = rules.seed_action(
            stored is not None,
            stored is not None and stored.edited_in_product,
            stored.seed_version if stored is not None else "",
            version,
        )
        values = rules.seed_values(seed)
        if action == rules.CREATE:
            made = Interpretation(slug=seed["slug"], seed_version=version)
            _apply(made, values)
            save_version(
                made, note=f"Loaded from the network's data file, version {version}.", using=using
            )
        elif action == rules.UPDATE:
            _apply(stored, values)
            stored.seed_version = version
            if (
                save_version(
                    stored,
                    note=f"Updated from the network's data file, version {version}.",
                    using=using,
                )
                is None
            ):
                stored.save(using=using, update_fields=["seed_version"])
                action = rules.KEEP
        counts[action] += 1
    return counts


def visible_to(user):
    """The interpretations `user` may read (drafts only for buyers and coordinators)."""
    return Interpretation.objects.filter(status__in=rules.visible_statuses(role_of(user)))


def _current_for(user):
    """What the route finder and guides show: agreed readings, and drafts to those who read them;
    never superseded ones (their page names the newer reading)."""
    return [
        found
        for found in visible_to(user).order_by("slug")
        if found.status != InterpretationStatus.SUPERSEDED
    ]


def route_interpretations(user, route_ids) -> dict:
    """Slot "route_interpretations" (the route finder's result): for each route id, the
    interpretations that bear on it. The key is there only when one bears on a route shown."""
    wanted = list(route_ids)
    found: dict[str, list[Interpretation]] = {}
    for interpretation in _current_for(user):
        for route in interpretation.routes or []:
            if route in wanted:
                found.setdefault(route, []).append(interpretation)
    return {"route_interpretations": found} if found else {}


def guide_interpretations(user, slug: str) -> dict:
    """Slot "guide_page": the interpretations that bear on the guide `slug`."""
    found = [i for i in _current_for(user) if slug in (i.guides or [])]
    return {"guide_interpretations": found} if found else {}


def route_names() -> list[tuple[str, str]]:
    """Every route id the route finder and the case library know, with its name, read from the
    route finder's data file (challenges is a peer app, so its code is not imported)."""
    data = datafiles.load(("challenges", "routes"))
    return [(route["id"], route["name"]) for route in data["routes"] + data["other_routes"]]


def guide_names() -> list[tuple[str, str]]:
    """Every guide's slug and title, as the case library gives them (slot "guide_names")."""
    return list(panels.gather("guide_names").get("guide_names", []))
