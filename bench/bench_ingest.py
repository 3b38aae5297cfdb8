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
from django_setup import setup  # noqa: E402

SIZES = [int(s) for s in os.environ.get("BENCH_INGEST_SIZES", "206,20000,200000").split(",")]


def one_size(size: int, database_url: str) -> dict:
    """Runs in a child process: build the corpus, time ocdskit compile, then our load."""
    setup(database_url)
    from django.core.management import call_command
    from ocds_corpus import write_corpus

    from opportunities.loading import Loader
    from opportunities.schema import release_schema

    folder = Path(tempfile.mkdtemp(prefix="anchorhub-bench-"))
    corpus, schema = folder / "corpus.json", folder / "schema.json"
    write_corpus(corpus, size)
    schema.write_text(json.dumps(release_schema()))
    started = time.perf_counter()
    with corpus.open() as stdin:
        subprocess.run(
            [str(Path(sys.executable).with_name("ocdskit")), "compile", "--schema", str(schema)],
            stdin=stdin,
            stdout=subprocess.DEVNULL,
            check=True,
        )
    baseline = time.perf_counter() - started
    call_command("migrate", verbosity=0)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
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
    }


def fresh_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        base, _, _name = url.rpartition("/")
        name = "anchorhub_bench_ingest"
        subprocess.run(
            ["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True
        )
        subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
        return f"{base}/{name}"
    return f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        size, url = sys.argv[2].split("|", 1)
        print(json.dumps(one_size(int(size), url)))
        return 0
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    print(f"OCDS ingest into {engine} vs ocdskit compile (same input, same run)")
    print(
        f"{'releases':>9} {'file MB':>8} {'ocdskit/s':>10} {'ours/s':>8} {'ratio':>6} {'peak MB':>8}"
    )
    for size in SIZES:
        url = fresh_database()
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
        )
    print(
        "ratio = our seconds / ocdskit compile seconds (goal <= 1.0); peak MB per process (flat = streamed)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
