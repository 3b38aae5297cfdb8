"""Ranking quality of opportunity search on the real notices: NDCG@10 over each set of judged
queries, for the search the web page uses and, in the same run over the same index, for a plain
BM25 baseline (any of the words, the same analyzer and fields, no field boosts, no all-words or
phrase bonus, no expansion: `search.plain_text_query`).

The notices: every real Contracts Finder file in ../shared/data/ocds/contracts-finder and every
real Find a Tender page in ../shared/data/ocds/find-a-tender/<day>/, loaded into a fresh database
of the bench's own (PostgreSQL when DATABASE_URL points at it, else a temporary SQLite file) with
the CPV list (`load_reference`), so CPV expansion works as in production.

The sets: bench/relevance.json (set 1: the words notices use) and bench/relevance_suppliers.json
(set 2: the words suppliers use for their services); other files may be named on the command line.

Run: make bench   (or .venv/bin/python bench/bench_relevance.py [judgments.json ...])
"""

import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup

SETS = [HERE / "relevance.json", HERE / "relevance_suppliers.json"]


def corpus_files(data: Path) -> list[Path]:
    files = sorted((data / "ocds" / "contracts-finder").glob("*.json"))
    for day in sorted((data / "ocds" / "find-a-tender").glob("2*")):
        files += sorted(day.glob("*.json"))
    return files


def main(argv: list[str]) -> int:
    setup(fresh_database(os.environ.get("BENCH_RELEVANCE_DB", "anchorhub_bench_relevance")))
    from django.core.management import call_command
    from django.db import connection
    from ocds_corpus import DATA

    from opportunities import search_index
    from opportunities.index_queries import plain_text_query
    from opportunities.loading import Loader
    from opportunities.models import Process
    from opportunities.ranking_quality import ndcg_at
    from opportunities.search import search
    from opportunities.search_request import OpportunitySearch

    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    search_index.rebuild()  # the index folder may hold an earlier run's database
    files = corpus_files(DATA)
    Loader().load([(path, str(path.relative_to(DATA))) for path in files])
    ocid_of = dict(Process.objects.values_list("id", "ocid"))
    searcher = search_index.searcher()

    def baseline(text: str) -> list[str]:
        query = plain_text_query(text)
        if query is None:
            return []
        hits = searcher.search(query, limit=10).hits
        ids = searcher.fast_field_values("id", [address for _score, address in hits])
        return [ocid_of[i] for i in ids if i in ocid_of]

    paths = [Path(arg) for arg in argv] or SETS
    print(
        f"NDCG@10 on {connection.vendor} over {len(ocid_of)} processes from {len(files)} real files"
        " (Contracts Finder and Find a Tender)"
    )
    summary = {}
    for path in paths:
        if not path.exists():
            print(f"\n{path.name}: not found, skipped")
            continue
        judged = json.loads(path.read_text())["queries"]
        ours, base = [], []
        print(f"\n{path.name}: {len(judged)} judged queries")
        for entry in judged:
            query = OpportunitySearch(text=entry["query"], sort="relevance")
            ranked = [process.ocid for process in search(query)[:10]]
            ours.append(ndcg_at(10, ranked, entry["relevant"]))
            base.append(ndcg_at(10, baseline(entry["query"]), entry["relevant"]))
            print(f"  {entry['query'][:52]:<52} {ours[-1]:.3f}   (BM25 {base[-1]:.3f})")
        mean, plain = statistics.mean(ours), statistics.mean(base)
        print(f"  mean NDCG@10 {mean:.3f}; plain BM25 {plain:.3f}; difference {mean - plain:+.3f}")
        summary[path.stem] = {
            "queries": len(judged),
            "ndcg_at_10": round(mean, 3),
            "baseline": round(plain, 3),
            "difference": round(mean - plain, 3),
        }
    first = next(iter(summary.values()), {"ndcg_at_10": None, "baseline": None})
    print(
        json.dumps(
            {"ndcg_at_10": first["ndcg_at_10"], "baseline": first["baseline"], "sets": summary}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
