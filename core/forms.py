"""Shared form plumbing: every form renders in the GOV.UK Design System pattern (crispy-forms-gds)
and words its errors in that pattern (`core.form_errors`)."""

from functools import cached_property

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms

from core.form_errors import word_form


class GovukErrorsMixin:
    """Every field's error messages in the GOV.UK pattern (`core.form_errors`): which field is wrong
    and how to put it right. Every form in the project has it; `tests/core/test_form_errors.py`
    fails on one that does not. `error_names` maps a field to the words its messages use when its
    label reads badly in a sentence ("title": "the challenge title")."""

    error_names: dict[str, str] = {}

    def full_clean(self):
        # Worded when checked rather than when built, so fields a form adds in __init__ are included.
        word_form(self)
        super().full_clean()


class GovukFormMixin(GovukErrorsMixin):
    submit_label = "Save"

    @cached_property
    def helper(self):
        # Built on first use, so that fields added or removed in a form's __init__ are laid out.
        helper = FormHelper(self)
        helper.label_size = "s"
        helper.legend_size = "s"
        if self.submit_label:
            helper.add_input(Submit("submit", self.submit_label))
        return helper


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def normalised_field(form, field: str, normalise):
    """Clean an optional identifier with a pure normaliser, turning its ValueError into a field error."""
    value = form.cleaned_data.get(field, "")
    if not value:
        return ""
    try:
        return normalise(value)
    except ValueError as error:
        raise forms.ValidationError(str(error)) from error
