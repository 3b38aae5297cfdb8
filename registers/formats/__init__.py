"""Register file formats, each recognised by its header (or, for NHS ODS files that have none,
by its shape) and read without a database. Importing this package registers them all, in the
order below: recognition tries formats of equal priority in that order, and a file that no format
knows is told what each expects in that order."""

# isort: off
from registers.formats import charities, companies_house, postcodes  # noqa: F401
from registers.formats import councils, nhs, schools, social_housing  # noqa: F401
from registers.formats import central_government, small_areas  # noqa: F401

# isort: on
from registers.formats.base import FORMATS, Format

__all__ = ["FORMATS", "Format"]
