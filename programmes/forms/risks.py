"""A risk in the programme's register: likelihood and impact on the 1 to 5 scale (the score and
its band follow), its owner (a partner, or a name) and its mitigation."""

from __future__ import annotations

from django import forms

from core.forms import GovukModelForm
from programmes import record_rules
from programmes.forms.common import say
from programmes.models import Partner, Risk


def _scale_choices(words: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(number, f"{number}: {word}") for number, word in enumerate(words, start=1)]


class RiskForm(GovukModelForm):
    submit_label = "Save the risk"

    likelihood = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Likelihood")
    impact = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect, label="Impact")
    owner_partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label="Owner among the partners",
        empty_label="Someone else (give the name below)",
    )

    class Meta:
        model = Risk
        fields = [
            "title",
            "description",
            "likelihood",
            "impact",
            "owner_partner",
            "owner_name",
            "mitigation",
            "status",
        ]
        labels = {
            "title": "Risk",
            "description": "Description",
            "owner_name": "Owner, when not a partner",
            "mitigation": "Mitigation",
            "status": "Status",
        }
        help_texts = {
            "owner_name": "A role or a body, for example the programme board",
            "mitigation": "What is being done to make it less likely or less harmful",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        scale = record_rules.risk_scale()
        self.fields["likelihood"].choices = _scale_choices(scale.likelihood)
        self.fields["impact"].choices = _scale_choices(scale.impact)
        self.fields["likelihood"].help_text = "1 is rare, 5 is almost certain"
        self.fields["impact"].help_text = "1 is negligible, 5 is catastrophic"
        self.fields["owner_partner"].queryset = programme.partners.select_related("organisation")
        say(
            self,
            title="Enter the risk in a few words, for example Pilot sites drop out",
            likelihood="Choose how likely the risk is, from 1 (rare) to 5 (almost certain)",
            impact="Choose how bad its impact would be, from 1 (negligible) to 5 (catastrophic)",
            owner_partner="Choose a partner from the list, or someone else",
            mitigation="Enter the mitigation: what is being done about the risk",
            status="Choose whether the risk is open or closed",
        )

    def clean(self):
        data = super().clean()
        partner, name = data.get("owner_partner"), (data.get("owner_name") or "").strip()
        data["owner_name"] = name
        if partner is None and not name and "owner_partner" not in self.errors:
            self.add_error("owner_name", "Enter who owns the risk, or choose a partner")
        if partner is not None and name:
            self.add_error("owner_name", "Leave the owner's name empty when a partner owns it")
        return data

    def save(self, commit=True):
        risk = super().save(commit=False)
        risk.programme = self.programme
        if not risk.pk:
            risk.position = self.programme.risks.count()
        if commit:
            risk.save()
        return risk
