"""Awards to suppliers in each of the anchor's rings (issue 19): for each ring the anchor reports
(its own local authority, the WMCA area, the West Midlands region and the UK as standard, or the
rings it chose: areas such as East Birmingham, "within 5 miles of our sites"), how many of the
period's awards went to suppliers placed inside, their value and its share of all the value
awarded, and, as their own figures, the awards whose supplier could not be placed for that ring:
a supplier whose place is not known is never counted as outside.

The awards are those the supplier indicators count (`indicators.suppliers.awarded`: the latest
release of each award, ended awards left out, each award and supplier once, an award's value
shared equally among its suppliers). A supplier's places are the postcode its award notice
published, its supplier register entry's postcodes (the register's own, its network profile's
and sites') and the local authority the ledger registers it in; whether one is inside is
`reference.area_rules.any_inside`. The UK ring needs only a UK address: a UK postcode, or the
notice's country (GB); a supplier known to be abroad is outside every ring.

Pure: the caller looks the places up (`scorecard/ring_places.py`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from reference.area_rules import CHECKS, Definition, Where, any_inside, places_of
from scorecard.indicators.suppliers import awarded
from scorecard.notice_table import Tables

# What a notice's address may say of a country in the UK (the code as OCDS gives it, or a name).
UK_COUNTRIES = frozenset(
    {
        "GB",
        "UK",
        "GBR",
        "UNITED KINGDOM",
        "GREAT BRITAIN",
        "ENGLAND",
        "SCOTLAND",
        "WALES",
        "NORTHERN IRELAND",
    }
)


@dataclass(frozen=True)
class RingRule:
    """One ring as the awards are judged against it: its definition (an area, a radius, a set of
    local authorities), or `uk` for the UK ring (any UK address). A ring with neither (the
    anchor's own authority when its postcode is not known) places no supplier."""

    key: str
    label: str
    definition: Definition | None = None
    uk: bool = False
    needs: str = ""
    source: str = ""  # where an area's definition comes from (spend/rings.Ring.source)
    confidence: str = ""  # V, S or U (reference/area_rules.CHECKS)


@dataclass(frozen=True)
class RingAwards:
    """One ring's figures over the period's awards."""

    ring: str
    label: str
    awards: int  # awards (each award and supplier once) to suppliers placed inside
    value: float  # their value (an award's value shared among its suppliers)
    share: float | None  # value ÷ all the value awarded in the period; None when nothing valued
    unplaced_awards: int  # awards whose supplier could not be placed for this ring
    unplaced_value: float
    total_awards: int
    total_value: float
    needs: str = ""
    source: str = ""
    confidence: str = ""  # V, S or U: U is "check before relying on this"

    @property
    def check(self) -> str:
        """The confidence in words (reference/area_rules.CHECKS), or ""."""
        return CHECKS.get(self.confidence, "")

    def as_json(self) -> dict:
        return {
            "ring": self.ring,
            "label": self.label,
            "awards": self.awards,
            "value": self.value,
            "share": self.share,
            "unplaced_awards": self.unplaced_awards,
            "unplaced_value": self.unplaced_value,
            "source": self.source,
            "confidence": self.confidence,
        }


def in_uk(country: str, places: Sequence[Where]) -> bool | None:
    """Whether a supplier is in the UK: True with any UK place (a UK postcode, a local
    authority) or a UK country; False when its notice names another country and no UK place is
    known; None when nothing is known."""
    if any(place.postcode or place.la for place in places):
        return True
    named = (country or "").strip().upper()
    if not named:
        return None
    return named in UK_COUNTRIES


def placed(rule: RingRule, country: str, places: Sequence[Where]) -> bool | None:
    """Whether a supplier with these places is inside the ring: True, False, or None."""
    uk = in_uk(country, places)
    if rule.uk:
        return uk
    if uk is False:  # abroad: outside every ring, all of which are in the UK
        return False
    if rule.definition is None:
        return None
    return any_inside(rule.definition, places)


def supplier_places(
    tables: Tables,
    published: Mapping[str, Where],
    registered: Mapping[int, Sequence[Where]],
) -> list[tuple[str, list[Where], float | None]]:
    """Each award of the period (awarded()) as (country, places, awarded value): the postcode its
    notice published (as `published` places it, keyed by normalised postcode), its register
    entry's places (`registered`, by supplier register id) and the local authority the ledger
    registers it in (the tables' supplier facts, for the award's buyer) when no postcode of it
    is in that authority."""
    rows = awarded(tables)
    ledger: dict[tuple[str, int], str] = {}
    if tables.suppliers is not None and not tables.suppliers.is_empty():
        for buyer_key, supplier_id, place in (
            tables.suppliers.filter(pl.col("place").is_not_null() & (pl.col("place") != ""))
            .select("buyer_key", "supplier_id", "place")
            .iter_rows()
        ):
            ledger.setdefault((buyer_key, supplier_id), place)
    found = []
    for row in rows.select("buyer_key", "postcode", "country", "supplier_id", "awarded").iter_rows(
        named=True
    ):
        # A published postcode that cannot be read is a place not known (places_of).
        places = places_of([row["postcode"]], published)
        if row["supplier_id"] is not None:
            places += list(registered.get(row["supplier_id"], ()))
            authority = ledger.get((row["buyer_key"], row["supplier_id"]))
            if authority and all(place.la != authority for place in places):
                # Known only by its authority: a place of its own (else it tells nothing more
                # than the postcode in that authority already does).
                places.append(Where(la=authority))
        found.append((row["country"] or "", places, row["awarded"]))
    return found


def _money(amount: float | None) -> float:
    """An award's value as counted: none, or not more than nothing, counts as no value."""
    return float(amount) if amount is not None and amount > 0 else 0.0


def ring_awards(
    tables: Tables,
    rules: Sequence[RingRule],
    published: Mapping[str, Where],
    registered: Mapping[int, Sequence[Where]],
) -> list[RingAwards]:
    """Each ring's awards, value, share and not-placed figures over the period's awards."""
    rows = [
        (country, places, _money(amount))
        for country, places, amount in supplier_places(tables, published, registered)
    ]
    total_value = sum(amount for _c, _p, amount in rows)
    results = []
    for rule in rules:
        awards = unplaced = 0
        value = unplaced_value = 0.0
        for country, places, amount in rows:
            answer = placed(rule, country, places)
            if answer is True:
                awards += 1
                value += amount
            elif answer is None:
                unplaced += 1
                unplaced_value += amount
        results.append(
            RingAwards(
                ring=rule.key,
                label=rule.label,
                awards=awards,
                value=value,
                share=value / total_value if total_value else None,
                unplaced_awards=unplaced,
                unplaced_value=unplaced_value,
                total_awards=len(rows),
                total_value=total_value,
                needs=rule.needs,
                source=rule.source,
                confidence=rule.confidence,
            )
        )
    return results
