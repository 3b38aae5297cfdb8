"""A file handed to the browser to save, the one way every download is answered."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JSON = "application/json"
CONTENT_TYPES = {"csv": CSV, "xlsx": XLSX, "json": JSON}


def attachment(
    content: bytes | str, filename: str, content_type: str | None = None
) -> HttpResponse:
    """A response the browser saves as `filename`; the type taken from its extension unless given."""
    if content_type is None:
        content_type = CONTENT_TYPES.get(
            filename.rsplit(".", 1)[-1].lower(), "application/octet-stream"
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def table_download(table, stem: str, fmt: str) -> HttpResponse:
    """A `core.tables.Table` as CSV or XLSX, named `stem.fmt`."""
    return attachment(table.xlsx() if fmt == "xlsx" else table.csv(), f"{stem}.{fmt}")
