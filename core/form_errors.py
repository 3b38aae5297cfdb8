"""Error messages in the GOV.UK pattern for every field of every form, from its label and type.

Django's own messages ("This field is required.", "Enter a valid value.", "Select a valid choice.")
do not say which field is wrong or how to put it right; the GOV.UK Design System's error message
guidance asks for both ("Enter the challenge title", "Budget must be a number, like 25000"). Rather
than write hundreds of messages by hand, `word_field` derives them from what a field is: a text box
is entered, a choice is selected, a file is uploaded; a number gets an example; a limit is stated.

A message the form or field sets itself (Django's `error_messages=`, a form's `Meta.error_messages`
or an assignment in `__init__`) is kept: only Django's defaults are replaced. A form names a field
better than its label with `error_names` ("title": "the challenge title").
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.validators import EMPTY_VALUES

from core.params import DATE_RANGE, DateParameterField, DayMonthYearField

CHOOSING_WIDGETS = (forms.Select, forms.RadioSelect, forms.CheckboxInput, forms.SelectMultiple)
CHOICE_FIELDS = (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)
VALIDATED_FORMATS = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.GenericIPAddressField,
)
# Fields whose first word is a name ("Companies House number", "West Midlands postcode") keep it.
_TITLE_WORD = re.compile(r"^[A-Z][a-z'’]+$")


def default_messages(field: forms.Field) -> dict[str, str]:
    """The messages Django (or crispy-forms-gds) gives this kind of field before anyone changes them."""
    messages: dict[str, str] = {}
    for kind in reversed(type(field).__mro__):
        messages.update(getattr(kind, "default_error_messages", {}) or {})
    messages = {key: str(text) for key, text in messages.items()}
    if isinstance(field, DayMonthYearField):
        messages.update(
            required="Enter the day, month and year", incomplete="Enter the day, month and year"
        )
        messages.pop("impossible", None)
    return messages


def field_name(label) -> str:
    """A label as words for the middle of a sentence: "Title" → "title", "CPV codes" as it is."""
    # A trailing "(optional)", "(£)" or "(%)" belongs to the label, not to a sentence.
    # So does a clause after a comma ("Budget from, in pounds", "Owner, when not a partner").
    text = str(label or "").strip().split(", ", 1)[0]
    text = re.sub(r"(\s*\([^()]*\))+\s*$", "", text).rstrip(":?").strip()
    text = text.replace("%", " per cent")
    words = text.split(" ", 2)
    if (
        words
        and _TITLE_WORD.match(words[0])
        and not (len(words) > 1 and _TITLE_WORD.match(words[1]))
    ):
        words[0] = words[0].lower()
    return " ".join(words)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _number(value) -> str:
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def number_example(field: forms.Field) -> str:
    """A value the field accepts, to show as "like …": inside its limits, whole where it must be."""
    whole = isinstance(field, forms.IntegerField) and not isinstance(
        field, forms.DecimalField | forms.FloatField
    )
    low, high = getattr(field, "min_value", None), getattr(field, "max_value", None)
    example = Decimal(10 if whole else 25000)
    low = None if low is None else Decimal(str(low))
    high = None if high is None else Decimal(str(high))
    if low is not None and high is not None and high - low <= 100:
        example = (low + high) / 2  # a score or a percentage: the middle of its scale
    elif low is not None and low > example:
        example = low
    elif high is not None and high < example:
        example = high
    if whole or example == example.to_integral_value():
        example = example.to_integral_value()
    return _number(example)


def _chooses(field: forms.Field) -> bool:
    return isinstance(field, CHOICE_FIELDS) or isinstance(field.widget, CHOOSING_WIDGETS)


def messages_for(field: forms.Field, name: str) -> dict[str, str]:
    """Every message this field can show, in the GOV.UK pattern, for a field called `name`."""
    label = _capital(name)
    if isinstance(field, forms.FileField):
        required = f"Upload {name}"
    elif _chooses(field):
        required = f"Select {name}"
    else:
        required = f"Enter {name}"
    from_list = (
        f"Select one of the options given for {name}"
        if name.endswith(" from")
        else f"Select {name} from the options given"  # noqa: S608 (words, not SQL)
    )
    messages = {
        "required": required,
        "blank": required,
        "null": required,
        "incomplete": f"Enter {name} in full",
        "invalid": f"Enter {name} in the correct format",
        "invalid_choice": from_list,
        "invalid_list": from_list,
        "invalid_pk_value": from_list,
        "unique": f"{label} is already in use: enter a different {name}",
        "max_length": f"{label} must be %(limit_value)d characters or fewer",
        "min_length": f"{label} must be %(limit_value)d characters or more",
        "max_value": f"{label} must be %(limit_value)s or less",
        "min_value": f"{label} must be %(limit_value)s or more",
        "step_size": f"{label} must be a multiple of %(limit_value)s",
        "max_digits": f"{label} must be %(max)s digits or fewer",
        "max_decimal_places": f"{label} must have %(max)s decimal places or fewer",
        "max_whole_digits": f"{label} must have %(max)s digits or fewer before the decimal point",
    }
    # DecimalField and FloatField are kinds of IntegerField in Django: asked first.
    if isinstance(field, forms.DecimalField | forms.FloatField):
        messages["invalid"] = f"{label} must be a number, like {number_example(field)}"
    elif isinstance(field, forms.IntegerField):
        example = number_example(field)
        if "year" in name.lower() and example == "10":
            example = "2025"
        messages["invalid"] = f"{label} must be a whole number, like {example}"
    elif isinstance(field, forms.EmailField):
        messages["invalid"] = f"Enter {name} in the correct format, like name@example.com"
    elif isinstance(field, forms.URLField):
        messages["invalid"] = f"Enter {name} as a full web address, like https://www.example.org"
    elif isinstance(field, forms.SlugField):
        messages["invalid"] = f"{label} must only include letters, numbers, hyphens and underscores"
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = f"{label} must be a real date and time, like 2027-03-27 14:30"
    elif isinstance(field, forms.DateField):
        messages["invalid"] = f"{label} must be a real date, like 2027-03-27"
    elif isinstance(field, forms.TimeField):
        messages["invalid"] = f"{label} must be a real time, like 14:30"
    elif isinstance(field, forms.JSONField):
        messages["invalid"] = f"{label} must be valid JSON"
    if isinstance(field, DayMonthYearField | DateParameterField):
        messages["min_value"] = messages["max_value"] = f"{label} must be {DATE_RANGE}"
    if isinstance(field, DayMonthYearField):
        messages["invalid"] = f"{label} must be a real date, like 27 3 2027"
        messages["impossible"] = (
            f"{label} must be a real date: check the day and the month (1 to 12), for example 27 3 2027"
        )
    if isinstance(field, forms.FileField):
        messages.update(
            invalid=f"{label} must be a file: select it again",
            missing=f"{label} was not received: select the file again",
            empty=f"The selected {name} is empty: upload a file with something in it",
            max_length=f"The name of the selected {name} must be %(max)d characters or fewer",
            contradiction=f"Either upload {name} or choose to remove it, not both",
            invalid_image=f"The selected {name} must be an image",
        )
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        messages["invalid_choice"] = from_list
    return messages


def _applies(field: forms.Field, key: str) -> bool:
    """Whether `key` can arise for this field: its own messages, or a limit it has (whose validator's
    message a field's `error_messages` replaces by code)."""
    if key in field.error_messages or key in ("blank", "null", "unique"):
        return True
    if key == "invalid" and isinstance(field, VALIDATED_FORMATS):
        return True  # their validators' code is "invalid", and a field's message replaces theirs
    limit = {
        "max_length": "max_length",
        "min_length": "min_length",
        "max_value": "max_value",
        "min_value": "min_value",
        "step_size": "step_size",
    }.get(key)
    if limit and getattr(field, limit, None) not in EMPTY_VALUES:
        return True
    if isinstance(field, DayMonthYearField) and key == "impossible":
        return True
    return isinstance(field, DayMonthYearField | DateParameterField) and key in (
        "min_value",
        "max_value",
    )


def word_field(field: forms.Field, name: str) -> None:
    """Replace the field's default messages (only those) with GOV.UK ones for a field called `name`."""
    defaults = default_messages(field)
    wording = messages_for(field, name)
    current = {key: str(text) for key, text in field.error_messages.items()}
    field.error_messages = {
        **field.error_messages,
        **{
            key: text
            for key, text in wording.items()
            if _applies(field, key) and (key not in current or current[key] == defaults.get(key))
        },
    }
    if isinstance(field, DayMonthYearField):
        _word_date_parts(field, _capital(name))


def _word_date_parts(field: DayMonthYearField, label: str) -> None:
    for part, word in zip(field.fields, ("day", "month", "year"), strict=True):
        part.error_messages = {
            **part.error_messages,
            "incomplete": f"{label} must include a {word}",
            "invalid": f"{label} must be a real date: the {word} must be a number, like 27 3 2027",
        }


def word_form(form: forms.BaseForm) -> None:
    """Give every field of the form GOV.UK messages, named by `error_names` or by its label."""
    names = getattr(form, "error_names", {}) or {}
    for key, field in form.fields.items():
        if getattr(field, "_worded", False):
            continue
        label = names.get(key) or field_name(form[key].label)
        word_field(field, label)
        field._worded = True
