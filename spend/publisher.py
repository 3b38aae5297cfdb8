"""Who a payment file says published it, and whether that is the buyer it is being imported for.
Pure: rows and names in, an answer out (the buyer's names and codes from the registers are
gathered by spend/publisher_lookup.py).

A file names its publisher in a body-name or organisation column ("OrganisationLabel", "BodyName",
"Entity"), an organisation URI ("http://statistics.data.gov.uk/doc/local-authority-district/00CY",
an old ONS code), or a title above the header ("Darlington Borough Council - Analysis of ...").
Names are compared by their distinctive words: "Birmingham City Council" = "Birmingham",
"City of Wolverhampton Council" = "Wolverhampton City Council", "The Borough of Calderdale" =
"Calderdale Metropolitan Borough Council". Which columns name a publisher is data
(spend/data/columns.json, "publisher")."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spend.columns import field_data, normalise

# Words that say what kind of body it is, not which one.
GENERIC = frozenset(
    [
        "the",
        "of",
        "and",
        "city",
        "council",
        "borough",
        "metropolitan",
        "district",
        "county",
        "royal",
        "corporation",
        "mbc",
        "mdc",
        "cc",
        "bc",
        "dc",
        "lbc",
        "authority",
        "unitary",
        "nhs",
        "foundation",
        "trust",
    ]
)
# A value must name the same publisher on more than half the rows to count (Leeds writes
# "Leeds City Council" on 79% of its BodyName cells, "… as Accountable Body" and areas on the rest).
DOMINANT = 0.5
# A title line above the header: a capitalised name ending in the kind of body it is.
_TITLE = re.compile(
    r"((?:(?:[A-Z][\w'&.-]*|of|and|upon|on|the|&)\s+){1,6}"
    r"(?:Council|Combined Authority|Authority|NHS (?:Foundation )?Trust|Trust))\b"
)
# Old ONS local-authority codes (00CY), GSS codes (E08000033), in URIs or alone.
_ONS_URI = re.compile(r"/local-authority(?:-district)?/([0-9]{2}[A-Z]{2})\b", re.IGNORECASE)
_GSS = re.compile(r"\b([ENSW][0-9]{8})\b")
# opendatacommunities.org/id/metropolitan-district-council/trafford: the body's name as a slug.
_SLUG_URI = re.compile(r"/id/[a-z-]*(?:council|authority)/([a-z0-9-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    """A publisher a file names: the name as written (or the code, when only a code is given),
    where the file says it, and the code it gives, if any."""

    name: str
    where: str
    code: str = ""


def core_name(name: str) -> str:
    """The distinctive words of a body's name: 'The Borough of Calderdale' -> 'calderdale'."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(word for word in words if word not in GENERIC)


def code_key(code: str) -> str:
    """'00-CY' and '00cy' alike: upper case, no separators."""
    return re.sub(r"[^A-Z0-9]", "", (code or "").upper())


@cache
def _columns() -> tuple[dict[str, int], dict[str, int]]:
    """Normalised column name → priority (the data lists the most specific first: an NHS trust's
    'Entity' before its 'Departmental Family')."""
    spec = field_data()["publisher"]
    return (
        {normalise(name): rank for rank, name in enumerate(spec["name_columns"])},
        {normalise(name): rank for rank, name in enumerate(spec["uri_columns"])},
    )


def _dominant(values: list[str]) -> str | None:
    values = [value.strip() for value in values if value.strip()]
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    return value if count > DOMINANT * len(values) else None


def _code_in(text: str) -> str:
    found = _ONS_URI.search(text) or _GSS.search(text)
    return code_key(found.group(1)) if found else ""


def named_publishers(rows: list[list[str]], header_row: int | None) -> list[Named]:
    """Every publisher the file names, most specific first: name columns (in the order of the
    data's list), then URI columns, then titles above the header."""
    names, uris = _columns()
    found: list[tuple[int, Named]] = []
    if header_row is not None and header_row < len(rows):
        headers = rows[header_row]
        body = [row for row in rows[header_row + 1 :] if any(cell.strip() for cell in row)]
        for index, header in enumerate(headers):
            key = normalise(header)
            if key not in names and key not in uris:
                continue
            value = _dominant([row[index] if index < len(row) else "" for row in body])
            if not value:
                continue
            where = f"its “{header.strip()}” column"
            code = _code_in(value)
            if value.lower().startswith(("http://", "https://")):
                slug = _SLUG_URI.search(value)
                if slug:
                    named = Named(slug.group(1).replace("-", " ").title(), where, code)
                    found.append((100 + uris.get(key, 99), named))
                elif code:
                    found.append((200 + uris.get(key, 99), Named(code, where, code)))
            else:  # a name (also in a column called "Body", which most files fill with a URI)
                found.append((names.get(key, 50 + uris.get(key, 0)), Named(value, where, code)))
    above = rows[: header_row if header_row is not None else 0]
    for row in above:
        for cell in row:
            title = _TITLE.search(cell or "")
            if title and core_name(title.group(1)):
                found.append((300, Named(title.group(1).strip(), "the title above its header")))
    # Name columns, then names in URIs, then bare codes (a code alone says less than a name).
    return [named for _rank, named in sorted(found, key=lambda pair: pair[0])]


@dataclass
class Buyer:
    """What is known of the buyer: its name and other names (registers' aliases), its codes,
    and every other authority's code to name (to name the body a bare code stands for)."""

    name: str
    other_names: Iterable[str] = ()
    codes: Iterable[str] = ()
    known_codes: dict[str, str] | None = None  # code → name of the body it belongs to

    def cores(self) -> set[str]:
        return {core for core in map(core_name, [self.name, *self.other_names]) if core}


def other_publisher(named: list[Named], buyer: Buyer) -> Named | None:
    """The publisher the file names, when none of what it names is the buyer; None when the file
    names the buyer (in any of its names or codes) or names no one we can tell."""
    cores = buyer.cores()
    codes = {code_key(code) for code in buyer.codes}
    known = {code_key(code): name for code, name in (buyer.known_codes or {}).items()}
    others: list[Named] = []
    for entry in named:
        if entry.code and entry.code in codes:
            return None
        name = entry.name
        if entry.name == entry.code:  # a bare code: the body it stands for, when known
            if entry.code not in known:
                continue
            name = known[entry.code]
        core = core_name(name)
        if not core:
            continue
        if core in cores:
            return None
        others.append(Named(name, entry.where, entry.code))
    return others[0] if others else None


def warning(named: Named, buyer_name: str) -> str:
    """What the person importing is told."""
    return f"This file says it is from {named.name}, not {buyer_name} ({named.where})."
