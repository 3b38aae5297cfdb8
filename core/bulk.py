"""Fast inserts of many rows: PostgreSQL's COPY (through psycopg 3), bulk_create elsewhere."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import orjson
from django.db import connection, models
from django.utils import timezone
from psycopg.types.json import Jsonb


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in the order of `fields`, attribute names such as process_id).
    A JSON column's value may be given already serialised, as bytes."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(
            [
                model(
                    **{
                        name: orjson.loads(value) if isinstance(value, bytes) else value
                        for name, value in zip(fields, row, strict=True)
                    }
                )
                for row in rows
            ],
            batch_size=500,
        )
        return
    meta = model._meta
    columns = []
    json_positions = []
    for position, name in enumerate(fields):
        field = next(f for f in meta.concrete_fields if f.attname == name)
        columns.append(connection.ops.quote_name(field.column))
        if isinstance(field, models.JSONField):
            json_positions.append(position)
    statement = f"COPY {connection.ops.quote_name(meta.db_table)} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            if json_positions:
                row = list(row)
                for position in json_positions:
                    value = row[position]
                    row[position] = (
                        value.decode() if isinstance(value, bytes) else Jsonb(value, dumps=_dumps)
                    )
            copy.write_row(row)


def insert_frame(model: type[models.Model], frame) -> None:
    """Insert a Polars frame whose column names are the model's attribute names (e.g. buyer_id):
    on PostgreSQL as one CSV stream through COPY, without a Python step per row."""
    if frame.is_empty():
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in frame.iter_rows(named=True)], 500)
        return
    connection.ensure_connection()
    _copy_frame(connection.connection, model, frame)


def _copy_frame(raw_connection, model: type[models.Model], frame) -> None:
    meta = model._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in frame.columns)
    statement = (
        f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) "
        "FROM STDIN (FORMAT csv, NULL '\\N')"
    )
    data = frame.write_csv(include_header=False, null_value="\\N")
    with raw_connection.cursor() as cursor, cursor.copy(statement) as copy:
        copy.write(data.encode())


class BackgroundCopy:
    """Frames stored through COPY on a second thread over the same connection, and so inside the
    same transaction, while the caller goes on (reading and parsing the next file): PostgreSQL
    stores one batch while Python prepares the next. psycopg serialises use of the connection, so
    other queries simply wait their turn; call wait() before reading what was written, and close()
    before the transaction ends (it re-raises a failed COPY). Elsewhere than PostgreSQL, inserts
    happen at once."""

    def __init__(self):
        self._pool = None
        self._pending = None
        if connection.vendor == "postgresql":
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copy")

    def submit(self, model: type[models.Model], frame) -> None:
        if frame.is_empty():
            return
        if self._pool is None:
            insert_frame(model, frame)
            return
        self.wait()
        connection.ensure_connection()
        self._pending = self._pool.submit(_copy_frame, connection.connection, model, frame)

    def wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    def close(self) -> None:
        try:
            self.wait()
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True)


def insert_objects(model: type[models.Model], objects: list[models.Model]) -> None:
    """Unsaved instances inserted set-wise (COPY on PostgreSQL), every concrete field but the id
    (auto_now and auto_now_add fields set to now). Ids are not read back: for rows nobody needs to
    refer to in the same step."""
    if not objects:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamped = [
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    rows = []
    for obj in objects:
        for name in stamped:
            setattr(obj, name, now)
        rows.append(tuple(getattr(obj, f.attname) for f in fields))
    insert_rows(model, [f.attname for f in fields], rows)
