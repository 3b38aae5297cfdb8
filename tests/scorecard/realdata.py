"""The real Find a Tender releases, read plainly (json.load, no product code), for cross-checks."""

import json

from tests.conftest import require_data


def real_releases() -> list[dict]:
    found = []
    for day in ("2026-08-10", "2026-08-11"):
        folder = require_data("ocds", "find-a-tender", day)
        for path in sorted(folder.glob("page-*.json")):
            found += json.loads(path.read_text())["releases"]
    return found


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
