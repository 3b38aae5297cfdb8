"""Schools and academy trusts: the DfE schools list (GIAS) and academy trusts with their company
numbers. Pure."""

from __future__ import annotations

from network.identifiers import normalise_company_number
from registers.formats.base import (
    Entry,
    Rejected,
    by_column,
    has_columns,
    read_postcode,
    register_format,
)
from registers.rules import defaults, rule_facts


@register_format(
    "dfe-schools",
    "schools",
    "DfE schools list (GIAS cut): urn, name, town, postcode, open_date, close_date",
    has_columns("urn", "name", "postcode", "close_date"),
)
def read_schools(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        if not row["urn"].isdigit() or not row["name"]:
            yield number, cells, Rejected(f"urn {row['urn']!r} is not a URN, or no name")
            continue
        postcode = read_postcode(row["postcode"])
        yield (
            number,
            cells,
            Entry(
                identifier=row["urn"],
                name=row["name"][:300],
                scheme="GB-EDU",
                postcode=postcode.postcode,
                kind="School or other establishment",
                is_active=not row["closedate"],
                facts={
                    "town": row.get("town", ""),
                    "opened": row.get("opendate", ""),
                    "closed": row["closedate"],
                    **postcode.flag,
                    **rule_facts("schools"),
                },
                **defaults("schools"),
            ),
        )


@register_format(
    "academy-trusts",
    "academy-trusts",
    "Academy trusts with company numbers: Type, Entity, Company Number",
    has_columns("Type", "Entity", "Company Number"),
)
def read_academy_trusts(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        try:
            company = normalise_company_number(row["companynumber"])
        except ValueError:
            yield number, cells, Rejected(f"Company Number {row['companynumber']!r} is not one")
            continue
        if not row["entity"]:
            yield number, cells, Rejected("Entity (the trust's name) is empty")
            continue
        yield (
            number,
            cells,
            Entry(
                identifier=company,
                name=row["entity"][:300],
                scheme="GB-COH",
                facts={
                    "company_number": company,
                    "type": row["type"],
                    "oscar_cpid": row.get("oscarcpid", ""),
                    **rule_facts("academy-trusts"),
                },
                **defaults("academy-trusts"),
            ),
        )
