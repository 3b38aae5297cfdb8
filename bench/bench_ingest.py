"""OCDS ingest, end to end into the database (PostgreSQL when DATABASE_URL points at it), against
`ocdskit compile` on the same input in the same run.

Each size runs in its own process so that peak memory (ru_maxrss) is per size: flat memory means the
peak does not grow with the file. Sizes: the real Contracts Finder releases, then the scaled corpus
(bench/ocds_corpus.py) up to 200,000 releases. BENCH_INGEST_SIZES overrides, e.g. "20000".

Run: make bench   (or: DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/bench_ingest.py)
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup

SIZES = [int(s) for s in os.environ.get("BENCH_INGEST_SIZES", "206,20000,200000").split(",")]


def one_size(size: int, database_url: str) -> dict:
    """Runs in a child process: build the corpus, time ocdskit compile, then our load."""
    setup(database_url)
    from django.core.management import call_command
    from ocds_corpus import write_corpus

    from opportunities.compiling import Compiler
    from opportunities.loading import Loader
    from opportunities.schema import release_schema

    folder = Path(tempfile.mkdtemp(prefix="anchorhub-bench-"))
    corpus, schema = folder / "corpus.json", folder / "schema.json"
    write_corpus(corpus, size)
    schema.write_text(json.dumps(release_schema()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with corpus.open() as stdin:
        subprocess.run(
            [str(Path(sys.executable).with_name("ocdskit")), "compile", "--schema", str(schema)],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    baseline = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    baseline_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    call_command("migrate", verbosity=0)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_cpu = []
    close = Compiler.close

    def close_counting(compiler):  # the workers' CPU time, read before they stop
        if compiler._pool is not None:
            workers_cpu.extend(cpu_of(pid) for pid in compiler._pool._processes)
        close(compiler)

    Compiler.close = close_counting
    backend = database_backend_pid()
    pg_before, main_before = cpu_of(backend), time.process_time()
    started = time.perf_counter()
    result = Loader().load([(corpus, f"bench-{size}")])
    ours = time.perf_counter() - started
    return {
        "size": size,
        "file_mb": corpus.stat().st_size / 1e6,
        "ocdskit_seconds": baseline,
        "seconds": ours,
        "new": result.releases_new,
        "quarantined": result.releases_quarantined,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_before_mb": peak_before / 1024,
        "ocdskit_cpu": baseline_cpu,
        "main_cpu": time.process_time() - main_before,
        "database_cpu": cpu_of(backend) - pg_before,
        "workers_cpu": sum(workers_cpu),
    }


def cpu_of(pid: int | None) -> float:
    """User + system CPU seconds of a process on this machine (0 when it cannot be read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, TypeError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_backend_pid() -> int | None:
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def total_cpu(r: dict) -> float:
    return r["main_cpu"] + r["database_cpu"] + r["workers_cpu"]


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        size, url = sys.argv[2].split("|", 1)
        print(json.dumps(one_size(int(size), url)))
        return 0
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"OCDS ingest into {engine} vs ocdskit compile (same input, same run)")
    print(
        f"{'releases':>9} {'file MB':>8} {'ocdskit/s':>10} {'ours/s':>8} {'ratio':>6} {'peak MB':>8}"
        f" | CPU s: {'ocdskit':>7} {'ours':>6} = {'main':>6} + {'database':>8} + {'workers':>7}"
    )
    for size in SIZES:
        url = fresh_database("anchorhub_bench_ingest")
        child = subprocess.run(
            [sys.executable, __file__, "--child", f"{size}|{url}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if child.returncode:
            print(child.stderr[-2000:])
            return 1
        r = json.loads(child.stdout.strip().splitlines()[-1])
        assert r["new"] == size and r["quarantined"] == 0, r
        print(
            f"{size:>9,} {r['file_mb']:>8.1f} {size / r['ocdskit_seconds']:>10,.0f} {size / r['seconds']:>8,.0f} "
            f"{r['seconds'] / r['ocdskit_seconds']:>6.2f} {r['peak_mb']:>8.0f}"
            f" | {r['ocdskit_cpu']:>14.1f} {total_cpu(r):>6.1f} = {r['main_cpu']:>6.1f} + "
            f"{r['database_cpu']:>8.1f} + {r['workers_cpu']:>7.1f}"
        )
    print(
        "ratio = our seconds / ocdskit compile seconds (goal <= 1.0); peak MB per process (flat = streamed)"
    )
    print(
        f"CPU s: what each side used. On this machine's {os.cpu_count()} cores our load cannot take "
        "less than ours / cores seconds, however well it overlaps."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
