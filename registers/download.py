"""Fetching this month's Companies House basic company data for `load_registers --download`.

Companies House publishes BasicCompanyDataAsOneFile-YYYY-MM-01.zip on its download page each
month (a few days in); the name is built from today's date, and last month's file is tried when
this month's is not there yet (404). Streamed to REGISTERS_DOWNLOAD_DIR in chunks, written under
a temporary name and renamed when complete; bounded by REGISTERS_DOWNLOAD_MAX_BYTES. A file
already downloaded whole is not fetched again."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

from django.conf import settings

CHUNK = 1 << 20


class DownloadProblem(Exception):
    """The file could not be fetched; the message says what was tried and what to do."""


def monthly_names(today: date) -> list[str]:
    """This month's file name, then last month's. Pure."""
    previous = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)
    return [f"BasicCompanyDataAsOneFile-{d:%Y-%m}-01.zip" for d in (today.replace(day=1), previous)]


def download_companies_house(today: date | None = None, progress=lambda line: None) -> Path:
    base = settings.REGISTERS_COMPANIES_HOUSE_URL.rstrip("/")
    folder = Path(settings.REGISTERS_DOWNLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    limit = settings.REGISTERS_DOWNLOAD_MAX_BYTES
    tried = []
    for name in monthly_names(today or date.today()):
        target = folder / name
        if target.exists():
            progress(f"{name}: already downloaded ({target.stat().st_size:,} bytes)")
            return target
        url = f"{base}/{name}"
        tried.append(url)
        try:
            response = urllib.request.urlopen(url, timeout=120)  # noqa: S310 (http/https setting)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                progress(f"{name}: not published yet (404); trying the month before")
                continue
            raise DownloadProblem(
                f"{url}: the server answered {error.code} {error.reason}"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise DownloadProblem(
                f"{url}: could not connect ({getattr(error, 'reason', error)}). Check the network, "
                "or download the file yourself and give its path to load_registers."
            ) from None
        return _stream(response, url, target, limit, progress)
    raise DownloadProblem(
        "No Companies House file found at "
        + " or ".join(tried)
        + ": check REGISTERS_COMPANIES_HOUSE_URL against the download page."
    )


def _stream(response, url: str, target: Path, limit: int, progress) -> Path:
    partial = target.with_name(target.name + ".part")
    expected = response.headers.get("Content-Length")
    if expected and int(expected) > limit:
        raise DownloadProblem(
            f"{url}: {int(expected):,} bytes is more than the {limit:,} allowed "
            "(REGISTERS_DOWNLOAD_MAX_BYTES)"
        )
    written, reported = 0, 0
    try:
        with response, partial.open("wb") as out:
            while chunk := response.read(CHUNK):
                written += len(chunk)
                if written > limit:
                    raise DownloadProblem(
                        f"{url}: more than the {limit:,} bytes allowed (REGISTERS_DOWNLOAD_MAX_BYTES)"
                    )
                out.write(chunk)
                if written - reported >= 100 * CHUNK:
                    reported = written
                    progress(f"  {target.name}: {written / CHUNK:,.0f} MB")
        if expected and written != int(expected):
            raise DownloadProblem(
                f"{url}: the connection ended after {written:,} of "
                f"{int(expected):,} bytes; run it again"
            )
    except (OSError, TimeoutError) as error:
        partial.unlink(missing_ok=True)
        raise DownloadProblem(
            f"{url}: the download failed part-way ({error}); run it again"
        ) from None
    except DownloadProblem:
        partial.unlink(missing_ok=True)
        raise
    Path(partial).replace(target)
    progress(f"{target.name}: {written:,} bytes downloaded")
    return target
