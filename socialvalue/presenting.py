"""The commitments pages' tables (core.tables.Table): committed against delivered per contract,
supplier, anchor and metric, and what is overdue. Pure: measures' rows in, tables out."""

from __future__ import annotations

from core.tables import Column, Table
from socialvalue import measures

GROUPS = {
    "contract": "By contract",
    "supplier": "By supplier",
    "anchor": "By anchor",
}
TABLES = ("metric", "contract", "supplier", "anchor", "overdue")
PROXY_NOTE = "A proxy value is “Not known” when no commitment in the row has one."


def _group_table(name: str, rows: list[dict], links: dict | None = None) -> Table:
    for row in rows:
        if links and row["key"] in links:
            row["url"] = links[row["key"]]
    return Table(
        name=name,
        title=f"{GROUPS[name]}: commitments on track and proxy value",
        columns=[
            Column("label", name.title(), link="url" if links else ""),
            Column("commitments", "Commitments", "count"),
            Column("on_track", "On track to date", "count"),
            Column("overdue", "Reports overdue", "count"),
            Column("proxy_committed", "Proxy value committed", "money"),
            Column("proxy_delivered", "Proxy value delivered", "money"),
        ],
        rows=rows,
        empty="No commitments to show.",
        note="Quantities of different metrics are not added up here; see the table by metric. "
        + PROXY_NOTE,
    )


def tables(items: list[measures.Progress], contract_urls: dict[int, str]) -> dict[str, Table]:
    metric = Table(
        name="metric",
        title="By metric: committed, expected to date and delivered",
        columns=[
            Column("label", "Metric"),
            Column("unit", "Unit"),
            Column("commitments", "Commitments", "count"),
            Column("committed", "Committed (whole period)", "count"),
            Column("expected_to_date", "Expected to date (pro rata)", "count"),
            Column("delivered", "Delivered (accepted reports)", "count"),
            Column("share_delivered", "Share of whole period delivered", "share"),
            Column("proxy_committed", "Proxy value committed", "money"),
            Column("proxy_delivered", "Proxy value delivered", "money"),
        ],
        rows=measures.by_metric(items),
        empty="No commitments to show.",
        note="Delivered counts accepted reports only; expected to date is pro rata to the days "
        "of each commitment's period that have passed. " + PROXY_NOTE,
    )
    late = measures.overdue(items)
    for row in late:
        row["state_words"] = measures.STATE_WORDS[row["state"]]
        row["url"] = contract_urls.get(row["contract"], "")
        row["period"] = f"{row['start']:%d %b %Y} to {row['end']:%d %b %Y}"
        row["due_shown"] = f"{row['due']:%d %b %Y}"
    overdue = Table(
        name="overdue",
        title="Reports overdue",
        columns=[
            Column("contract_title", "Contract", link="url"),
            Column("supplier", "Supplier"),
            Column("metric_title", "Metric"),
            Column("period", "Reporting period"),
            Column("due_shown", "Due by"),
            Column("state_words", "State"),
        ],
        rows=late,
        empty="Nothing is overdue.",
        note=f"A reporting period is overdue {measures.GRACE_DAYS} days after it ends while no "
        "accepted report covers it.",
    )
    return {
        "metric": metric,
        "contract": _group_table("contract", measures.by_group(items, "contract"), contract_urls),
        "supplier": _group_table("supplier", measures.by_group(items, "supplier")),
        "anchor": _group_table("anchor", measures.by_group(items, "anchor")),
        "overdue": overdue,
    }
