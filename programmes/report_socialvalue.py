"""The programme report's social-value section (70): for the contracts awarded from the challenges
the programme tackles, each commitment's quantity committed, expected to date, delivered (accepted
reports only) and overdue reports, with the optional proxy values; then the same per metric.
Figures are the social-value app's own (`socialvalue/summaries.py` over `socialvalue/measures.py`).
Imported by ProgrammesConfig.ready()."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from programmes.report_sections import Section, Table, section
from socialvalue import access as socialvalue_access
from socialvalue import summaries
from socialvalue.models import Contract

BY_METRIC_HEADERS = ("Metric", "Unit", "Commitments", "Committed", "Delivered", "Reports overdue")


def by_metric(rows: list[dict]) -> tuple[tuple, ...]:
    """Per metric and unit: commitments, quantity committed and delivered, reports overdue."""
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [0, Decimal(0), Decimal(0), 0])
    for row in rows:
        total = totals[(row["metric_title"], row["unit"])]
        total[0] += 1
        total[1] += Decimal(row["committed"] or 0)
        total[2] += Decimal(row["delivered"] or 0)
        total[3] += row["overdue"]
    return tuple((metric, unit, *values) for (metric, unit), values in sorted(totals.items()))


@section("social_value", 70, for_viewer=True)
def social_value(programme, viewer=None) -> Section | None:
    """Totals by metric for every reader; each commitment (its contract, supplier and reports)
    only for those the social-value app shows that contract to: coordinators, the buyer's staff
    and the supplier's members."""
    challenge_ids = list(programme.challenges.values_list("pk", flat=True))
    if not challenge_ids:
        return None
    rows = summaries.for_challenges(challenge_ids)
    words = (
        "Social value the suppliers of the programme's challenges committed to in their contracts, "
        "measured with the government's Social Value Model (PPN 002), against what they reported "
        "and the buyer accepted. Expected to date is the committed quantity pro rata to the days "
        "of the commitment's period that have passed."
    )
    if not rows:
        return Section(
            key="social_value",
            title="Social value committed and delivered",
            paragraphs=(words, "No social-value commitments are recorded on these contracts yet."),
        )
    overdue = sum(row["overdue"] for row in rows)
    contracts = Contract.objects.in_bulk({row["contract"] for row in rows})
    own = [
        row
        for row in rows
        if viewer is None or socialvalue_access.may_see(viewer, contracts[row["contract"]])
    ]
    if len(own) < len(rows):
        words = (
            f"{words} Each commitment's contract and supplier are shown only to the buyer's "
            "staff, the supplier and the network's coordinators: "
            f"{len(rows) - len(own)} of {len(rows)} are left out of the second table here."
        )
    return Section(
        key="social_value",
        title="Social value committed and delivered",
        paragraphs=(words,),
        facts=(
            ("Commitments", str(len(rows))),
            ("Contracts", str(len(contracts))),
            ("Reports overdue", str(overdue)),
        ),
        tables=(
            Table(
                key="Social value by metric",
                title="Committed and delivered by metric",
                headers=BY_METRIC_HEADERS,
                rows=by_metric(rows),
            ),
            Table(
                key="Social value commitments",
                title="Each commitment",
                headers=summaries.HEADERS,
                rows=summaries.as_tuples(own),
                money_columns=(
                    summaries.KEYS.index("proxy_committed"),
                    summaries.KEYS.index("proxy_delivered"),
                ),
            ),
        ),
    )
