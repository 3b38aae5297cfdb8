"""Reading register files as load_registers does, without a database: real shared files (through
tests/conftest.py's require_data), small SYNTHETIC files written in a test's tmp_path, and rows
given straight to one format's reader or recogniser."""

import csv
from collections import Counter

from registers.formats import FORMATS
from registers.formats.base import key
from registers.recognise import NotRecognised, recognise
from registers.tables import tables
from tests.conftest import require_data


def read(*parts):
    """(format name, Counter of item kinds, [(row number, item)]) of a real shared file (the first
    table a format recognises)."""
    path = require_data("registers", *parts)
    opened = tables(path)
    try:
        for table in opened:
            try:
                found = recognise(table.label, table.rows)
            except NotRecognised:  # a workbook's cover sheets
                continue
            items = [(n, i) for n, _cells, i in found.format.read(found.header, found.rows)]
            return found.format.name, Counter(type(i).__name__ for _, i in items), items
    finally:
        opened.close()
    raise AssertionError(f"nothing recognised in {path}")


def check_real_file(parts, name, count, others):
    """The file under ../shared/data/registers is recognised as `name` and gives `count` entries
    and `others` rejected rows or supplements."""
    found, kinds, _items = read(*parts)
    assert found == name
    assert kinds["Entry"] == count
    assert kinds["Rejected"] == others


def entries(items):
    return [item for _, item in items if type(item).__name__ == "Entry"]


def read_path(path):
    """(format name, [(row number, item)]) of the first table of any file; NotRecognised when no
    format knows it."""
    opened = tables(path)
    try:
        table = next(opened)
        found = recognise(table.label, table.rows)
        return found.format.name, [
            (n, i) for n, _c, i in found.format.read(found.header, found.rows)
        ]
    finally:
        opened.close()


def synthetic(path, header, rows):
    """A CSV at `path` with `header`; each row a {column: value} dict, other columns blank."""
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for values in rows:
            row = dict.fromkeys(header, "")
            row.update(values)
            writer.writerow([row[h] for h in header])
    return path


def read_rows(name, header, rows):
    """The items format `name` reads from `rows` (lists of cells) below `header`, numbered from 2
    as the line after a file's header is."""
    return [item for _n, _cells, item in FORMATS[name].read(header, enumerate(rows, start=2))]


def recognised_as(header, rows=()):
    """The name of the format that recognises a table of `header` and then `rows`."""
    return recognise("SYNTHETIC.csv", iter([header, *rows])).format.name


def row_of(header, **values):
    """A row of cells in `header`'s order: the named columns (key as by_column makes them) given,
    the rest blank."""
    return [values.get(key(h), "") for h in header]
