"""Charity and other third-sector registers: UK-CAT's extracts of the three charity registers
(England and Wales, Scotland, Northern Ireland), the Charity Commission's own public extract
(publicextract.charity, England and Wales), the Northern Ireland commission's register download,
HMRC's community amateur sports clubs, the FCA mutuals register as David Kane's cross-walk gives
it, and UK-CAT's list of community interest companies."""

from __future__ import annotations

import re

from network.identifiers import normalise_company_number
from registers.formats.base import (
    Entry,
    Rejected,
    by_column,
    has_columns,
    postcode_in_address,
    read_postcode,
    register_format,
    truthy,
    whole_number,
)
from registers.rules import charity_size, defaults, rule_facts

SCHEMES = {"ccew": "GB-CHC", "oscr": "GB-SC", "ccni": "GB-NIC"}


def _company(raw: str) -> str:
    """A company number as charity registers give it ('2324869.0', '0' for none) → '02324869'."""
    text = (raw or "").strip()
    text = text.removesuffix(".0")
    if not text or text.strip("0") == "":
        return ""
    try:
        return normalise_company_number(text)
    except ValueError:
        return ""


def _charity(identifier, name, scheme, postcode_raw, income, company, active, facts, kind=""):
    postcode = read_postcode(postcode_raw)
    size, basis = charity_size(income)
    facts = {**facts, **postcode.flag, **rule_facts("charities")}
    if company:
        facts["company_number"] = company
    if income is not None:
        facts["income"] = income
    return Entry(
        identifier=identifier,
        name=name[:300],
        scheme=scheme,
        postcode=postcode.postcode,
        size=size,
        size_basis=basis,
        is_active=active,
        facts=facts,
        **{**defaults("charities"), **({"kind": kind} if kind else {"kind": "Registered charity"})},
    )


@register_format(
    "ukcat-charities",
    "charities",
    "UK-CAT charity extract: org_id, reg_number, name, postcode, source (CCEW/OSCR/CCNI), income, "
    "company_number",
    has_columns("org_id", "reg_number", "name", "postcode", "source", "income"),
)
def read_ukcat(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        source = row["source"].lower()
        scheme = SCHEMES.get(source)
        if not scheme:
            yield number, cells, Rejected(f"source {row['source']!r} is not CCEW, OSCR or CCNI")
            continue
        reg = row["regnumber"]
        if not reg or not row["name"]:
            yield number, cells, Rejected("reg_number or name is empty")
            continue
        if scheme == "GB-NIC" and reg.upper().startswith("NI"):
            reg = reg[2:]  # UK-CAT gives "NI100095"; the identifier is GB-NIC-100095 (its org_id)
        yield (
            number,
            cells,
            _charity(
                f"{scheme}-{reg}",
                row["name"],
                scheme,
                row["postcode"],
                whole_number(row["income"]),
                _company(row.get("companynumber", "")),
                truthy(row.get("active", "")) is not False,
                {
                    "register": source.upper(),
                    "registered": row.get("dateregistered", "")[:10],
                    "financial_year_end": row.get("fye", "")[:10],
                },
            ),
        )


@register_format(
    "ccew-publicextract",
    "charities",
    "Charity Commission public extract (publicextract.charity): registered_charity_number, "
    "linked_charity_number, charity_name, charity_registration_status, charity_contact_postcode, "
    "latest_income, charity_company_registration_number",
    has_columns(
        "registered_charity_number",
        "linked_charity_number",
        "charity_name",
        "charity_registration_status",
    ),
)
def read_ccew(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        reg, linked = row["registeredcharitynumber"], row["linkedcharitynumber"]
        if linked not in ("", "0"):
            continue  # a subsidiary (linked) charity: its main charity is the row with 0
        if not reg or not row["charityname"]:
            yield number, cells, Rejected("registered_charity_number or charity_name is empty")
            continue
        yield (
            number,
            cells,
            _charity(
                f"GB-CHC-{reg}",
                row["charityname"],
                "GB-CHC",
                row.get("charitycontactpostcode", ""),
                whole_number(row.get("latestincome", "")),
                _company(row.get("charitycompanyregistrationnumber", "")),
                row["charityregistrationstatus"].lower() == "registered",
                {
                    "register": "CCEW",
                    "charity_type": row.get("charitytype", ""),
                    "registered": row.get("dateofregistration", "")[:10],
                },
                kind="Charitable incorporated organisation"
                if truthy(row.get("charityiscio", ""))
                else "",
            ),
        )


@register_format(
    "ccni-charities",
    "charities",
    "Charity Commission for Northern Ireland register: Reg charity number, Charity name, Status, "
    "Public address, Total income, Company number",
    has_columns("Reg charity number", "Charity name", "Status", "Public address"),
)
def read_ccni(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        reg, name = row["regcharitynumber"], row["charityname"]
        if not reg or not name:
            yield number, cells, Rejected("Reg charity number or Charity name is empty")
            continue
        income = whole_number(row.get("totalincome", ""))
        staff = whole_number(row.get("employedstaff", ""))
        entry = _charity(
            f"GB-NIC-{reg}",
            name,
            "GB-NIC",
            postcode_in_address(row["publicaddress"]),
            income,
            _company(row.get("companynumber", "")),
            not row["status"].lower().startswith("removed"),
            {"register": "CCNI", "status": row["status"], "employed_staff": staff},
        )
        if staff is not None and staff >= 250:
            entry.size, entry.size_basis = "large", f"{staff:,} employed staff (250 or more)"
        yield number, cells, entry


@register_format(
    "hmrc-cascs",
    "cascs",
    "HMRC community amateur sports clubs (360Giving): id (GB-CASC-…), name, address, postcode, "
    "active",
    has_columns("id", "name", "address", "postcode", "active"),
)
def read_cascs(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        ident, name = row["id"], row["name"]
        if not ident.upper().startswith("GB-CASC-") or not name:
            yield number, cells, Rejected(f"id {ident!r} is not a GB-CASC- identifier, or no name")
            continue
        postcode = read_postcode(row["postcode"])
        yield (
            number,
            cells,
            Entry(
                identifier=ident,
                name=name[:300],
                scheme="GB-CASC",
                postcode=postcode.postcode,
                is_active=truthy(row.get("active", "")) is not False,
                facts={"address": row["address"][:300], **postcode.flag, **rule_facts("cascs")},
                **defaults("cascs"),
            ),
        )


_MUTUAL = re.compile(r"^GB-MPR-(\w+)$", re.IGNORECASE)


def _is_mutuals(header, sample=()):
    """The charity-lookups cross-walks share one header: this one's ids are GB-MPR- ones."""
    if not has_columns("org_id_a", "org_id_b", "org_name")(header):
        return False
    at = [k.strip().lower() for k in header].index("org_id_a")
    ids = [row[at] for row in sample if len(row) > at]
    return bool(ids) and sum(bool(_MUTUAL.match(i.strip())) for i in ids) * 2 > len(ids)


@register_format(
    "fca-mutuals",
    "mutuals",
    "FCA mutuals ↔ company numbers (charity-lookups relationships): org_id_a (GB-MPR-…), "
    "org_id_b (GB-COH-…), org_name",
    _is_mutuals,
)
def read_mutuals(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        match = _MUTUAL.match(row["orgida"])
        if not match or not row["orgname"]:
            yield (
                number,
                cells,
                Rejected(
                    f"org_id_a {row['orgida']!r} is not a GB-MPR- (FCA mutuals register) id, or no name"
                ),
            )
            continue
        company = row["orgidb"].removeprefix("GB-COH-")
        facts = {**rule_facts("mutuals")}
        if company and company != row["orgidb"]:
            facts["company_number"] = company
        yield (
            number,
            cells,
            Entry(
                identifier=match.group(1).upper(),
                name=row["orgname"][:300],
                scheme="GB-MPR",
                facts=facts,
                **defaults("mutuals"),
            ),
        )


@register_format(
    "cic-list",
    "community-interest-companies",
    "UK-CAT community interest companies: org_id (GB-COH-…), icnptso_code",
    has_columns("org_id", "icnptso_code"),
)
def read_cics(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        try:
            company = normalise_company_number(row["orgid"].removeprefix("GB-COH-"))
        except ValueError:
            yield number, cells, Rejected(f"org_id {row['orgid']!r} is not GB-COH-<company number>")
            continue
        yield (
            number,
            cells,
            Entry(
                identifier=company,
                name="",
                scheme="GB-COH",
                facts={
                    "company_number": company,
                    "icnptso": row["icnptsocode"],
                    **rule_facts("community-interest-companies"),
                },
                **defaults("community-interest-companies"),
            ),
        )
