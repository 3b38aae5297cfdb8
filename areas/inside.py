"""What an area holds, without a map (issue 19): each member with its name, its postcodes and
the local authorities it lies in; a radius's centres placed and the loaded postcodes inside; and
a summary: local authorities touched, postcodes, and the network's suppliers and placed payees
inside. Postcode districts are counted from the packaged ONS district data
(reference/data/postcode_districts.json); sectors from the loaded postcode directory when it has
them, else the packaged directory; wards, LSOAs and radii from the loaded directory only."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, FloatField, Q, Value
from django.db.models.functions import Cast, StrIndex, Substr

from areas import names
from areas.smes import Found, smes_of
from reference import geography
from reference.area_rules import (
    AUTHORITIES,
    LSOAS,
    METRES_PER_MILE,
    NEEDS,
    POSTCODES,
    RADIUS,
    WARDS,
    Definition,
    describe,
)
from reference.place_tree import districts
from registers.areas import where
from registers.models import PostcodePlace

LOADED = "the loaded postcode directory"
PACKAGED = "the postcode directory packaged with AnchorHub"
DISTRICTS = "ONS postcode district counts packaged with AnchorHub"


@dataclass
class Member:
    code: str
    name: str = ""
    postcodes: int | None = None  # None: not known here
    authorities: list[str] = field(default_factory=list)  # names, most postcodes first
    counted_from: str = ""


@dataclass
class Centre:
    postcode: str
    grid: tuple[int, int] | None


@dataclass
class Inside:
    definition: Definition
    words: str
    members: list[Member]
    centres: list[Centre]
    authorities: list[str]
    postcodes: int | None
    postcodes_from: str
    directory_loaded: bool
    names_from: str
    needs: str
    suppliers: Found


def _ranked(counts: dict[str, int]) -> list[str]:
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    return [names.authority(code) for code, _ in ranked if code]


def _grouped(query, key: str) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for value, la, count in (
        query.values_list(key, "local_authority_code").annotate(n=Count("pk")).order_by()
    ):
        found.setdefault(value, {})[la] = count
    return found


def _live():
    return PostcodePlace.objects.filter(terminated="")


SECTORS_PER_QUERY = 200  # an OR of LIKEs per query stays far below SQLite's expression depth


def _sector_counts(sectors: list[str]):
    """(sector, local authority, postcodes) from the loaded directory, counted in SQL a batch of
    sectors at a time; the sector is the postcode up to the first digit after its space."""
    sector_of = Substr("postcode", 1, StrIndex("postcode", Value(" ")) + 1)
    for start in range(0, len(sectors), SECTORS_PER_QUERY):
        query = Q()
        for sector in sectors[start : start + SECTORS_PER_QUERY]:
            query |= Q(postcode__startswith=f"{sector}")
        yield from (
            _live()
            .filter(query)
            .annotate(sector=sector_of)
            .values_list("sector", "local_authority_code")
            .annotate(n=Count("pk"))
            .order_by()
        )


def _postcode_members(members: tuple[str, ...], loaded: bool) -> list[Member]:
    sectors = {m for m in members if " " in m}
    counted: dict[str, dict[str, int]] = {}
    source: dict[str, str] = {}
    if loaded and sectors:
        for sector, la, count in _sector_counts(sorted(sectors)):
            counts = counted.setdefault(sector, {})
            counts[la] = counts.get(la, 0) + count
            source[sector] = LOADED
    missing = sectors - counted.keys()
    if missing:
        try:
            for sector, counts in geography.sector_counts(missing).items():
                if counts:
                    counted[sector], source[sector] = counts, PACKAGED
        except RuntimeError:  # the packaged directory is not installed
            pass
    found = []
    for member in members:
        counts = counted.get(member) if member in sectors else districts().get(member)
        found.append(
            Member(
                member,
                postcodes=sum(counts.values()) if counts else None,
                authorities=_ranked(counts or {}),
                counted_from=(source.get(member, "") if member in sectors else DISTRICTS)
                if counts
                else "",
            )
        )
    return found


def _small_area_members(kind: str, members: tuple[str, ...], loaded: bool) -> list[Member]:
    known = names.small_areas()
    counts: dict[str, dict[str, int]] = {}
    if loaded and kind == WARDS:
        counts = _grouped(_live().filter(ward_code__in=members), "ward_code")
        lsoas = {code: ward for code, (_n, ward, _la) in known.lsoas.items() if ward in members}
        if lsoas:  # postcodes whose directory row has no ward but an LSOA 2021 in one
            by_lsoa = _grouped(_live().filter(ward_code="", lsoa21__in=list(lsoas)), "lsoa21")
            for lsoa, by_la in by_lsoa.items():
                ward_counts = counts.setdefault(lsoas[lsoa], {})
                for la, n in by_la.items():
                    ward_counts[la] = ward_counts.get(la, 0) + n
    elif loaded:
        counts = _grouped(_live().filter(lsoa21__in=members), "lsoa21")
        for lsoa, by_la in _grouped(
            _live().filter(lsoa11__in=members).exclude(lsoa21__in=members), "lsoa11"
        ).items():
            counts.setdefault(lsoa, {}).update(by_la)
    found = []
    for member in members:
        entry = known.wards.get(member) if kind == WARDS else known.lsoas.get(member)
        la = entry[-1] if entry else ""
        by_la = counts.get(member)
        found.append(
            Member(
                member,
                name=entry[0] if entry else "",
                postcodes=sum(by_la.values()) if by_la else None,
                authorities=_ranked(by_la) if by_la else ([names.authority(la)] if la else []),
                counted_from=LOADED if by_la else "",
            )
        )
    return found


def _authority_members(members: tuple[str, ...], loaded: bool) -> list[Member]:
    counts: dict[str, int] = {}
    source = DISTRICTS
    if loaded:
        counts = dict(
            _live()
            .filter(local_authority_code__in=members)
            .values_list("local_authority_code")
            .annotate(n=Count("pk"))
            .order_by()
        )
        source = LOADED
    if not counts:
        source = DISTRICTS
        for by_la in districts().values():
            for la, n in by_la.items():
                if la in members:
                    counts[la] = counts.get(la, 0) + n
    return [
        Member(
            code,
            name=names.authority(code),
            postcodes=counts.get(code),
            authorities=[names.authority(code)],
            counted_from=source if code in counts else "",
        )
        for code in members
    ]


def _radius_inside(definition: Definition) -> dict[str, int]:
    """Local authority → loaded postcodes within the radius, counted in SQL: a box around each
    centre, then the straight-line distance (as `area_rules.contains` measures it)."""
    if not definition.centres or not definition.miles:
        return {}
    metres = float(definition.miles) * METRES_PER_MILE
    east, north = Cast("easting", FloatField()), Cast("northing", FloatField())
    near = Q()
    annotations = {}
    for number, (x, y) in enumerate(definition.centres):
        name = f"d{number}"
        annotations[name] = (east - float(x)) * (east - float(x)) + (north - float(y)) * (
            north - float(y)
        )
        near |= Q(
            easting__gte=x - metres,
            easting__lte=x + metres,
            northing__gte=y - metres,
            northing__lte=y + metres,
            **{f"{name}__lte": metres * metres},
        )
    return dict(
        _live()
        .annotate(**annotations)
        .filter(near)
        .values_list("local_authority_code")
        .annotate(n=Count("pk"))
        .order_by()
    )


def inside(definition: Definition, centre_postcodes: tuple[str, ...] = ()) -> Inside:
    loaded = PostcodePlace.objects.exists()
    members: list[Member] = []
    centres: list[Centre] = []
    kind = definition.kind
    if kind == POSTCODES:
        members = _postcode_members(definition.members, loaded)
    elif kind in (WARDS, LSOAS):
        members = _small_area_members(kind, definition.members, loaded)
    elif kind == AUTHORITIES:
        members = _authority_members(definition.members, loaded)
    authorities: list[str] = []
    total: int | None = None
    counted_from = ""
    if kind == RADIUS:
        placed = where(centre_postcodes)
        for postcode, place in placed.items():
            known = place.easting is not None and place.northing is not None
            centres.append(Centre(postcode, (place.easting, place.northing) if known else None))
        counts = _radius_inside(definition) if loaded else {}
        authorities = _ranked(counts)
        total = sum(counts.values()) if counts else None
        counted_from = LOADED if counts else ""
    else:
        seen: list[str] = []
        for member in members:
            seen += [name for name in member.authorities if name not in seen]
        authorities = seen
        known = [m.postcodes for m in members if m.postcodes is not None]
        total = sum(known) if known else None
        counted_from = ", ".join(sorted({m.counted_from for m in members if m.counted_from}))
    return Inside(
        definition=definition,
        words=describe(definition),
        members=members,
        centres=centres,
        authorities=authorities,
        postcodes=total,
        postcodes_from=counted_from,
        directory_loaded=loaded,
        names_from=names.source() if kind in (WARDS, LSOAS) else "",
        needs=NEEDS[kind],
        suppliers=smes_of(definition),
    )
