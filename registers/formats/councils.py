"""Councils' registers from mySociety: local authorities with their names and codes, their name
variants, and their present and former GSS codes. Pure."""

from __future__ import annotations

import re

from registers.formats.base import (
    Entry,
    Rejected,
    Supplement,
    by_column,
    has_columns,
    key,
    register_format,
)
from registers.rules import defaults, rule_facts

_GSS = re.compile(r"^[EWSNK]\d{8}$")
NATION_SCHEME = {
    "England": "GB-LAE",
    "Wales": "GB-PLA",
    "Scotland": "GB-LAS",
    "Northern Ireland": "GB-LANI",
}


def _split(raw: str) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


def _names(raw: str) -> list[str]:
    """Name variants as mySociety lists them: separated by a bare comma, while a comma inside a
    name is followed by a space ("Armagh City, Banbridge and Craigavon,armagh city, …")."""
    return [part.strip() for part in re.split(r",(?!\s)", raw or "") if part.strip()]


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
        aliases = {row.get("nicename", ""), *_names(row.get("altnames", ""))} - {name, ""}
        yield (
            number,
            cells,
            Entry(
                identifier=code,
                name=name,
                scheme=NATION_SCHEME.get(row.get("nation", ""), ""),
                local_authority_code=gss if _GSS.match(gss) else "",
                kind=row.get("localauthoritytypename", "")[:100],
                is_active=not row.get("enddate"),
                facts={
                    "gss_code": gss,
                    "former_gss_codes": _split(row.get("formergsscodes", "")),
                    "combined_authority": row.get("combinedauthority", ""),
                    "region": row.get("region", ""),
                    "nation": row.get("nation", ""),
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
        gss, code = ([*cells, "", ""])[:2]
        gss, code = gss.strip(), code.strip()
        if not _GSS.match(gss) or not code:
            yield number, cells, Rejected(f"gss-code {gss!r} is not a GSS code, or no council code")
            continue
        yield number, cells, Supplement("local-authorities", code, facts={"gss_codes": [gss]})
