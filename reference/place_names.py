"""What a typed place means: a town, a council, a region, an ITL/NUTS code or a postcode resolved
to a place of the hierarchy (reference/place_tree.py), with the areas a notice is delivered *in*
when it is in the place and the *wider* areas that include it. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from reference.place_tree import (
    Level,
    Node,
    areas,
    chain,
    code_key,
    districts,
    lad_areas,
    local_authority_names,
    name_of,
    node,
    places_data,
    replaced_by,
    single_lad,
)
from reference.postcode_lookup import (
    POSTCODE_AREA,
    district_lad,
    postcode_lad,
    postcode_parts,
)

UNKNOWN_PLACE = (
    "We don't know the place '{}' — try a town, local authority, region or postcode district"
)
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

Kind = Literal[
    "region",
    "local authority",
    "town",
    "postcode area",
    "postcode district",
    "postcode sector",
    "postcode",
]


def normal(text: str) -> str:
    """A place name as compared: lower case, '&' as 'and', punctuation and filler words gone."""
    words = re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).split()
    kept = [word for word in words if word not in FILLER]
    return " ".join(kept or words)


@dataclass(frozen=True)
class Place:
    """What a search for `query` means. A notice is delivered *in* the place when its index
    `area` holds one of `inside` or its `postcode` one of `postcodes`; it covers a *wider* area
    that includes the place when its `area_stated` holds one of `wider`."""

    query: str
    name: str
    kind: Kind
    key: str
    inside: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    wider: tuple[str, ...] = ()

    @property
    def widened(self) -> Node | None:
        """The wider area to suggest instead: a town's or postcode's local authority, else the
        region (ITL1) or nation."""
        levels: tuple[Level, ...] = ("ITL1", "nation", "country")
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


@cache
def name_index() -> dict[str, tuple[Kind, str]]:
    """Normalised name → (kind, key). Regions first, then local authorities, then other names."""
    names: dict[str, tuple[Kind, str]] = {}

    def add(name: str, kind: Kind, key: str) -> None:
        names.setdefault(normal(name), (kind, key))

    every_area = areas()
    for entry in every_area:
        if entry["level"] != "ITL3":
            add(entry["name"], "region", entry["code"])
            for alias in entry.get("aliases", []):
                add(alias, "region", entry["code"])
    lads = local_authority_names()
    for code in sorted(lads, key=lambda code: code in replaced_by()):  # Sheffield: today's code
        add(lads[code], "local authority", code)
    for entry in every_area:
        if entry["level"] == "ITL3":
            current = [lad for lad in entry["local_authorities"] if lad not in replaced_by()]
            kind: Kind = "local authority" if len(current) == 1 else "region"
            key = current[0] if len(current) == 1 else entry["code"]
            for name in [entry["name"], *entry.get("aliases", [])]:
                add(name, kind, key)
    for code, aliases in places_data()["local_authority_aliases"].items():
        for alias in aliases:
            add(alias, "local authority", code)
    for index, town in enumerate(places_data()["towns"]):
        for name in [town["name"], *town.get("aliases", [])]:
            add(name, "town", str(index))
    return names


def common_parent(keys: Iterable[str]) -> str | None:
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
        parent = common_parent(lads)
        found = node(parent) if parent is not None else None
        if found is None or found.level in ("nation", "country"):
            # straddling areas (SY: Shropshire and Wales): the region most of it lies in
            parent = lad_areas()["postcode_areas"].get(area, {}).get("region", parent)
        return Place(query, f"{area} postcode area", "postcode area", area, (), (area,),
                     tuple(chain(parent)) if parent else ())  # fmt: skip
    area, district, sector, unit = parts
    if district not in districts():
        return None
    term = f"{district} {unit}" if unit else (sector or district)
    kind: Kind = "postcode" if unit else ("postcode sector" if sector else "postcode district")
    lad = postcode_lad(text)
    return Place(query, term, kind, term, (), (term,), tuple(chain(lad)) if lad else ())


def _place_of(query: str, kind: Kind, key: str) -> Place:
    if kind == "town":
        town = places_data()["towns"][int(key)]
        lads = [district_lad(d) for d in town["postcode_districts"]]
        parent = common_parent([lad for lad in lads if lad])
        return Place(
            query, town["name"], "town", town["name"], (), tuple(town["postcode_districts"]),
            tuple(chain(parent)) if parent else (),
        )  # fmt: skip
    keys = chain(key)
    same = [k for k in keys[1:2] if single_lad().get(k) == key]
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
    found = name_index().get(normal(query))
    if found is None and "," in query:  # "Coventry, West Midlands": the first part we know
        for part in query.split(","):
            found = name_index().get(normal(part)) if part.strip() else None
            if found:
                break
    if found is not None:
        return _place_of(query, *found)
    return _resolve_postcode(query, query)


# Words that say where the work is, before "in <area>": "delivery in East Birmingham".
_WHERE_WORDS = r"(?:(?:delivered|delivery|deliverable|based|work|located)\s+)?"


def _words_of(name: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", name.lower())


def area_named(text: str, names: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The network area (reference.Area) a search names, by its name or slug: (slug, the rest of
    the words) when the whole text is the name ("East Birmingham") or it says "in <name>"
    ("cleaning delivered in East Birmingham" → rest "cleaning"); None when it names none. The
    longest name wins ("East Birmingham (postcode sectors)" before "East Birmingham"). `names`
    are (name, slug) pairs: the callers read the areas."""
    ordered = sorted(
        ((words, slug) for name, slug in names if (words := _words_of(name))),
        key=lambda pair: -len(pair[0]),
    )
    whole = _words_of(text)
    for words, slug in ordered:
        if whole == words:
            return slug, ""
    for words, slug in ordered:
        pattern = rf"\b{_WHERE_WORDS}in\s+(?:the\s+)?" + r"[^a-z0-9]+".join(words) + r"\b\)?"
        found = re.search(pattern, text, flags=re.IGNORECASE)
        if found:
            rest = " ".join((text[: found.start()] + " " + text[found.end() :]).split())
            return slug, rest
    return None
