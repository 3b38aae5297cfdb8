"""Spend import, end to end: every payment file in ../shared/data/spend imported through the
automatic mapping into the database (PostgreSQL when DATABASE_URL points at it), rows per second,
against DuckDB merely counting the rows of the same files in the same run.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/bench_spend_import.py)
"""

import json
import os
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup  # noqa: E402
from ocds_corpus import DATA  # noqa: E402


def duckdb_rows(paths: list[Path]) -> tuple[int, float]:
    """DuckDB counting the records of the same files (zip members extracted first, untimed; lines
    it cannot decode are skipped, so its count can fall a little short)."""
    import duckdb

    folder = Path(tempfile.mkdtemp())
    plain = []
    for path in paths:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                plain += [Path(archive.extract(name, folder)) for name in archive.namelist()]
        else:
            plain.append(path)
    con = duckdb.connect()
    started = time.perf_counter()
    rows, refused = 0, []
    for path in plain:
        try:
            rows += con.execute(
                "SELECT count(*) FROM read_csv(?, all_varchar=true, header=false, "
                "ignore_errors=true, null_padding=true, strict_mode=false)",
                [str(path)],
            ).fetchone()[0]
        except duckdb.Error:
            refused.append(path.name)  # e.g. a quoted field ending in a bare CR (Leeds 2013-04)
    if refused:
        print(f"  DuckDB could not read {len(refused)} file(s): {', '.join(refused)}")
    return rows, time.perf_counter() - started


def main() -> int:
    os.environ.setdefault("SEARCH_INDEX_DIR", tempfile.mkdtemp())
    setup(fresh_database("anchorhub_bench_spend"))
    from django.core.management import call_command
    from django.db import connection

    from network.models import Organisation
    from spend.importing import SpendImporter

    call_command("migrate", verbosity=0)
    folders = sorted(p for p in (DATA / "spend").iterdir() if p.is_dir())
    files = [p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()]
    baseline_rows, baseline_seconds = duckdb_rows(files)
    print(
        f"spend import into {connection.vendor}: {len(files)} files from {len(folders)} publishers"
    )
    total_rows, started = 0, time.perf_counter()
    for folder in folders:
        buyer, _ = Organisation.objects.get_or_create(
            name=f"{folder.name.title()} (bench)", defaults={"kind": "council"}
        )
        paths = [p for p in sorted(folder.rglob("*")) if p.is_file()]
        t = time.perf_counter()
        result = SpendImporter(buyer).import_files(paths)
        seconds = time.perf_counter() - t
        total_rows += result.rows_read
        print(
            f"  {folder.name:<20} {result.rows_read:>9,} rows  {result.rows_rejected:>5,} rejected  "
            f"{result.duplicates_skipped:>5,} duplicates  {result.rows_read / seconds:>8,.0f} rows/s"
        )
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"  all: {total_rows:,} rows in {seconds:.1f}s = {total_rows / seconds:,.0f} rows/s; "
        f"DuckDB counting the same files: {baseline_rows:,} records in {baseline_seconds:.1f}s = "
        f"{baseline_rows / baseline_seconds:,.0f} rows/s; ratio {seconds / baseline_seconds:.1f}; "
        f"peak memory {peak:,.0f} MB"
    )
    print("  goal: >= 100,000 rows/s end to end; peak memory <= 2 GB")
    print(
        json.dumps(
            {
                "rows": total_rows,
                "rows_per_second": round(total_rows / seconds),
                "duckdb_rows_per_second": round(baseline_rows / baseline_seconds),
                "peak_mb": round(peak),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
