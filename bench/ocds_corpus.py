"""A scaled OCDS corpus for benchmarks: the real Contracts Finder releases from ../shared/data/ocds,
replicated under new ocids (and release ids) until the wanted size is reached, written as one
release package, streamed (the file is never held in memory)."""

import json
import os
from pathlib import Path

DATA = Path(
    os.environ.get("ANCHORHUB_DATA_DIR")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)


def real_releases() -> list[dict]:
    folder = DATA / "ocds" / "contracts-finder"
    if not folder.exists():
        raise SystemExit(f"Real data not found at {folder} (set ANCHORHUB_DATA_DIR)")
    releases = []
    for path in sorted(folder.glob("*.json")):
        releases += json.loads(path.read_text())["releases"]
    return releases


def write_corpus(path: Path, size: int) -> int:
    base = real_releases()
    with path.open("w") as out:
        out.write(
            '{"version": "1.1", "publishedDate": "2025-01-23T22:10:19Z", "publisher": {"name": "AnchorHub bench"}, "releases": [\n'
        )
        for n in range(size):
            release = base[n % len(base)]
            copy = n // len(base)
            if copy:
                release = {
                    **release,
                    "ocid": f"{release['ocid']}-x{copy}",
                    "id": f"{release['id']}-x{copy}",
                }
            out.write(("," if n else "") + json.dumps(release) + "\n")
        out.write("]}\n")
    return size
