"""Where a notice is delivered, from the regions (codes or names) and postcodes it states, as
index terms; how near that is to a place searched for (in it, or in a wider area that includes
it); and every way a notice's stated delivery text may say it is in a place. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from reference.place_names import Place, name_index, normal
from reference.place_tree import (
    CODE,
    LAD,
    areas,
    chain,
    code_key,
    districts,
    local_authority_names,
    name_of,
    node,
    places_data,
    single_lad,
)
from reference.postcode_lookup import district_lad, postcode_lad, postcode_prefixes

Nearness = Literal["in", "wider"]


@dataclass
class Located:
    """Where a notice is delivered, as index terms."""

    area: set[str] = field(default_factory=set)  # every node it is in (stated nodes and parents)
    stated: set[str] = field(default_factory=set)  # the areas stated (not points like postcodes)
    postcodes: set[str] = field(default_factory=set)  # prefixes of the postcodes stated
    unread: list[str] = field(default_factory=list)  # stated, but not a place we know
    from_buyer: bool = False  # no delivery place stated: the buyer's address stands in


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
        if key is None and LAD.match(region.strip().upper()):
            key = region.strip().upper()  # a local authority's GSS code (E08000025)
        if key is None:
            known = name_index().get(normal(region))
            if known and known[0] == "town":
                town = places_data()["towns"][int(known[1])]
                for district in town["postcode_districts"]:
                    found.postcodes.add(district)
                    lad = district_lad(district)
                    found.area.update(chain(lad) if lad else ())
                continue
            key = known[1] if known else None
        if key is None or node(key) is None:
            found.unread.append(region)
            continue
        found.stated.add(key)
        found.stated.update(k for k in chain(key)[1:2] if single_lad().get(k) == key)
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


def nearness(place: Place, located: Located) -> Nearness | None:
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
    for entry in areas():
        names = spelt.setdefault(entry["code"], set())
        names.update([entry["code"], entry["name"], *entry.get("aliases", [])])
        if entry["code"] != "UK":
            names.add("TL" + entry["code"][2:])
    for code, name in local_authority_names().items():
        spelt.setdefault(code, set()).update([code, name])
    for code, aliases in places_data()["local_authority_aliases"].items():
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
    for town in places_data()["towns"]:
        town_lads = {district_lad(d) for d in town["postcode_districts"]}
        if all(lad and inside & set(chain(lad)) for lad in town_lads):
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
