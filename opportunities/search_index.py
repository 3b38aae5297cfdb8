"""The opportunity search index: Tantivy (an embedded full-text engine, BM25 ranking), one per
database, kept beside it on disk. Decision 0004 says why not PostgreSQL full text.

The database is the record; the index is derived from it and can be rebuilt at any time with
`anchorhub index_opportunities`. The loader indexes the processes of each file once the file's
transaction has committed; single saves and deletes (admin, tests, sample data) index through
signals. A search result whose process has gone from the database is dropped when its row is read.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

import tantivy
from django.conf import settings

from core import datafiles
from opportunities.models import Notice, Process, ProcessCpv
from opportunities.search_documents import ROW_FIELDS, as_json, fields

logger = logging.getLogger(__name__)

# Text fields: the title, the buyer's name with the lots, the description. A title's words weigh
# 1.5 times a description's, the buyer's and lots' 0.3 (a buyer's name says who buys, not what):
# measured with bench/bench_relevance.py, decision 0014.
TEXT_FIELDS = ("title", "extra", "body")
BOOSTS = {"title": 1.5, "extra": 0.3, "body": 1.0}
KEYWORD_FIELDS = ("phase", "procedure", "threshold", "notice_type", "cpv", "buyer_slug", "postcode")
# Where a notice is delivered (reference/places.py): every area it lies in, and the areas it states.
LOCATION_FIELDS = ("area", "area_stated")
BOOL_FIELDS = ("sme", "vcse", "anchor")
DATE_FIELDS = ("deadline", "published", "updated")
ANALYZER = "en"
WRITER_HEAP = 50_000_000
LOCK_WAIT_SECONDS = 60
CHUNK = 2_000


class SearchIndexError(Exception):
    """The search index cannot be used; the message says why and what to do."""


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name=ANALYZER)
    builder.add_text_field("buyer_name", tokenizer_name="default")
    builder.add_text_field("location", tokenizer_name="default")
    for name in KEYWORD_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in LOCATION_FIELDS:
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in BOOL_FIELDS:
        builder.add_boolean_field(name, indexed=True)
    for name in DATE_FIELDS:
        builder.add_date_field(name, indexed=True, fast=True)
    builder.add_float_field("value", indexed=True, fast=True)
    builder.add_float_field("awarded_value", indexed=True, fast=True)
    return builder.build()


SCHEMA = _schema()


STOP_WORDS_FILE = Path(__file__).resolve().parent / "data" / "stopwords.json"


def stop_words() -> list[str]:
    """The stop words of data/stopwords.json, split as the tokenizer splits them (can't: can, t)."""
    listed = datafiles.load(STOP_WORDS_FILE)["words"]
    return sorted({part for word in listed for part in re.findall(r"[a-z0-9]+", word.lower())})


def english_analyzer() -> tantivy.TextAnalyzer:
    """English words: lower case, accents folded, stop words dropped (data/stopwords.json),
    stemmed (retrofits → retrofit)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.custom_stopword(stop_words()))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


_indexes: dict[Path, tantivy.Index] = {}
_open_lock = threading.Lock()


def index_dir() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def get_index() -> tantivy.Index:
    """The index for this database, created empty on first use."""
    path = index_dir()
    with _open_lock:
        index = _indexes.get(path)
        if index is None:
            try:
                path.mkdir(parents=True, exist_ok=True)
                index = tantivy.Index(SCHEMA, path=str(path))
            except (OSError, ValueError) as error:
                raise SearchIndexError(
                    f"The search index at {path} cannot be opened ({error}). Check the folder is "
                    "writable (setting SEARCH_INDEX_DIR), or delete it and run "
                    "`anchorhub index_opportunities` to build it again."
                ) from error
            index.register_tokenizer(ANALYZER, english_analyzer())
            _indexes[path] = index
        return index


@contextmanager
def open_writer(heap: int = WRITER_HEAP, threads: int = 1):
    """One writer at a time (Tantivy locks the folder); wait for another process's writer.
    Commits when the block ends (the caller may commit along the way); rolls back on an error."""
    index = get_index()
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            writer = index.writer(heap_size=heap, num_threads=threads)
            break
        except ValueError as error:
            if "LockBusy" not in str(error) or time.monotonic() > deadline:
                raise SearchIndexError(
                    f"The search index at {index_dir()} is locked by another writer ({error}). "
                    "If no load is running, a crashed process left the lock: run "
                    "`anchorhub index_opportunities` to rebuild."
                ) from error
            time.sleep(0.2)
    try:
        yield writer
        writer.commit()
        writer.wait_merging_threads()
    except BaseException:
        writer.rollback()
        raise
    finally:
        del writer
        index.reload()


def _documents(ids: list[int]) -> Iterable[str]:
    cpvs, notice_types = defaultdict(list), defaultdict(list)
    for process_id, code in ProcessCpv.objects.filter(process_id__in=ids).values_list(
        "process_id", "code"
    ):
        cpvs[process_id].append(code)
    for process_id, notice_type in Notice.objects.filter(process_id__in=ids).values_list(
        "process_id", "notice_type"
    ):
        notice_types[process_id].append(notice_type)
    for row in Process.objects.filter(id__in=ids).order_by().values(*ROW_FIELDS):
        yield as_json(row["id"], fields(row, cpvs[row["id"]], notice_types[row["id"]]))


def index_processes(ids: Iterable[int]) -> int:
    """(Re)index these processes from the database; ids no longer in it are removed."""
    ids = sorted(set(ids))
    if not ids:
        return 0
    written = 0
    with open_writer() as writer:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            for process_id in chunk:
                writer.delete_documents_by_term("id", process_id)
            for doc in _documents(chunk):
                writer.add_json(doc)
                written += 1
    return written


def remove_processes(ids: Iterable[int]) -> None:
    with open_writer() as writer:
        for process_id in ids:
            writer.delete_documents_by_term("id", process_id)


def rebuild(progress: Callable[[int, int], None] | None = None) -> int:
    """Index every process again from the database, replacing whatever the index held."""
    ids = list(Process.objects.order_by("id").values_list("id", flat=True))
    written = 0
    with open_writer(heap=400_000_000, threads=2) as writer:
        writer.delete_all_documents()
        for start in range(0, len(ids), CHUNK * 5):
            for doc in _documents(ids[start : start + CHUNK * 5]):
                writer.add_json(doc)
                written += 1
            if progress:
                progress(written, len(ids))
    return written


# The index's meta.json as last seen per folder: a commit replaces that file, so while it is the
# same the searcher already sees the last commit and reloading (reopening every segment, about a
# millisecond on a million notices) is skipped.
_seen_meta: dict[Path, tuple] = {}


def _meta_version(path: Path) -> tuple | None:
    try:
        meta = (path / "meta.json").stat()
    except OSError:
        return None
    return (meta.st_ino, meta.st_mtime_ns, meta.st_size)


def searcher() -> tantivy.Searcher:
    """A searcher on the last commit, whichever process made it."""
    index = get_index()
    path = index_dir()
    version = _meta_version(path)
    if version is None or _seen_meta.get(path) != version:
        index.reload()
        _seen_meta[path] = version
    return index.searcher()


def reset_cache() -> None:
    """Forget open indexes (tests switch SEARCH_INDEX_DIR between tests)."""
    with _open_lock:
        _indexes.clear()
        _seen_meta.clear()
