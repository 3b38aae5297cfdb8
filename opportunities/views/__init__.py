"""The opportunities pages, one module for each thing they serve (URL conf: opportunities/urls.py)."""
