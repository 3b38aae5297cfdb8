"""The OCDS 1.1 release schema with the UK extension applied, from a local folder or a cached download.

Real users get the files downloaded once into var/cache/ocds; a local copy can be named with
ANCHORHUB_OCDS_SCHEMA_DIR (a folder holding `1.1.5/release-schema.json` and
`uk-extension/release-schema.json`, as in ../shared/data/reference/ocds).
"""

from __future__ import annotations

import copy
import json
import os
import urllib.request
from functools import cache
from pathlib import Path

from django.conf import settings

DOWNLOADS = {
    "1.1.5/release-schema.json": "https://standard.open-contracting.org/schema/1__1__5/release-schema.json",
    "uk-extension/release-schema.json": "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/release-schema.json",
}


class SchemaUnavailable(Exception):
    pass


def schema_dirs() -> list[Path]:
    configured = os.environ.get("ANCHORHUB_OCDS_SCHEMA_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [
        settings.DATA_DIR / "reference" / "ocds",
        settings.BASE_DIR / "var" / "cache" / "ocds",
    ]
    return candidates


def _read(relative: str) -> dict:
    for folder in schema_dirs():
        path = folder / relative
        if path.exists():
            return json.loads(path.read_text(encoding="utf-8"))
    cache_dir = settings.BASE_DIR / "var" / "cache" / "ocds"
    target = cache_dir / relative
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with urllib.request.urlopen(DOWNLOADS[relative], timeout=30) as response:  # noqa: S310
            data = response.read()
        json.loads(data)
        target.write_bytes(data)
    except (OSError, ValueError) as error:
        raise SchemaUnavailable(
            f"The OCDS schema file {relative} is not in {', '.join(str(d) for d in schema_dirs())} "
            f"and could not be downloaded from {DOWNLOADS[relative]} ({error}). Set "
            "ANCHORHUB_OCDS_SCHEMA_DIR to a folder that holds it."
        ) from error
    return json.loads(target.read_text(encoding="utf-8"))


def merge_patch(target, patch):
    """RFC 7386 JSON Merge Patch, as OCDS extensions use it."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


@cache
def release_schema() -> dict:
    return merge_patch(
        _read("1.1.5/release-schema.json"), _read("uk-extension/release-schema.json")
    )
