"""Fast inserts of many rows: PostgreSQL's COPY (through psycopg 3), bulk_create elsewhere."""

from __future__ import annotations

import orjson
from django.db import connection, models
from psycopg.types.json import Jsonb


def _dumps(value) -> str:
    return orjson.dumps(value).decode()


def insert_rows(model: type[models.Model], fields: list[str], rows: list[tuple]) -> None:
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
    meta = model._meta
    fields = {f.attname: f for f in meta.concrete_fields}
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in frame.iter_rows(named=True)], 500)
        return
    columns = ", ".join(connection.ops.quote_name(fields[name].column) for name in frame.columns)
    statement = (
        f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) "
        "FROM STDIN (FORMAT csv, NULL '\\N')"
    )
    data = frame.write_csv(include_header=False, null_value="\\N")
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        copy.write(data.encode())


def insert_objects(model: type[models.Model], objects: list[models.Model]) -> None:
    """Unsaved instances inserted set-wise (COPY on PostgreSQL), every concrete field but the id
    (auto_now and auto_now_add fields set to now). Ids are not read back: for rows nobody needs to
    refer to in the same step."""
    if not objects:
        return
    from django.utils import timezone

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
