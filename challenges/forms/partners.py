"""The consortium finder: a supplier's listing and its introductions to possible partners."""

from __future__ import annotations

from django import forms

from challenges.forms.fields import cpv_list, cpv_text
from challenges.models import PartnerListing
from core.forms import GovukForm, GovukModelForm


class ListingForm(GovukModelForm):
    submit_label = "Save and show suggested partners"
    cpv = forms.CharField(
        label="CPV codes you work in (optional)",
        required=False,
        help_text="8-digit codes separated by commas",
    )

    class Meta:
        model = PartnerListing
        fields = ["offers", "needs"]
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "offers": "For example: clinical sensors, NHS data security accreditation",
            "needs": "For example: a partner with a patient app and experience of large rollouts",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["cpv"].initial = cpv_text(self.instance.cpv_codes)

    def clean_cpv(self):
        return cpv_list(self.cleaned_data["cpv"])

    def save(self, commit=True):
        listing = super().save(commit=False)
        listing.cpv_codes = self.cleaned_data["cpv"]
        listing.active = True
        if commit:
            listing.save()
        return listing


class IntroductionForm(GovukForm):
    submit_label = "Send the introduction"
    recipient = forms.IntegerField(widget=forms.HiddenInput)
    message = forms.CharField(
        label="Your message",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="We pass it on without your contact details; they are shared only if they accept",
    )
