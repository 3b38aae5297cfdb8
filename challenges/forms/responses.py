"""A supplier's sealed proposal."""

from __future__ import annotations

from django import forms

from challenges.models import Response
from core.forms import GovukModelForm

TRL = [
    (1, "1: Basic principles observed"),
    (2, "2: Technology concept formulated"),
    (3, "3: Experimental proof of concept"),
    (4, "4: Validated in the laboratory"),
    (5, "5: Validated in a relevant environment"),
    (6, "6: Demonstrated in a relevant environment"),
    (7, "7: Prototype demonstrated in an operational environment"),
    (8, "8: System complete and qualified"),
    (9, "9: Proven in operational use"),
]


class ResponseForm(GovukModelForm):
    submit_label = "Save your proposal"
    trl = forms.TypedChoiceField(
        label="Technology readiness level",
        choices=[("", "Choose a level"), *TRL],
        coerce=int,
        help_text="How mature is the solution today?",
    )

    class Meta:
        model = Response
        fields = [
            "approach",
            "evidence",
            "trl",
            "indicative_cost",
            "timeline",
            "social_value",
            "consortium_members",
        ]
        labels = {"indicative_cost": "Indicative cost, in pounds (excluding VAT)"}
        widgets = {
            field: forms.Textarea(attrs={"rows": 5})
            for field in ("approach", "evidence", "timeline", "social_value", "consortium_members")
        }
        help_texts = {
            "approach": "How you would reach the outcomes; what you would do, with whom, and how",
            "evidence": "Results, pilots, references or data that show it works",
            "social_value": "For example local jobs, apprenticeships, local supply chain, carbon",
            "consortium_members": "Leave empty if you are responding alone",
        }
