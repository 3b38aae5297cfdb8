from core.params import DayMonthYearField


def date_field(label: str, message: str, required: bool = True):
    """A GOV.UK date input whose missing-date message names the date and shows an example."""
    field = DayMonthYearField(label=label, help_text="For example, 27 3 2026", required=required)
    field.error_messages = {**field.error_messages, "required": message, "incomplete": message}
    return field
