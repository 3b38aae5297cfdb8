from django import forms

from core.forms import GovukErrorsMixin, GovukModelForm, normalised_field
from network.identifiers import (
    normalise_charity_number,
    normalise_company_number,
    normalise_ppon,
    normalise_vat_number,
)
from network.models import (
    ANCHOR_KINDS,
    SUPPLIER_KINDS,
    Champion,
    OperatingSite,
    Organisation,
    OrganisationKind,
    Sector,
)
from network.sizing import assess_size
from reference.postcodes import normalise_postcode

IDENTIFIER_NORMALISERS = {
    "companies_house_number": normalise_company_number,
    "charity_number": normalise_charity_number,
    "vat_number": normalise_vat_number,
    "ppon": normalise_ppon,
}


class OrganisationForm(GovukModelForm):
    """Profile of an organisation. `kinds` limits which kinds may be chosen."""

    error_names = {
        "companies_house_number": "the Companies House number",
        "vat_number": "the VAT number",
        "ppon": "the PPON",
    }

    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    website = forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="For example https://example.org",
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "registered_postcode",
            "companies_house_number",
            "charity_number",
            "vat_number",
            "ppon",
            "staff_headcount",
            "turnover_gbp",
            "balance_sheet_gbp",
            "size_band",
            "is_vcse",
            "sectors",
        ]
        labels = {
            "name": "Organisation name",
            "kind": "Type of organisation",
            "registered_postcode": "Registered address postcode",
            "staff_headcount": "Number of staff (full-time equivalent)",
            "turnover_gbp": "Annual turnover in pounds",
            "balance_sheet_gbp": "Balance sheet total in pounds",
            "size_band": "Size",
        }
        help_texts = {
            "companies_house_number": "For example 01234567 or SC123456",
            "charity_number": "For example 1123456",
            "vat_number": "For example GB123456789",
            "ppon": "Your Public Procurement Organisation Number from the Central Digital Platform",
            "staff_headcount": "If you give this, we work out your size band for you",
            "size_band": "Leave as 'Not known' to work it out from staff and turnover",
            "is_vcse": "A charity, community interest company, co-operative or other organisation "
            "that reinvests its surpluses in social, environmental or cultural aims",
        }
        widgets = {"kind": forms.RadioSelect, "size_band": forms.RadioSelect}

    SUPPLIER_ONLY_FIELDS = (
        "staff_headcount",
        "turnover_gbp",
        "balance_sheet_gbp",
        "size_band",
        "is_vcse",
    )

    def __init__(self, *args, kinds=None, coordinator=False, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = kinds or set(OrganisationKind)
        self.fields["kind"].choices = [c for c in OrganisationKind.choices if c[0] in allowed]
        if set(allowed) <= ANCHOR_KINDS:
            # Size bands and the VCSE flag describe suppliers; an anchor's page says what it buys.
            self.fields["description"].label = "What you buy"
            for name in self.SUPPLIER_ONLY_FIELDS:
                del self.fields[name]
        if coordinator:
            self.fields["is_network_member"] = forms.BooleanField(
                required=False,
                label="Anchor member of the network",
                help_text="Only for anchor institutions that have joined the network",
                initial=self.instance.is_network_member,
            )

    def clean_registered_postcode(self):
        return normalised_field(self, "registered_postcode", normalise_postcode)

    def _clean_identifier(self, field):
        value = normalised_field(self, field, IDENTIFIER_NORMALISERS[field])
        if value:
            clash = (
                Organisation.objects.filter(**{field: value}).exclude(pk=self.instance.pk).first()
            )
            if clash:
                raise forms.ValidationError(
                    f"{clash.name} is already registered with this number. "
                    "If you work there, ask to join it instead."
                )
        return value

    def clean_companies_house_number(self):
        return self._clean_identifier("companies_house_number")

    def clean_charity_number(self):
        return self._clean_identifier("charity_number")

    def clean_vat_number(self):
        return self._clean_identifier("vat_number")

    def clean_ppon(self):
        return self._clean_identifier("ppon")

    def clean(self):
        data = super().clean()
        staff = data.get("staff_headcount")
        if staff is not None and not data.get("size_band"):
            assessment = assess_size(staff, data.get("turnover_gbp"), data.get("balance_sheet_gbp"))
            data["size_band"] = assessment.band
        kind = data.get("kind")
        if kind == OrganisationKind.CHARITY and not data.get("charity_number"):
            self.add_error("charity_number", "Enter the charity number of a registered charity")
        if kind == OrganisationKind.CIC and not data.get("companies_house_number"):
            self.add_error("companies_house_number", "Enter the Companies House number of the CIC")
        if data.get("is_network_member") and kind and kind not in ANCHOR_KINDS:
            self.add_error("is_network_member", "Only anchor institutions can be network members")
        return data

    def save(self, commit=True):
        organisation = super().save(commit=False)
        if "size_band" in self.fields:
            organisation.size_band = self.cleaned_data.get("size_band", "")
        if "is_network_member" in self.fields:
            organisation.is_network_member = self.cleaned_data["is_network_member"]
        if commit:
            organisation.save()
            self.save_m2m()
        return organisation


class SupplierOrganisationForm(OrganisationForm):
    submit_label = "Register organisation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, kinds=SUPPLIER_KINDS, **kwargs)
        if "description" in self.fields:
            self.fields[
                "description"
            ].help_text = "What your organisation does and for whom, in a sentence or two"


class OperatingSiteForm(GovukModelForm):
    submit_label = "Add site"

    class Meta:
        model = OperatingSite
        fields = ["name", "postcode"]
        labels = {"name": "Site name", "postcode": "Postcode"}
        help_texts = {"name": "For example 'Head office' or 'Coventry depot'"}

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_postcode(self):
        postcode = normalised_field(self, "postcode", normalise_postcode)
        if self.organisation and self.organisation.sites.filter(postcode=postcode).exists():
            raise forms.ValidationError("This organisation already has a site at this postcode")
        return postcode


class ChampionForm(GovukModelForm):
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        label="Sector focus",
        help_text="Select all that apply",
    )

    class Meta:
        model = Champion
        fields = ["name", "job_title", "email", "phone", "sectors", "about"]
        labels = {"email": "Work email address", "phone": "Work phone number (optional)"}


class OrganisationSearchForm(GovukErrorsMixin, forms.Form):
    """The directory filters (GET); rendered by hand in the list template."""

    error_names = {"q": "the search words"}
    KIND_GROUPS = [
        ("", "All organisations"),
        ("anchors", "Anchor institutions"),
        ("suppliers", "Suppliers"),
    ]
    q = forms.CharField(required=False, label="Search by name", max_length=100)
    group = forms.ChoiceField(choices=KIND_GROUPS, required=False, label="Type")
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="All sectors",
    )
    members_only = forms.BooleanField(required=False, label="Network members only")


class ChampionSearchForm(GovukErrorsMixin, forms.Form):
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="All sectors",
    )
