"""The route finder's questions. The answers' rules are `routefinder.problems`, shown here as
field errors."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from challenges import routefinder
from core.forms import GovukForm


class RouteFinderForm(GovukForm):
    submit_label = "Find the routes"
    error_names = {
        "value": "the estimated value including VAT",
        "buyer_type": "the type of buyer",
        "category": "what you are buying",
        "solution": "whether a solution exists on the market",
    }

    value = forms.DecimalField(
        label="Estimated value including VAT, in pounds",
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text="The whole contract over its life, including any extensions",
    )
    buyer_type = forms.ChoiceField(
        label="Type of buyer",
        choices=list(routefinder.BUYER_TYPES.items()),
        widget=forms.RadioSelect,
    )
    category = forms.ChoiceField(
        label="What are you buying?",
        choices=list(routefinder.CATEGORIES.items()),
        widget=forms.RadioSelect,
    )
    light_touch = forms.BooleanField(
        label="These are light-touch services (for example health, social care or education)",
        required=False,
    )
    solution = forms.ChoiceField(
        label="Does a solution exist on the market?",
        choices=list(routefinder.SOLUTIONS.items()),
        widget=forms.RadioSelect,
        initial="not_known",
        required=False,
    )
    urgent = forms.BooleanField(label="It is urgent", required=False)
    framework = forms.BooleanField(
        label="An existing framework we are allowed to use covers it", required=False
    )
    dynamic_market = forms.BooleanField(
        label="A dynamic market we are allowed to use covers it", required=False
    )
    planned_notice = forms.BooleanField(
        label="We published a planned procurement notice (UK3) 40 days to a year before the "
        "tender notice",
        required=False,
        help_text="A qualifying planned procurement notice lets the tendering period fall to 10 "
        "days (Procurement Act 2023 s.54)",
    )
    council = forms.BooleanField(label="We are an English council", required=False)

    def clean(self):
        data = super().clean()
        checked = routefinder.validate(data, timezone.localdate())
        if isinstance(checked, routefinder.Invalid):
            for name, messages in checked.errors.items():
                if name in self.errors:  # the field's own check has spoken
                    continue
                for message in messages:
                    self.add_error(name if name in self.fields else None, message)
        return data

    def answers(self, on=None) -> routefinder.Answers:
        checked = routefinder.validate(self.cleaned_data, on or timezone.localdate())
        if isinstance(checked, routefinder.Invalid):
            raise routefinder.InvalidAnswers(checked.errors)
        return checked

    def stored(self) -> dict:
        """The answers as saved on a challenge (JSON)."""
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in self.cleaned_data.items()}
