"""load_registers of N Companies House rows (default 5,000,000, about the size of the monthly
BasicCompanyDataAsOneFile) into PostgreSQL: rows per second for the first load and for a reload
of the same file (every row unchanged), and peak memory of the loading process; against a plain
COPY of the same file into an unindexed table of text columns, in the same run.

The file is written in the exact Companies House format (its header with the leading spaces,
every field quoted, 55 columns) by scaling the 87 real rows of
../shared/data/registers/companies-house: row i is real row i mod 87 with a company number and
name of its own (names made distinct so that normalisation meets as many names as the real file
has), everything else as the real row has it.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python
bench/bench_registers.py [--rows N] [--keep-file]); the database is anchorhub_bench14 on that
server (BENCH_REGISTERS_DB names another), made afresh. Skipped on SQLite.
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database
from ocds_corpus import DATA

SOURCE = DATA / "registers" / "companies-house" / "BasicCompanyData-2020-06-01-part6_7.csv"
GOAL_ROWS_PER_SECOND = 20_000
GOAL_PEAK_BYTES = 2 * 1024**3


def write_file(path: Path, rows: int) -> None:
    with SOURCE.open(newline="", encoding="utf-8") as source:
        reader = csv.reader(source)
        header = next(reader)
        real = list(reader)
    number_at = [h.strip() for h in header].index("CompanyNumber")
    name_at = [h.strip() for h in header].index("CompanyName")
    uri_at = [h.strip() for h in header].index("URI")
    with path.open("w", newline="", encoding="utf-8") as out:
        out.write(",".join(header) + "\n")  # the header unquoted, as Companies House ships it
        writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
        for i in range(rows):
            row = list(real[i % len(real)])
            number = f"{i + 1:08d}"  # unique per row
            row[number_at] = number
            row[name_at] = f"{row[name_at]} {i:07d}"
            row[uri_at] = f"http://business.data.gov.uk/id/company/{number}"
            writer.writerow(row)


def run_load(url: str, path: Path) -> tuple[dict, float, int, float]:
    """load_registers in its own process: its JSON, wall seconds, peak resident bytes and the
    CPU seconds it used (the machine may be shared: CPU time says what the load itself cost)."""
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    env.setdefault("SECRET_KEY", "bench-only-key-not-used-anywhere-else-0123456789abcdef")
    env.setdefault("ALLOWED_HOSTS", "testserver")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(ROOT / "core" / "manage.py"), "load_registers", str(path), "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"load_registers failed:\n{done.stderr[-3000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    return json.loads(done.stdout), seconds, max(usage.ru_maxrss, before) * 1024, cpu


def migrate(url: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT)}
    env.setdefault("SECRET_KEY", "bench-only-key-not-used-anywhere-else-0123456789abcdef")
    subprocess.run(
        [sys.executable, str(ROOT / "core" / "manage.py"), "migrate", "-v0"], env=env, check=True
    )


def plain_copy(url: str, path: Path) -> float:
    """The baseline: COPY of the same CSV into an unindexed table of text columns."""
    import psycopg

    with path.open(encoding="utf-8") as stream:
        width = len(next(csv.reader(stream)))
    started = time.perf_counter()
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        columns = ", ".join(f"c{i} text" for i in range(width))
        cursor.execute(f"CREATE UNLOGGED TABLE IF NOT EXISTS copy_baseline ({columns})")
        cursor.execute("TRUNCATE copy_baseline")
        with (
            path.open("rb") as stream,
            cursor.copy("COPY copy_baseline FROM STDIN (FORMAT csv, HEADER true)") as copy,
        ):
            while chunk := stream.read(1 << 20):
                copy.write(chunk)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--keep-file", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("bench_registers: skipped (DATABASE_URL does not point at PostgreSQL)")
        return 0
    if not SOURCE.exists():
        print(f"bench_registers: skipped ({SOURCE} not found; set ANCHORHUB_DATA_DIR)")
        return 0
    url = fresh_database(os.environ.get("BENCH_REGISTERS_DB", "anchorhub_bench14"))
    migrate(url)
    folder = Path(tempfile.mkdtemp(prefix="bench_registers_"))
    path = folder / "BasicCompanyDataAsOneFile-bench.csv"
    started = time.perf_counter()
    write_file(path, args.rows)
    size = path.stat().st_size
    print(
        f"file: {args.rows:,} rows, {size / 1024**2:,.0f} MB, written in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    try:
        baseline = plain_copy(url, path)
        print(
            f"baseline plain COPY into an unindexed text table: {args.rows / baseline:,.0f} rows/s "
            f"({baseline:.1f} s)",
            flush=True,
        )
        load_average = os.getloadavg()[0]
        first, seconds, peak, cpu = run_load(url, path)
        totals = first["totals"]
        merge = first["files"][0]["merge_seconds"]
        rate = args.rows / seconds
        print(
            f"load_registers, first load: {rate:,.0f} rows/s ({seconds:.1f} s; {totals['new']:,} "
            f"new, {totals['rejected']:,} rejected); peak memory of the loading process "
            f"{peak / 1024**2:,.0f} MB; {rate / (args.rows / baseline):.2f}x the baseline's rate; "
            f"the loading process used {cpu:.0f} CPU s ({args.rows / cpu:,.0f} rows per CPU s); "
            f"load average before {load_average:.1f} on {os.cpu_count()} CPUs; {merge:.0f} s of it "
            f"merging the staged rows in PostgreSQL, the rest reading, parsing and staging",
            flush=True,
        )
        again, seconds_again, peak_again, cpu_again = run_load(url, path)
        rate_again = args.rows / seconds_again
        print(
            f"load_registers, reload (all unchanged: {again['totals']['unchanged']:,}): "
            f"{rate_again:,.0f} rows/s ({seconds_again:.1f} s, {cpu_again:.0f} CPU s); peak memory "
            f"{max(peak, peak_again) / 1024**2:,.0f} MB",
            flush=True,
        )
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(f"peak memory of this benchmark process: {own / 1024**2:,.0f} MB")
        ok = rate >= GOAL_ROWS_PER_SECOND and max(peak, peak_again) <= GOAL_PEAK_BYTES
        print(
            f"goal (≥ {GOAL_ROWS_PER_SECOND:,} rows/s, peak ≤ 2 GB): {'met' if ok else 'NOT met'}"
        )
    finally:
        if not args.keep_file:
            path.unlink(missing_ok=True)
            folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
