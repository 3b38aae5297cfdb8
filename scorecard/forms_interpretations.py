"""The forms of the interpretations pages: writing or editing one (with a change note), changing
its status, and recording an anchor's adoption. GOV.UK patterns (core/forms.py)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.forms import GovukForm, GovukModelForm
from core.params import DayMonthYearField
from network.models import Organisation
from scorecard import interpretations
from scorecard import interpretations_rules as rules
from scorecard.models import Interpretation, InterpretationStatus

NOTE_HELP = "Say what changed and why; it is kept with this version"


def _date(label: str, required: bool = True) -> DayMonthYearField:
    return DayMonthYearField(label=label, help_text="For example, 27 3 2026", required=required)


def _not_future(day):
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError("The date must be today or in the past")
    return day


class InterpretationForm(GovukModelForm):
    """The question, the reading, the statute and what it bears on. The slug is set once."""

    submit_label = "Save the interpretation"
    routes = forms.MultipleChoiceField(
        label="Route finder routes it bears on",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guides = forms.MultipleChoiceField(
        label="Guides it bears on", required=False, widget=forms.CheckboxSelectMultiple
    )
    statute_url = forms.URLField(
        label="Link to the section on legislation.gov.uk",
        help_text="For example, https://www.legislation.gov.uk/ukpga/2023/54/section/12",
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    note = forms.CharField(
        label="Change note", help_text=NOTE_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Interpretation
        fields = ["slug", "question", "reading", "statute_reference", "statute_url"]
        labels = {
            "slug": "Short name for the address",
            "question": "The question the Act's wording leaves open",
            "reading": "The network's reading",
            "statute_reference": "Statute reference (section and schedule)",
        }
        help_texts = {
            "slug": "Lower-case letters, numbers and hyphens, for example sme-barriers",
            "statute_reference": "For example, Procurement Act 2023 s.12(4)",
        }
        widgets = {
            "question": forms.Textarea(attrs={"rows": 3}),
            "reading": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["slug"]
            self.fields["note"].initial = ""
        else:
            self.fields["note"].initial = "First version."
        self.fields["routes"].choices = interpretations.route_names()
        self.fields["guides"].choices = interpretations.guide_names()
        self.fields["routes"].initial = list(self.instance.routes or [])
        self.fields["guides"].initial = list(self.instance.guides or [])
        self.fields["reading"].required = True

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug == "new":  # the address of the page that writes one
            raise forms.ValidationError("Choose another short name")
        return slug

    def clean_statute_url(self):
        url = self.cleaned_data.get("statute_url", "")
        if url and not url.startswith("https://www.legislation.gov.uk/"):
            raise forms.ValidationError(
                "Link to the legislation on https://www.legislation.gov.uk/"
            )
        return url

    def apply(self) -> Interpretation:
        """The interpretation as written (not yet saved: the view keeps it as a version)."""
        interpretation = self.save(commit=False)
        interpretation.routes = list(self.cleaned_data["routes"])
        interpretation.guides = list(self.cleaned_data["guides"])
        return interpretation


class StatusForm(GovukForm):
    """Draft, agreed (with the day) or superseded (naming the newer interpretation)."""

    submit_label = "Change the status"
    status = forms.ChoiceField(
        label="Status", choices=InterpretationStatus.choices, widget=forms.RadioSelect
    )
    agreed_on = _date("Day the network agreed it", required=False)
    superseded_by = forms.ChoiceField(
        label="Superseded by", required=False, help_text="Only when the status is superseded"
    )
    note = forms.CharField(
        label="Change note", help_text=NOTE_HELP, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, interpretation: Interpretation, **kwargs):
        self.interpretation = interpretation
        kwargs.setdefault(
            "initial",
            {
                "status": interpretation.status,
                "agreed_on": interpretation.agreed_on,
                "superseded_by": getattr(interpretation.superseded_by, "slug", ""),
            },
        )
        super().__init__(*args, **kwargs)
        others = Interpretation.objects.exclude(pk=interpretation.pk).order_by("slug")
        self.fields["superseded_by"].choices = [
            ("", "None"),
            *((other.slug, str(other)) for other in others),
        ]

    def clean_agreed_on(self):
        return _not_future(self.cleaned_data.get("agreed_on"))

    def clean(self):
        data = super().clean()
        for field, message in rules.status_problems(
            data.get("status", ""),
            data.get("agreed_on"),
            data.get("superseded_by") or None,
            self.interpretation.slug,
        ).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def apply(self) -> Interpretation:
        """The interpretation with the new status (not yet saved)."""
        data = self.cleaned_data
        self.interpretation.status = data["status"]
        self.interpretation.agreed_on = data.get("agreed_on")
        newer = data.get("superseded_by")
        self.interpretation.superseded_by = (
            Interpretation.objects.get(slug=newer) if newer else None
        )
        return self.interpretation


class AdoptionForm(GovukForm):
    """An anchor's adoption and its day. An anchor administrator records only their own anchor."""

    submit_label = "Record the adoption"
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label="Anchor")
    adopted_on = _date("Day the anchor adopted it")

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean_adopted_on(self):
        return _not_future(self.cleaned_data.get("adopted_on"))
