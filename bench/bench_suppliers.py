"""Supplier resolution on real data: pairwise precision, recall and F1 against ground truth, and
the time to resolve every distinct supplier name in ../shared/data/spend.

Ground truth: payments that carry a Companies House number (names sharing a number are the same
supplier, different numbers different suppliers). Resolution runs with the numbers hidden, on every
name in the spend files, so that the labelled payments are judged among all the others. Baseline:
exact matching of normalised names, on the same input in the same run.

Run: make bench   (or .venv/bin/python bench/bench_suppliers.py [--train] [--auto 0.99])
--train first retrains suppliers/data/supplier_model.json on these names; --auto lets the model
merge pairs at or above that probability (by default it only proposes pairs for review).
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

from ocds_corpus import DATA  # noqa: E402

from spend.columns import suggest  # noqa: E402
from spend.reading import read_tables  # noqa: E402
from spend.rows import company_number  # noqa: E402
from spend.values import is_redacted  # noqa: E402
from suppliers.names import normalise_name  # noqa: E402
from suppliers.resolution import MODEL, Observation, resolve, train_model  # noqa: E402


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
    auto = float(sys.argv[sys.argv.index("--auto") + 1]) if "--auto" in sys.argv else None
    started = time.perf_counter()
    result = resolve(observations, auto=auto)
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
            }
        )
    )
    return 0


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
