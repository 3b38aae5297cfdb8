"""The payee page's forms (spend/payee_pages.py): a postcode given, a search of the registers."""

from django import forms

from core.forms import GovukForm, normalised_field
from reference.postcodes import normalise_postcode


class PostcodeForm(GovukForm):
    """A postcode for a payee: where it is registered or the branch the anchor deals with."""

    submit_label = "Save the postcode"

    postcode = forms.CharField(
        label="Postcode",
        max_length=12,
        help_text="Where this payee is: its registered office, or the branch your anchor deals "
        "with. For example, B1 1BB.",
        error_messages={"required": "Enter the payee's postcode, like B1 1BB"},
    )

    def clean_postcode(self):
        return normalised_field(self, "postcode", normalise_postcode)


class RegisterSearchForm(GovukForm):
    """Find the payee's entry in the registers by name or number (a GET form)."""

    submit_label = "Search the registers"

    q = forms.CharField(
        label="Name or number",
        max_length=200,
        help_text="A company number, charity number or NHS (ODS) code, or the start of the "
        "organisation's name as the register writes it, for example Walsall Healthcare.",
        error_messages={"required": "Enter a name or number to search the registers for"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.form_method = "get"
