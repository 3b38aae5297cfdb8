"""The forms of a programme's money: a partner's contribution (amounts by financial year), a
status move with its date, a funding bid, a budget line (amounts by year), an allocation of a
line's cost to a named source, and the costing's optimism bias. Every error names the field and
says how to put it right."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from core.formatting import pounds
from core.forms import GovukForm, GovukModelForm
from core.params import DayMonthYearField
from programmes import money
from programmes.models import (
    BidStatus,
    BudgetLine,
    Contribution,
    ContributionKind,
    ContributionStatus,
    CostingSettings,
    FundingSource,
    InKindType,
)

LARGEST = Decimal("999999999999.99")


def _say(form, messages: dict[str, str]) -> None:
    """Each field's message when it is missing or not what it should be."""
    for name, text in messages.items():
        if name in form.fields:
            form.fields[name].error_messages.update(
                {"required": text, "invalid": text, "invalid_choice": text}
            )


def _pounds(label: str, how: str, required: bool = False) -> forms.DecimalField:
    message = f"Enter {how} in pounds, like 25000"
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_value=LARGEST,
        decimal_places=2,
        error_messages={
            "required": message,
            "invalid": message,
            "min_value": f"Enter {how} as 0 or more, in pounds",
            "max_value": f"Enter {how} below £1 trillion",
            "max_decimal_places": f"Enter {how} in pounds and pence, like 25000.50",
            "max_digits": f"Enter {how} below £1 trillion",
            "max_whole_digits": f"Enter {how} below £1 trillion",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
    )


class YearAmounts:
    """Adds one amount field per financial year (`year_2026`) and reads them back."""

    def add_years(self, years: list[int], existing: dict[int, Decimal], what: str) -> None:
        self.years = years
        for year in years:
            name = f"year_{year}"
            self.fields[name] = _pounds(
                f"{what} for {money.year_words(year)} (£)",
                f"the amount for {money.year_words(year)}",
            )
            if year in existing:
                self.initial.setdefault(name, existing[year])

    def year_amounts(self) -> dict[int, Decimal]:
        found = {}
        for year in self.years:
            amount = self.cleaned_data.get(f"year_{year}")
            if amount is not None and amount > 0:
                found[year] = amount
        return found


class ContributionForm(YearAmounts, GovukModelForm):
    """A partner's contribution. Cash needs an amount in at least one year; in kind needs what it
    is, its stated value in at least one year and how that value was worked out."""

    class Meta:
        model = Contribution
        fields = [
            "partner",
            "kind",
            "description",
            "in_kind_type",
            "quantity",
            "unit",
            "valuation_method",
            "evidence_note",
            "evidence_link",
            "notes",
        ]
        labels = {
            "partner": "Partner",
            "kind": "Kind of contribution",
            "description": "What the contribution is",
            "in_kind_type": "What is given in kind",
            "quantity": "How much (in kind)",
            "unit": "Unit (in kind)",
            "valuation_method": "How the value was worked out (in kind)",
            "evidence_note": "Evidence",
            "evidence_link": "Link to evidence (optional)",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "description": "For example, project manager's time or a grant towards trials",
            "quantity": "For example 40",
            "unit": "For example staff days",
            "valuation_method": "For example 40 staff days at £350 a day (the grade's day rate)",
            "evidence_note": "What shows the commitment is real: a letter, minutes (optional)",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "in_kind_type": forms.RadioSelect,
            "quantity": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}
            ),
            "valuation_method": forms.Textarea(attrs={"rows": 3}),
            "evidence_note": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    evidence_link = forms.URLField(
        label="Link to evidence (optional)", required=False, assume_scheme="https"
    )

    def __init__(self, *args, partners, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].empty_label = None
        self.fields["kind"].choices = ContributionKind.choices
        self.fields["in_kind_type"].choices = InKindType.choices
        existing = (
            {y.financial_year: y.amount for y in self.instance.years.all()}
            if self.instance.pk
            else {}
        )
        self.add_years(years, existing, "Amount or stated value")
        _say(
            self,
            {
                "partner": "Choose the partner making the contribution",
                "kind": "Choose whether the contribution is cash or in kind",
                "description": "Enter what the contribution is, like a grant towards trials",
                "in_kind_type": "Choose what is given in kind",
                "quantity": "Enter how much is given as a number, like 40",
                "evidence_link": "Enter the link to the evidence as a web address, like "
                "https://example.org/letter.pdf",
            },
        )

    @property
    def submit_label(self):
        return "Add contribution" if self.instance.pk is None else "Save contribution"

    def clean(self):
        data = super().clean()
        amounts = self.year_amounts() if not any(f.startswith("year_") for f in self.errors) else {}
        first = f"year_{self.years[0]}" if self.years else None
        if data.get("kind") == ContributionKind.IN_KIND:
            if not data.get("in_kind_type"):
                self.add_error("in_kind_type", "Choose what is given in kind")
            if not (data.get("valuation_method") or "").strip():
                self.add_error(
                    "valuation_method",
                    "Enter how the value was worked out, like 40 staff days at £350 a day",
                )
            if not amounts and first and first not in self.errors:
                self.add_error(
                    first,
                    f"Enter the stated value for at least one year, like 14000 for "
                    f"{money.year_words(self.years[0])}",
                )
            quantity = data.get("quantity")
            if quantity is not None and quantity < 0:
                self.add_error("quantity", "Enter how much is given as 0 or more, like 40")
        elif data.get("kind") == ContributionKind.FUNDED:
            if not amounts and first and first not in self.errors:
                self.add_error(
                    first,
                    f"Enter the amount for {money.year_words(self.years[0])} in pounds, like "
                    "25000 (or an amount in another year)",
                )
            data["in_kind_type"] = ""
        return data


class MoveForm(GovukForm):
    """A status move, confirmed, with the day it happened."""

    on = DayMonthYearField(label="Date of the change", help_text="For example 3 12 2026")

    def __init__(self, *args, to_label: str, not_before=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.to_label = to_label.lower()
        self.not_before = not_before  # the date of the status before, if known
        self.submit_label = f"Confirm: {to_label.lower()}"
        self.fields["on"].label = f"Date it was {to_label.lower()}"
        self.fields["on"].error_messages["required"] = (
            f"Enter the date it was {to_label.lower()}, like 3 12 2026"
        )
        self.fields["on"].error_messages["invalid"] = (
            f"Enter the date it was {to_label.lower()} as a real date, like 3 12 2026"
        )
        self.initial.setdefault("on", timezone.localdate())

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                f"The date it was {self.to_label} cannot be in the future: enter the day it happened"
            )
        if day is not None and self.not_before is not None and day < self.not_before:
            raise forms.ValidationError(
                f"The date it was {self.to_label} must be on or after the date of its last "
                f"change, {self.not_before.day} {self.not_before:%B %Y}"
            )
        return day


class FundingSourceForm(GovukModelForm):
    class Meta:
        model = FundingSource
        fields = [
            "funder",
            "scheme",
            "amount_min",
            "amount_max",
            "amount_awarded",
            "eligibility",
            "deadline",
            "match_required",
            "match_percent",
            "match_amount",
            "link",
            "notes",
        ]
        labels = {
            "funder": "Funder",
            "scheme": "Scheme or fund",
            "eligibility": "Who is eligible (optional)",
            "match_required": "Match funding required (optional)",
            "link": "Link to the scheme (optional)",
            "notes": "Notes (optional)",
        }
        widgets = {
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "match_required": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    amount_min = _pounds("Smallest award (£, optional)", "the smallest award")
    amount_max = _pounds("Largest award (£, optional)", "the largest award")
    amount_awarded = _pounds("Amount awarded (£)", "the amount awarded")
    match_amount = _pounds("Match required in pounds (£, optional)", "the match required")
    match_percent = forms.DecimalField(
        label="Match required as a percentage (optional)",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the match required as a percentage from 0 to 100, like 30",
            "min_value": "Enter the match required as a percentage from 0 to 100, like 30",
            "max_value": "Enter the match required as a percentage from 0 to 100, like 30",
            "max_decimal_places": "Enter the match required as a percentage, like 30",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )
    deadline = DayMonthYearField(label="Deadline (optional)", required=False)
    link = forms.URLField(
        label="Link to the scheme (optional)", required=False, assume_scheme="https"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        awarded = self.instance.pk and self.instance.status == BidStatus.AWARDED
        if not awarded:
            del self.fields["amount_awarded"]
        else:
            self.fields["amount_awarded"].required = True
        _say(
            self,
            {
                "funder": "Enter the funder's name, like Innovate UK",
                "scheme": "Enter the scheme or fund, like Smart grants",
                "link": "Enter the link as a web address, like https://example.org/scheme",
            },
        )
        self.fields["deadline"].error_messages["invalid"] = (
            "Enter the deadline as a real date, like 31 3 2027"
        )

    @property
    def submit_label(self):
        return "Add funding source" if self.instance.pk is None else "Save funding source"

    def clean(self):
        data = super().clean()
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "amount_max", "Enter a largest award that is at least the smallest award"
            )
        return data


class AwardForm(MoveForm):
    """Moving a bid to awarded also asks how much."""

    amount = _pounds("Amount awarded (£)", "the amount awarded", required=True)

    def __init__(self, *args, largest=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.largest = largest  # the scheme's largest award, if known

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and self.largest is not None and amount > self.largest:
            raise forms.ValidationError(
                f"Enter an award of at most the scheme's largest, {pounds(self.largest)}, or "
                "change the bid's largest award first"
            )
        return amount


class BudgetLineForm(YearAmounts, GovukModelForm):
    class Meta:
        model = BudgetLine
        fields = ["category", "description"]
        labels = {"category": "Category", "description": "What the line pays for"}
        help_texts = {"description": "For example, project manager (0.5 FTE)"}

    category = forms.ChoiceField(label="Category", widget=forms.RadioSelect)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c["key"], c["label"]) for c in money.categories()]
        existing = (
            {y.financial_year: y.amount for y in self.instance.years.all()}
            if self.instance.pk
            else {}
        )
        self.add_years(years, existing, "Cost")
        _say(
            self,
            {
                "category": "Choose the category of the cost",
                "description": "Enter what the line pays for, like project manager (0.5 FTE)",
            },
        )

    @property
    def submit_label(self):
        return "Add budget line" if self.instance.pk is None else "Save budget line"

    def clean(self):
        data = super().clean()
        no_errors = not any(f.startswith("year_") for f in self.errors)
        if self.years and no_errors and not self.year_amounts():
            self.add_error(
                f"year_{self.years[0]}",
                f"Enter the cost for {money.year_words(self.years[0])} in pounds, like "
                "25000 (or a cost in another year)",
            )
        return data


class AllocationForm(GovukForm):
    """Part of a line's cost in one year, from one named source (a contribution or a bid)."""

    submit_label = "Add allocation"
    financial_year = forms.TypedChoiceField(label="Financial year", coerce=int)
    source = forms.ChoiceField(label="Funded from")
    amount = _pounds("Amount (£)", "the amount allocated", required=True)

    def __init__(self, *args, years: list[int], sources: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["financial_year"].choices = [(y, money.year_words(y)) for y in years]
        self.fields["source"].choices = sources
        _say(
            self,
            {
                "financial_year": "Choose the financial year the money is for",
                "source": "Select what it is funded from: the contribution or funding bid that pays for it",
            },
        )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError("Enter the amount allocated as more than 0, like 5000")
        return amount


class CostingSettingsForm(GovukModelForm):
    submit_label = "Save"

    class Meta:
        model = CostingSettings
        fields = ["optimism_bias_percent", "optimism_bias_basis", "base_year"]
        labels = {"optimism_bias_basis": "Why this optimism bias"}
        widgets = {"optimism_bias_basis": forms.Textarea(attrs={"rows": 3})}

    optimism_bias_percent = forms.DecimalField(
        label="Optimism bias (%)",
        min_value=0,
        max_value=200,
        decimal_places=2,
        help_text="The share all costs are raised by, from 0 to 200",
        error_messages={
            "required": "Enter the optimism bias as a percentage, like 41",
            "invalid": "Enter the optimism bias as a percentage, like 41",
            "min_value": "Enter the optimism bias as a percentage from 0 to 200, like 41",
            "max_value": "Enter the optimism bias as a percentage from 0 to 200, like 41",
            "max_decimal_places": "Enter the optimism bias as a percentage, like 41",
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )
    base_year = forms.TypedChoiceField(
        label="Year 0 for discounting",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="Costs in this financial year are not discounted; later years are",
    )

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_year"].choices = [("", "The budget's first year")] + [
            (y, money.year_words(y)) for y in years
        ]
        self.fields["base_year"].error_messages["invalid_choice"] = (
            "Choose the financial year that is year 0 from the list"
        )
        self.fields["optimism_bias_basis"].help_text = (
            "For example the Green Book upper bound for outsourcing (41%), or the evidence "
            "for a lower figure"
        )

    def clean(self):
        data = super().clean()
        percent = data.get("optimism_bias_percent")
        if percent and not (data.get("optimism_bias_basis") or "").strip():
            self.add_error(
                "optimism_bias_basis",
                "Enter why this optimism bias, like the Green Book upper bound for outsourcing",
            )
        return data


STATUS_LABELS = {**dict(ContributionStatus.choices), **dict(BidStatus.choices)}
