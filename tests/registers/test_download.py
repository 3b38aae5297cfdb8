"""load_registers --download against a local HTTP server standing in for Companies House's
download site: this month's file not published yet (404), last month's streamed to the cache
folder and loaded; a file already there is not fetched again; a file beyond the limit refused."""

import io
import json
import zipfile
from datetime import date
from http.server import BaseHTTPRequestHandler
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registers.download import monthly_names
from registers.models import RegisterEntry
from tests.conftest import require_data
from tests.opportunities.fake_api import LocalServer


class CompaniesHouseSite(LocalServer):
    daemon_threads = True

    def __init__(self, files):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files = files  # name -> bytes
        self.requests = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        name = self.path.lstrip("/")
        self.server.requests.append(name)
        body = self.server.files.get(name)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_file_name_comes_from_the_month():
    assert monthly_names(date(2026, 12, 2)) == [
        "BasicCompanyDataAsOneFile-2026-12-01.zip",
        "BasicCompanyDataAsOneFile-2026-11-01.zip",
    ]
    assert monthly_names(date(2027, 1, 5))[1] == "BasicCompanyDataAsOneFile-2026-12-01.zip"


def _zip() -> bytes:
    real = require_data("registers", "companies-house", "BasicCompanyData-2020-06-01-part6_7.csv")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(real, "BasicCompanyDataAsOneFile-2026-11-01.csv")
    return out.getvalue()


@pytest.mark.django_db
def test_download_falls_back_to_last_month_streams_and_loads(tmp_path, settings, monkeypatch):
    import registers.download

    class Today(date):
        @classmethod
        def today(cls):
            return date(2026, 12, 2)

    monkeypatch.setattr(registers.download, "date", Today)
    body = _zip()
    with CompaniesHouseSite({"BasicCompanyDataAsOneFile-2026-11-01.zip": body}) as site:
        settings.REGISTERS_COMPANIES_HOUSE_URL = site.url
        settings.REGISTERS_DOWNLOAD_DIR = tmp_path / "cache"
        out, err = StringIO(), StringIO()
        call_command("load_registers", "--download", "--json", stdout=out, stderr=err)
        result = json.loads(out.getvalue())
        assert site.requests == [
            "BasicCompanyDataAsOneFile-2026-12-01.zip",
            "BasicCompanyDataAsOneFile-2026-11-01.zip",
        ]
        assert "not published yet (404)" in err.getvalue()
        cached = tmp_path / "cache" / "BasicCompanyDataAsOneFile-2026-11-01.zip"
        assert cached.read_bytes() == body and not list((tmp_path / "cache").glob("*.part"))
        (loaded,) = result["files"]
        assert loaded["register"] == "companies-house" and loaded["new"] == 87
        assert RegisterEntry.objects.filter(register="companies-house").count() == 87
        site.requests.clear()
        call_command("load_registers", "--download", "--json", stdout=StringIO(), stderr=StringIO())
        assert site.requests == ["BasicCompanyDataAsOneFile-2026-12-01.zip"]  # cached one used


@pytest.mark.django_db
def test_download_is_bounded_and_says_what_it_tried(tmp_path, settings):
    with CompaniesHouseSite({}) as site:
        settings.REGISTERS_COMPANIES_HOUSE_URL = site.url
        settings.REGISTERS_DOWNLOAD_DIR = tmp_path / "cache"
        with pytest.raises(CommandError, match="No Companies House file found at"):
            call_command("load_registers", "--download", stdout=StringIO())
        names = monthly_names(date.today())
        site.files[names[0]] = b"x" * 5000
        settings.REGISTERS_DOWNLOAD_MAX_BYTES = 1000
        with pytest.raises(CommandError, match="more than the 1,000 allowed"):
            call_command("load_registers", "--download", stdout=StringIO())
        assert not list((tmp_path / "cache").iterdir())  # nothing half-written left
