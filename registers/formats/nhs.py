"""NHS registers: ODS trusts, CCGs and ICB sub-locations, and GP practices (headerless files,
recognised by their shape), and ONS's ICB names and codes. Pure."""

from __future__ import annotations

import re

from registers.formats.base import (
    Entry,
    Rejected,
    key,
    read_postcode,
    register_format,
)
from registers.rules import defaults, rule_facts

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
