"""The Procurement Act notice model in words: notice types UK1-UK17 (their names from
`challenges/data/routes.json`, the one list of them), legal bases, and the codes Find a Tender's
notices use (`data/notice_model.json`, each entry with its source). Pure: files in, words out."""

from __future__ import annotations

import functools
from pathlib import Path

from core import datafiles

FILE = Path(__file__).with_name("data") / "notice_model.json"
ROUTES = Path(__file__).resolve().parent.parent / "challenges" / "data" / "routes.json"


@functools.cache
def taxonomy() -> dict:
    return datafiles.load(FILE, cited=True)


@functools.cache
def notice_names() -> dict[str, str]:
    """{"UK4": "Tender notice", ...} from the route finder's rules."""
    notices = datafiles.load(ROUTES)["notices"]
    return {code: entry["name"] for code, entry in notices.items()}


def notice_name(notice_type: str) -> str:
    """'UK4 Tender notice'; other labels (Contracts Finder stages) as they are."""
    name = notice_names().get(notice_type)
    return f"{notice_type} {name}" if name else notice_type


def legal_basis_words(scheme: str, identifier: str = "") -> str:
    if not scheme:
        return ""
    entry = taxonomy()["legal_bases"].get(scheme.upper())
    if entry is None:
        return f"{scheme} {identifier}".strip()
    return entry["name"]


def words(section: str, code: str) -> str:
    """The words for a code of one section of the data file, else the code as published."""
    entry = taxonomy()[section].get(code)
    return entry["words"] if entry else code


def rating_good(code: str) -> bool | None:
    entry = taxonomy()["performance_ratings"].get(code)
    return entry["good"] if entry else None
