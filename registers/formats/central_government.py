"""Central-government bodies: the Cabinet Office Public Bodies Directory, the GOV.UK
government-organisation register, the ONS public sector classification guide and the 2015
designation list. Pure."""

from __future__ import annotations

import hashlib

from registers.formats.base import (
    Entry,
    Rejected,
    by_column,
    has_columns,
    key,
    register_format,
)
from registers.rules import defaults, register_rule, rule_facts


@register_format(
    "cabinet-office-pbd",
    "public-bodies",
    "Cabinet Office Public Bodies Directory: overall_alb_name, overall_copbt_uid, "
    "overall_classification, overall_parent_department",
    has_columns("overall_alb_name", "overall_copbt_uid", "overall_classification"),
)
def read_pbd(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        if not row["overallcopbtuid"] or not row["overallalbname"]:
            yield number, cells, Rejected("overall_copbt_uid or overall_alb_name is empty")
            continue
        short = row.get("overallalbshortname", "")
        yield (
            number,
            cells,
            Entry(
                identifier=row["overallcopbtuid"],
                name=row["overallalbname"][:300],
                kind=row["overallclassification"][:100],
                facts={
                    "department": row.get("overallparentdepartment", ""),
                    "financial_year": row.get("overallfinancialyear", ""),
                    "regional_scope": row.get("overallregionalscope", ""),
                    **rule_facts("public-bodies"),
                },
                aliases=(short,) if short and short.upper() not in {"N/A", "NA"} else (),
                **defaults("public-bodies"),
            ),
        )


@register_format(
    "govuk-organisations",
    "government-organisations",
    "GOV.UK government-organisation register: government-organisation, name, website, "
    "start-date, end-date",
    has_columns("government-organisation", "name", "end-date"),
)
def read_govuk(header, rows):
    cells_of = by_column(header)
    # Organisations the 2017 register still lists that are no longer public (data, with sources).
    not_public = register_rule("government-organisations").get("not_public", {})
    for number, cells in rows:
        row = cells_of(cells)
        if not row["governmentorganisation"] or not row["name"]:
            yield number, cells, Rejected("government-organisation or name is empty")
            continue
        code = row["governmentorganisation"]
        yield (
            number,
            cells,
            Entry(
                identifier=code,
                name=row["name"][:300],
                is_active=not row["enddate"],
                facts={
                    "website": row.get("website", ""),
                    "ended": row["enddate"],
                    **rule_facts("government-organisations"),
                    **({"not_public": not_public[code]["reason"]} if code in not_public else {}),
                },
                **{
                    **defaults("government-organisations"),
                    **(
                        {"sector": not_public[code]["sector"], "size": ""}
                        if code in not_public
                        else {}
                    ),
                },
            ),
        )


@register_format(
    "ons-pscg",
    "public-sector-classification",
    "ONS public sector classification guide: name, sector, esa-2010, start-date",
    has_columns("name", "sector", "esa-2010"),
)
def read_pscg(header, rows):
    cells_of = by_column(header)
    rule = register_rule("public-sector-classification")
    sectors = rule["sector_by_classification"]
    for number, cells in rows:
        row = cells_of(cells)
        name, classification = row["name"], row["sector"]
        if not name:
            yield number, cells, Rejected("name is empty")
            continue
        lowered = classification.lower()
        former = lowered.startswith("former")
        facts = {
            "classification": classification,
            "esa_2010": row["esa2010"],
            "start": row.get("startdate", "")[:10],
            **rule_facts("public-sector-classification"),
        }
        sector = "" if former else sectors.get(lowered, "")
        if "registered provider" in name.lower() or "housing association" in name.lower():
            sector = ""  # PRPs were public corporations only in this 2017 issue (see the rules)
            facts["not_public_because"] = "private registered providers: ONS reclassified them"
        yield (
            number,
            cells,
            Entry(
                identifier=_digest(name),
                name=name[:300],
                sector=sector,
                kind=classification[:100],
                is_active=not former,
                is_vcse=False if sector == "public" else None,
                facts=facts,
            ),
        )


def _digest(text: str) -> str:
    return "sha1:" + hashlib.sha1(text.lower().encode()).hexdigest()  # noqa: S324 - a key, not security


@register_format(
    "public-bodies-2015",
    "public-bodies-2015",
    "Cabinet Office Public Bodies 2015 designation list: a single name column",
    lambda header, sample=(): [key(h) for h in header] == ["name"],
)
def read_designation(header, rows):
    for number, cells in rows:
        name = cells[0].strip() if cells else ""
        if not name:
            yield number, cells, Rejected("name is empty")
            continue
        yield (
            number,
            cells,
            Entry(
                identifier=_digest(name),
                name=name[:300],
                facts=rule_facts("public-bodies-2015"),
                **defaults("public-bodies-2015"),
            ),
        )
