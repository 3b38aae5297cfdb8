"""Loading register files into the database: every table of a file recognised and read
(registers/formats), its rows staged in a temporary table (COPY on PostgreSQL, executemany on
SQLite), then merged set-wise: new entries inserted, changed ones updated, the rest counted
unchanged. One transaction per file; a row that cannot be read is kept as a RegisterRejection
with its reason and never stops the rest."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from registers.formats.base import Entry, Place, Supplement
from registers.models import PostcodePlace, RegisterAlias, RegisterEntry, RegisterLoad
from registers.recognise import NotRecognised, Recognised, recognise
from registers.tables import FileProblem, tables
from suppliers.names import normalise_name

BATCH = 10_000
SUPPLEMENTING = {"mysociety-la-names", "mysociety-la-gss", "rsp-numbers"}
PROGRESS_EVERY = 250_000
ENTRY_COLUMNS = (
    "identifier",
    "scheme",
    "name",
    "normalised_name",
    "postcode",
    "local_authority_code",
    "sector",
    "kind",
    "size",
    "size_basis",
    "is_vcse",
    "is_active",
    "facts",
)
COMPARED = ENTRY_COLUMNS[1:]
PLACE_COLUMNS = (
    "postcode",
    "local_authority_code",
    "ward_code",
    "lsoa11",
    "lsoa21",
    "easting",
    "northing",
    "terminated",
)
LIMITS = {
    "identifier": 60,
    "scheme": 20,
    "name": 300,
    "normalised_name": 300,
    "postcode": 8,
    "local_authority_code": 9,
    "sector": 10,
    "kind": 100,
    "size": 10,
    "size_basis": 200,
}


@dataclass
class Outcome:
    """What became of one table of a file."""

    path: str
    register: str = ""
    format: str = ""
    rows_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    repeated: int = 0  # rows whose key an earlier row of the same file had (the last one counts)
    seconds: float = 0.0
    merge_seconds: float = 0.0  # of which: merging the staged rows into the register
    load_id: int | None = None

    def as_json(self) -> dict:
        return {
            k: getattr(self, k)
            for k in (
                "path",
                "register",
                "format",
                "rows_read",
                "new",
                "updated",
                "unchanged",
                "rejected",
                "repeated",
                "seconds",
                "merge_seconds",
            )
        }


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Report:
    loaded: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


Progress = Callable[[str], None]


def files_in(path: Path) -> Iterator[Path]:
    if path.is_dir():
        yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    else:
        yield path


def load_paths(paths: list[Path], progress: Progress = lambda line: None) -> Report:
    """Load every file (a folder: every file in it it recognises, listing what it skipped)."""
    report = Report()
    for root in paths:
        if not root.exists():
            raise FileProblem(f"{root}: no such file or folder")
        in_folder = root.is_dir()
        for path in sorted(files_in(root), key=_adds_to_others):
            try:
                report.loaded += load_file(
                    path, progress, skip_unknown=in_folder, skipped=report.skipped
                )
            except (NotRecognised, FileProblem) as problem:
                if not in_folder:
                    raise
                report.skipped.append(Skipped(str(path), str(problem).split("\n")[0]))
    return report


def _adds_to_others(path: Path) -> bool:
    """Files that add names or facts to entries of another file (council name variants) go after
    the others of a folder, so that the entries they add to are there."""
    opened = tables(path)
    try:
        for table in opened:
            return recognise(table.label, table.rows).format.name in SUPPLEMENTING
    except (NotRecognised, FileProblem):
        return False
    finally:
        opened.close()
    return False


def load_file(
    path: Path,
    progress: Progress = lambda line: None,
    *,
    skip_unknown=False,
    skipped: list | None = None,
) -> list[Outcome]:
    """Every table of one file recognised and loaded, each in its own transaction. A workbook's
    sheets that no format knows are passed over when another sheet is recognised."""
    digest = _digest(path)
    outcomes, unknown = [], []
    for table in tables(path):
        try:
            recognised = recognise(table.label, table.rows)
        except NotRecognised as problem:
            unknown.append(problem)
            continue
        outcomes.append(load_table(str(path), table.label, recognised, digest, progress))
    if unknown and not outcomes:
        if len(unknown) == 1:
            raise unknown[0]
        raise NotRecognised(
            f"{path.name}: none of its {len(unknown)} sheets or members is a "
            f"register AnchorHub knows. {str(unknown[0]).split('. ', 1)[-1]}"
        )
    return outcomes


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            sha.update(chunk)
    return sha.hexdigest()


@transaction.atomic
def load_table(
    path: str,
    label: str,
    recognised: Recognised,
    digest: str = "",
    progress: Progress = lambda line: None,
) -> Outcome:
    started = time.perf_counter()
    fmt = recognised.format
    load = RegisterLoad.objects.create(
        register=fmt.register, source_name=label[:500], digest=digest
    )
    outcome = Outcome(path=label, register=fmt.register, format=fmt.name, load_id=load.pk)
    progress(f"{label}: {fmt.name} ({fmt.register})")
    stage = _Stage(fmt.register, load.pk)
    rejections = []
    supplements: list[tuple[int, list[str], Supplement]] = []
    for number, cells, item in fmt.read(recognised.header, recognised.rows):
        outcome.rows_read += 1
        if isinstance(item, Entry):
            problem = stage.add_entry(number, item)
        elif isinstance(item, Place):
            problem = stage.add_place(number, item)
        elif isinstance(item, Supplement):
            supplements.append((number, cells, item))
            problem = None
        else:
            problem = item.reason
        if problem:
            outcome.rejected += 1
            rejections.append((load.pk, number, problem, [c[:500] for c in cells[:80]]))
            if len(rejections) >= BATCH:
                _reject(rejections)
                rejections = []
        if outcome.rows_read % PROGRESS_EVERY == 0:
            progress(f"  {label}: {outcome.rows_read:,} rows read")
    try:
        stage.flush(final=True)
        stage.wait()
    finally:
        stage.close()
    _reject(rejections)
    merging = time.perf_counter()
    if stage.kind == "entries":
        merged = stage.merge_entries()
    elif stage.kind == "places":
        merged = stage.merge_places()
    else:
        merged = (0, 0, 0)
    outcome.new, outcome.updated, distinct = merged
    if supplements:
        new_rejections, updated, unchanged = _supplement(load.pk, supplements)
        outcome.rejected += len(new_rejections)
        _reject(new_rejections)
        outcome.updated += updated
        distinct += updated + unchanged
    outcome.unchanged = distinct - outcome.new - outcome.updated
    outcome.repeated = outcome.rows_read - outcome.rejected - distinct
    outcome.seconds = round(time.perf_counter() - started, 2)
    outcome.merge_seconds = round(time.perf_counter() - merging, 2)
    RegisterLoad.objects.filter(pk=load.pk).update(
        rows_read=outcome.rows_read,
        entries_new=outcome.new,
        entries_updated=outcome.updated,
        entries_unchanged=outcome.unchanged,
        rows_rejected=outcome.rejected,
        seconds=outcome.seconds,
    )
    progress(
        f"  {label}: {outcome.rows_read:,} rows: {outcome.new:,} new, {outcome.updated:,} "
        f"updated, {outcome.unchanged:,} unchanged, {outcome.rejected:,} rejected "
        f"({outcome.seconds} s, of which {outcome.merge_seconds} s merging)"
    )
    return outcome


def _reject(rows: list[tuple]) -> None:
    if not rows:
        return
    from core.bulk import insert_rows
    from registers.models import RegisterRejection

    insert_rows(RegisterRejection, ["load_id", "row_number", "reason", "cells"], rows)


class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def normalise_names(names: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, str | None]]:
    """(name, aliases) → (normalised name, aliases as JSON [[name, normalised]] or None). Pure."""
    out = []
    for name, aliases in names:
        pairs = [(a[:300], n) for a in aliases if (n := normalise_name(a)[:300])]
        out.append((normalise_name(name)[:300], _json(pairs) if pairs else None))
    return out


def _with_names(rows: list[tuple], names: list[tuple[str, str | None]]) -> list[tuple]:
    return [
        (*row[:4], name, *row[5:14], aliases)
        for row, (name, aliases) in zip(rows, names, strict=True)
    ]


def _copy_rows(raw_connection, statement: str, rows: list[tuple], names=None) -> None:
    if names is not None:
        rows = _with_names(rows, names.result())
    with raw_connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _json(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


class _Stage:
    """Rows of one table in a temporary table, then merged into the register set-wise."""

    def __init__(self, register: str, load_id: int):
        self.register, self.load_id = register, load_id
        self.kind = ""
        self.rows: list[tuple] = []
        self.pg = connection.vendor == "postgresql"
        self.q = connection.ops.quote_name
        self.pool = None
        self.workers = None
        self.pending = None
        self.staged = "register_staged"

    def _create(self, kind: str) -> None:
        self.kind = kind
        columns = ENTRY_COLUMNS + ("aliases",) if kind == "entries" else PLACE_COLUMNS
        types = {
            "is_vcse": "boolean",
            "is_active": "boolean",
            "easting": "integer",
            "northing": "integer",
            "facts": "jsonb" if self.pg else "text",
            "aliases": "jsonb" if self.pg else "text",
        }
        body = ", ".join(f"{c} {types.get(c, 'text')}" for c in columns)
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS register_stage")
            cursor.execute(
                f"CREATE TEMPORARY TABLE register_stage (row_number integer, {body})"
                + (" ON COMMIT DROP" if self.pg else "")
            )
        self.columns = ("row_number", *columns)

    def add_entry(self, number: int, entry: Entry) -> str | None:
        if not self.kind:
            self._create("entries")
        if not entry.identifier:
            return "no identifier"
        if len(entry.identifier) > LIMITS["identifier"]:
            return f"identifier {entry.identifier[:80]!r} is longer than 60 characters"
        facts = entry.facts
        if entry.aliases:
            facts = {**facts, "aliases": list(entry.aliases)}
        # Names are normalised a batch at a time at flush (in a worker process for big files).
        self.rows.append(
            (
                number,
                entry.identifier,
                entry.scheme[:20],
                entry.name[:300],
                entry.name,
                entry.postcode[:8],
                entry.local_authority_code[:9],
                entry.sector[:10],
                entry.kind[:100],
                entry.size[:10],
                entry.size_basis[:200],
                entry.is_vcse,
                entry.is_active,
                _json(facts),
                entry.aliases,
            )
        )
        if len(self.rows) >= BATCH:
            self.flush()
        return None

    def add_place(self, number: int, place: Place) -> str | None:
        if not self.kind:
            self._create("places")
        self.rows.append(
            (
                number,
                place.postcode,
                place.local_authority_code[:9],
                place.ward_code[:9],
                place.lsoa11[:9],
                place.lsoa21[:9],
                place.easting,
                place.northing,
                place.terminated[:6],
            )
        )
        if len(self.rows) >= BATCH:
            self.flush()
        return None

    def flush(self, final: bool = False) -> None:
        """Staged rows written: on PostgreSQL by COPY on a second thread over the same
        connection (so inside the transaction), while the reader goes on parsing; for a file
        of more than one batch the names are normalised meanwhile in a worker process."""
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        names = None
        if self.kind == "entries":
            names = [(row[4], row[14]) for row in rows]
        if not self.pg:
            if names is not None:
                rows = _with_names(rows, normalise_names(names))
            marks = ", ".join(["%s"] * len(self.columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO register_stage ({', '.join(self.columns)}) VALUES ({marks})",  # noqa: S608 (our names)
                    rows,
                )
            return
        statement = f"COPY register_stage ({', '.join(self.columns)}) FROM STDIN"
        if names is not None and not final and self.workers is None and (os.cpu_count() or 1) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Started before the COPY thread exists: a fork copies no running thread.
            self.workers = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        if names is not None:
            normalised = (
                self.workers.submit(normalise_names, names)
                if self.workers is not None
                else _Done(normalise_names(names))
            )
        if self.pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="stage")
        self.wait()
        connection.ensure_connection()
        self.pending = self.pool.submit(
            _copy_rows, connection.connection, statement, rows, normalised if names else None
        )

    def wait(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True)
                self.pool = None
            if self.workers is not None:
                self.workers.shutdown(wait=True)
                self.workers = None

    def _dedupe(self, cursor, key: str) -> int:
        """The staged rows with one row per key (the last one of the file); the number of keys.
        Most files have no repeated key: a unique index on the staged rows says so at once;
        otherwise the last row of each key is kept."""
        self.close()
        try:
            with transaction.atomic():
                cursor.execute(f"CREATE UNIQUE INDEX register_stage_key ON register_stage ({key})")
            self.staged = "register_stage"
        except IntegrityError:
            self.staged = "register_staged"
            cursor.execute("DROP TABLE IF EXISTS register_staged")
            if self.pg:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE register_staged ON COMMIT DROP AS SELECT DISTINCT ON "  # noqa: S608 (our table and column names)
                    f"({key}) * FROM register_stage ORDER BY {key}, row_number DESC"
                )
            else:
                cursor.execute(
                    "CREATE TEMPORARY TABLE register_staged AS SELECT * FROM register_stage WHERE "  # noqa: S608 (our table and column names)
                    f"row_number IN (SELECT max(row_number) FROM register_stage GROUP BY {key})"
                )
            cursor.execute(f"CREATE UNIQUE INDEX register_staged_key ON register_staged ({key})")
        if self.pg:
            cursor.execute(f"ANALYZE {self.staged}")
        cursor.execute(f"SELECT count(*) FROM {self.staged}")  # noqa: S608 (our table)
        return cursor.fetchone()[0]

    def _differs(self, columns, left="t", right="s") -> str:
        op = "IS DISTINCT FROM" if self.pg else "IS NOT"
        return " OR ".join(f"{left}.{c} {op} {right}.{c}" for c in columns)

    def merge_entries(self) -> tuple[int, int, int]:
        table = self.q(RegisterEntry._meta.db_table)
        now = timezone.now()
        with connection.cursor() as cursor:
            distinct = self._dedupe(cursor, "identifier")
            plain = [c for c in COMPARED if c != "facts"]
            sets = ", ".join(f"{c} = s.{c}" for c in plain)
            # What other files added (facts["added"], from Supplement rows) is kept.
            if self.pg:
                facts = (
                    "CASE WHEN t.facts ? 'added' THEN s.facts || jsonb_build_object("
                    "'added', t.facts->'added') ELSE s.facts END"
                )
                facts_differ = "(t.facts - 'added') IS DISTINCT FROM s.facts"
            else:
                facts = (
                    "CASE WHEN json_type(t.facts, '$.added') IS NOT NULL THEN json_set("
                    "s.facts, '$.added', json(json_extract(t.facts, '$.added'))) "
                    "ELSE s.facts END"
                )
                facts_differ = "json_remove(t.facts, '$.added') IS NOT json(s.facts)"
            cursor.execute(
                f"UPDATE {table} AS t SET {sets}, facts = {facts}, load_id = %s, updated_at = %s "  # noqa: S608 (our table and column names)
                f"FROM {self.staged} AS s WHERE t.register = %s AND t.identifier = s.identifier "
                f"AND ({self._differs(plain)} OR {facts_differ})",
                [self.load_id, now, self.register],
            )
            updated = cursor.rowcount
            cols = ", ".join(ENTRY_COLUMNS)
            cursor.execute(
                f"INSERT INTO {table} (register, {cols}, load_id, updated_at) "  # noqa: S608 (our table and column names)
                f"SELECT %s, {', '.join('s.' + c for c in ENTRY_COLUMNS)}, %s, %s "
                f"FROM {self.staged} AS s WHERE NOT EXISTS (SELECT 1 FROM {table} AS t "
                f"WHERE t.register = %s AND t.identifier = s.identifier)",
                [self.register, self.load_id, now, self.register],
            )
            new = cursor.rowcount
            self._aliases(cursor, table)
        return new, updated, distinct

    def _aliases(self, cursor, table: str) -> None:
        """Names new or changed entries are also known by (added, never removed: a previous
        name stays a name the organisation was known by)."""
        aliases = self.q(RegisterAlias._meta.db_table)
        if self.pg:
            source = ("jsonb_array_elements(s.aliases) AS a(pair)", "a.pair->>0", "a.pair->>1")
        else:
            source = (
                "json_each(s.aliases) AS a",
                "json_extract(a.value, '$[0]')",
                "json_extract(a.value, '$[1]')",
            )
        cursor.execute(
            f"INSERT INTO {aliases} (entry_id, name, normalised_name) "  # noqa: S608 (our table and column names)
            f"SELECT DISTINCT t.id, {source[1]}, {source[2]} FROM {self.staged} AS s "
            f"JOIN {table} AS t ON t.register = %s AND t.identifier = s.identifier, {source[0]} "
            f"WHERE s.aliases IS NOT NULL AND t.load_id = %s "
            f"ON CONFLICT (entry_id, normalised_name) DO NOTHING",
            [self.register, self.load_id],
        )

    def merge_places(self) -> tuple[int, int, int]:
        table = self.q(PostcodePlace._meta.db_table)
        compared = PLACE_COLUMNS[1:]
        with connection.cursor() as cursor:
            distinct = self._dedupe(cursor, "postcode")
            sets = ", ".join(f"{c} = s.{c}" for c in compared)
            cursor.execute(
                f"UPDATE {table} AS t SET {sets}, load_id = %s FROM {self.staged} AS s "  # noqa: S608 (our table and column names)
                f"WHERE t.postcode = s.postcode AND ({self._differs(compared)})",
                [self.load_id],
            )
            updated = cursor.rowcount
            cols = ", ".join(PLACE_COLUMNS)
            cursor.execute(
                f"INSERT INTO {table} ({cols}, load_id) SELECT "  # noqa: S608 (our table and column names)
                f"{', '.join('s.' + c for c in PLACE_COLUMNS)}, %s FROM {self.staged} AS s "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.postcode = s.postcode)",
                [self.load_id],
            )
            new = cursor.rowcount
        return new, updated, distinct


def _supplement(load_id: int, items) -> tuple[list[tuple], int, int]:
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
                    f"no {item.register} entry {item.identifier!r} "
                    "is loaded: load its register file first",
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
            [(_json(e.facts), load_id, e.pk) for e in changed],
        )
    RegisterAlias.objects.bulk_create(new_aliases, batch_size=1000)
    return rejections, updated, unchanged
