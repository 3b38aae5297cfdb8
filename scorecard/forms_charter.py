"""The charter's forms: a commitment (added or changed by a coordinator, with a note saying why),
retiring or reactivating one, and an anchor's adoption of one."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.text import slugify

from core.forms import GovukForm, GovukModelForm
from core.params import DayMonthYearField
from network.models import Organisation
from scorecard.indicators import INDICATORS
from scorecard.models import Commitment, Comparison

# Paths under charter/ that are pages, not commitments.
RESERVED_SLUGS = {"new", "adoption"}

# The indicator that reads a commitment's days of tender period (Commitment.tender_days).
TENDER_PERIOD_INDICATOR = "tender_period_commitment_share"

UNIT_HELP = {
    "share": "a percentage, for example 95",
    "days": "a number of days",
    "yes_no": "1 for yes",
}


def indicator_choices() -> list[tuple[str, str]]:
    registered = sorted(INDICATORS.values(), key=lambda item: item.label.lower())
    return [("", "Not measured yet")] + [(item.name, item.label) for item in registered]


def tender_period_label() -> str:
    item = INDICATORS.get(TENDER_PERIOD_INDICATOR)
    return item.label if item else TENDER_PERIOD_INDICATOR


def entered_target(target: float | None, indicator: str) -> float | None:
    """A stored target as a person types it: a share as a percentage."""
    item = INDICATORS.get(indicator)
    if target is None or item is None or item.unit != "share":
        return target
    return round(target * 100, 4)


class CommitmentForm(GovukModelForm):
    """A commitment of the charter. The indicator must be one the registry knows; the target is
    typed in the indicator's unit (a share as a percentage) and stored as the registry reads it."""

    error_names = {"comparison": "what the figure should be"}

    indicator = forms.ChoiceField(
        label="Indicator that measures it",
        required=False,
        help_text="Only registered indicators can be chosen",
    )
    target_entered = forms.FloatField(
        label="Target",
        required=False,
        min_value=0,
        help_text="In the indicator's unit: for a share " + UNIT_HELP["share"] + "; days for days; "
        "1 (yes) for a yes or no. Leave blank for no target.",
    )
    tender_days = forms.IntegerField(
        label="Days of tender period",
        required=False,
        min_value=1,
        max_value=365,
    )
    note = forms.CharField(
        label="What changed and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with this version of the commitment",
    )

    class Meta:
        model = Commitment
        fields = ["title", "description", "indicator", "comparison", "source", "tender_days"]
        labels = {
            "title": "Commitment",
            "description": "What it asks of each anchor",
            "comparison": "The figure should be",
            "source": "Where it comes from",
        }
        widgets = {"comparison": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = indicator_choices()
        self.fields["comparison"].choices = Comparison.choices
        self.fields["tender_days"].help_text = (
            f"Only for the commitment measured by “{tender_period_label()}”: the fewest days, "
            "from 1 to 365, a below-threshold tender should be open. Leave blank otherwise."
        )
        self.order_fields(
            [
                "title",
                "description",
                "indicator",
                "target_entered",
                "comparison",
                "tender_days",
                "source",
                "note",
            ]
        )
        if self.instance.pk is None:
            self.fields["note"].required = False
            self.fields["note"].help_text = "Optional: kept with the first version"
        else:
            self.initial.setdefault(
                "target_entered", entered_target(self.instance.target, self.instance.indicator)
            )

    @property
    def submit_label(self):
        return "Add commitment" if self.instance.pk is None else "Save a new version"

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if self.instance.pk is None:
            slug = slugify(title)[:80]
            if not slug or slug in RESERVED_SLUGS:
                raise forms.ValidationError("Give the commitment a title in words")
            if Commitment.objects.filter(slug=slug).exists():
                raise forms.ValidationError("The charter already has a commitment with this title")
        return title

    def clean_indicator(self):
        name = self.cleaned_data.get("indicator") or ""
        if name and name not in INDICATORS:
            raise forms.ValidationError("Choose an indicator from the list")
        return name

    def clean(self):
        data = super().clean()
        name, target = data.get("indicator") or "", data.get("target_entered")
        if data.get("tender_days") is not None and name != TENDER_PERIOD_INDICATOR:
            self.add_error(
                "tender_days",
                "Days of tender period are only for the commitment measured by "
                f"“{tender_period_label()}”: leave this blank",
            )
        if target is None:
            data["target"] = None
            return data
        if not name:
            self.add_error(
                "target_entered", "Choose the indicator that measures it to set a target"
            )
            return data
        unit = INDICATORS[name].unit
        if unit == "share":
            if target > 100:
                self.add_error("target_entered", "Enter a percentage from 0 to 100")
                return data
            target = target / 100
        elif unit == "yes_no" and target not in (0, 1):
            self.add_error("target_entered", "Enter 1 for yes or 0 for no")
            return data
        data["target"] = target
        return data

    def save(self, commit=True):
        commitment = super().save(commit=False)
        commitment.target = self.cleaned_data.get("target")
        if commitment.pk is None:
            commitment.slug = slugify(commitment.title)[:80]
            commitment.position = (
                max(Commitment.objects.values_list("position", flat=True), default=-1) + 1
            )
        return commitment


class StatusForm(GovukForm):
    """Retiring or reactivating a commitment, with a note kept with the version."""

    error_names = {"note": "why the commitment changes"}

    note = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with this version of the commitment",
    )

    def __init__(self, *args, retiring: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit_label = "Retire commitment" if retiring else "Reactivate commitment"


class AdoptionForm(GovukForm):
    """An anchor's adoption of a commitment and the day it adopted it; coordinators choose the
    anchor, an anchor's administrator records their own."""

    submit_label = "Record adoption"

    organisation = forms.ModelChoiceField(
        label="Anchor", queryset=Organisation.objects.none(), empty_label="Choose an anchor"
    )
    adopted_on = DayMonthYearField(label="Date adopted", help_text="For example, 27 3 2026")

    def __init__(self, *args, anchors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if anchors is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = anchors

    def clean_adopted_on(self):
        day = self.cleaned_data["adopted_on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("The date adopted must be today or in the past")
        return day
