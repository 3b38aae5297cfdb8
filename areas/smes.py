"""The network's suppliers known to be in an area (issue 19), one row per supplier, from three
sources: supplier profiles (a registered postcode or an operating site inside), payees the
network's anchors paid with a place inside (spend/ledger.payee_places, as the ledger's rings
judge them: the registered place its best source gives, its profile's sites, the postcodes in
the buyer's files), and suppliers awarded contracts in notices with a place inside (its register
entry's postcodes and its profile's: spend/places.supplier_places). A postcode that cannot be
read is a place not known: such a supplier with no place inside is counted as not placed. With each, the categories it already supplies: the
spend categories anchors paid it in and the CPV codes of its awards.

A place whose membership is not known (a ward-defined area and a supplier known only by its
local authority) is never listed, and is counted as not placed. Individuals (redacted names) and
public bodies paid by anchors are left out: they are not suppliers to reserve a competition for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl
from django.db.models import Sum

from network.models import Organisation
from opportunities.models import Award, ProcessCpv
from reference.area_rules import Definition, Where, any_inside, contains, normal_postcode, places_of
from reference.models import CpvCode
from registers.areas import where
from spend.ledger import payee_places
from spend.models import Payment
from spend.payee_sources import survivor
from spend.places import site_postcodes, supplier_places
from suppliers.models import Supplier

PROFILE, PAYEE, AWARD = "profile", "payee", "award"
SOURCES = {
    PROFILE: "supplier profiles",
    PAYEE: "payees of the network's anchors",
    AWARD: "suppliers awarded contracts in notices",
}
LEFT_OUT_SECTORS = ("individual", "public")
SIZES = {True: "SME", False: "Large", None: "Not known"}
# Where a payee's place comes from (spend/payee_facts.PLACE_SOURCES), as a sentence says it.
SAID_BY = {
    "network profile": "its network profile",
    "register entry": "its register entry",
    "postcode given for the payee": "a postcode given for the payee",
    "buyer's payment files": "the buyer's payment files",
}
OTHER_PLACES = "its sites or the buyer's payment files"


@dataclass
class Row:
    key: str
    name: str = ""
    is_sme: bool | None = None
    is_vcse: bool | None = None
    organisation: Organisation | None = None
    profile: list[str] = field(default_factory=list)  # its places inside, as its profile says
    paid: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (place, source) → anchors
    awarded: dict[str, set[str]] = field(default_factory=dict)  # postcode → buyers
    sources: set[str] = field(default_factory=set)
    postcodes: set[str] = field(default_factory=set)
    paid_in: dict[str, set[str]] = field(default_factory=dict)  # spend category → anchors
    awarded_in: dict[str, set[str]] = field(default_factory=dict)  # CPV code and name → buyers

    @property
    def size(self) -> str:
        return SIZES[self.is_sme]

    @property
    def vcse(self) -> str:
        return {True: "Yes", False: "No", None: "Not known"}[self.is_vcse]

    @property
    def known_by(self) -> list[str]:
        lines = [f"Network profile ({', '.join(self.profile)})"] if self.profile else []
        lines += [
            f"Paid by {_names(by)} ({place}, from {SAID_BY.get(source, source)})"
            for (place, source), by in sorted(self.paid.items())
        ]
        lines += [
            f"Awarded contracts by {_names(by)} ({postcode}, from notices)"
            for postcode, by in sorted(self.awarded.items())
        ]
        return lines

    def category_lines(self) -> list[str]:
        return [f"{name} (paid by {_names(by)})" for name, by in sorted(self.paid_in.items())] + [
            f"{name} (awarded by {_names(by)})" for name, by in sorted(self.awarded_in.items())
        ]


def _names(names: set[str]) -> str:
    return ", ".join(sorted(names))


@dataclass
class Found:
    rows: list[Row]
    not_placed: dict[str, int]  # source → suppliers whose membership is not known
    checked: dict[str, int]  # source → suppliers looked at

    def counts(self) -> dict[str, int]:
        """How many listed suppliers each source placed inside."""
        counted = dict.fromkeys(SOURCES, 0)
        for row in self.rows:
            for source in row.sources:
                counted[source] += 1
        return counted


class _Gathering:
    def __init__(self, definition: Definition):
        self.definition = definition
        self.rows: dict[str, Row] = {}
        self.unknown: dict[str, set[str]] = {source: set() for source in SOURCES}
        self.checked: dict[str, set[str]] = {source: set() for source in SOURCES}

    def row(self, key: str, source: str) -> Row:
        row = self.rows.setdefault(key, Row(key))
        row.sources.add(source)
        return row

    def judge(self, source: str, key: str, places: Iterable[Where]) -> bool:
        self.checked[source].add(key)
        answer = any_inside(self.definition, list(places))
        if answer is None:
            self.unknown[source].add(key)
        return answer is True

    def found(self) -> Found:
        listed = set(self.rows)
        rows = sorted(self.rows.values(), key=lambda row: row.name.lower())
        return Found(
            rows=rows,
            not_placed={s: len(keys - listed) for s, keys in self.unknown.items()},
            checked={s: len(keys) for s, keys in self.checked.items()},
        )


def _organisation_keys(supplier_ids: Iterable[int]) -> dict[int, str]:
    """Register entry → the key of its row: its network profile's when it has one."""
    ids = {pk for pk in supplier_ids if pk}
    linked = dict(
        Supplier.objects.filter(pk__in=ids, organisation__isnull=False)
        .values_list("pk", "organisation_id")
        .order_by()
    )
    return {pk: f"org:{linked[pk]}" if pk in linked else f"supplier:{pk}" for pk in ids}


def _profiles(gathering: _Gathering) -> None:
    organisations = list(Organisation.objects.suppliers().prefetch_related("sites"))
    places = where(postcode for o in organisations for postcode in site_postcodes(o))
    for organisation in organisations:
        named = [("registered", organisation.registered_postcode)] + [
            (f"site {site.name}", site.postcode) for site in organisation.sites.all()
        ]
        # A postcode that cannot be read is a place not known (places_of), never dropped.
        known = [(what, place) for what, pc in named for place in places_of([pc], places)]
        key = f"org:{organisation.pk}"
        if not gathering.judge(PROFILE, key, [place for _, place in known]):
            continue
        row = gathering.row(key, PROFILE)
        row.name, row.organisation = organisation.name, organisation
        row.is_sme, row.is_vcse = organisation.is_sme, organisation.is_vcse
        inside = [(what, p) for what, p in known if contains(gathering.definition, p)]
        row.profile = [f"{what} {place.postcode}" for what, place in inside]
        row.postcodes |= {place.postcode for _, place in inside}


def _said(fact: dict, inside: list[Where]) -> list[tuple[str, str]]:
    """(the places inside, where they come from): its registered place, as its best source
    says, and its other places (its profile's sites, the postcodes in the buyer's files)."""
    registered = normal_postcode(fact["postcode"])
    own, other = [], []
    for place in inside:
        is_registered = (
            place.postcode == registered if place.postcode else place.la == fact["registered_la"]
        )
        (own if is_registered else other).append(place.postcode or place.la)
    said = []
    if own:
        said.append((", ".join(dict.fromkeys(own)), fact["place_source"] or "the payee's facts"))
    if other:
        said.append((", ".join(dict.fromkeys(other)), OTHER_PLACES))
    return said


def _payees(gathering: _Gathering) -> None:
    every, places = payee_places()
    facts = every.filter(~pl.col("sector").is_in(LEFT_OUT_SECTORS).fill_null(False))
    rows = facts.select(
        "payee_id",
        "buyer_id",
        "payee_name",
        "register_id",
        "register_name",
        "entry_name",
        "postcode",
        "registered_la",
        "place_source",
        "is_sme",
        "is_vcse",
    ).to_dicts()
    keys = _organisation_keys(row["register_id"] for row in rows)
    buyers = dict(Organisation.objects.values_list("pk", "name").order_by())
    inside: dict[int, str] = {}
    for fact in rows:
        key = keys.get(fact["register_id"]) or f"payee:{fact['payee_id']}"
        found = places.get(fact["payee_id"], [])
        if not gathering.judge(PAYEE, key, found):
            continue
        inside[fact["payee_id"]] = key
        row = gathering.row(key, PAYEE)
        row.name = row.name or fact["register_name"] or fact["entry_name"] or fact["payee_name"]
        row.is_sme = row.is_sme if row.is_sme is not None else fact["is_sme"]
        row.is_vcse = row.is_vcse if row.is_vcse is not None else fact["is_vcse"]
        within = [place for place in found if contains(gathering.definition, place)]
        for said in _said(fact, within):
            row.paid.setdefault(said, set()).add(buyers.get(fact["buyer_id"], "an anchor"))
        row.postcodes |= {place.postcode for place in within if place.postcode}
    paid = (
        Payment.objects.filter(payee_id__in=list(inside), is_redacted=False)
        .exclude(category="")
        .values_list("payee_id", "buyer_id", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for payee_id, buyer_id, category, _total in paid:
        row = gathering.rows[inside[payee_id]]
        row.paid_in.setdefault(category, set()).add(buyers.get(buyer_id, "an anchor"))


def _awards(gathering: _Gathering) -> None:
    awarded = list(
        Award.objects.filter(suppliers__isnull=False)
        .values_list("suppliers", "process_id", "process__buyer__name")
        .distinct()
        .order_by()
    )
    fields = ("pk", "name", "postcode", "scale", "is_vcse", "merged_into_id")
    suppliers: dict[int, tuple] = {}
    wanted = {supplier for supplier, _, _ in awarded}
    for _ in range(10):  # the entries they were merged into, too
        wanted -= suppliers.keys()
        if not wanted:
            break
        for row in Supplier.objects.filter(pk__in=wanted).values_list(*fields).order_by():
            suppliers[row[0]] = row
        wanted = {row[-1] for row in suppliers.values() if row[-1]}
    surviving = {pk: survivor(pk, suppliers) for pk, _, _ in awarded if pk in suppliers}
    keys = _organisation_keys(surviving.values())
    # Its register entry's postcodes, those merged into it and its profile's (spend/places.py).
    _, places = supplier_places(surviving.values())
    cpvs: dict[int, list[str]] = defaultdict(list)
    for process_id, code in ProcessCpv.objects.filter(
        process_id__in={process for _, process, _ in awarded}, is_main=True
    ).values_list("process_id", "code"):
        cpvs[process_id].append(code)
    names = dict(
        CpvCode.objects.filter(code__in={c for codes in cpvs.values() for c in codes}).values_list(
            "code", "description"
        )
    )
    for pk, process_id, buyer in awarded:
        if pk not in surviving:
            continue
        target = surviving[pk]
        key = keys[target]
        found = places.get(target, [])
        if not gathering.judge(AWARD, key, found):
            continue
        row = gathering.row(key, AWARD)
        entry = suppliers[target]
        row.name = row.name or entry[1]
        if row.is_sme is None and entry[3]:
            row.is_sme = entry[3].lower() == "sme"
        row.is_vcse = row.is_vcse if row.is_vcse is not None else entry[4]
        within = [p.postcode for p in found if p.postcode and contains(gathering.definition, p)]
        row.awarded.setdefault(", ".join(within), set()).add(buyer or "a buyer")
        row.postcodes |= set(within)
        for code in cpvs.get(process_id, []):
            label = f"CPV {code} {names.get(code, '')}".strip()
            row.awarded_in.setdefault(label, set()).add(buyer or "a buyer")


def smes_of(definition: Definition) -> Found:
    """Every supplier the network knows to be inside the area, with how many it could not place."""
    gathering = _Gathering(definition)
    _profiles(gathering)
    _payees(gathering)
    _awards(gathering)
    return gathering.found()
