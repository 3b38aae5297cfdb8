"""Check the judged queries of bench/relevance*.json against the real notices in ../shared/data.

For every file: each judged ocid is a real process (Contracts Finder or Find a Tender), grades are 1 or
2, every query has at least one relevant notice. For bench/relevance_suppliers.json (queries in the
words suppliers use, not the notices' words) also: the query's words, stemmed with stop words dropped
(the same English analysis as the search index), must not appear in the titles of its relevant
notices; one shared common word is tolerated, two or more fail the query.

Run: .venv/bin/python bench/check_relevance_words.py
"""

import json
import statistics
import sys
from pathlib import Path

import tantivy

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from ocds_corpus import DATA

SOURCES = [
    "ocds/contracts-finder/*.json",
    "ocds/find-a-tender/2026-08-10/*.json",
    "ocds/find-a-tender/2026-08-11/page-004.json",
]
ANALYZER = (
    tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
    .filter(tantivy.Filter.lowercase())
    .filter(tantivy.Filter.ascii_fold())
    .filter(tantivy.Filter.stopword("english"))
    .filter(tantivy.Filter.stemmer("english"))
    .build()
)
EXTRA_STOP = {"s", "t", "don", "can", "who", "our", "us", "we", "you", "re", "ve"}


def words(text: str) -> set[str]:
    return {word for word in ANALYZER.analyze(text) if word not in EXTRA_STOP}


def titles() -> dict[str, str]:
    """The latest title of every process (by release date) in the shared real files."""
    latest: dict[str, tuple[str, str]] = {}
    for pattern in SOURCES:
        for path in sorted(DATA.glob(pattern)):
            for release in json.loads(path.read_text()).get("releases", []):
                if not isinstance(release, dict) or "ocid" not in release:
                    continue
                title = (release.get("tender") or {}).get("title") or ""
                date = release.get("date") or ""
                seen = latest.get(release["ocid"])
                if seen is None or (title and date >= seen[0]):
                    latest[release["ocid"]] = (date, title or (seen[1] if seen else ""))
    return {ocid: title for ocid, (_, title) in latest.items()}


def check(path: Path, known: dict[str, str], words_rule: bool) -> int:
    judged = json.loads(path.read_text())
    failures = 0
    counts = []
    print(f"{path.name}: {len(judged['queries'])} queries, judged on {judged['judged_on']}")
    for entry in judged["queries"]:
        query, relevant = entry["query"], entry["relevant"]
        problems = [f"unknown ocid {ocid}" for ocid in relevant if ocid not in known]
        problems += [f"grade {g} for {o}" for o, g in relevant.items() if g not in (1, 2)]
        if not relevant:
            problems.append("no relevant notice")
        counts.append(len(relevant))
        shared: set[str] = set()
        if words_rule:
            asked = words(query)
            for ocid in relevant:
                shared |= asked & words(known.get(ocid, ""))
            if len(shared) > 1:
                problems.append(f"{len(shared)} query words in relevant titles")
        failures += bool(problems)
        note = f"  shared with titles: {', '.join(sorted(shared))}" if shared else ""
        verdict = "FAIL " + "; ".join(problems) if problems else "ok"
        print(f"  {verdict:<4} {query!r}: {len(relevant)} relevant{note}")
    counts.sort()
    median = statistics.median(counts)
    print(
        f"  relevant per query: min {counts[0]}, median {median}, max {counts[-1]}; failures: {failures}"
    )
    return failures


def main() -> int:
    known = titles()
    print(f"{len(known)} processes in the real files under {DATA}")
    failures = check(HERE / "relevance.json", known, words_rule=False)
    failures += check(HERE / "relevance_suppliers.json", known, words_rule=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
