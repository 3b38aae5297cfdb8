"""Market engagement: clarification questions and their answers, events, expressions of interest."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from challenges.forms.fields import LONDON, date_field
from challenges.models import EngagementEvent
from core.forms import GovukForm, GovukModelForm


class QuestionForm(GovukForm):
    submit_label = "Ask the question"
    text = forms.CharField(
        label="Your question",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The buyer publishes the answer to everyone, without your name or organisation",
    )


class AnswerForm(GovukForm):
    submit_label = "Publish the answer"
    answer = forms.CharField(
        label="Answer",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text="Published to everyone with the question; the asker is not named",
    )


class EventForm(GovukModelForm):
    submit_label = "Add the event"
    day = date_field("Date")
    start_time = forms.TimeField(label="Start time", help_text="For example, 14:30")

    class Meta:
        model = EngagementEvent
        fields = ["title", "online", "venue", "joining_details", "capacity"]
        labels = {"online": "Online event", "capacity": "Places (leave empty for no limit)"}

    def clean(self):
        data = super().clean()
        if data.get("day") and data.get("start_time"):
            starts = datetime.combine(data["day"], data["start_time"], tzinfo=LONDON)
            if starts <= timezone.now():
                self.add_error("day", "The event must be in the future")
            data["starts_at"] = starts
        if not data.get("online") and not data.get("venue"):
            self.add_error("venue", "Enter the venue, or tick online event")
        return data

    def save(self, commit=True):
        event = super().save(commit=False)
        event.starts_at = self.cleaned_data["starts_at"]
        if commit:
            event.save()
        return event


class InterestForm(GovukForm):
    submit_label = "Express interest"
    message = forms.CharField(
        label="Anything the buyer should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
