"""Reading a register file as load_registers does, without a database."""

from collections import Counter

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


def entries(items):
    return [item for _, item in items if type(item).__name__ == "Entry"]
