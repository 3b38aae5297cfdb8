"""Social-housing providers: the Regulator of Social Housing's and the HCA's lists of registered
providers, and the providers' company and charity numbers (charity-lookups), added to the
providers loaded before them. Pure."""

from __future__ import annotations

from registers.formats.base import (
    Entry,
    Rejected,
    Supplement,
    by_column,
    has_columns,
    key,
    register_format,
)
from registers.rules import register_rule, rule_facts


def _housing(designation: str) -> str:
    return register_rule("social-housing")["sector_by_designation"].get(
        designation.strip().lower(), ""
    )


@register_format(
    "rsh-providers",
    "social-housing",
    "Regulator of Social Housing providers: organisation_name, registration_number, designation, "
    "corporate_form",
    has_columns("organisation_name", "registration_number", "designation"),
)
def read_rsh(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        yield (
            number,
            cells,
            _provider(
                row["registrationnumber"],
                row["organisationname"],
                row["designation"],
                {
                    "corporate_form": row.get("corporateform", ""),
                    "registered": row.get("registrationdate", ""),
                },
            ),
        )


@register_format(
    "hca-providers",
    "social-housing",
    "HCA registered providers: Registered Provider Name, RP Code, Designation, Legal Entity",
    has_columns("Registered Provider Name", "RP Code", "Designation"),
)
def read_hca(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        yield (
            number,
            cells,
            _provider(
                row["rpcode"],
                row["registeredprovidername"],
                row["designation"],
                {
                    "legal_entity": row.get("legalentity", ""),
                    "registered": row.get("registrationdate", "")[:10],
                },
            ),
        )


def _provider(code, name, designation, facts):
    if not code or not name:
        return Rejected("no registration number or name")
    sector = _housing(designation)
    if not sector:
        return Rejected(f"designation {designation!r} is not Local authority, Non-profit or Profit")
    return Entry(
        identifier=code.upper(),
        name=name[:300],
        scheme="GB-SHPE",
        sector=sector,
        kind=f"Registered provider of social housing ({designation.strip()})",
        is_vcse=None if sector == "third" else False,
        size="large" if sector == "public" else "",
        size_basis="public body" if sector == "public" else "",
        facts={"designation": designation, **facts, **rule_facts("social-housing")},
    )


@register_format(
    "rsp-numbers",
    "social-housing",
    "Registered providers' company and charity numbers (charity-lookups): org_id_a (GB-SHPE-…), "
    "company_number, charity_number",
    has_columns("org_id_a", "company_number", "charity_number"),
)
def read_rsp_numbers(header, rows):
    """Adds to the providers the regulator's list loaded. The file's header names 8 columns
    for 6 fields (two spurious cells at its end): read by position of the named ones."""
    at = {key(h): i for i, h in enumerate(header)}
    for number, cells in rows:
        ident = cells[at["orgida"]].strip() if len(cells) > at["orgida"] else ""
        if not ident.upper().startswith("GB-SHPE-"):
            yield number, cells, Rejected(f"org_id_a {ident!r} is not a GB-SHPE- provider id")
            continue
        facts = {}
        for column in ("companynumber", "charitynumber"):
            value = cells[at[column]].strip() if len(cells) > at[column] else ""
            if value:
                facts[column.replace("number", "_number")] = value
        yield number, cells, Supplement("social-housing", ident[8:].upper(), facts=facts)
