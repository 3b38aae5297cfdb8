"""Of payees placed, how many are placed in the right local authority?

No payment file in ../shared/data publishes payees' postcodes, so the truth comes from a register's
own postcodes: the UK-CAT random sample of charities (../shared/data/registers/charities/
ukcat_sample.csv.gz: name, charity number and postcode as the charity registers gave them in
2020-21) is treated as a payment file that publishes postcodes. Its names alone (no number, no
postcode) are matched, as payees are, against every other shared register (the sample itself is
not loaded), and each payee the matcher places with certainty is placed where its matched entry
is. The right local authority is the one of the sample's own postcode. Both postcodes go through
the same directory (registers.lookup.postcode_places), so what is measured is the placement, not
the directory.

Printed: payees, placed (matched with certainty), placed with both authorities known, the share of
those in the right authority, and the share whose entry is the same charity (its number), against
a baseline in the same run: exact normalised names, first entry of that name taken.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python \
     bench/bench_placement_accuracy.py [--json]
"""

import csv
import gzip
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from django_setup import fresh_database, setup
from ocds_corpus import DATA

REGISTERS = DATA / "registers"
SAMPLE = REGISTERS / "charities" / "ukcat_sample.csv.gz"


def sample_rows() -> list[dict]:
    with gzip.open(SAMPLE, "rt", encoding="utf-8", newline="") as stream:
        return [row for row in csv.DictReader(stream) if row["name"].strip()]


def main() -> None:
    import polars as pl
    from django.core.management import call_command

    from registers.loading import adds_to_others, files_in, load_paths
    from registers.lookup import postcode_places
    from registers.recognise import NotRecognised
    from registers.tables import FileProblem
    from spend import payee_placing as placing
    from suppliers import matching
    from suppliers.names import normalise_name

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    paths = [p for p in files_in(REGISTERS) if p.resolve() != SAMPLE.resolve()]
    for path in sorted(paths, key=adds_to_others):  # as a folder is loaded, less the sample
        try:
            load_paths([path])
        except (NotRecognised, FileProblem):
            continue  # READMEs, licences: what a folder load skips
    load_seconds = time.perf_counter() - started
    rows = sample_rows()
    payees = pl.DataFrame(
        {
            "payee_id": list(range(1, len(rows) + 1)),
            "buyer_id": [1] * len(rows),
            "name": [r["name"].strip() for r in rows],
            "company_number": [""] * len(rows),
            "charity_number": [""] * len(rows),
            "postcode": [""] * len(rows),
        }
    )
    entries = placing.entries_frame()
    aliases = placing.aliases_frame()
    started = time.perf_counter()
    result = matching.match(payees, entries, aliases)
    match_seconds = time.perf_counter() - started
    by_id = {row["id"]: row for row in entries.iter_rows(named=True)}
    truth_postcodes = [r["postcode"] for r in rows]
    entry_postcodes = [row["postcode"] for row in by_id.values() if row["postcode"]]
    places = postcode_places([*truth_postcodes, *entry_postcodes])

    def la_of_postcode(postcode: str) -> str | None:
        from reference.postcodes import normalise_postcode

        try:
            found = places.get(normalise_postcode(postcode))
        except ValueError:
            return None
        return found.local_authority_code if found else None

    def la_of_entry(entry: dict) -> str | None:
        if entry["postcode"]:
            return la_of_postcode(entry["postcode"])
        return entry.get("local_authority_code") or None

    def judge(placed: dict[int, int]) -> dict:
        both = right = same = 0
        for payee_id, entry_id in placed.items():
            row = rows[payee_id - 1]
            entry = by_id[entry_id]
            if entry["identifier"].endswith(row["reg_number"].strip()) and row["reg_number"]:
                same += 1
            truth, found = la_of_postcode(row["postcode"]), la_of_entry(entry)
            if truth and found:
                both += 1
                right += truth == found
        return {
            "placed": len(placed),
            "placed_share": round(len(placed) / len(rows), 4),
            "with_both_authorities": both,
            "right_authority_share": round(right / both, 4) if both else None,
            "same_charity_share": round(same / len(placed), 4) if placed else None,
        }

    ours = judge(
        {
            p.payee_id: p.entry_id
            for p in result.placements
            if p.status == "matched" and p.entry_id is not None
        }
    )
    first_of_name: dict[str, int] = {}
    for row in entries.select("id", "normalised_name").iter_rows():
        first_of_name.setdefault(row[1], row[0])
    baseline = judge(
        {
            i + 1: first_of_name[key]
            for i, r in enumerate(rows)
            if (key := normalise_name(r["name"])) and key in first_of_name
        }
    )
    report = {
        "payees": len(rows),
        "register_entries": entries.height,
        "load_seconds": round(load_seconds, 1),
        "match_seconds": round(match_seconds, 1),
        "ours": ours,
        "baseline_exact_names": baseline,
    }
    if "--json" in sys.argv:
        print(json.dumps(report, indent=2))
        return
    print(f"{len(rows):,} sample charities as payees; {entries.height:,} register entries")
    for label, figures in (("ours", ours), ("exact names", baseline)):
        print(
            f"{label:>12}: placed {figures['placed']:,} ({figures['placed_share']:.1%}); "
            f"both authorities known {figures['with_both_authorities']:,}; right authority "
            f"{figures['right_authority_share']}; same charity {figures['same_charity_share']}"
        )


if __name__ == "__main__":
    if not SAMPLE.exists():
        sys.exit(f"{SAMPLE} is not there: set ANCHORHUB_DATA_DIR to the shared data folder")
    setup(fresh_database("anchorhub_bench_placement"))
    os.environ.setdefault("DEBUG", "")
    main()
