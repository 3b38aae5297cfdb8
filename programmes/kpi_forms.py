"""The KPIs' forms: a KPI (its source, baseline and target), and a manual result with its
evidence. A share is typed as a percentage and stored as the sources give it (0 to 1)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from core.forms import GovukForm, GovukModelForm
from core.params import DayMonthYearField
from core.uploads import AttachmentForm
from programmes.kpi_sources import SOURCES
from programmes.models import Kpi
from programmes.models.kpis import Direction, Window
from scorecard.indicators import INDICATORS

PRACTICE = "practice_indicator"
UNIT_WORDS = {
    "share": "a percentage, like 25 for 25%",
    "count": "a whole number, like 12",
    "money": "an amount in pounds, like 25000",
    "days": "a number of days, like 30",
    "index": "a number, like 0.25",
    "number": "a number, like 40",
    "yes_no": "1 for yes, 0 for no",
}


def source_choices() -> list[tuple[str, str]]:
    return [("", "Choose a source")] + [(key, item.label) for key, item in SOURCES.items()]


def indicator_choices() -> list[tuple[str, str]]:
    registered = sorted(INDICATORS.values(), key=lambda item: item.label.lower())
    return [("", "Choose an indicator")] + [(item.name, item.label) for item in registered]


def unit_of(source: str, indicator: str = "") -> str:
    if source == PRACTICE and indicator in INDICATORS:
        return INDICATORS[indicator].unit
    item = SOURCES.get(source)
    return item.unit if item else "number"


def entered(value: float | None, unit: str) -> float | None:
    """A stored figure as a person types it: a share as a percentage."""
    if value is None:
        return None
    return round(value * 100, 4) if unit == "share" else value


def stored(value: float | None, unit: str) -> float | None:
    if value is None:
        return None
    return value / 100 if unit == "share" else value


class KpiForm(GovukModelForm):
    """A KPI of a programme or an anchor. The source must be registered; a practice indicator
    must be one the scorecard knows; baseline and target are typed in the KPI's unit."""

    error_names = {
        "source": "where the figure comes from",
        "window": "the period each figure covers",
        "direction": "which way is better",
    }

    source = forms.ChoiceField(
        label="Where the figure comes from",
        error_messages={"required": "Choose where the KPI's figure comes from"},
    )
    indicator = forms.ChoiceField(
        label="Practice indicator",
        required=False,
        help_text="Only for a practice indicator from the scorecard",
    )
    baseline_entered = forms.FloatField(
        label="Baseline",
        required=False,
        help_text="The figure at the start, in the KPI's unit (a share as a percentage, like 25)",
        error_messages={"invalid": "Enter the baseline as a number, like 25"},
    )
    baseline_date = DayMonthYearField(
        label="Date of the baseline", required=False, help_text="For example, 31 3 2025"
    )
    target_entered = forms.FloatField(
        label="Target",
        required=False,
        help_text="The figure aimed for, in the KPI's unit (a share as a percentage, like 30)",
        error_messages={"invalid": "Enter the target as a number, like 30"},
    )
    target_date = DayMonthYearField(
        label="Date the target is for", required=False, help_text="For example, 31 3 2027"
    )

    class Meta:
        model = Kpi
        fields = ["title", "source", "window", "direction", "notes"]
        labels = {
            "title": "KPI",
            "window": "Each figure covers",
            "direction": "Which way is better",
            "notes": "Notes",
        }
        help_texts = {"notes": "Why this KPI, and anything a reader should know about it"}
        widgets = {
            "window": forms.RadioSelect,
            "direction": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter the KPI's name, like Share of spend with local suppliers"}
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = source_choices()
        self.fields["indicator"].choices = indicator_choices()
        self.fields["window"].choices = Window.choices
        self.fields["direction"].choices = Direction.choices
        self.fields["window"].error_messages["required"] = "Choose what period each figure covers"
        self.fields["direction"].error_messages["required"] = (
            "Choose whether a higher or a lower figure is better"
        )
        self.order_fields(
            [
                "title",
                "source",
                "indicator",
                "window",
                "direction",
                "baseline_entered",
                "baseline_date",
                "target_entered",
                "target_date",
                "notes",
            ]
        )
        if self.instance.pk is not None:
            unit = self.instance.unit
            self.initial.setdefault("indicator", self.instance.parameters.get("indicator", ""))
            self.initial.setdefault("baseline_entered", entered(self.instance.baseline_value, unit))
            self.initial.setdefault("target_entered", entered(self.instance.target_value, unit))
            self.initial.setdefault("baseline_date", self.instance.baseline_date)
            self.initial.setdefault("target_date", self.instance.target_date)
            if self.instance.snapshots.exists() or self.instance.results.exists():
                # Its trend is of one figure: what it measures is fixed once figures are kept.
                for name in ("source", "indicator", "window"):
                    self.fields[name].disabled = True
                    self.fields[name].help_text = (
                        "Fixed now that figures are recorded, so the trend stays of one measure: "
                        "add a new KPI to measure something else"
                    )

    @property
    def submit_label(self):
        return "Add the KPI" if self.instance.pk is None else "Save the KPI"

    def clean_source(self):
        key = self.cleaned_data["source"]
        if key not in SOURCES:
            raise forms.ValidationError("Choose where the KPI's figure comes from, from the list")
        return key

    def clean(self):
        data = super().clean()
        source, indicator = data.get("source") or "", data.get("indicator") or ""
        if source == PRACTICE and indicator not in INDICATORS:
            self.add_error("indicator", "Choose the practice indicator the KPI follows")
        if source != PRACTICE:
            data["indicator"] = ""
        base, target = data.get("baseline_date"), data.get("target_date")
        if base and target and target <= base:
            self.add_error("target_date", "The target's date must be after the baseline's date")
        if data.get("target_entered") is not None and target is None:
            self.add_error("target_date", "Enter the date the target is for, like 31 3 2027")
        if data.get("baseline_entered") is not None and base is None:
            self.add_error("baseline_date", "Enter the date of the baseline, like 31 3 2025")
        low, high = data.get("baseline_entered"), data.get("target_entered")
        if low is not None and high is not None and low != high:
            better = data.get("direction")
            if better == "higher" and high < low:
                self.add_error(
                    "target_entered",
                    "Enter a target above the baseline, or choose that a lower figure is better",
                )
            if better == "lower" and high > low:
                self.add_error(
                    "target_entered",
                    "Enter a target below the baseline, or choose that a higher figure is better",
                )
        unit = unit_of(source, data.get("indicator", ""))
        for name in ("baseline_entered", "target_entered"):
            value = data.get(name)
            if value is not None and unit == "share" and not 0 <= value <= 100:
                self.add_error(name, "Enter a percentage from 0 to 100, like 25")
        return data

    def save(self, commit=True):
        kpi = super().save(commit=False)
        data = self.cleaned_data
        kpi.unit = unit_of(kpi.source, data.get("indicator", ""))
        kpi.parameters = {"indicator": data["indicator"]} if data.get("indicator") else {}
        kpi.baseline_value = stored(data.get("baseline_entered"), kpi.unit)
        kpi.target_value = stored(data.get("target_entered"), kpi.unit)
        kpi.baseline_date = data.get("baseline_date")
        kpi.target_date = data.get("target_date")
        if commit:
            kpi.save()
        return kpi


class ManualResultForm(GovukForm):
    """A manual KPI's result for a period, with its evidence: a file or a link, and a note."""

    submit_label = "Save the result"

    period_end = DayMonthYearField(
        label="Last day of the period the result is for", help_text="For example, 31 3 2026"
    )
    value = forms.FloatField(
        label="Result",
        error_messages={
            "required": "Enter the result as a number, like 40",
            "invalid": "Enter the result as a number, like 40",
        },
    )
    evidence_note = forms.CharField(
        label="What the evidence shows",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what the evidence shows and where it comes from"},
    )
    evidence_link = forms.URLField(
        label="Link to the evidence",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A web address, like https://example.org/report. Or upload a file below.",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )
    file = forms.FileField(label="Evidence file", required=False)

    def __init__(self, *args, unit: str = "number", **kwargs):
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["value"].help_text = f"In the KPI's unit: {UNIT_WORDS.get(unit, 'a number')}"
        self.fields["period_end"].error_messages["required"] = (
            "Enter the last day of the period, like 31 3 2026"
        )
        self.fields["file"].help_text = AttachmentForm().fields["file"].help_text

    def clean_period_end(self):
        day = self.cleaned_data["period_end"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError("The period must have ended: enter today or a past date")
        return day

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        checked = AttachmentForm(files={"file": upload})
        if not checked.is_valid():
            raise forms.ValidationError(checked.errors["file"])
        self.cleaned_data["content_type"] = checked.cleaned_data["content_type"]
        self.cleaned_data["original_name"] = checked.cleaned_data["original_name"]
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("evidence_link") and "file" not in self.errors:
            self.add_error("evidence_link", "Give a link to the evidence, or upload a file")
        if self.unit == "share" and data.get("value") is not None and not 0 <= data["value"] <= 100:
            self.add_error("value", "Enter a percentage from 0 to 100, like 25")
        return data

    def stored_value(self) -> float:
        return stored(self.cleaned_data["value"], self.unit)
