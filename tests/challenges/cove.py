"""Run libcoveocds (the OCDS Data Review Tool's library) offline, on ../shared/data's schema copies.

libcoveocds fetches the standard (a ZIP of the standard repository) and each declared extension
over HTTP. Here the standard's schema folder is zipped in memory from
../shared/data/reference/ocds/1.1.5, and the UK extension is answered from
../shared/data/reference/ocds/uk-extension by a requests adapter mounted on the extension
registry's session for that extension's URLs only (its files, and the ZIP of the repository that
the registry asks GitHub for).

One change is made to the UK extension as served: its patch refers twice to `Location`, which is
defined by the location extension it depends on, and that extension is not in ../shared/data.
Without a definition libcoveocds cannot dereference the schema and would validate nothing, so a
stand-in `Location` (any object) is added. The UK2 export uses no Location field.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import requests
from requests.adapters import BaseAdapter
from urllib3.response import HTTPResponse

from challenges.uk2 import UK_EXTENSION
from tests.conftest import require_data

UK_PREFIX = UK_EXTENSION.rsplit("/", 1)[0] + "/"


UK_ZIP = "https://github.com/cabinetoffice/ocds_uk_extension/archive/"


class LocalExtensionAdapter(BaseAdapter):
    """Answers GETs for one extension from a local folder: its files by URL, or all as a ZIP."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def _body(self, url: str) -> bytes | None:
        if url.startswith(UK_ZIP):
            return _zip(self.folder, "ocds_uk_extension-main/", "", self._files())
        name = url[len(UK_PREFIX) :]
        return self._files().get(name) if url.startswith(UK_PREFIX) else None

    def _files(self) -> dict[str, bytes]:
        files = {
            str(path.relative_to(self.folder)): path.read_bytes()
            for path in sorted(self.folder.rglob("*"))
            if path.is_file()
        }
        schema = json.loads(files["release-schema.json"])
        schema["definitions"].setdefault(
            "Location", {"type": "object", "description": "Stand-in: the location extension's"}
        )
        files["release-schema.json"] = json.dumps(schema).encode()
        return files

    def send(self, request, **kwargs):
        response = requests.Response()
        response.request, response.url = request, request.url
        body = self._body(request.url)
        status, reason = (200, "OK") if body is not None else (404, "Not Found")
        response.status_code, response.reason = status, reason
        # requests-cache (the registry's session) stores the urllib3 response: give it one.
        response.raw = HTTPResponse(
            body=io.BytesIO(body or b""),
            status=status,
            reason=reason,
            preload_content=False,
            request_url=request.url,
        )
        return response

    def close(self):
        pass


def _zip(folder: Path, top: str, inside: str, files: dict[str, bytes] | None = None) -> bytes:
    if files is None:
        files = {
            str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file()
        }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(top, b"")
        for name, body in files.items():
            archive.writestr(f"{top}{inside}{name}", body)
    return out.getvalue()


def review(package: dict, tmp_path: Path) -> dict:
    """libcoveocds' API context for a release package: validation errors, extensions, checks."""
    from libcoveocds.api import ocds_json_output
    from libcoveocds.config import LibCoveOCDSConfig
    from ocdsextensionregistry.util import session

    ocds = require_data("reference", "ocds")
    adapter = LocalExtensionAdapter(ocds / "uk-extension")
    session.mount(UK_PREFIX, adapter)
    session.mount(UK_ZIP, adapter)
    standard = _zip(ocds / "1.1.5", "standard-1.1/", "schema/")
    config = LibCoveOCDSConfig({"standard_zip": standard, "context": "api"})
    return ocds_json_output(str(tmp_path), json_data=package, lib_cove_ocds_config=config)
