"""Local stand-ins for the Find a Tender / Contracts Finder OCDS APIs, real HTTP servers on
127.0.0.1 in a thread: `FakeOcdsApi` serves real releases from ../shared/data/ocds in the APIs'
paging shape (links.next with a cursor), filtered by date, and injects faults on chosen requests:
429, 500, a time-out, or a connection cut part-way through a page. `FindATenderApi` serves the
shared real Find a Tender day as that API does (see its docstring)."""

import base64
import json
import re
import threading
import time
import urllib.parse
import zoneinfo
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DATE_PARAMS = [("publishedFrom", "publishedTo"), ("updatedFrom", "updatedTo")]


def _date(text):
    """A date as the APIs read it: with Z or an offset as given, without as London time."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=zoneinfo.ZoneInfo("Europe/London"))


class LocalServer(ThreadingHTTPServer):
    """A stand-in served from a thread for as long as the `with` block lasts."""

    def __enter__(self):
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()


class FakeOcdsApi(LocalServer):
    daemon_threads = True

    def __init__(self, releases, page_size=20):
        super().__init__(("127.0.0.1", 0), Handler)
        self.releases = sorted(releases, key=lambda r: (_date(r["date"]), r["ocid"], r["id"]))
        self.page_size = page_size
        self.faults = {}  # request number -> "429" | "500" | "timeout" | "cut"
        self.always_fail_cursor = None  # a cursor that answers 500 until cleared
        self.requests = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
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


# --- Find a Tender, as the real API answers (shared real day, ../shared/data README section 5) ---

LONDON = zoneinfo.ZoneInfo("Europe/London")
REAL_HOST = b"https://www.find-tender.service.gov.uk"
FTS_PATH = "/api/1.0/ocdsReleasePackages"
UPDATE_TAGS = {
    "planningUpdate",
    "tenderUpdate",
    "awardUpdate",
    "contractUpdate",
    "tenderCancellation",
    "contractAmendment",
    "contractTermination",
}


def package_parts(text: str) -> tuple[dict[str, str], list[str]]:
    """A release package's top-level members as their raw JSON text, and each release as its raw
    text (exactly as published: `1e9999` stays `1e9999`)."""
    decoder, members, releases = json.JSONDecoder(), {}, []
    ws = re.compile(r"[ \t\n\r]*")
    i = ws.match(text, text.index("{") + 1).end()
    while text[i] != "}":
        key, i = json.decoder.scanstring(text, i + 1)
        i = ws.match(text, text.index(":", i) + 1).end()
        if key == "releases":
            i = ws.match(text, i + 1).end()  # past "["
            while text[i] != "]":
                _, end = decoder.raw_decode(text, i)
                releases.append(text[i:end])
                i = ws.match(text, end).end()
                if text[i] == ",":
                    i = ws.match(text, i + 1).end()
            end = i + 1
        else:
            _, end = decoder.raw_decode(text, i)
        members[key] = text[i:end] if key != "releases" else "[]"
        i = ws.match(text, end).end()
        if text[i] == ",":
            i = ws.match(text, i + 1).end()
    return members, releases


def _london(text: str) -> datetime:
    """A query time as Find a Tender reads it: Europe/London wall clock, a trailing Z ignored."""
    moment = datetime.fromisoformat(text.rstrip("Zz"))
    return moment.replace(tzinfo=LONDON) if moment.tzinfo is None else moment


class FindATenderApi(LocalServer):
    """The real recorded pages of one day, served as the Find a Tender API serves them:

    - the recorded query (the whole day, limit 100) is answered with the recorded pages byte for
      byte, their `links.next` pointing here, the last page with no `links` key;
    - any other updatedFrom/updatedTo window with the day's releases whose `date` falls in it
      (times read as London time, as the API does), newest first, with an opaque cursor like the
      API's; `overlap` serves the last release of each page again at the top of the next;
    - comma-joined `stages` answer 200 with no releases (probe 24); one stage answers only the
      PCR 2015 (CELEX) releases of that stage, without updates (as reported for the real API);
    - more than `limit` requests in any `per` seconds (on `clock`) answer the real 429;
    - `faults`: request number -> "429" | "500" | "cut" (half the page, then the connection
      closed); `fail_when(query)` -> a fault for every request it matches.
    """

    daemon_threads = True

    def __init__(self, pages, rate_limited, *, clock=time.monotonic, limit=12, per=120.0):
        super().__init__(("127.0.0.1", 0), FindATenderHandler)
        self.recorded = [Path(p).read_bytes() for p in pages]
        self.too_many = Path(rate_limited).read_bytes()
        self.clock, self.limit, self.per = clock, limit, per
        self.releases = []  # (raw text, date, ocid, id, tags, legal basis scheme)
        self.cursors = {}  # a recorded page's cursor -> the page it leads to
        for number, body in enumerate(self.recorded):
            members, raws = package_parts(body.decode())
            if number == 0:
                self.head = {k: v for k, v in members.items() if k not in ("releases", "links")}
                uri = json.loads(members["uri"])
                self.recorded_query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(uri).query))
            if "links" in members:
                next_url = json.loads(members["links"])["next"]
                cursor = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(next_url).query))
                self.cursors[cursor["cursor"]] = number + 1
            for raw in raws:
                release = json.loads(raw)
                scheme = ((release.get("tender") or {}).get("legalBasis") or {}).get("scheme")
                self.releases.append(
                    (
                        raw,
                        datetime.fromisoformat(release["date"]),
                        release["ocid"],
                        release["id"],
                        set(release.get("tag") or []),
                        scheme,
                    )
                )
        self.overlap = 0
        self.faults = {}
        self.fail_when = None
        self.requests = []  # (path and query, clock time, status)
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    @property
    def keys(self):
        return {(ocid, rid) for _, _, ocid, rid, _, _ in self.releases}

    def served(self):
        """The (path, time) of each request answered 200."""
        return [(path, at) for path, at, status in self.requests if status == 200]

    def package(self, releases: list[str], next_url: str | None, uri: str) -> bytes:
        members = {**self.head, "uri": json.dumps(uri)}
        text = ",\n".join(f"{json.dumps(k)}: {v}" for k, v in members.items())
        text += ',\n"releases": [' + ",\n".join(releases) + "]"
        if next_url:
            text += f',\n"links": {{"next": {json.dumps(next_url)}}}'
        return ("{" + text + "}").encode()

    def answer(self, path: str) -> bytes:
        parts = urllib.parse.urlsplit(path)
        query = dict(urllib.parse.parse_qsl(parts.query))
        cursor = query.pop("cursor", None)
        uri = f"https://www.find-tender.service.gov.uk{path}"
        if query == self.recorded_query and (cursor is None or cursor in self.cursors):
            body = self.recorded[self.cursors[cursor] if cursor else 0]
            at = body.rfind(b'"links"')
            if at < 0:
                return body
            return body[:at] + body[at:].replace(REAL_HOST, self.url.encode())
        chosen = self.releases
        if "updatedFrom" in query:
            start, end = _london(query["updatedFrom"]), _london(query["updatedTo"])
            chosen = [r for r in chosen if start <= r[1] < end]
        stages = query.get("stages")
        if stages and "," in stages:
            return self.package([], None, uri)
        if stages:
            chosen = [
                r for r in chosen if stages in r[4] and r[5] == "CELEX" and not r[4] & UPDATE_TAGS
            ]
        size = min(int(query.get("limit", 100)), 100)
        offset = 0
        if cursor:
            offset = int(base64.b64decode(cursor).decode().rpartition("nextCursor=")[2])
        page = chosen[offset : offset + size]
        next_url = None
        if offset + size < len(chosen):
            after = offset + size - self.overlap
            token = f"updatedFrom={query.get('updatedFrom')}|updatedTo={query.get('updatedTo')}|nextCursor={after}"
            query["cursor"] = base64.b64encode(token.encode()).decode()
            next_url = f"{self.url}{parts.path}?{urllib.parse.urlencode(query)}"
        return self.package([r[0] for r in page], next_url, uri)


class FindATenderHandler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        server = self.server
        with server.lock:
            now = server.clock()
            recent = [
                at for _, at, status in server.requests if status == 200 and at > now - server.per
            ]
            number = len(server.requests) + 1
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
            fault = server.faults.get(number) or (server.fail_when and server.fail_when(query))
            if len(recent) >= server.limit:
                fault = "429"
            status = {"429": 429, "500": 500}.get(fault, 200)
            server.requests.append((self.path, now, status))
        if status == 429:
            self._send(429, server.too_many, "text/plain", {"retry-after": "120"})
            return
        if status == 500:
            self._send(500, b"Internal Server Error", "text/plain")
            return
        body = server.answer(self.path)
        try:
            if fault == "cut":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.connection.shutdown(2)
                return
            self._send(200, body, "application/json")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, status, body, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
