"""A case as the export and the API give it: a dict (JSON) and a row of the CSV export."""

from __future__ import annotations

import io

from cases.models import Case
from challenges.routefinder import route_names
from core import csvfile


def as_dict(case: Case, absolute) -> dict:
    routes = dict(route_names())
    return {
        "slug": case.slug,
        "title": case.title,
        "summary": case.summary,
        "problem": case.problem,
        "buyers": case.buyer_names,
        "buyer_type": case.buyer_type,
        "suppliers": case.supplier_names,
        "supplier_is_sme": case.supplier_is_sme,
        "sectors": [s.slug for s in case.sectors.all()],
        "place": case.place,
        "route": case.route,
        "route_name": routes.get(case.route, case.route),
        "value": float(case.value) if case.value is not None else None,
        "value_note": case.value_note,
        "start_year": case.start_year,
        "end_year": case.end_year,
        "barriers": [b.slug for b in case.barriers.all()],
        "barriers_overcome": case.barriers_overcome,
        "lessons": case.lessons,
        "outcomes": [
            {
                k: getattr(o, k)
                for k in ("measure", "baseline", "result", "unit", "kind", "is_claim")
            }
            for o in case.outcomes.all()
        ],
        "sources": [{"title": s.title, "url": s.url} for s in case.sources.all()],
        "ocids": case.ocids,
        "sharing_level": case.level,
        "published_at": case.published_at.isoformat() if case.published_at else None,
        "url": absolute(case.get_absolute_url()),
    }


CSV_COLUMNS = [
    "slug",
    "title",
    "summary",
    "buyers",
    "buyer_type",
    "suppliers",
    "supplier_is_sme",
    "sectors",
    "place",
    "route_name",
    "value",
    "start_year",
    "end_year",
    "barriers",
    "lessons",
    "outcomes",
    "sources",
    "sharing_level",
    "url",
]


def as_csv(cases: list[Case], absolute) -> str:
    out = io.StringIO()
    writer = csvfile.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for case in cases:
        row = as_dict(case, absolute)
        row["sectors"] = "; ".join(row["sectors"])
        row["barriers"] = "; ".join(row["barriers"])
        row["outcomes"] = "; ".join(
            f"{o['measure']}: {o['baseline'] + ' to ' if o['baseline'] else ''}{o['result']} {o['unit']}".strip()
            for o in row["outcomes"]
        )
        row["sources"] = "; ".join(s["title"] for s in row["sources"])
        writer.writerow(row)
    return out.getvalue()
