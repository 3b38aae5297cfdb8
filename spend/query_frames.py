"""A query's rows as a Polars frame, for the ledger and what it reads of payees
(spend/payee_sources.py): through COPY on PostgreSQL, through the cursor elsewhere."""

from __future__ import annotations

import io

import polars as pl
from django.db import connection, transaction
from django.db.models import QuerySet


def query_frame(queryset: QuerySet, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """A query's rows as a Polars frame: through COPY on PostgreSQL (a million rows in about a
    second), through the cursor elsewhere."""
    queryset = queryset.values_list(*columns).order_by()
    if connection.vendor == "postgresql":
        sql, params = queryset.query.sql_with_params()
        buffer = io.BytesIO()
        with transaction.atomic(), connection.cursor() as cursor:
            # Summing a million payments by hash wants more than the default 4 MB of memory.
            cursor.execute("SET LOCAL work_mem = '256MB'")
            with cursor.cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy:
                for block in copy:
                    buffer.write(block)
        if not buffer.getbuffer().nbytes:
            return pl.DataFrame(schema=columns)
        # Booleans come as t/f and dates may come as timestamps (date_trunc): read as text.
        booleans = [name for name, kind in columns.items() if kind == pl.Boolean]
        dates = [name for name, kind in columns.items() if kind == pl.Date]
        frame = pl.read_csv(
            buffer.getvalue(),
            has_header=False,
            new_columns=list(columns),
            schema_overrides={
                n: (pl.String if n in booleans or n in dates else k) for n, k in columns.items()
            },
        )
        strings = [n for n, k in columns.items() if k == pl.String]
        return frame.with_columns(
            *(pl.col(n) == "t" for n in booleans),
            *(pl.col(n).str.slice(0, 10).str.to_date("%Y-%m-%d") for n in dates),
            *(pl.col(n).fill_null("") for n in strings),
        )
    return pl.DataFrame(list(queryset), schema=columns, orient="row")
