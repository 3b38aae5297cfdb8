"""The programme itself: title, aims, stage, sectors, the challenges it tackles and its dates."""

from __future__ import annotations

from django import forms
from django.utils.text import slugify

from challenges.models import Challenge
from core.forms import GovukModelForm
from network.models import Sector
from programmes import record_rules
from programmes.forms.common import date_field, say
from programmes.models import Programme

# Paths under programmes/ that are pages, not programmes.
RESERVED_SLUGS = {"new"}


class ProgrammeForm(GovukModelForm):
    submit_label = "Save the programme"

    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    challenges = forms.ModelMultipleChoiceField(
        queryset=Challenge.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Challenges it tackles",
        help_text="The procurement challenges in AnchorHub the programme sets out to tackle",
    )
    starts_on = date_field("Start date", required=False)
    ends_on = date_field("End date", required=False)

    class Meta:
        model = Programme
        fields = ["title", "summary", "aims", "stage", "sectors", "challenges"]
        labels = {"title": "Title", "summary": "Summary", "aims": "Aims", "stage": "Stage"}
        widgets = {"aims": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenges"].queryset = Challenge.objects.order_by("title")
        if self.instance.pk:
            self.fields["starts_on"].initial = self.instance.starts_on
            self.fields["ends_on"].initial = self.instance.ends_on
        say(
            self,
            title="Enter the programme's title",
            summary="Enter a summary of the programme in one or two sentences",
            aims="Enter the programme's aims: what it sets out to achieve",
            stage="Choose the programme's stage from the list",
            starts_on="Enter the start date as a real date, for example 1 4 2027",
            ends_on="Enter the end date as a real date, for example 31 3 2028",
        )

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not slugify(title):
            raise forms.ValidationError("Enter a title with at least one letter or number")
        return title

    def clean(self):
        data = super().clean()
        problem = record_rules.dates_problem(data.get("starts_on"), data.get("ends_on"))
        if problem:
            self.add_error("ends_on", problem)
        return data

    def save(self, commit=True):
        programme = super().save(commit=False)
        programme.starts_on = self.cleaned_data.get("starts_on")
        programme.ends_on = self.cleaned_data.get("ends_on")
        if not programme.slug:
            programme.slug = unique_slug(programme.title)
        if commit:
            programme.save()
            self.save_m2m()
        return programme


def unique_slug(title: str) -> str:
    base = slugify(title)[:100] or "programme"
    slug, number = base, 1
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug
