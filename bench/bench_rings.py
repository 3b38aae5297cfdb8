"""The ledger's rings on real payments (issue 19): Coventry City Council, City of Wolverhampton
Council and the West Midlands Combined Authority (../shared/data/spend: every month of FY
2023-24), imported as bench_anchors.py does after the registers in ../shared/data/registers and
the West Midlands postcode directory (reference/postcodes-west-midlands.csv: grid references) are
loaded; each anchor chooses the four standard rings, East Birmingham by postcode sector and by
ward, and within 5 miles of its postcode. For each ring: share of analysed spend, over the spend
where known, over addressable spend, and coverage; and one share checked by summing payments
directly (no measures code).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/bench_rings.py
"""

import json
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from bench_anchors import ANCHORS, load_registers
from django_setup import fresh_database, setup
from ocds_corpus import DATA

RINGS = (
    "authority",
    "combined_authority",
    "region",
    "uk",
    "area:east-birmingham-postcodes",
    "area:east-birmingham",
    "sites:5",
)


def choose(anchor) -> None:
    from reference.models import Area
    from spend.models import RingChoice

    anchor.ring_choices.all().delete()
    for position, key in enumerate(RINGS):
        kind, _, rest = key.partition(":")
        RingChoice.objects.create(
            anchor=anchor,
            position=position,
            kind=kind,
            area=Area.objects.get(slug=rest) if kind == "area" else None,
            miles=rest if kind == "sites" else None,
        )


def by_hand(anchor, ring) -> tuple[float, float]:
    """The ring's share and coverage summed from payments and the payee flags directly."""
    from spend.ledger import payee_facts
    from spend.models import Payment

    flags = {
        row["payee_id"]: row[ring.column]
        for row in payee_facts(anchor.payees.all(), [ring]).to_dicts()
    }
    total = inside = known = 0.0
    for payee, amount in Payment.objects.filter(buyer=anchor, is_redacted=False).values_list(
        "payee_id", "amount"
    ):
        total += float(amount)
        flag = flags.get(payee)
        inside += float(amount) if flag else 0.0
        known += float(amount) if flag is not None else 0.0
    return inside / total, known / total


def main() -> int:
    os.environ.setdefault("SEARCH_INDEX_DIR", tempfile.mkdtemp())
    setup(fresh_database("anchorhub_bench_rings"))
    from django.core.management import call_command

    from network.models import Organisation
    from spend import followup
    from spend.rings import rings_for

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "load_registers",
        str(DATA / "reference" / "postcodes-west-midlands.csv"),
        "--json",
        stdout=StringIO(),
    )
    print(
        f"postcode directory loaded in {time.perf_counter() - started:.1f}s; registers "
        f"{load_registers()}"
    )
    for folder, (name, kind, postcode, _readme, _headers) in ANCHORS.items():
        buyer, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={"kind": kind, "is_network_member": True, "registered_postcode": postcode},
        )
        paths = [str(p) for p in sorted((DATA / "spend" / folder).iterdir()) if p.is_file()]
        call_command(
            "import_spend", *paths, "--buyer", name, "--json", "--no-followup", stdout=StringIO()
        )
        followup.run_inline([buyer.pk])
        choose(buyer)
        out = StringIO()
        started = time.perf_counter()
        call_command("spend_report", "--buyer", name, "--json", stdout=out)
        seconds = time.perf_counter() - started
        result = json.loads(out.getvalue())
        print(f"{name}: {result['payments']:,} payments, spend_report {seconds:.1f}s")
        for ring in result["rings"]:
            shown = {
                k: "-" if ring[k] is None else f"{ring[k]:.1%}"
                for k in ("share", "known_share", "addressable_share", "coverage")
            }
            print(
                f"  {ring['label'][:40]:<40} share {shown['share']:>6} known "
                f"{shown['known_share']:>6} addressable {shown['addressable_share']:>6} "
                f"coverage {shown['coverage']:>6}  leaking categories {len(ring['leakage'])}"
            )
        east = next(r for r in rings_for(buyer) if r.key == "area:east-birmingham-postcodes")
        share, coverage = by_hand(buyer, east)
        print(f"  by hand, {east.label}: share {share:.1%}, coverage {coverage:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
