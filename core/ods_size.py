"""The size of an ODS workbook's first table, checked before calamine is asked for it: content.xml
walked with expat, cells and rows repeated by number count as many times, when they hold anything.
No database."""

from __future__ import annotations

import pyexpat
import zipfile
from typing import Any

from core.archives import Budget, zip_members
from core.sheet_limits import CHUNK, Extent, Limits, SpreadsheetProblem


def check_ods(archive: zipfile.ZipFile, label: str, limits: Limits) -> None:
    """The first table of content.xml, walked: cells repeated by number-columns-repeated and rows
    by number-rows-repeated count as many times, when they hold anything."""
    budget = Budget(label, limits.bytes)
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    state: dict[str, Any] = {"depth": 0, "row": 0, "column": 0, "cell": None, "filled": False}
    extent: Extent | None = None
    done = False

    def repeat(attributes, name) -> int:
        try:
            return max(int(attributes.get(f"{table} {name}", "1")), 1)
        except ValueError:
            return 1

    def start(name, attributes):
        nonlocal extent
        if done:
            return
        if name == f"{table} table":
            state["depth"] += 1
            if extent is None:
                extent = Extent(attributes.get(f"{table} name", "Sheet1"), limits)
        elif extent is None or state["depth"] != 1:
            return
        elif name == f"{table} table-row":
            state["repeat_rows"], state["column"], state["filled_row"] = (
                repeat(attributes, "number-rows-repeated"),
                0,
                False,
            )
        elif name in (f"{table} table-cell", f"{table} covered-table-cell"):
            state["cell"] = repeat(attributes, "number-columns-repeated")
            state["filled"] = f"{office} value-type" in attributes
        elif state["cell"] is not None:
            state["filled"] = True

    def end(name):
        nonlocal done
        if done or extent is None:
            return
        if name == f"{table} table":
            state["depth"] -= 1
            done = state["depth"] == 0
        elif state["depth"] != 1:
            return
        elif name in (f"{table} table-cell", f"{table} covered-table-cell"):
            state["column"] += state["cell"]
            if state["filled"]:
                state["filled_row"] = True
                state["last_column"] = state["column"]
                extent.add(state["row"] + 1, state["column"])
            state["cell"] = None
        elif name == f"{table} table-row":
            if state["filled_row"]:
                extent.add(state["row"] + state["repeat_rows"], state["last_column"])
            state["row"] += state["repeat_rows"]

    def no_entities(*_args):
        raise SpreadsheetProblem("the spreadsheet declares XML entities")

    parser = pyexpat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.EntityDeclHandler = parser.StartDoctypeDeclHandler = no_entities
    found = False
    for _info, stream in zip_members(archive, budget, lambda i: i.filename == "content.xml"):
        found = True
        try:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except pyexpat.ExpatError as error:
            raise SpreadsheetProblem(f"the spreadsheet cannot be read ({error})") from None
    if not found:
        raise SpreadsheetProblem("not a spreadsheet (no content.xml)")
    for _info, stream in zip_members(archive, budget, lambda i: i.filename != "content.xml"):
        while stream.read(CHUNK):
            pass
