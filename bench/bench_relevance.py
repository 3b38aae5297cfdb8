"""Ranking quality of opportunity search on the real notices: NDCG@10 over the judged queries in
bench/relevance.json, for the search the web page uses and for a naive baseline (every word ILIKE,
newest first). Loads ../shared/data/ocds/contracts-finder into a fresh database (PostgreSQL when
DATABASE_URL points at it, else a temporary SQLite file) and reports per query and on average.

Run: make bench   (or .venv/bin/python bench/bench_relevance.py)
"""

import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup  # noqa: E402


def main() -> int:
    setup(fresh_database("anchorhub_bench_relevance"))
    from bench_search import naive
    from django.core.management import call_command
    from django.db import connection
    from ocds_corpus import DATA

    from opportunities import search_index
    from opportunities.loading import Loader
    from opportunities.ranking_quality import ndcg_at
    from opportunities.search import OpportunitySearch, search

    call_command("migrate", verbosity=0)
    files = sorted((DATA / "ocds" / "contracts-finder").glob("*.json"))
    search_index.rebuild()  # the index folder may hold an earlier run's database
    Loader().load([(path, path.name) for path in files])
    judged = json.loads((HERE / "relevance.json").read_text())["queries"]
    ours, baseline = [], []
    print(f"NDCG@10 on {connection.vendor}, {len(judged)} judged queries over the real notices")
    for entry in judged:
        query = OpportunitySearch(text=entry["query"], sort="relevance")
        ranked = [process.ocid for process in search(query)[:10]]
        naive_ranked = list(naive(query).values_list("ocid", flat=True)[:10])
        ours.append(ndcg_at(10, ranked, entry["relevant"]))
        baseline.append(ndcg_at(10, naive_ranked, entry["relevant"]))
        print(f"  {entry['query']:<38} {ours[-1]:.3f}   (baseline {baseline[-1]:.3f})")
    mean, base = statistics.mean(ours), statistics.mean(baseline)
    print(
        f"mean NDCG@10: {mean:.3f}; naive ILIKE newest-first baseline {base:.3f}; ratio {mean / base:.2f}"
    )
    print(json.dumps({"ndcg_at_10": round(mean, 3), "baseline": round(base, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
