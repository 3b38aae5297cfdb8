"""Three anchors of this network from the files they publish: Coventry City Council, City of
Wolverhampton Council and the West Midlands Combined Authority (../shared/data/spend/coventry,
wolverhampton, wmca: every month of FY 2023-24 they publish), each imported under its own name as
`anchorhub import_spend` does, followed by what follows every import (resolution, then register
matching of the anchor's payees), after the registers in ../shared/data/registers are loaded when
this build has `load_registers`. For each ledger: rows read/imported/rejected against README
section 4's counts, seconds per stage, and coverage: the share of analysed spend (not redacted)
whose payee's place, size and sector are known (spend.ledger.payments_frame's `in_uk`, `is_sme`,
`sector`; null = not known), and all three at once.

Run: make bench   (or DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python
bench/bench_anchors.py)
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
from ocds_corpus import DATA

# folder → (name, kind, postcode, rows README section 4 counts, header rows it counts as rows):
# WMCA's count includes the second header row of its six two-row-header months, which the
# importer reads as header.
ANCHORS = {
    "coventry": ("Coventry City Council", "council", "CV1 5RR", 147_452, 0),
    "wolverhampton": ("City of Wolverhampton Council", "council", "WV1 1SH", 94_775, 0),
    "wmca": ("West Midlands Combined Authority", "combined_authority", "B19 3SD", 7_434, 6),
}


def load_registers() -> str:
    from django.core.management import call_command, get_commands

    if "load_registers" not in get_commands():
        return "not loaded (this build has no load_registers)"
    folder = DATA / "registers"
    started = time.perf_counter()
    call_command("load_registers", str(folder), "--json", stdout=StringIO(), stderr=StringIO())
    return f"loaded from {folder} in {time.perf_counter() - started:.1f}s"


def coverage(buyer) -> dict:
    import polars as pl

    from spend.ledger import payments_frame

    frame = payments_frame(buyer).filter(~pl.col("is_redacted"))
    total = frame["amount"].sum() or 0.0
    known = {
        "place": pl.col("in_uk").is_not_null(),
        "size": pl.col("is_sme").is_not_null(),
    }
    if "sector" in frame.columns:
        known["sector"] = pl.col("sector").is_not_null()
    known["all"] = pl.all_horizontal(list(known.values()))
    shares = {
        name: (frame.filter(test)["amount"].sum() / total if total else None)
        for name, test in known.items()
    }
    by_sector = {}
    if "sector" in frame.columns and total:
        for sector, amount in (
            frame.group_by("sector").agg(pl.col("amount").sum()).sort("amount").iter_rows()
        ):
            by_sector[sector or "not known"] = amount / total
    return {"analysed": total, "shares": shares, "by_sector": by_sector}


def main() -> int:
    os.environ.setdefault("SEARCH_INDEX_DIR", tempfile.mkdtemp())
    setup(fresh_database("anchorhub_bench_anchors"))
    from django.core.management import call_command
    from django.db import connection

    from network.models import Organisation
    from spend import followup

    call_command("migrate", verbosity=0)
    print(f"three anchors' own files into {connection.vendor}; registers {load_registers()}")
    figures, problems = {}, []
    for folder, (name, kind, postcode, readme, header_rows) in ANCHORS.items():
        expected = readme - header_rows
        buyer, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "is_network_member": True, "registered_postcode": postcode},
        )
        paths = [str(p) for p in sorted((DATA / "spend" / folder).iterdir()) if p.is_file()]
        out = StringIO()
        started = time.perf_counter()
        call_command("import_spend", *paths, "--buyer", name, "--json", "--no-followup", stdout=out)
        imported = json.loads(out.getvalue())
        import_seconds = time.perf_counter() - started
        started = time.perf_counter()
        summary = followup.run_inline([buyer.pk])
        followup_seconds = time.perf_counter() - started
        found = coverage(buyer)
        if imported["rows_read"] != expected:
            problems.append(f"{name}: {imported['rows_read']:,} rows read, README {expected:,}")
        shares = ", ".join(
            f"{key} {value:.1%}" if value is not None else f"{key} -"
            for key, value in found["shares"].items()
        )
        print(
            f"  {name:<34} {len(paths):>2} files {imported['rows_read']:>8,} rows read "
            f"(README {readme:,}{f' less {header_rows} header rows' if header_rows else ''}), "
            f"{imported['rows_imported']:,} imported, "
            f"{imported['rows_rejected']:,} rejected, {imported['duplicates_skipped']:,} "
            f"duplicates; import {import_seconds:.1f}s "
            f"({imported['rows_read'] / import_seconds:,.0f} rows/s), "
            f"resolution + placing {followup_seconds:.1f}s"
        )
        print(f"    analysed spend £{found['analysed']:,.0f}; known: {shares}")
        if found["by_sector"]:
            print(
                "    by sector: "
                + ", ".join(f"{s} {v:.1%}" for s, v in sorted(found["by_sector"].items()))
            )
        else:
            print("    by sector: not in this build's payments table (the facts branch adds it)")
        placing = summary.get("placing", {})
        print(
            "    placing: "
            + ", ".join(f"{k} {v}" for k, v in placing.items() if isinstance(v, int | float))
        )
        figures[folder] = {
            "rows_read": imported["rows_read"],
            "rows_imported": imported["rows_imported"],
            "rows_rejected": imported["rows_rejected"],
            "import_seconds": round(import_seconds, 2),
            "followup_seconds": round(followup_seconds, 2),
            "coverage": {
                k: (round(v, 4) if v is not None else None) for k, v in found["shares"].items()
            },
        }
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory {peak:,.0f} MB (goal <= 2,048 MB)")
    for problem in problems:
        print(f"  MISMATCH {problem}")
    print(json.dumps(figures))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
