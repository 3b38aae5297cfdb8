"""Names and facts added to register entries that other files loaded (council name variants and
former codes, social-housing providers' company and charity numbers): `Supplement` rows merged
into the entries' facts["added"] and their aliases."""

from __future__ import annotations

from django.db import connection

from registers.models import RegisterAlias, RegisterEntry
from registers.staging import facts_json
from suppliers.names import normalise_name


def supplement(load_id: int, items) -> tuple[list[tuple], int, int]:
    """Names and facts added to entries other files loaded: (rejections, updated, unchanged)."""
    rejections: list[tuple] = []
    merged: dict[tuple[str, str], tuple[dict, set[str]]] = {}
    keys = {(s.register, s.identifier) for _, _, s in items}
    registers = {r for r, _ in keys}
    entries = {
        (e.register, e.identifier): e
        for e in RegisterEntry.objects.filter(
            register__in=registers, identifier__in={i for _, i in keys}
        )
    }
    existing_aliases: dict[int, set[str]] = {}
    for entry_id, normalised in RegisterAlias.objects.filter(
        entry__in=list(entries.values())
    ).values_list("entry_id", "normalised_name"):
        existing_aliases.setdefault(entry_id, set()).add(normalised)
    for number, cells, item in items:
        entry = entries.get((item.register, item.identifier))
        if entry is None:
            rejections.append(
                (
                    load_id,
                    number,
                    (
                        f"no {item.register} entry {item.identifier!r} "
                        "is loaded: load its register file first"
                    ),
                    cells[:80],
                )
            )
            continue
        facts, names = merged.setdefault(
            (item.register, item.identifier),
            ({**entry.facts, "added": dict(entry.facts.get("added", {}))}, set()),
        )
        added = facts["added"]
        for name, value in item.facts.items():
            if isinstance(value, list):
                added[name] = sorted({*added.get(name, []), *value})
            else:
                added[name] = value
        names.update(item.aliases)
    updated = unchanged = 0
    new_aliases, changed = [], []
    for entry_key, (facts, names) in merged.items():
        entry = entries[entry_key]
        have = existing_aliases.get(entry.pk, set()) | {entry.normalised_name}
        fresh = {}
        for name in names:
            normalised = normalise_name(name)[:300]
            if normalised and normalised not in have and normalised not in fresh:
                fresh[normalised] = name[:300]
        if not facts["added"]:
            del facts["added"]
        if facts != entry.facts or fresh:
            entry.facts, entry.load_id = facts, load_id
            changed.append(entry)
            new_aliases += [
                RegisterAlias(entry=entry, name=n, normalised_name=k) for k, n in fresh.items()
            ]
            updated += 1
        else:
            unchanged += 1
    # Written as the loader writes facts (sorted keys, UTF-8), so that a reload compares alike.
    cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {connection.ops.quote_name(RegisterEntry._meta.db_table)} "  # noqa: S608 (our table)
            f"SET facts = {cast}, load_id = %s WHERE id = %s",
            [(facts_json(e.facts), load_id, e.pk) for e in changed],
        )
    RegisterAlias.objects.bulk_create(new_aliases, batch_size=1000)
    return rejections, updated, unchanged
