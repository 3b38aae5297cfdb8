"""The challenge statement: the problem, outcomes, budget and engagement dates, its evaluation
criteria, and the search over published challenges."""

from __future__ import annotations

from datetime import datetime, time
from functools import cache
from pathlib import Path

from django import forms
from django.utils import timezone

from challenges.forms.fields import LONDON, cpv_list, cpv_text, date_field
from challenges.models import Challenge, Criterion
from core import datafiles
from core.forms import GovukErrorsMixin, GovukModelForm
from network.models import Organisation, Sector

CLOSING_TIME = time(12, 0)  # engagement closes at noon, UK time, on the chosen day
GUIDANCE = Path(__file__).parent.parent / "data" / "guidance.json"


@cache
def guidance() -> dict:
    return datafiles.load(GUIDANCE)


class ChallengeForm(GovukModelForm):
    submit_label = "Save the challenge"
    error_names = {
        "title": "the challenge title",
        "summary": "a summary of the challenge",
        "problem": "the problem",
        "affected": "who is affected",
        "outcomes": "the outcomes wanted",
        "success_measures": "how success will be measured",
        "budget_min": "the lowest budget",
        "budget_max": "the highest budget",
        "sectors": "the sectors",
        "co_owners": "the other anchors sharing this challenge",
        "closes_on": "the date market engagement closes",
    }

    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    co_owners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Other anchors sharing this challenge",
        help_text="Their buyers can edit it and sit on its evaluation panel",
    )
    cpv = forms.CharField(
        label="CPV codes",
        required=False,
        help_text="One or more 8-digit codes, separated by commas, for example 85100000, 72000000",
    )
    closes_on = date_field(
        "When market engagement closes",
        "Questions, interest and proposals close at noon on this day. For example, 27 3 2027",
        required=False,
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "summary",
            "problem",
            "affected",
            "outcomes",
            "success_measures",
            "must",
            "must_not",
            "tried",
            "budget_min",
            "budget_max",
            "timeline",
            "sectors",
            "co_owners",
        ]
        labels = {
            "title": "Title",
            "summary": "Summary",
            "problem": "The problem",
            "budget_min": "Budget from, in pounds (excluding VAT)",
            "budget_max": "Budget up to, in pounds (excluding VAT)",
        }
        widgets = {
            field: forms.Textarea(attrs={"rows": 4})
            for field in (
                "problem",
                "affected",
                "outcomes",
                "success_measures",
                "must",
                "must_not",
                "tried",
                "timeline",
            )
        }

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_owners"].queryset = (
            Organisation.objects.anchors().exclude(pk=owner.pk).order_by("name")
        )
        if self.instance.pk:
            self.fields["cpv"].initial = cpv_text(self.instance.cpv_codes)
            if self.instance.engagement_closes_at:
                self.fields["closes_on"].initial = timezone.localtime(
                    self.instance.engagement_closes_at, LONDON
                ).date()
        tips = guidance()["fields"]
        for name, field in self.fields.items():
            tip = tips.get("budget" if name.startswith("budget") else name)
            if tip:
                field.help_text = tip["tip"]
        self.guidance = tips

    def guided_fields(self):
        """(bound field, guidance or None) in order, for the template's examples."""
        shown = set()
        for bound in self:
            key = "budget" if bound.name == "budget_max" else bound.name
            tip = self.guidance.get(key)
            yield bound, (tip if tip and key not in shown and bound.name != "budget_min" else None)
            shown.add(key)

    def clean_cpv(self):
        return cpv_list(self.cleaned_data["cpv"])

    def clean_closes_on(self):
        day = self.cleaned_data.get("closes_on")
        if day is None:
            return None
        closes = datetime.combine(day, CLOSING_TIME, tzinfo=LONDON)
        if closes <= timezone.now():
            raise forms.ValidationError("The date market engagement closes must be in the future")
        return closes

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "budget_max",
                "The highest budget must be the same as or more than the lowest budget",
            )
        return data

    def save(self, commit=True):
        challenge = super().save(commit=False)
        challenge.cpv_codes = self.cleaned_data["cpv"]
        challenge.engagement_closes_at = self.cleaned_data.get("closes_on")
        if commit:
            challenge.save()
            self.save_m2m()
        return challenge


class CriterionForm(GovukModelForm):
    submit_label = "Add the criterion"

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]
        labels = {"name": "Criterion", "weight": "Weight (%)"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "name": "For example: Impact on the outcome, Deliverability, Cost and value, Social value",
            "weight": "Weights of all criteria must add up to 100",
        }


class ChallengeSearchForm(GovukErrorsMixin, forms.Form):
    error_names = {"q": "the search words"}
    STATUS = [
        ("", "Any stage"),
        ("open", "Engagement open"),
        ("published", "Published, not yet open"),
        ("closed", "Engagement closed"),
        ("done", "Awarded, not awarded or withdrawn"),
    ]
    q = forms.CharField(label="Search challenges", required=False, max_length=200)
    status = forms.ChoiceField(label="Stage", choices=STATUS, required=False)
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Any sector",
    )
