"""The programmes app's pages, one module per part of the record."""
