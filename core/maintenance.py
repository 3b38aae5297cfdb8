"""Database upkeep after large writes, for any app."""

from __future__ import annotations

from django.db import connection


def analyse(*models) -> None:
    """After many rows are written, let PostgreSQL's planner know (as autovacuum would, a minute
    or so later), so the next query over them plans from their real size. Nothing elsewhere."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
