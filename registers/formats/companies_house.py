"""Companies House "basic company data" (BasicCompanyDataAsOneFile-*.csv and its parts, as
Companies House publishes them, zipped): one row per live company with its registered office,
legal form, status, accounts category, SIC codes and previous names. The header carries leading
spaces (" CompanyNumber"); every field is quoted; dates are dd/mm/yyyy."""

from __future__ import annotations

import re

from network.identifiers import normalise_company_number
from registers.formats.base import Entry, Rejected, has_columns, key, read_postcode, register_format
from registers.rules import register_rule
from suppliers.companies import sme_from_accounts, vcse_from_category

SIC = ("siccodesictext1", "siccodesictext2", "siccodesictext3", "siccodesictext4")
PREVIOUS = tuple(f"previousname{n}companyname" for n in range(1, 11))
_NUMBER = re.compile(r"^[A-Z0-9]{8}$")
INACTIVE = ("dissolved", "liquidation", "receivership", "removed", "converted", "closed")


def _iso(raw: str) -> str:
    """'10/05/2019' → '2019-05-10'; anything else kept as given."""
    parts = raw.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}-{parts[1].zfill(2)}-{parts[0].zfill(2)}"
    return raw


@register_format(
    "companies-house",
    "companies-house",
    "Companies House basic company data: a header with CompanyName, CompanyNumber, "
    "RegAddress.PostCode, CompanyCategory, CompanyStatus, Accounts.AccountCategory",
    has_columns("CompanyName", "CompanyNumber", "CompanyCategory"),
    priority=10,
)
def read(header, rows):
    keys = [key(h) for h in header]
    at = {k: i for i, k in enumerate(keys)}
    width = len(keys)
    name_at, number_at = at["companyname"], at["companynumber"]
    get = {
        k: at.get(k)
        for k in (
            "regaddresspostcode",
            "companycategory",
            "companystatus",
            "accountsaccountcategory",
            "incorporationdate",
            "regaddressposttown",
            "uri",
        )
    }
    sic_at = [at[k] for k in SIC if k in at]
    previous_at = [at[k] for k in PREVIOUS if k in at]
    by_category = register_rule("companies-house")["sector_by_category"]
    sizes: dict[str, tuple[str, str]] = {}

    def cell(cells, index):
        return cells[index].strip() if index is not None else ""

    for number, cells in rows:
        if len(cells) != width:
            yield (
                number,
                cells,
                Rejected(f"the row has {len(cells)} cells where the header names {width} columns"),
            )
            continue
        raw_number = cells[number_at].strip().upper()
        try:
            # The register's own numbers are 8 characters (IP28116R, RC000652, SC123456...).
            company_number = (
                raw_number if _NUMBER.match(raw_number) else normalise_company_number(raw_number)
            )
        except ValueError:
            yield (
                number,
                cells,
                Rejected(f"CompanyNumber {raw_number!r} is not a Companies House number"),
            )
            continue
        name = cells[name_at].strip()
        if not name:
            yield number, cells, Rejected("CompanyName is empty")
            continue
        category = cell(cells, get["companycategory"])
        status = cell(cells, get["companystatus"])
        accounts = cell(cells, get["accountsaccountcategory"])
        postcode = read_postcode(cell(cells, get["regaddresspostcode"]))
        facts = {"category": category, "status": status, "accounts_category": accounts}
        sic = [
            v.split(" - ", 1)[0].strip()
            for i in sic_at
            if (v := cells[i].strip()) and not v.startswith("None")
        ]
        if sic:
            facts["sic_codes"] = sic
        if incorporated := cell(cells, get["incorporationdate"]):
            facts["incorporated"] = _iso(incorporated)
        if town := cell(cells, get["regaddressposttown"]):
            facts["post_town"] = town
        facts.update(postcode.flag)
        if accounts not in sizes:
            sme = sme_from_accounts(accounts) if accounts else None
            sizes[accounts] = ("sme", f"accounts category {accounts}") if sme else ("", "")
        size, basis = sizes[accounts]
        vcse = vcse_from_category(category) if category else None
        aliases = tuple(v for i in previous_at if (v := cells[i].strip()) and v != name)
        lowered = status.lower()
        yield (
            number,
            cells,
            Entry(
                identifier=company_number,
                name=name[:300],
                scheme="GB-COH",
                postcode=postcode.postcode,
                sector=by_category.get(category, ""),
                kind=category[:100],
                size=size,
                size_basis=basis,
                is_vcse=vcse,
                is_active=not any(word in lowered for word in INACTIVE),
                facts=facts,
                aliases=aliases,
            ),
        )
