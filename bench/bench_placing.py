"""Register matching at scale: 60,000 payee names against 5,000,000 companies (suppliers/matching.py),
with the exact normalised join in the same run as the baseline. Goal: <= 5 minutes, peak memory
(ru_maxrss) <= 2 GB on this 2-CPU machine.

Payee names: every distinct name in ../shared/data/spend and the spend-with-identifiers files
(redacted ones left out), topped up with other spellings of them (bench_suppliers.spellings) if
fewer than wanted. Companies: the 87 real rows of the Companies House bulk file, a third of the
payee names planted as companies as the register writes them ("ACME WIDGETS LIMITED"), a tenth
planted with one letter changed (for the probabilistic step to find), and the rest generated:
distinct names of one to four words drawn from the real names' words as often as they occur
there (so "services" is as common as it is in real names and blocks nothing), with a legal form
after them, numbers and postcodes in the register's shape.

Figures: seconds and peak memory of the matcher (the frame of 5 million entries built before, as
placing.run reads it from the database), payees matched / to review / not found per step,
candidates, and how many planted names were found (exact and one-letter-changed apart).

Run: make bench   (or .venv/bin/python bench/bench_placing.py [--payees 60000] [--companies 5000000])
"""

import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import polars as pl
from bench_suppliers import payments, spellings
from ocds_corpus import DATA

from suppliers.names import LEGAL_SUFFIXES, normalise_name

INVENTED, INVENTED_WORDS = 0.45, 400_000
FORMS = ["LIMITED"] * 8 + ["LTD"] * 2 + ["PLC", "LLP", "COMMUNITY INTEREST COMPANY"]


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM, which starts afresh in a new program (Linux
    carries ru_maxrss over from the parent that forked it); ru_maxrss elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def argument(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def payee_names(wanted: int) -> list[str]:
    names = sorted({name for name, _number in payments()})
    names += sorted(
        {name for name, _number in payments(DATA / "registers" / "spend-with-identifiers")}
        - set(names)
    )
    rng = random.Random(3)
    if len(names) > wanted:
        return rng.sample(names, wanted)
    return spellings(names, wanted)


def real_companies() -> list[dict]:
    """The real rows of the Companies House bulk file (its header has leading spaces)."""
    out = []
    for path in sorted((DATA / "registers" / "companies-house").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = [cell.strip() for cell in next(reader)]
            for cells in reader:
                row = dict(zip(header, cells, strict=False))
                out.append(
                    {
                        "name": row["CompanyName"].strip(),
                        "identifier": row["CompanyNumber"].strip(),
                        "postcode": row["RegAddress.PostCode"].strip(),
                    }
                )
    return out


def companies(total: int, payees: list[str], real: list[dict], seed: int = 11) -> tuple:
    """The register frame and the planted names: {payee name: company number} exact and altered."""
    rng = random.Random(seed)
    suffixes = set(LEGAL_SUFFIXES)
    words = Counter(
        w for n in payees for w in normalise_name(n).split() if w not in suffixes and len(w) > 1
    )
    postcodes = [c["postcode"] for c in real if c["postcode"]]
    names, normalised, numbers = [], [], []
    seen = set()

    def add(name: str, norm: str) -> str:
        number = f"{len(numbers) + 20_000_000:08d}"
        names.append(name)
        normalised.append(norm)
        numbers.append(number)
        seen.add(norm)
        return number

    for company in real:
        norm = normalise_name(company["name"])
        names.append(company["name"])
        normalised.append(norm)
        numbers.append(company["identifier"])
        seen.add(norm)
    # No generated name is a payee's: a payee matched outside the planted ones is matched wrongly.
    # Planted: payee's normalised name -> the company number planted for it.
    reserved = {normalise_name(n) for n in payees}
    exact, altered = {}, {}
    shuffled = payees[:]
    rng.shuffle(shuffled)
    third, tenth = len(shuffled) // 3, len(shuffled) // 10
    for name in shuffled[:third]:
        norm = normalise_name(name)
        if norm and norm not in seen and " t a " not in f" {norm} ":
            exact[norm] = add(f"{norm.upper()} {rng.choice(FORMS)}", norm)
    for name in shuffled[third : third + tenth]:
        norm = normalise_name(name)
        if len(norm) < 8 or norm in seen or norm in exact:
            continue
        i = rng.randrange(1, len(norm) - 1)
        if norm[i] == " ":
            continue
        changed = norm[:i] + rng.choice("abcdefghijklmnopqrstuvwxyz") + norm[i + 1 :]
        if changed != norm and changed not in seen and changed not in reserved:
            altered[norm] = add(f"{changed.upper()} {rng.choice(FORMS)}", changed)
    # The real register's vocabulary is far larger than 60,000 payee names': surnames, places and
    # invented brands. Words are drawn from the payees' words as often as they occur there, or
    # (INVENTED of the time) from words spliced from two real ones ("redspeed" + "marlow" ->
    # "redlow"), the n-th of them 1/(n + 10) as likely.
    vocabulary = list(words)
    cumulative = list(accumulate(words[w] for w in vocabulary))
    long_words = [w for w in vocabulary if len(w) >= 4 and w.isalpha()]
    invented = list(
        dict.fromkeys(
            a[: rng.randint(2, 4)] + b[-rng.randint(2, 4) :]
            for a, b in zip(
                rng.choices(long_words, k=INVENTED_WORDS),
                rng.choices(long_words, k=INVENTED_WORDS),
                strict=True,
            )
        )
    )
    invented_cumulative = list(accumulate(1 / (n + 10) for n in range(len(invented))))
    while len(names) < total:
        need = int((total - len(names)) * 1.1) + 1000
        sizes = rng.choices([1, 2, 3, 4], weights=[8, 42, 35, 15], k=need)
        count = sum(sizes)
        real_picks = iter(rng.choices(vocabulary, cum_weights=cumulative, k=count))
        invented_picks = iter(rng.choices(invented, cum_weights=invented_cumulative, k=count))
        for size in sizes:
            norm = " ".join(
                [
                    next(invented_picks) if rng.random() < INVENTED else next(real_picks)
                    for _ in range(size)
                ]
            )
            if norm in seen or norm in reserved:
                continue
            add(f"{norm.upper()} {FORMS[len(names) % len(FORMS)]}", norm)
            if len(names) >= total:
                break
    frame = pl.DataFrame(
        {
            "id": range(1, len(names) + 1),
            "register": "companies-house",
            "identifier": numbers,
            "name": names,
            "normalised_name": normalised,
            "postcode": [postcodes[i % len(postcodes)] for i in range(len(names))],
            "sector": "private",
        }
    ).with_columns(pl.col("register").cast(pl.Categorical), pl.col("sector").cast(pl.Categorical))
    return frame, exact, altered


def measure(folder: Path) -> int:
    """In a process of its own, so that its peak memory is the matcher's: read the register and
    the payees (as placing.run has them after reading the database), then the baseline and ours."""
    from suppliers.matching import match

    entries = pl.read_parquet(folder / "entries.parquet")
    frame = pl.read_parquet(folder / "payees.parquet")
    read = peak_mb()
    started = time.perf_counter()
    normalised = frame.with_columns(
        pl.col("name").map_elements(normalise_name, return_dtype=pl.String).alias("n")
    )
    baseline = normalised.join(
        entries.select("id", "normalised_name"), left_on="n", right_on="normalised_name"
    )
    baseline_seconds = time.perf_counter() - started
    started = time.perf_counter()
    result = match(frame, entries)
    seconds = time.perf_counter() - started
    out = {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "read_peak_mb": read,
        "steps": result.steps,
        "candidates": len(result.candidates),
        "placements": [(p.payee_id, p.status, p.entry_id) for p in result.placements],
        "baseline_seconds": baseline_seconds,
        "baseline": sorted(set(baseline["payee_id"].to_list())),
    }
    (folder / "result.json").write_text(json.dumps(out))
    return 0


def main() -> int:
    if "--measure" in sys.argv:
        return measure(Path(sys.argv[sys.argv.index("--measure") + 1]))
    wanted, total = argument("--payees", 60_000), argument("--companies", 5_000_000)
    started = time.perf_counter()
    payees = payee_names(wanted)
    real = real_companies()
    entries, exact, altered = companies(total, payees, real)
    check = entries.sample(min(20_000, entries.height), seed=1)
    agree = sum(
        normalise_name(n) == m
        for n, m in zip(check["name"].to_list(), check["normalised_name"].to_list(), strict=True)
    )
    print(
        f"register matching: {len(payees):,} payee names against {entries.height:,} companies "
        f"({len(real)} real rows, {len(exact):,} payees' normalised names planted as written, "
        f"{len(altered):,} with a letter changed); built in {time.perf_counter() - started:.0f}s; "
        f"{agree / check.height:.1%} of a sample's normalised names are normalise_name's"
    )
    frame = pl.DataFrame(
        {
            "payee_id": list(range(1, len(payees) + 1)),
            "buyer_id": [1] * len(payees),
            "name": payees,
            "company_number": [""] * len(payees),
            "charity_number": [""] * len(payees),
            "postcode": [""] * len(payees),
        }
    )
    number_of = dict(zip(entries["id"].to_list(), entries["identifier"].to_list(), strict=True))
    with tempfile.TemporaryDirectory() as folder:
        entries.write_parquet(Path(folder) / "entries.parquet")
        frame.write_parquet(Path(folder) / "payees.parquet")
        del entries, frame
        subprocess.run([sys.executable, __file__, "--measure", folder], check=True)
        out = json.loads((Path(folder) / "result.json").read_text())
    status = Counter(status for _, status, _ in out["placements"])
    entry_of = {p: e for p, _, e in out["placements"] if e is not None}
    matched = {p for p, s, _ in out["placements"] if s == "matched"}
    index = {name: i for i, name in enumerate(payees, start=1)}

    norm_of = {index[name]: normalise_name(name) for name in payees}

    def found(planted: dict) -> tuple[int, int]:
        wanted = [(p, planted[n]) for p, n in norm_of.items() if n in planted]
        right = sum(number_of.get(entry_of.get(p)) == number for p, number in wanted)
        return right, len(wanted)

    expected = {p: exact.get(n) or altered.get(n) for p, n in norm_of.items()}
    wrong = sum(1 for p in matched if expected[p] and number_of[entry_of[p]] != expected[p])
    elsewhere = sum(1 for p in matched if not expected[p])
    exact_found, altered_found = found(exact), found(altered)
    print(
        f"  ours:     {out['seconds']:.1f}s; {status['matched']:,} matched, "
        f"{status['suggested']:,} to review, {status['unmatched']:,} not found "
        f"(by step: {out['steps']}); {out['candidates']:,} candidates; peak memory "
        f"{out['peak_mb']:,.0f} MB ({out['read_peak_mb']:,.0f} MB with the tables read)"
    )
    print(
        f"  planted names found: {exact_found[0]:,} of {exact_found[1]:,} as written, "
        f"{altered_found[0]:,} of {altered_found[1]:,} with a letter changed; matched to another "
        f"entry: {wrong:,} planted, {elsewhere:,} not planted (a generated name close to theirs)"
    )
    print(
        f"  baseline: {out['baseline_seconds']:.1f}s; {len(out['baseline']):,} payees with an "
        "exact normalised name"
    )
    print("  goal: <= 300 s and <= 2,048 MB peak")
    print(
        json.dumps(
            {
                "payees": len(payees),
                "companies": total,
                "seconds": round(out["seconds"], 1),
                "peak_mb": round(out["peak_mb"]),
                "matched": status["matched"],
                "suggested": status["suggested"],
                "unmatched": status["unmatched"],
                "candidates": out["candidates"],
                "planted_exact_found": exact_found[0],
                "planted_exact": exact_found[1],
                "planted_altered_found": altered_found[0],
                "planted_altered": altered_found[1],
                "matched_wrong_planted": wrong,
                "matched_not_planted": elsewhere,
                "baseline_seconds": round(out["baseline_seconds"], 1),
                "baseline_found": len(out["baseline"]),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
