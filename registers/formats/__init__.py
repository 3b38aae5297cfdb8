"""Register file formats, each recognised by its header (or, for NHS ODS files that have none,
by its shape) and read without a database. Importing this package registers them all."""

from registers.formats import charities, companies_house, postcodes, public_bodies  # noqa: F401
from registers.formats.base import FORMATS, Format

__all__ = ["FORMATS", "Format"]
