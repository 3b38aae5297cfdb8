"""Supplier resolution on real data: pairwise precision, recall and F1 against ground truth, and
the time to resolve every distinct supplier name in ../shared/data/spend.

Ground truth: payments that carry a Companies House number (names sharing a number are the same
supplier, different numbers different suppliers). Resolution runs with the numbers hidden, on every
name in the spend files, so that the labelled payments are judged among all the others. Baseline:
exact matching of normalised names, on the same input in the same run.

Per file set (issue 14): the Calderdale FY 2024-25 and Kirklees FY 2023-24 files in
../shared/data/registers/spend-with-identifiers/, each resolved on its own with every identifier
column blanked (company, charity and VAT numbers, the buyer's supplier id: only names go in). Two
measures, each pairwise precision = true pairs found / pairs found, recall = true pairs found /
true pairs, over the labelled items only (those whose row carries a company number; a pair is true
when both carry the same number, found when both land in one cluster):
- payments: the items are the labelled payments, so a supplier paid often weighs more (the
  measure above);
- names: the items are the distinct (name as written, company number) pairs, each once, so only
  the different spellings of one supplier make true pairs. Pairs whose names share no word
  ('People Places Lives Limited' / 'Public Consulting Group', renamed; a group's brands) cannot be
  found from names: their share is printed as the recall no name-based method can pass.

Run: make bench   (or .venv/bin/python bench/bench_suppliers.py [--train] [--auto 0.99 | --no-auto])
--train first retrains suppliers/data/supplier_model.json on these names; --auto sets the
probability from which the model's pairs are merged when the names agree but for generic words
(default: suppliers/data/resolution.json); --no-auto only proposes pairs for review.
"""

import json
import sys
import time
from collections import Counter
from math import comb
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from ocds_corpus import DATA

from spend.columns import suggest
from spend.reading import read_tables
from spend.rows import company_number
from spend.values import is_redacted
from suppliers.entity_resolution import MODEL, Observation, resolve, rules, train_model
from suppliers.hints import GENERIC_WORDS
from suppliers.names import normalise_name


def payments(root: Path = DATA / "spend"):
    """(supplier name, company number or "") for every payment row with a supplier name."""
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        for table in read_tables(path):
            found = suggest(table.rows)
            name_at, number_at = found.mapping["supplier_name"], found.mapping.get("company_number")
            for row in table.rows[found.header_row + 1 :]:
                name = row[name_at].strip() if name_at < len(row) else ""
                if not name or is_redacted(name):
                    continue
                number = (
                    company_number(row[number_at])
                    if number_at is not None and number_at < len(row)
                    else ""
                )
                yield name, number


def pairwise(labelled: Counter, cluster_of) -> tuple[float, float, float]:
    """`labelled`: (name, true id) → payments. Pairs of payments: same cluster vs same true id."""
    both, predicted, actual = Counter(), Counter(), Counter()
    for (name, truth), count in labelled.items():
        cluster = cluster_of(name)
        both[(cluster, truth)] += count
        predicted[cluster] += count
        actual[truth] += count
    tp = sum(comb(n, 2) for n in both.values())
    p = sum(comb(n, 2) for n in predicted.values())
    t = sum(comb(n, 2) for n in actual.values())
    precision, recall = (tp / p if p else 1.0), (tp / t if t else 1.0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    started = time.perf_counter()
    counts = Counter(payments())
    read_seconds = time.perf_counter() - started
    by_name = Counter()
    for (name, _number), count in counts.items():
        by_name[name] += count
    labelled = Counter({(name, number): c for (name, number), c in counts.items() if number})
    observations = [
        Observation(f"n{i}", name, weight=c) for i, (name, c) in enumerate(sorted(by_name.items()))
    ]
    key_of = {o.name: o.key for o in observations}
    if "--train" in sys.argv:
        train_model(list(by_name))
        print(f"model retrained on {len(by_name):,} names into {MODEL}")
    auto = automatic()
    sets = {name: file_set(name, auto) for name in FILE_SETS}
    started = time.perf_counter()
    result = resolve(observations, auto=auto, core_names=rules()["core_names"]["value"])
    seconds = time.perf_counter() - started
    ours = pairwise(labelled, lambda name: result.cluster_of[key_of[name]])
    baseline = pairwise(labelled, lambda name: normalise_name(name) or name.lower())
    clusters = len(set(result.cluster_of.values()))
    print(
        f"supplier resolution on {len(observations):,} distinct names from {sum(by_name.values()):,} payments "
        f"(read in {read_seconds:.0f}s)"
    )
    print(
        f"  resolved into {clusters:,} suppliers in {seconds:.1f}s ({len(observations) / seconds:,.0f} names/s); "
        f"{result.auto_merged:,} automatic merges, {len(result.for_review):,} pairs for review"
    )
    print(
        f"  ground truth: {len(labelled):,} (name, company number) pairs over {sum(labelled.values()):,} payments, "
        f"{len({n for _, n in labelled}):,} companies"
    )
    print(f"  ours:     precision {ours[0]:.4f}  recall {ours[1]:.4f}  F1 {ours[2]:.4f}")
    print(
        f"  baseline: precision {baseline[0]:.4f}  recall {baseline[1]:.4f}  F1 {baseline[2]:.4f}  (exact normalised name)"
    )
    print("  goal: precision >= 0.98 and F1 >= 0.95")
    for name, figures in sets.items():
        print(
            f"  {name} (identifiers blanked): {figures['names']:,} distinct names, "
            f"{figures['labelled']:,} labelled, {figures['companies']:,} companies; "
            f"{figures['auto_merged']:,} automatic merges, {figures['for_review']:,} pairs for review"
        )
        for measure in ("payments", "by_names"):
            o, b = figures[measure]["ours"], figures[measure]["baseline"]
            print(
                f"    {measure.replace('_', ' ')}: ours precision {o[0]:.4f} recall {o[1]:.4f} F1 {o[2]:.4f}; "
                f"baseline precision {b[0]:.4f} recall {b[1]:.4f} F1 {b[2]:.4f}"
            )
        print(
            f"    by names: {figures['true_name_pairs']:,} true pairs, of which "
            f"{figures['unreachable']:,} share no word (best recall from names alone "
            f"{figures['reachable_recall']:.4f})"
        )
    print("  goal per file set: precision >= 0.98 and F1 >= 0.8")
    wanted = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 100_000
    names = spellings(sorted(by_name), wanted)
    started = time.perf_counter()
    scaled = resolve([Observation(f"s{i}", name) for i, name in enumerate(names)], auto=auto)
    scale_seconds = time.perf_counter() - started
    print(
        f"  scale: {len(names):,} distinct names (the real ones and other spellings of them) "
        f"resolved into {len(set(scaled.cluster_of.values())):,} suppliers in "
        f"{scale_seconds:.1f}s ({len(names) / scale_seconds:,.0f} names/s); goal <= 60 s"
    )
    print(
        json.dumps(
            {
                "names": len(observations),
                "seconds": round(seconds, 2),
                "precision": round(ours[0], 4),
                "recall": round(ours[1], 4),
                "f1": round(ours[2], 4),
                "baseline_f1": round(baseline[2], 4),
                "scale_names": len(names),
                "scale_seconds": round(scale_seconds, 2),
                "file_sets": {
                    name: {
                        measure: {
                            who: [round(x, 4) for x in figures[measure][who]]
                            for who in ("ours", "baseline")
                        }
                        for measure in ("payments", "by_names")
                    }
                    for name, figures in sets.items()
                },
            }
        )
    )
    return 0


FILE_SETS = ("calderdale", "kirklees")


def automatic() -> float | None:
    if "--no-auto" in sys.argv:
        return None
    if "--auto" in sys.argv:
        return float(sys.argv[sys.argv.index("--auto") + 1])
    return rules()["auto_merge"]["value"]


def _words(name: str) -> set[str]:
    return set(normalise_name(name).split()) - GENERIC_WORDS


def file_set(name: str, auto: float | None) -> dict:
    """Resolution of one council's names with the identifiers blanked, judged by both measures."""
    counts = Counter(payments(DATA / "registers" / "spend-with-identifiers" / name))
    by_name = Counter()
    for (supplier, _number), count in counts.items():
        by_name[supplier] += count
    labelled = Counter({(n, number): c for (n, number), c in counts.items() if number})
    observations = [
        Observation(f"n{i}", n, weight=c) for i, (n, c) in enumerate(sorted(by_name.items()))
    ]
    key_of = {o.name: o.key for o in observations}
    result = resolve(observations, auto=auto, core_names=rules()["core_names"]["value"])
    ours = lambda n: result.cluster_of[key_of[n]]  # noqa: E731
    baseline = lambda n: normalise_name(n) or n.lower()  # noqa: E731
    distinct = Counter(dict.fromkeys(labelled, 1))
    names_of: dict[str, list[str]] = {}
    for n, number in labelled:
        names_of.setdefault(number, []).append(n)
    true_pairs = unreachable = 0
    for spellings_ in names_of.values():
        for i, a in enumerate(spellings_):
            for b in spellings_[i + 1 :]:
                true_pairs += 1
                unreachable += not (_words(a) & _words(b))
    return {
        "names": len(observations),
        "labelled": len(labelled),
        "companies": len(names_of),
        "auto_merged": result.auto_merged,
        "for_review": len(result.for_review),
        "payments": {"ours": pairwise(labelled, ours), "baseline": pairwise(labelled, baseline)},
        "by_names": {"ours": pairwise(distinct, ours), "baseline": pairwise(distinct, baseline)},
        "true_name_pairs": true_pairs,
        "unreachable": unreachable,
        "reachable_recall": (true_pairs - unreachable) / true_pairs if true_pairs else 1.0,
    }


def spellings(names: list[str], wanted: int, seed: int = 7) -> list[str]:
    """`names` and, until there are `wanted`, other spellings of them as payment files write
    names: Ltd / Limited, capitals, a slipped letter, a trading name, "(UK)"."""
    import random

    rng = random.Random(seed)
    out, seen = list(names), set(names)
    changes = [
        lambda n: n.upper(),
        lambda n: n.replace(" Ltd", " Limited") if " Ltd" in n else n + " Ltd",
        lambda n: n + " (UK)",
        lambda n: f"{n} t/a {rng.choice(names).split()[0]}",
        lambda n: (lambda i: n[:i] + n[i + 1 :])(rng.randrange(len(n))) if len(n) > 6 else n,
        lambda n: (
            (lambda i: n[:i] + n[i + 1] + n[i] + n[i + 2 :])(rng.randrange(len(n) - 2))
            if len(n) > 6
            else n
        ),
    ]
    while len(out) < wanted:
        name = rng.choice(changes)(rng.choice(names))
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


if __name__ == "__main__":
    sys.exit(main())
