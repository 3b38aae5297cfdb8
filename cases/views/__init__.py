"""The case library's pages, one module for each thing they serve: the library (`library.py`),
writing and reviewing cases (`editing.py`), files on a case (`files.py`), spreadsheets, exports and
the feed (`import_export.py`), guides (`guides.py`) and the invest-to-save calculator
(`calculator.py`). Each view declares its roles; whether a case may be seen is decided by
sharing.py (through services and Case.objects.visible_to)."""
