"""The procurement-practice scorecard over every real notice in ../shared/data/ocds (the Find a
Tender days and the Contracts Finder packages), then over a scaled corpus (the Contracts Finder
releases replicated under new ocids, bench/ocds_corpus.py): seconds to read the releases into the
scorecard's tables, to evaluate every indicator, and for one buyer's scorecard, against a baseline
measured in the same run: one plain pass over the same releases in the database, decoding each
and counting its UK notice types (the least any scorecard must do: read every release once).

ratio = scorecard seconds / baseline seconds. Peak memory is the process's maximum resident size.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python
bench/bench_scorecard.py [scaled size, default 20000])
"""

import json
import os
import resource
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup
from ocds_corpus import DATA, write_corpus


def load(paths: list[Path]) -> None:
    from django.core.management import call_command

    call_command("load_ocds", *map(str, paths), "--json", stdout=StringIO(), stderr=StringIO())


def baseline() -> tuple[float, int]:
    """One plain pass over every release: decode, collect the UK types its documents name."""
    from opportunities.models import Release

    started = time.perf_counter()
    count = 0
    types: dict[str, int] = {}
    for (data,) in Release.objects.values_list("data").iterator(chunk_size=500):
        if isinstance(data, str):
            data = json.loads(data)
        found = set()
        for part in ("planning", "tender"):
            for document in (data.get(part) or {}).get("documents") or []:
                kind = document.get("noticeType") or ""
                if kind.startswith("UK"):
                    found.add(kind)
        for part in ("awards", "contracts"):
            for item in data.get(part) or []:
                for document in item.get("documents") or []:
                    kind = document.get("noticeType") or ""
                    if kind.startswith("UK"):
                        found.add(kind)
        for kind in found:
            types[kind] = types.get(kind, 0) + 1
        count += 1
    return time.perf_counter() - started, count


def measure(label: str) -> dict:
    from scorecard.gathering import buyers, tables_for
    from scorecard.indicators import evaluate
    from scorecard.report import scorecard

    base, releases = baseline()
    started = time.perf_counter()
    tables = tables_for(None, None, None)
    read = time.perf_counter() - started
    started = time.perf_counter()
    figures = evaluate(tables)
    evaluated = time.perf_counter() - started
    everyone = buyers()
    busiest = max(
        everyone,
        key=lambda b: tables.notices.filter(tables.notices["buyer_key"] == b.key).height,
    )
    started = time.perf_counter()
    scorecard(busiest)
    one = time.perf_counter() - started
    with_figure = sum(1 for figure in figures.values() if figure.value is not None)
    return {
        "corpus": label,
        "releases": releases,
        "buyers": len(everyone),
        "baseline_s": base,
        "tables_s": read,
        "indicators_s": evaluated,
        "national_s": read + evaluated,
        "ratio": (read + evaluated) / base if base else None,
        "one_buyer_s": one,
        "one_buyer": busiest.name,
        "indicators_with_figure": f"{with_figure} of {len(figures)}",
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> int:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    os.environ.setdefault("SEARCH_INDEX_DIR", tempfile.mkdtemp())
    setup(fresh_database("anchorhub_bench_scorecard"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    folder = DATA / "ocds"
    real = sorted((folder / "find-a-tender").glob("*/page-*.json")) + sorted(
        (folder / "contracts-finder").glob("*.json")
    )
    if not real:
        raise SystemExit(f"No notices found under {folder} (set ANCHORHUB_DATA_DIR)")
    load(real)
    results = [measure("real notices")]
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "corpus.json"
        write_corpus(path, size)
        load([path])
    results.append(measure(f"real + {size:,} scaled"))
    print(
        f"{'corpus':<24} {'releases':>9} {'buyers':>7} {'baseline s':>10} {'tables s':>9}"
        f" {'indic. s':>9} {'ratio':>6} {'1 buyer s':>9} {'peak MB':>8}"
    )
    for row in results:
        print(
            f"{row['corpus']:<24} {row['releases']:>9,} {row['buyers']:>7,}"
            f" {row['baseline_s']:>10.2f} {row['tables_s']:>9.2f} {row['indicators_s']:>9.2f}"
            f" {row['ratio']:>6.2f} {row['one_buyer_s']:>9.2f} {row['peak_mb']:>8.0f}"
        )
    for row in results:
        print(
            f"{row['corpus']}: indicators with a figure {row['indicators_with_figure']};"
            f" busiest buyer {row['one_buyer']}"
        )
    print(
        "ratio = (tables + indicators) seconds for the national scorecard / one plain pass over "
        "the same releases (decode and count UK types)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
