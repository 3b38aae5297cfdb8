"""The network comparison: every anchor's scorecard side by side, the network's own figures (all
its anchors' releases together, not an average of their figures) and the national benchmark
(every buyer in the data). The releases are read once, for every buyer, and sliced per anchor
(`scorecard/slicing.py`). The public sees only anchors that have published their scorecards, and
the network's figures over those anchors alone."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core.downloads import table_download
from core.permissions import ANYONE, allow, role_of
from core.roles import Role
from core.tables import Column, Table
from network.models import Organisation
from scorecard import presenting, slicing, visibility
from scorecard.gathering import organisation_buyer, tables_for
from scorecard.indicators import INDICATORS
from scorecard.periods import Period
from scorecard.presenting import Line
from scorecard.report import scorecard_of
from scorecard.ring_awards import RingAwards, ring_awards
from scorecard.ring_places import places, standard_rules
from scorecard.ring_tables import comparison_rings_table
from scorecard.views.scorecards import FORMATS, period_form, period_or_400, published_ids


@dataclass
class BuyerColumn:
    """One buyer (or group) in the comparison."""

    heading: str
    kind: str  # anchor, network, national
    url: str = ""
    published: bool = True
    notices: dict[str, int] = field(default_factory=dict)
    lines: dict[str, Line] = field(default_factory=dict)
    rings: list[RingAwards] = field(default_factory=list)  # an anchor's standard rings


@dataclass
class Comparison:
    period: Period
    columns: list[BuyerColumn]
    everyone: bool  # the network's figures are over every anchor (else the published ones)
    sample: bool = False  # generated sample notices are among those counted

    @property
    def names(self) -> list[str]:
        return list(INDICATORS)

    def rows(self) -> list[tuple[Line, list[Line]]]:
        """Per indicator: its line on the first column (for label and how) and each column's."""
        return [
            (self.columns[0].lines[name], [c.lines[name] for c in self.columns])
            for name in self.names
            if self.columns and name in self.columns[0].lines
        ]

    def by_buyer(self) -> list[tuple[BuyerColumn, list[Line]]]:
        """Per buyer (anchors, the network, every buyer): each indicator's line."""
        return [
            (c, [c.lines[name] for name in self.names if name in c.lines]) for c in self.columns
        ]

    def rings_table(self) -> Table:
        """Every anchor's awards to suppliers in the standard rings."""
        return comparison_rings_table(
            [(c.heading, c.rings) for c in self.columns if c.kind == "anchor"], self.period.label
        )

    def notice_types(self) -> list[str]:
        found = {kind for column in self.columns for kind in column.notices}
        return sorted(found, key=lambda kind: int(kind[2:]))


def compare(role: Role, period: Period) -> Comparison:
    """Every anchor the role sees, the network and every buyer, from one read of the releases."""
    everything = tables_for(None, period.since, period.until)
    anchors = list(Organisation.objects.anchors().order_by("name"))
    published = published_ids()
    shown = visibility.visible(role, anchors, published)
    everyone = visibility.sees_every_scorecard(role)
    columns = []
    keys = [organisation_buyer(anchor).key for anchor in shown]
    published_places, registered_places = places(
        everything.awards.filter(pl.col("buyer_key").is_in(keys))
    )
    for anchor in shown:
        buyer = organisation_buyer(anchor)
        tables = slicing.only(everything, [buyer.key])
        card = scorecard_of(tables, buyer, period.since, period.until)
        rings = ring_awards(tables, standard_rules(anchor), published_places, registered_places)
        columns.append(
            BuyerColumn(
                anchor.name,
                "anchor",
                reverse("scorecard:scorecard", args=[anchor.slug]) + period.query(),
                anchor.pk in published,
                card.notices,
                {item.name: item for item in presenting.lines(card)},
                rings,
            )
        )
    members = anchors if everyone else shown
    network = slicing.only(everything, [organisation_buyer(a).key for a in members])
    national = everything
    if not everyone:  # unpublished anchors' ledgers may not be read off the national figures
        hidden = [organisation_buyer(a).key for a in anchors if a not in shown]
        national = slicing.without_ledgers(everything, hidden)
    for heading, kind, tables in (
        ("The network" if everyone else "Published anchors together", "network", network),
        ("Every buyer in the data", "national", national),
    ):
        card = scorecard_of(tables, None, period.since, period.until)
        columns.append(
            BuyerColumn(
                heading,
                kind,
                notices=card.notices,
                lines={item.name: item for item in presenting.lines(card)},
            )
        )
    sample = bool(everything.notices.filter("in_period")["sample"].any())
    return Comparison(period, columns, everyone, sample)


def indicators_table(result: Comparison) -> Table:
    """One row per buyer (anchors, the network, every buyer), one column per indicator."""
    names = result.names
    return Table(
        "indicators",
        f"Scorecard comparison, {result.period.label}",
        [Column("buyer", "Buyer")]
        + [
            Column(name, presenting.label_of(name), presenting.KINDS[INDICATORS[name].unit])
            for name in names
        ],
        [
            {"buyer": column.heading}
            | {
                name: presenting.raw(column.lines[name].figure.value, column.lines[name].unit)
                for name in names
                if name in column.lines
            }
            for column in result.columns
        ],
    )


def notices_table(result: Comparison) -> Table:
    kinds = result.notice_types()
    return Table(
        "notices",
        f"Notices by type, {result.period.label}",
        [Column("buyer", "Buyer")] + [Column(kind, kind, "count") for kind in kinds],
        [
            {"buyer": column.heading} | {kind: column.notices.get(kind, 0) for kind in kinds}
            for column in result.columns
        ],
        note="A release counts once for each UK notice type in any of its documents lists.",
    )


@allow(ANYONE)
def comparison(request):
    form = period_form(request)
    role = role_of(request.user)
    context: dict = {
        "form": form,
        "page_url": reverse("scorecard:comparison"),
        "everyone": visibility.sees_every_scorecard(role),
    }
    if not form.errors:
        result = compare(role, form.chosen)
        context |= {
            "result": result,
            "period": result.period,
            "notices": notices_table(result),
            "rings": result.rings_table(),
            "query": result.period.query(),
        }
    return render(request, "scorecard/comparison.html", context)


@allow(ANYONE)
def comparison_download(request, table, fmt):
    if table not in ("indicators", "notices", "rings") or fmt not in FORMATS:
        raise Http404("No such table")
    result = compare(role_of(request.user), period_or_400(request))
    if table == "rings":
        chosen = result.rings_table()
    else:
        chosen = indicators_table(result) if table == "indicators" else notices_table(result)
    return table_download(chosen, f"scorecard-network-{result.period.stem}-{table}", fmt)
