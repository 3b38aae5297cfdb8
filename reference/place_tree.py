"""The hierarchy of places: the UK → its nations → ITL1 regions → ITL2 → ITL3 areas → local
authorities, from versioned data. Pure.

Data: `data/places.json` (ITL/NUTS codes and names, the West Midlands' ITL3 areas with their local
authorities, extra names, towns as postcode districts; a source per entry),
`data/local_authorities.json` (every local authority of England and Wales, from ONS),
`data/local_authority_areas.json` (every UK council's ITL area, hence region; names of ITL3
areas and of councils in Scotland, Northern Ireland and those created since 2022; each postcode
area's main region) and `data/postcode_districts.json` (postcode district → local authorities,
from the ONS Postcode Directory; both rebuilt by `reference/build_places.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from core import datafiles

DATA = Path(__file__).resolve().parent / "data"
NATION_OF_CODE = {"E": "E92000001", "W": "UKL", "S": "UKM", "N": "UKN"}
CODE = re.compile(r"^(UK|TL)([C-N][0-9A-Z]{0,3})?$")
LAD = re.compile(r"^[EWSN]0[0-9]{7}$")

Level = Literal["country", "nation", "ITL1", "ITL2", "ITL3", "local authority"]


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    level: Level
    parent: str | None


@cache
def places_data() -> dict:
    return datafiles.load(DATA / "places.json")


@cache
def districts() -> dict[str, dict[str, int]]:
    """Postcode district → {local authority: postcodes}, the main one first."""
    return datafiles.load(DATA / "postcode_districts.json")["districts"]


@cache
def lad_areas() -> dict:
    """Every UK local authority's ITL area, ITL3 names, councils' names not in
    local_authorities.json, codes replaced, postcode areas' regions."""
    return datafiles.load(DATA / "local_authority_areas.json")


@cache
def local_authority_names() -> dict[str, str]:
    names = datafiles.load(DATA / "local_authorities.json")["names"]
    return {**names, **lad_areas()["names"]}


@cache
def replaced_by() -> dict[str, str]:
    """A local authority code that ended → the council that took its place."""
    return {old: new for new, olds in lad_areas()["replaced"].items() for old in olds}


@cache
def areas() -> list[dict]:
    """Every area (places.json's, then the ITL3 areas of local_authority_areas.json), each with
    the local authorities that lie directly in it."""
    extra = lad_areas()
    areas = [dict(entry) for entry in places_data()["areas"]]
    listed = {entry["code"] for entry in areas}
    levels = {3: "ITL1", 4: "ITL2"}
    for code, name in extra["itl_names"].items():
        if code not in listed:
            parent = code[:-1] if len(code) > 3 else "UK"
            level = levels.get(len(code), "ITL3")
            areas.append({"code": code, "name": name, "level": level, "parent": parent})
    lads_in = extra["local_authorities"]
    for entry in areas:
        lads = [*entry.get("local_authorities", []), *lads_in.get(entry["code"], [])]
        entry["local_authorities"] = list(dict.fromkeys(lads))
    return areas


@cache
def nodes() -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    area_of: dict[str, str] = {}
    for entry in areas():
        nodes[entry["code"]] = Node(entry["code"], entry["name"], entry["level"], entry["parent"])
        for lad in entry["local_authorities"]:
            area_of[lad] = entry["code"]
    for code, name in local_authority_names().items():
        parent = replaced_by().get(code) or area_of.get(code) or NATION_OF_CODE.get(code[0])
        nodes[code] = Node(code, name, "local authority", parent)
    return nodes


@cache
def single_lad() -> dict[str, str]:
    """ITL3 areas that are one local authority (UKG31 is Birmingham), both ways (a code that
    ended does not count: UKE32 is Sheffield)."""
    same = {}
    for entry in areas():
        lads = [lad for lad in entry["local_authorities"] if lad not in replaced_by()]
        if entry["level"] == "ITL3" and len(lads) == 1:
            same[entry["code"]] = lads[0]
            same[lads[0]] = entry["code"]
    return same


def code_key(text: str) -> str | None:
    """An ITL/NUTS code as the key we index: TLG31 and UKG31 are one area."""
    compact = text.strip().upper().replace(" ", "")
    match = CODE.match(compact)
    if not match:
        return None
    return "UK" + (match.group(2) or "")


def node(key: str) -> Node | None:
    found = nodes().get(key)
    if found is not None:
        return found
    if CODE.match(key) and len(key) > 2:  # an ITL/NUTS code not listed: within its parent
        parent = key[:-1]
        while parent not in nodes() and len(parent) > 2:
            parent = parent[:-1]
        level: Level = "ITL1" if len(key) == 3 else "ITL2" if len(key) == 4 else "ITL3"
        return Node(key, key, level, parent)
    if LAD.match(key):
        return Node(key, key, "local authority", NATION_OF_CODE.get(key[0]))
    return None


def chain(key: str) -> list[str]:
    """The key, the area it is the same as, and every area it lies in, nearest first."""
    keys: list[str] = []
    visited: set[str] = set()
    current = node(key)
    while current is not None and current.key not in visited:
        visited.add(current.key)
        keys.append(current.key)
        if current.key in single_lad():
            keys.append(single_lad()[current.key])
        current = node(current.parent) if current.parent else None
    return list(dict.fromkeys(keys))


def name_of(key: str) -> str:
    found = node(key)
    return found.name if found else key
