"""A register table's rows staged in a temporary table, then merged into the register set-wise:
new entries (or postcode places, or small areas of the ONS lookup) inserted, changed ones updated, the rest counted unchanged. On
PostgreSQL the rows are written by COPY on a second thread over the same connection while the
reader goes on, and the names of a big file are normalised meanwhile in a worker process; on
SQLite by executemany."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import orjson
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from registers.formats.base import Entry, Lsoa, Place
from registers.models import PostcodePlace, RegisterAlias, RegisterEntry, SmallArea
from suppliers.names import normalise_name

BATCH = 10_000
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
SMALL_AREA_COLUMNS = (
    "lsoa21",
    "name",
    "ward_code",
    "ward_name",
    "ward_year",
    "la_code",
    "la_name",
)
KEYED = {  # kind → (model, key, columns) of the tables merged by their key alone
    "places": (PostcodePlace, "postcode", PLACE_COLUMNS),
    "small_areas": (SmallArea, "lsoa21", SMALL_AREA_COLUMNS),
}
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
        out.append((normalise_name(name)[:300], facts_json(pairs) if pairs else None))
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


def facts_json(value) -> str:
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()


class Stage:
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
        columns = (*ENTRY_COLUMNS, "aliases") if kind == "entries" else KEYED[kind][2]
        types = {
            "ward_year": "integer",
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
                facts_json(facts),
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

    def add_small_area(self, number: int, lsoa: Lsoa) -> str | None:
        if not self.kind:
            self._create("small_areas")
        self.rows.append(
            (
                number,
                lsoa.lsoa21[:9],
                lsoa.name[:100],
                lsoa.ward_code[:9],
                lsoa.ward_name[:100],
                lsoa.ward_year,
                lsoa.la_code[:9],
                lsoa.la_name[:100],
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
            # Started before the COPY thread exists: a fork copies no running thread.
            self.workers = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        if names is not None:
            normalised = (
                self.workers.submit(normalise_names, names)
                if self.workers is not None
                else _Done(normalise_names(names))
            )
        if self.pool is None:
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
        return self.merge_keyed()

    def merge_keyed(self) -> tuple[int, int, int]:
        """Postcode places or small areas merged by their key: (new, updated, distinct keys)."""
        model, key, columns = KEYED[self.kind]
        table = self.q(model._meta.db_table)
        compared = columns[1:]
        with connection.cursor() as cursor:
            distinct = self._dedupe(cursor, key)
            sets = ", ".join(f"{c} = s.{c}" for c in compared)
            cursor.execute(
                f"UPDATE {table} AS t SET {sets}, load_id = %s FROM {self.staged} AS s "  # noqa: S608 (our table and column names)
                f"WHERE t.{key} = s.{key} AND ({self._differs(compared)})",
                [self.load_id],
            )
            updated = cursor.rowcount
            cols = ", ".join(columns)
            cursor.execute(
                f"INSERT INTO {table} ({cols}, load_id) SELECT "  # noqa: S608 (our table and column names)
                f"{', '.join('s.' + c for c in columns)}, %s FROM {self.staged} AS s "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.{key} = s.{key})",
                [self.load_id],
            )
            new = cursor.rowcount
        return new, updated, distinct
