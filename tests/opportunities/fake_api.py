"""A local stand-in for the Find a Tender / Contracts Finder OCDS APIs: serves real releases from
../shared/data/ocds in the APIs' paging shape (links.next with a cursor), filtered by date, and
injects faults on chosen requests: 429, 500, a time-out, or a connection cut part-way through a page."""

import json
import threading
import time
import urllib.parse
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATE_PARAMS = [("publishedFrom", "publishedTo"), ("updatedFrom", "updatedTo")]


def _date(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


class FakeOcdsApi(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, releases, page_size=20):
        super().__init__(("127.0.0.1", 0), Handler)
        self.releases = sorted(releases, key=lambda r: (_date(r["date"]), r["ocid"], r["id"]))
        self.page_size = page_size
        self.faults = {}  # request number -> "429" | "500" | "timeout" | "cut"
        self.always_fail_cursor = None  # a cursor that answers 500 until cleared
        self.requests = []
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        server = self.server
        server.requests.append(self.path)
        number = len(server.requests)
        parts = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        cursor = int(query.get("cursor", "0"))
        fault = server.faults.get(number)
        if fault in ("429", "500") or (
            server.always_fail_cursor is not None and cursor == server.always_fail_cursor
        ):
            status = 429 if fault == "429" else 500
            self.send_response(status)
            if status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            self.wfile.write(b'{"error": "try later"}')
            return
        if fault == "timeout":
            time.sleep(1.5)
        start_key, end_key = next(((a, b) for a, b in DATE_PARAMS if a in query), (None, None))
        chosen = server.releases
        if start_key:
            start, end = _date(query[start_key]), _date(query[end_key])
            chosen = [r for r in chosen if start <= _date(r["date"]) < end]
        page = chosen[cursor : cursor + server.page_size]
        package = {
            "version": "1.1",
            "publishedDate": "2025-01-23T22:10:19Z",
            "publisher": {"name": "Fake"},
            "releases": page,
            "links": {},
        }
        if cursor + server.page_size < len(chosen):
            query["cursor"] = str(cursor + server.page_size)
            package["links"]["next"] = f"{server.url}{parts.path}?{urllib.parse.urlencode(query)}"
        body = json.dumps(package).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault == "cut":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
