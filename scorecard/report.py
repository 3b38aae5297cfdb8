"""One scorecard: a buyer's notices counted by type and every indicator's figure and band over a
period, as `anchorhub scorecard --json`, the pages and the API give it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from core import datafiles
from network.models import Organisation
from scorecard.gathering import Buyer, tables_for
from scorecard.indicators import INDICATORS, Figure, band_of, evaluate
from scorecard.notice_counts import notice_counts
from scorecard.notice_table import Tables
from scorecard.ring_awards import RingAwards
from scorecard.ring_places import ring_awards_for


@cache
def indicator_data() -> dict:
    """scorecard/data/indicators.json's content, each source in words as readers see them."""
    found = datafiles.load(("scorecard", "indicators"), cited=True)["indicators"]
    return {
        name: entry | {"source": datafiles.for_readers(entry["source"])}
        if isinstance(entry.get("source"), str)
        else entry
        for name, entry in found.items()
    }


@dataclass(frozen=True)
class Scorecard:
    buyer: Buyer | None  # None: every buyer in the data (the national benchmark)
    since: date | None
    until: date | None
    tables: Tables
    notices: dict[str, int]
    figures: dict[str, Figure]
    # Awards to suppliers in each of the anchor's rings (scorecard/ring_awards.py); none for a
    # buyer outside the network and for every buyer together.
    ring_awards: tuple[RingAwards, ...] = ()

    def band(self, name: str) -> str | None:
        return band_of(self.figures[name].value, indicator_data().get(name, {}).get("bands"))

    def figure_unit(self, name: str) -> str:
        return INDICATORS[name].unit

    def as_json(self) -> dict:
        """The keys issue 16 names (buyer, since, until, notices, indicators) and issue 19's
        ring_awards."""
        return {
            "buyer": self.buyer.name if self.buyer else None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "notices": self.notices,
            "indicators": {
                name: figure.as_json(self.band(name)) for name, figure in self.figures.items()
            },
            "ring_awards": [ring.as_json() for ring in self.ring_awards],
        }


def scorecard_of(tables: Tables, buyer: Buyer | None, since, until) -> Scorecard:
    """The scorecard over tables already read. Pure."""
    return Scorecard(buyer, since, until, tables, notice_counts(tables.notices), evaluate(tables))


def with_rings(card: Scorecard, anchor: Organisation | None) -> Scorecard:
    """The scorecard with the awards to suppliers in each of the anchor's rings (a network
    organisation; none when None)."""
    return replace(card, ring_awards=tuple(ring_awards_for(card.tables, anchor)))


def scorecard(
    buyer: Buyer | None, since: date | None = None, until: date | None = None
) -> Scorecard:
    card = scorecard_of(tables_for(buyer, since, until), buyer, since, until)
    if buyer is None or not buyer.is_network:
        return card
    return with_rings(card, Organisation.objects.filter(pk=buyer.organisation_id).first())
