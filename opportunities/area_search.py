"""Search by a network area (reference.Area, issue 19): the notices delivered in it.

A notice is placed by the postcodes of its stated delivery places, else (when it states no
delivery place at all) by its buyer's address (reference/delivery.py, `from_buyer`). An area of
postcode districts or sectors is answered by the search index's postcode terms. Any other kind
(wards, LSOAs, local authorities, a radius) is answered at query time: the notices in the local
authorities the area can touch are the candidates (at most MAX_CANDIDATES), their postcodes are
looked up in the registers (registers/areas.where) and reference/area_rules.contains says
whether each is inside. A notice whose membership is not known (no postcode, or its postcode
lacks the ward, LSOA or grid reference the area needs) is never counted as inside: it is
counted apart as "could not be placed". The answers are kept a short while per area and index
version (CACHE_SECONDS).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from time import monotonic

import tantivy
from django.db.models import Q

from opportunities import search_index
from opportunities.models import Process
from opportunities.search_index import SCHEMA
from reference.area_rules import (
    AUTHORITIES,
    LSOAS,
    METRES_PER_MILE,
    NEEDS,
    POSTCODES,
    RADIUS,
    WARDS,
    any_inside,
    outward,
)
from reference.models import Area
from reference.place_names import area_named
from reference.place_tree import districts, single_lad
from reference.postcodes import normalise_postcode
from registers import areas as register_areas
from registers.models import PostcodePlace

MAX_CANDIDATES = 20_000
CACHE_SECONDS = 300
CHUNK = 2_000
Occur = tantivy.Occur


def area_path(slug: str) -> str:
    """The area's own page (the areas app), by path so that this app does not import it."""
    return f"/areas/{slug}/"


def find(slug_or_name: str) -> Area | None:
    """The area with this slug, or this name (any case)."""
    text = (slug_or_name or "").strip()
    if not text:
        return None
    return (
        Area.objects.filter(slug=text.lower()).first()
        or Area.objects.filter(name__iexact=text).first()
    )


def named_in(text: str) -> tuple[str, str] | None:
    """(slug, the other words) when a search's words or place name an area (place_names)."""
    if not text or not text.strip():
        return None
    names = []
    for slug, name in Area.objects.values_list("slug", "name"):
        names += [(name, slug), (slug, slug)]
    return area_named(text, names)


def _term(name: str, value) -> tantivy.Query:
    return tantivy.Query.term_query(SCHEMA, name, value)


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return tantivy.Query.empty_query()
    return tantivy.Query.boolean_query([(Occur.Should, q) for q in queries])


def _ids(ids) -> tantivy.Query:
    ids = sorted(ids)
    return tantivy.Query.term_set_query(SCHEMA, "id", ids) if ids else tantivy.Query.empty_query()


@dataclass(frozen=True)
class Prepared:
    """What the index is asked for one area: the notices inside it, those that may be but could
    not be placed, and how many candidates were beyond MAX_CANDIDATES (not checked)."""

    inside: tantivy.Query
    unplaced: tantivy.Query
    unchecked: int = 0
    needs: str = ""
    authorities: tuple[str, ...] = ()
    inside_ids: frozenset[int] | None = None  # placed at query time (None: by index terms)

    @property
    def placeable(self) -> bool:
        """False when no notice can be placed at all: the registers do not say which local
        authorities the area lies in (wards or LSOAs with no postcode directory that has them,
        a radius whose centres have no grid reference)."""
        return bool(self.authorities)


def authorities_of(area: Area, definition) -> set[str]:
    """The local authorities (GSS codes) the area can touch: the narrowing of its candidates."""
    members = list(definition.members)
    if area.kind == AUTHORITIES:
        return set(members)
    if area.kind == POSTCODES:
        return {lad for m in members for lad in districts().get(outward(m), {})}
    places = PostcodePlace.objects.exclude(local_authority_code="")
    if area.kind == WARDS:
        places = places.filter(ward_code__in=members)
    elif area.kind == LSOAS:
        places = places.filter(Q(lsoa21__in=members) | Q(lsoa11__in=members))
    elif area.kind == RADIUS:
        if not definition.centres or not definition.miles:
            return set()
        reach = int(definition.miles * METRES_PER_MILE) + 1
        box = Q(pk__in=[])
        for east, north in definition.centres:
            box |= Q(
                easting__gte=east - reach,
                easting__lte=east + reach,
                northing__gte=north - reach,
                northing__lte=north + reach,
            )
        places = places.filter(box)
    else:
        return set()
    return set(places.order_by().values_list("local_authority_code", flat=True).distinct())


def _candidates(authorities: set[str]) -> tantivy.Query:
    """Notices placed in these local authorities (their postcodes', or a stated region that is
    one of them)."""
    keys = set(authorities) | {key for key, lad in single_lad().items() if lad in authorities}
    return _any([_term("area", key) for key in sorted(keys)])


def _postcode_areas() -> list[str]:
    return sorted({re.match(r"[A-Z]+", district).group() for district in districts()})


def place_postcodes(regions, postcodes, buyer_postcode: str) -> tuple[list[str], bool]:
    """The postcodes that place a notice and whether they are its buyer's (no place stated)."""
    regions = [r for r in regions or [] if r and r.strip()]
    postcodes = [p for p in postcodes or [] if p and p.strip()]
    if not regions and not postcodes and (buyer_postcode or "").strip():
        return [buyer_postcode], True
    return postcodes, False


def _normal(postcode: str) -> str | None:
    try:
        return normalise_postcode(postcode)
    except ValueError:
        return None


def _prepare(area: Area) -> Prepared:
    definition = register_areas.definition(area)
    authorities = authorities_of(area, definition)
    candidates = _candidates(authorities)
    needs = NEEDS.get(area.kind, "")
    if area.kind == POSTCODES:
        inside = _any([_term("postcode", member) for member in definition.members])
        no_postcode = tantivy.Query.boolean_query(
            [
                (Occur.Must, candidates),
                (Occur.MustNot, _any([_term("postcode", a) for a in _postcode_areas()])),
            ]
        )
        return Prepared(inside, no_postcode, 0, needs, tuple(sorted(authorities)))
    found = search_index.searcher().search(candidates, limit=MAX_CANDIDATES, count=True)
    addresses = [address for _score, address in found.hits]
    ids = search_index.searcher().fast_field_values("id", addresses) if addresses else []
    inside_ids, unplaced_ids = set(), set()
    for start in range(0, len(ids), CHUNK):
        rows = list(
            Process.objects.filter(id__in=ids[start : start + CHUNK]).values_list(
                "id", "delivery_regions", "delivery_postcodes", "buyer_postcode"
            )
        )
        placing = {row[0]: place_postcodes(row[1], row[2], row[3])[0] for row in rows}
        wheres = register_areas.where(p for codes in placing.values() for p in codes)
        for process_id, codes in placing.items():
            places = [wheres[n] for code in codes if (n := _normal(code)) and n in wheres]
            answer = any_inside(definition, places)
            if answer is True:
                inside_ids.add(process_id)
            elif answer is None:
                unplaced_ids.add(process_id)
    unchecked = max(0, found.count - len(ids))
    return Prepared(
        _ids(inside_ids),
        _ids(unplaced_ids),
        unchecked,
        needs,
        tuple(sorted(authorities)),
        frozenset(inside_ids),
    )


_cache: dict[tuple, tuple[float, Prepared]] = {}


def prepared(area: Area) -> Prepared:
    """The area's answer, kept CACHE_SECONDS while the area and the index are unchanged."""
    key = (
        area.pk,
        area.version,
        area.updated_at,
        search_index._meta_version(search_index.index_dir()),
        str(search_index.index_dir()),
    )
    kept = _cache.get(key)
    if kept is None or monotonic() - kept[0] > CACHE_SECONDS:
        if len(_cache) > 100:
            _cache.clear()
        kept = (monotonic(), _prepare(area))
        _cache[key] = kept
    return kept[1]


def reset_cache() -> None:
    _cache.clear()


def inside_query(slug: str) -> tantivy.Query:
    """The notices delivered in the area (none for an area we do not know)."""
    area = find(slug)
    if area is None:
        return tantivy.Query.empty_query()
    return prepared(area).inside


def label(processes) -> None:
    """Say of each process on a page filtered by area whether its buyer's address placed it
    (`area_from_buyer`: it states no delivery place)."""
    for process in processes:
        process.area_from_buyer = place_postcodes(
            process.delivery_regions, process.delivery_postcodes, process.buyer_postcode
        )[1]
