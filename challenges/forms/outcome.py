"""The outcome (route used, award, later notices) and adoption by other anchors."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from challenges import routefinder
from challenges.forms.fields import date_field
from challenges.models import Adoption, Challenge, Response
from core.forms import GovukErrorsMixin, GovukModelForm
from network.models import Organisation


class OutcomeForm(GovukModelForm):
    submit_label = "Save the outcome"
    route_used = forms.ChoiceField(label="Route used", required=False)
    awarded_to = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Awarded to",
        error_messages={
            "invalid_choice": "Choose the supplier from those that sent a proposal to this challenge"
        },
    )
    awarded_on = date_field("Date of award", required=False)

    class Meta:
        model = Challenge
        fields = ["route_used", "awarded_to", "award_value", "ocid", "outcome_notes"]
        labels = {
            "award_value": "Contract value, in pounds (excluding VAT)",
            "outcome_notes": "What happened",
        }
        widgets = {"outcome_notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "ocid": "The process id of the later tender or award notices, for example "
            "ocds-h6vhtk-04f1e2; choose from the suggestions below if it is listed",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["route_used"].choices = [("", "Not recorded"), *routefinder.route_names()]
        # An award goes to a supplier that sent a proposal (the lead of a submitted response);
        # an award already recorded stays choosable so that saving keeps it.
        respondents = Q(
            challenge_responses__challenge_id=self.instance.pk,
            challenge_responses__status=Response.Status.SUBMITTED,
        )
        if self.instance.awarded_to_id:
            respondents |= Q(pk=self.instance.awarded_to_id)
        self.fields["awarded_to"].queryset = (
            Organisation.objects.filter(respondents).distinct().order_by("name")
            if self.instance.pk
            else Organisation.objects.none()
        )
        self.has_respondents = self.fields["awarded_to"].queryset.exists()
        if not self.has_respondents:
            self.fields[
                "awarded_to"
            ].help_text = "No supplier has sent a proposal to this challenge, so there is no one to award it to"
        self.fields["awarded_on"].initial = self.instance.award_date

    def clean(self):
        data = super().clean()
        given = [data.get("awarded_to"), data.get("award_value"), data.get("awarded_on")]
        if not self.has_respondents and any(v is not None for v in given[1:]):
            self.add_error(
                "awarded_to",
                "No supplier sent a proposal to this challenge, so no award can be recorded; "
                "leave the award blank and say what happened instead",
            )
            return data
        if any(v is not None for v in given) and not all(v is not None for v in given):
            self.add_error(
                "awarded_to", "To record an award give the supplier, the value and the date"
            )
        return data

    def save(self, commit=True):
        challenge = super().save(commit=False)
        challenge.award_date = self.cleaned_data.get("awarded_on")
        if commit:
            challenge.save()
        return challenge


class AdoptionForm(GovukModelForm):
    error_names = {"adopted": "the date you adopted it"}
    submit_label = "Record the adoption"
    adopted = date_field("When you adopted it")

    class Meta:
        model = Adoption
        fields = ["scale", "notes"]
        labels = {"scale": "Scale", "notes": "Notes (optional)"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def clean_adopted(self):
        day = self.cleaned_data["adopted"]
        if day > timezone.localdate():
            raise forms.ValidationError("The date of adoption must be today or in the past")
        return day

    def save(self, commit=True):
        adoption = super().save(commit=False)
        adoption.adopted_on = self.cleaned_data["adopted"]
        if commit:
            adoption.save()
        return adoption


class WithdrawalForm(GovukErrorsMixin, forms.Form):
    """The reason for withdrawing a challenge, asked on the withdraw confirmation and kept in the
    challenge's history (`StatusChange.note`), so suppliers and the network know why it stopped."""

    note = forms.CharField(
        label="Why is the challenge being withdrawn?",
        help_text="For example, the service was recommissioned or the budget was withdrawn. "
        "Everyone who can see the challenge will read this.",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the challenge is being withdrawn",
            "max_length": "Why the challenge is being withdrawn must be 300 characters or fewer",
        },
    )
