"""A milestone of the programme's timeline, and the update of its status (which the
administrators of a partner anchor may make too)."""

from __future__ import annotations

from django.utils import timezone

from core.forms import GovukModelForm
from programmes import record_rules
from programmes.forms.common import date_field, say
from programmes.models import Milestone


class _DoneDate:
    def clean(self):
        data = super().clean()
        problem = record_rules.done_date_problem(
            data.get("status") or "", data.get("done_on"), timezone.localdate()
        )
        if problem and "done_on" not in self.errors:
            self.add_error("done_on", problem)
        return data


class MilestoneForm(_DoneDate, GovukModelForm):
    submit_label = "Save the milestone"
    due_on = date_field("Due date")
    done_on = date_field("Date done", "Only when it is done. For example, 27 3 2027", False)

    class Meta:
        model = Milestone
        fields = ["title", "due_on", "status", "done_on", "notes"]
        labels = {"title": "Milestone", "status": "Status", "notes": "Notes"}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        say(
            self,
            title="Enter what the milestone is, for example Pilot sites chosen",
            due_on="Enter the due date as a real date, for example 27 3 2027",
            status="Choose the milestone's status",
            done_on="Enter the date done as a real date, for example 27 3 2027",
        )

    def save(self, commit=True):
        milestone = super().save(commit=False)
        milestone.programme = self.programme
        if commit:
            milestone.save()
        return milestone


class MilestoneStatusForm(_DoneDate, GovukModelForm):
    submit_label = "Update the status"
    done_on = date_field("Date done", "Only when it is done. For example, 27 3 2027", False)

    class Meta:
        model = Milestone
        fields = ["status", "done_on", "notes"]
        labels = {"status": "Status", "notes": "Notes"}
        help_texts = {"notes": "What has changed, for the programme board"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        say(
            self,
            status="Choose the milestone's status",
            done_on="Enter the date done as a real date, for example 27 3 2027",
        )
