"""The report's PDF, printed by WeasyPrint from the same HTML as the page (decision 0028), in a
child process with a time limit and a size limit, so that one enormous or pathological report
cannot hold a web worker: past the limits the PDF is refused with a reason (the XLSX still has
every table).

Nothing is fetched over the network: the only files WeasyPrint may read are the site's own static
files that the page links to (the stylesheet), read from the file system; every other URL is
refused. Fonts come from the machine (Arial, else Liberation Sans or DejaVu Sans).

Run as `python -m programmes.report_pdf` it is the child: a JSON request on standard input
(html, base_url, files: {url: path}), the PDF on standard output.
"""

from __future__ import annotations

import json
import logging
import re
import subprocess
import sys
from pathlib import Path

BASE_URL = "https://report.anchorhub.invalid/"  # never fetched: only `files` are served
TIME_LIMIT_SECONDS = 120
HTML_LIMIT_BYTES = 8 * 1024 * 1024
PDF_LIMIT_BYTES = 40 * 1024 * 1024

logger = logging.getLogger(__name__)

_LINKED = re.compile(r"""(?:href|src)=["'](/static/[^"'?#]+)""")
_CSS_URL = re.compile(r"""url\(\s*["']?(/static/[^"')?#]+)""")


class PdfRefused(Exception):
    """The PDF could not be made within the limits; the message says why, in readers' words."""


def static_files(html: str, find) -> dict[str, str]:
    """The site's static files the HTML links to (and the stylesheets' own url()s), each URL with
    the file that answers it; `find(path under /static/)` gives a file or None."""
    files: dict[str, str] = {}
    queue = list(_LINKED.findall(html))
    while queue:
        url = queue.pop()
        if url in files:
            continue
        found = find(url.removeprefix("/static/"))
        if not found:
            continue
        files[url] = str(found)
        if url.endswith(".css"):
            queue.extend(_CSS_URL.findall(Path(found).read_text(encoding="utf-8")))
    return files


def refuse_if_too_large(html: str) -> None:
    if len(html.encode("utf-8")) > HTML_LIMIT_BYTES:
        raise PdfRefused("the report is too large to print as PDF; download the XLSX instead")


def render(html: str, files: dict[str, str], *, timeout: float = TIME_LIMIT_SECONDS) -> bytes:
    """The PDF of `html`, made in a child process; PdfRefused past the limits."""
    refuse_if_too_large(html)
    request = json.dumps({"html": html, "base_url": BASE_URL, "files": files})
    try:
        done = subprocess.run(
            [sys.executable, "-m", "programmes.report_pdf"],
            input=request.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as late:
        raise PdfRefused(
            "the PDF took too long to print; download the XLSX instead, or try again later"
        ) from late
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF"):
        tail = done.stderr.decode("utf-8", "replace")[-4000:]
        logger.error("The report's PDF failed (exit %s): %s", done.returncode, tail)
        raise PdfRefused(
            "the PDF could not be printed on this server (the fault is logged for the site's "
            "administrators); download the XLSX instead, or print this page from your browser"
        )
    if len(done.stdout) > PDF_LIMIT_BYTES:
        raise PdfRefused("the PDF is too large; download the XLSX instead")
    return done.stdout


def document(html: str, files: dict[str, str], base_url: str = BASE_URL):
    """WeasyPrint's laid-out document of `html`, reading only `files` (in this process: the child
    calls it; tests call it to measure the pages)."""
    # Loaded here, in the child (and the tests): the web process never loads WeasyPrint.
    from weasyprint import HTML  # noqa: PLC0415
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415

    types = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}

    class OwnFilesOnly(URLFetcher):
        """Serves the listed static files from the disk; refuses every other URL."""

        def fetch(self, url, headers=None):
            path = url.removeprefix(base_url.rstrip("/")) if url.startswith(base_url) else None
            if path is None or path not in files:
                raise ValueError(f"not fetched (the report reads no other URL): {url}")
            body = Path(files[path]).read_bytes()
            kind = types.get(Path(path).suffix, "application/octet-stream")
            return URLFetcherResponse(url, body, {"Content-Type": kind})

    return HTML(string=html, base_url=base_url, url_fetcher=OwnFilesOnly()).render()


def _child() -> None:  # pragma: no cover - runs in the child process (tests run it through render)
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    pdf = document(request["html"], request["files"], request["base_url"]).write_pdf()
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":  # pragma: no cover
    _child()
