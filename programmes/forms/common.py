"""What the record's forms share: GOV.UK date inputs and error messages that say how to fix."""

from __future__ import annotations

from core.params import DayMonthYearField

EXAMPLE_DATE = "For example, 27 3 2027"


def date_field(label: str, help_text: str = EXAMPLE_DATE, required: bool = True):
    return DayMonthYearField(label=label, help_text=help_text, required=required)


def say(form, **messages: str) -> None:
    """Set each named field's message for when it is left empty (never "This field is
    required."); a choice field's message also serves a choice not on the list."""
    for name, message in messages.items():
        field = form.fields[name]
        field.error_messages["required"] = message
        if "invalid_choice" in field.error_messages:
            field.error_messages["invalid_choice"] = message
        if "invalid" in field.error_messages and name.endswith("_on"):
            field.error_messages["invalid"] = message
