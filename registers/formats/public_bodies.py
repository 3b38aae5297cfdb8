"""Public-sector registers: councils (mySociety's names and codes, with their name variants and
former codes), NHS organisations (ODS trusts, ICB sub-locations and GP practices, headerless;
ONS's ICB names and codes), schools and academy trusts, social-housing providers, and
central-government bodies (Cabinet Office directory, GOV.UK organisations, the ONS classification
guide, the 2015 designation list)."""

from __future__ import annotations

import re

from network.identifiers import normalise_company_number
from registers.formats.base import (
    Entry,
    Rejected,
    Supplement,
    by_column,
    has_columns,
    key,
    read_postcode,
    register_format,
)
from registers.rules import defaults, register_rule, rule_facts

_GSS = re.compile(r"^[EWSNK]\d{8}$")
NATION_SCHEME = {
    "England": "GB-LAE",
    "Wales": "GB-PLA",
    "Scotland": "GB-LAS",
    "Northern Ireland": "GB-LANI",
}


def _split(raw: str) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


@register_format(
    "mysociety-local-authorities",
    "local-authorities",
    "mySociety UK local authorities: local-authority-code, official-name, nice-name, gss-code, "
    "nation, local-authority-type",
    has_columns("local-authority-code", "official-name", "gss-code", "local-authority-type"),
)
def read_local_authorities(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        code, name, gss = row["localauthoritycode"], row["officialname"], row["gsscode"]
        if not code or not name:
            yield number, cells, Rejected("local-authority-code or official-name is empty")
            continue
        aliases = {row["nicename"], *_split(row.get("altnames", ""))} - {name, ""}
        yield (
            number,
            cells,
            Entry(
                identifier=code,
                name=name,
                scheme=NATION_SCHEME.get(row["nation"], ""),
                local_authority_code=gss if _GSS.match(gss) else "",
                kind=row.get("localauthoritytypename", "")[:100],
                is_active=not row.get("enddate"),
                facts={
                    "gss_code": gss,
                    "former_gss_codes": _split(row.get("formergsscodes", "")),
                    "combined_authority": row.get("combinedauthority", ""),
                    "region": row.get("region", ""),
                    "nation": row["nation"],
                    "type": row.get("localauthoritytype", ""),
                    **rule_facts("local-authorities"),
                },
                aliases=tuple(sorted(aliases)),
                **{k: v for k, v in defaults("local-authorities").items() if k != "kind"},
            ),
        )


@register_format(
    "mysociety-la-names",
    "local-authorities",
    "mySociety name variants of councils: la-name, local-authority-code",
    has_columns("la-name", "local-authority-code"),
)
def read_la_names(header, rows):
    cells_of = by_column(header)
    for number, cells in rows:
        row = cells_of(cells)
        if not row["laname"] or not row["localauthoritycode"]:
            yield number, cells, Rejected("la-name or local-authority-code is empty")
            continue
        yield (
            number,
            cells,
            Supplement("local-authorities", row["localauthoritycode"], aliases=(row["laname"],)),
        )


@register_format(
    "mysociety-la-gss",
    "local-authorities",
    "mySociety present and former GSS codes of councils: gss-code, local-authority-code",
    lambda header, sample=(): [key(h) for h in header] == ["gsscode", "localauthoritycode"],
)
def read_la_gss(header, rows):
    for number, cells in rows:
        gss, code = (cells + ["", ""])[:2]
        gss, code = gss.strip(), code.strip()
        if not _GSS.match(gss) or not code:
            yield number, cells, Rejected(f"gss-code {gss!r} is not a GSS code, or no council code")
            continue
        yield number, cells, Supplement("local-authorities", code, facts={"gss_codes": [gss]})


# ODS files have no header: 27 columns, the organisation code first, its name second, the
# postcode tenth, open and close dates (yyyymmdd) eleventh and twelfth.
ODS_WIDTH = 27
_ODS_DATE = re.compile(r"^(19|20)\d{6}$")


def _ods_shape(code: re.Pattern, name: re.Pattern | None = None, status: bool = False):
    def recognise(first, sample=()):
        rows = [first, *sample]
        good = 0
        for row in rows:
            cells = [c.strip() for c in row]
            if (
                len(cells) == ODS_WIDTH
                and code.match(cells[0])
                and _ODS_DATE.match(cells[10])
                and (name is None or name.search(cells[1]))
                and (not status or cells[12] in {"A", "C", "D", "P"})
            ):
                good += 1
        return good * 10 >= len(rows) * 9

    return recognise


def _ods_entry(register, cells, kind, facts=None, sector_rule=None):
    postcode = read_postcode(cells[9])
    address = ", ".join(c.strip() for c in cells[4:9] if c.strip())
    return Entry(
        identifier=cells[0].strip(),
        name=cells[1].strip()[:300],
        scheme="GB-NHS",
        postcode=postcode.postcode,
        is_active=not cells[11].strip(),
        facts={
            "address": address,
            "opened": cells[10].strip(),
            "closed": cells[11].strip(),
            **(facts or {}),
            **postcode.flag,
            **rule_facts(sector_rule or register),
        },
        **{**defaults(sector_rule or register), "kind": kind},
    )


def _ods_rows(rows, register, kind_of):
    for number, cells in rows:
        if len(cells) != ODS_WIDTH:
            yield (
                number,
                cells,
                Rejected(f"an ODS row has {ODS_WIDTH} fields; this one has {len(cells)}"),
            )
            continue
        if not cells[0].strip() or not cells[1].strip():
            yield number, cells, Rejected("no organisation code or name")
            continue
        yield number, cells, kind_of(cells)


@register_format(
    "ods-trusts",
    "nhs-trusts",
    "NHS ODS trusts (etr.csv, no header): 27 fields, a trust code (R + 2, or 5 characters), a "
    "name ending TRUST, open date yyyymmdd in field 11",
    _ods_shape(re.compile(r"^[A-Z0-9]{3}$|^[A-Z0-9]{5}$"), re.compile(r"TRUST\b")),
    headerless=True,
)
def read_ods_trusts(header, rows):
    yield from _ods_rows(
        rows,
        "nhs-trusts",
        lambda c: _ods_entry(
            "nhs-trusts", c, "NHS foundation trust" if "FOUNDATION" in c[1].upper() else "NHS trust"
        ),
    )


@register_format(
    "ods-ccgs",
    "nhs-icbs",
    "NHS ODS CCGs and ICB sub-locations (eccg.csv, no header): 27 fields, a 3- or 5-character "
    "code, a name with CCG or ICB",
    _ods_shape(re.compile(r"^[A-Z0-9]{3}$|^[A-Z0-9]{5}$"), re.compile(r"\b(CCG|ICB)\b")),
    headerless=True,
)
def read_ods_ccgs(header, rows):
    def entry(cells):
        name = cells[1].upper()
        if "SUB-ICB REPORTING ENTITY" in name:
            kind = "Sub-ICB reporting entity"
        elif " ICB" in name:
            kind = "ICB sub-location"
        elif "COMMISSIONING HUB" in name:
            kind = "NHS England commissioning hub"
        else:
            kind = "Clinical commissioning group"
        return _ods_entry("nhs-icbs", cells, kind, {"icb_code": cells[14].strip()})

    yield from _ods_rows(rows, "nhs-icbs", entry)


@register_format(
    "ods-gp-practices",
    "gp-practices",
    "NHS ODS GP practices (epraccur.csv, no header): 27 fields, a practice code like A81001, "
    "status A/C/D/P in field 13, prescribing setting in field 26",
    _ods_shape(re.compile(r"^[A-Z]\d{5}$|^[A-Z]{1,3}\d{3,5}$"), status=True),
    headerless=True,
)
def read_ods_gps(header, rows):
    def entry(cells):
        e = _ods_entry(
            "gp-practices",
            cells,
            "GP practice",
            {
                "status": cells[12].strip(),
                "commissioner": cells[23].strip(),
                "prescribing_setting": cells[25].strip(),
            },
        )
        e.is_active = cells[12].strip() == "A"
        return e

    yield from _ods_rows(rows, "gp-practices", entry)


@register_format(
    "ons-icbs",
    "nhs-icbs",
    "ONS integrated care boards: ICB<yy>CD, ICB<yy>CDH, ICB<yy>NM",
    lambda header, sample=(): (
        any(re.match(r"^icb\d\dcd$", key(h)) for h in header)
        and any(re.match(r"^icb\d\dnm$", key(h)) for h in header)
    ),
)
def read_ons_icbs(header, rows):
    keys = [key(h) for h in header]
    code_at = next(i for i, k in enumerate(keys) if re.match(r"^icb\d\dcd$", k))
    name_at = next(i for i, k in enumerate(keys) if re.match(r"^icb\d\dnm$", k))
    ods_at = next((i for i, k in enumerate(keys) if re.match(r"^icb\d\dcdh$", k)), None)
    for number, cells in rows:
        if len(cells) <= max(code_at, name_at) or not cells[code_at].strip():
            yield number, cells, Rejected("no ICB code or name")
            continue
        ods = cells[ods_at].strip() if ods_at is not None and ods_at < len(cells) else ""
        yield (
            number,
            cells,
            Entry(
                identifier=cells[code_at].strip(),
                name=cells[name_at].strip(),
                facts={"ods_code": ods, **rule_facts("nhs-icbs")},
                aliases=(),
                **defaults("nhs-icbs"),
            ),
        )


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
        yield (
            number,
            cells,
            Entry(
                identifier=row["governmentorganisation"],
                name=row["name"][:300],
                is_active=not row["enddate"],
                facts={
                    "website": row.get("website", ""),
                    "ended": row["enddate"],
                    **rule_facts("government-organisations"),
                    **(
                        {"not_public": not_public[code]["reason"]}
                        if (code := row["governmentorganisation"]) in not_public
                        else {}
                    ),
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
    import hashlib

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
