"""The real releases, read plainly (json.load, no product code), for cross-checks: the two Find a
Tender days and the Contracts Finder packages."""

import json
from datetime import datetime

from tests.conftest import require_data


def real_releases() -> list[dict]:
    found = []
    for day in ("2026-08-10", "2026-08-11"):
        folder = require_data("ocds", "find-a-tender", day)
        for path in sorted(folder.glob("page-*.json")):
            found += json.loads(path.read_text())["releases"]
    for path in sorted(require_data("ocds", "contracts-finder").glob("*.json")):
        found += json.loads(path.read_text())["releases"]
    return found


def when(text: str) -> datetime:
    """A release's or award's date (ISO 8601 with its offset) as an aware datetime."""
    return datetime.fromisoformat(text)


def in_date_order(releases: list[dict]) -> list[dict]:
    """The releases by date (as instants, whatever their offset), then id."""
    return sorted(releases, key=lambda r: (when(r["date"]), r["id"]))


def types_by_plain_loop(release: dict) -> set[str]:
    """Every UK notice type in any documents list, by a plain walk of the release."""
    lists = [
        (release.get("planning") or {}).get("documents") or [],
        (release.get("tender") or {}).get("documents") or [],
    ]
    for part in ("awards", "contracts"):
        lists += [(entry.get("documents") or []) for entry in release.get(part) or []]
    return {
        d["noticeType"]
        for documents in lists
        for d in documents
        if isinstance(d.get("noticeType"), str) and d["noticeType"].startswith("UK")
    }


def live_awards_by_plain_loop(releases: list[dict]) -> dict[tuple[str, str], dict]:
    """Every award (ocid, award id) still standing, by a plain walk in date order: each release
    that names the award (in its awards list or as a contract's awardID) replaces what is known
    of it; the one that names its suppliers last gives the suppliers (with its release, parties
    and contracts), the latest published date is its date. An award whose latest word is a
    status of cancelled, unsuccessful or withdrawn, or contracts for it that are all cancelled,
    is gone (OCDS: a later release of a process supersedes an earlier one's award)."""
    known: dict[tuple[str, str], dict] = {}
    for r in in_date_order(releases):
        contracts: dict[str, list[str]] = {}
        for c in r.get("contracts") or []:
            if c.get("awardID"):
                contracts.setdefault(str(c["awardID"]), []).append(
                    str(c.get("status") or "").lower()
                )
        ids = [str(a.get("id") or "") for a in r.get("awards") or []]
        for award_id in dict.fromkeys(ids + list(contracts)):
            entry = known.setdefault((r["ocid"], award_id), {"release": None, "date": None})
            award = next(
                (a for a in r.get("awards") or [] if str(a.get("id") or "") == award_id), {}
            )
            statuses = contracts.get(award_id, [])
            entry["gone"] = str(award.get("status") or "").lower() in (
                "cancelled",
                "unsuccessful",
                "withdrawn",
            ) or (bool(statuses) and all(s == "cancelled" for s in statuses))
            if award.get("date"):
                entry["date"] = when(award["date"])
            if award.get("suppliers"):
                entry["release"], entry["award"] = r, award
    return {key: entry for key, entry in known.items() if not entry["gone"]}
