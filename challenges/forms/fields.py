"""What several challenge forms share: UK time, GOV.UK date inputs and CPV codes typed as text."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from core.params import DayMonthYearField
from opportunities.forms import cpv_codes

LONDON = ZoneInfo("Europe/London")


def date_field(label, help_text="For example, 27 3 2027", required=True):
    return DayMonthYearField(label=label, help_text=help_text, required=required)


def cpv_text(codes) -> str:
    """Saved codes as the text in the form."""
    return ", ".join(codes or [])


def cpv_list(text: str) -> list[str]:
    """The codes typed, each once, in order."""
    return sorted(set(cpv_codes(text)))
