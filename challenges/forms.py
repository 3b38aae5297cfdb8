"""Forms for challenges. Validation lives here; views only fetch, call and store."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from challenges import routefinder
from challenges.evaluation import MAX_SCORE, SCALE
from challenges.models import (
    Adoption,
    Challenge,
    Criterion,
    EngagementEvent,
    PanelMember,
    PartnerListing,
    Response,
)
from core import datafiles
from core.forms import GovukForm, GovukModelForm
from core.params import DayMonthYearField
from network.models import Organisation, Sector
from opportunities.forms import cpv_codes

LONDON = ZoneInfo("Europe/London")
CLOSING_TIME = time(12, 0)  # engagement closes at noon, UK time, on the chosen day
GUIDANCE = Path(__file__).with_name("data") / "guidance.json"


@cache
def guidance() -> dict:
    return datafiles.load(GUIDANCE)


def _date_field(label, help_text="For example, 27 3 2027", required=True):
    return DayMonthYearField(label=label, help_text=help_text, required=required)


def _cpv_initial(codes) -> str:
    return ", ".join(codes or [])


class ChallengeForm(GovukModelForm):
    submit_label = "Save the challenge"

    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Select all that apply",
    )
    co_owners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Other anchors sharing this challenge",
        help_text="Their buyers can edit it and sit on its evaluation panel",
    )
    cpv = forms.CharField(
        label="CPV codes",
        required=False,
        help_text="One or more 8-digit codes, separated by commas, for example 85100000, 72000000",
    )
    closes_on = _date_field(
        "When market engagement closes",
        "Questions, interest and proposals close at noon on this day. For example, 27 3 2027",
        required=False,
    )

    class Meta:
        model = Challenge
        fields = [
            "title",
            "summary",
            "problem",
            "affected",
            "outcomes",
            "success_measures",
            "must",
            "must_not",
            "tried",
            "budget_min",
            "budget_max",
            "timeline",
            "sectors",
            "co_owners",
        ]
        labels = {
            "title": "Title",
            "summary": "Summary",
            "problem": "The problem",
            "budget_min": "Budget from, in pounds (excluding VAT)",
            "budget_max": "Budget up to, in pounds (excluding VAT)",
        }
        widgets = {
            field: forms.Textarea(attrs={"rows": 4})
            for field in (
                "problem",
                "affected",
                "outcomes",
                "success_measures",
                "must",
                "must_not",
                "tried",
                "timeline",
            )
        }

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["co_owners"].queryset = (
            Organisation.objects.anchors().exclude(pk=owner.pk).order_by("name")
        )
        if self.instance.pk:
            self.fields["cpv"].initial = _cpv_initial(self.instance.cpv_codes)
            if self.instance.engagement_closes_at:
                self.fields["closes_on"].initial = timezone.localtime(
                    self.instance.engagement_closes_at, LONDON
                ).date()
        tips = guidance()["fields"]
        for name, field in self.fields.items():
            tip = tips.get("budget" if name.startswith("budget") else name)
            if tip:
                field.help_text = tip["tip"]
        self.guidance = tips

    def guided_fields(self):
        """(bound field, guidance or None) in order, for the template's examples."""
        shown = set()
        for bound in self:
            key = "budget" if bound.name == "budget_max" else bound.name
            tip = self.guidance.get(key)
            yield bound, (tip if tip and key not in shown and bound.name != "budget_min" else None)
            shown.add(key)

    def clean_cpv(self):
        return sorted(set(cpv_codes(self.cleaned_data["cpv"])))

    def clean_closes_on(self):
        day = self.cleaned_data.get("closes_on")
        if day is None:
            return None
        closes = datetime.combine(day, CLOSING_TIME, tzinfo=LONDON)
        if closes <= timezone.now():
            raise forms.ValidationError("The closing date must be in the future")
        return closes

    def clean(self):
        data = super().clean()
        low, high = data.get("budget_min"), data.get("budget_max")
        if low is not None and high is not None and low > high:
            self.add_error("budget_max", "The top of the budget range must not be below its bottom")
        return data

    def save(self, commit=True):
        challenge = super().save(commit=False)
        challenge.cpv_codes = self.cleaned_data["cpv"]
        challenge.engagement_closes_at = self.cleaned_data.get("closes_on")
        if commit:
            challenge.save()
            self.save_m2m()
        return challenge


class CriterionForm(GovukModelForm):
    submit_label = "Add the criterion"

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight"]
        labels = {"name": "Criterion", "weight": "Weight (%)"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "name": "For example: Impact on the outcome, Deliverability, Cost and value, Social value",
            "weight": "Weights of all criteria must add up to 100",
        }


class RouteFinderForm(GovukForm):
    submit_label = "Find the routes"

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
        label="An existing framework or dynamic market we can use covers it", required=False
    )
    council = forms.BooleanField(label="We are an English council", required=False)

    def clean(self):
        data = super().clean()
        if data.get("light_touch") and data.get("category") not in (None, "services"):
            self.add_error("light_touch", "Only services can be light-touch")
        if data.get("council") and data.get("buyer_type") not in (None, "sub-central"):
            self.add_error("council", "A council is a sub-central buyer: choose sub-central above")
        return data

    def answers(self, on=None) -> routefinder.Answers:
        return routefinder.Answers.from_mapping(self.cleaned_data, on or timezone.localdate())

    def stored(self) -> dict:
        """The answers as saved on a challenge (JSON)."""
        return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in self.cleaned_data.items()}


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
    day = _date_field("Date")
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
            self.fields["cpv"].initial = _cpv_initial(self.instance.cpv_codes)

    def clean_cpv(self):
        return sorted(set(cpv_codes(self.cleaned_data["cpv"])))

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


class PanelMemberForm(GovukForm):
    submit_label = "Add to the panel"
    email = forms.EmailField(
        label="Email address of the evaluator",
        help_text="A buyer at an anchor that owns this challenge, or a network coordinator",
    )
    is_moderator = forms.BooleanField(label="Moderates the panel's scores", required=False)

    def __init__(self, *args, challenge: Challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.challenge = challenge

    def clean_email(self):
        from accounts.models import User
        from challenges.access import manages

        email = self.cleaned_data["email"].strip()
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not manages(user, self.challenge):
            raise forms.ValidationError(
                "Enter the email address of a buyer at an anchor that owns this challenge"
            )
        if PanelMember.objects.filter(challenge=self.challenge, user=user).exists():
            raise forms.ValidationError("This person is already on the panel")
        self.cleaned_data["user"] = user
        return email


class DeclarationForm(GovukForm):
    submit_label = "Make the declaration"
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with any respondent?",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict")],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
        help_text="For example a financial interest, a close relationship, or recent work for one",
    )
    details = forms.CharField(
        label="Describe the conflict",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") and not data.get("details", "").strip():
            self.add_error("details", "Describe the conflict")
        return data


SCORE_CHOICES = [("", "Choose a score")] + [
    (n, f"{n}{': ' + SCALE[n] if n in SCALE else ''}") for n in range(MAX_SCORE + 1)
]


class ScoreForm(GovukForm):
    """One score and comment per criterion, built from the challenge's criteria."""

    submit_label = "Save your scores"

    def __init__(self, *args, criteria, initial_scores=None, reason_label="Comment", **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        self.criteria = list(criteria)
        for criterion in self.criteria:
            score, comment = initial_scores.get(criterion.pk, (None, ""))
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=f"{criterion.name} ({criterion.weight}%): score",
                choices=SCORE_CHOICES,
                coerce=int,
                initial=score,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.name}: {reason_label.lower()}",
                required=reason_label != "Comment",
                max_length=4000,
                initial=comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class FeedbackForm(GovukForm):
    submit_label = "Save the feedback"
    shortlisted = forms.BooleanField(label="Shortlisted", required=False)
    feedback = forms.CharField(
        label="Written feedback to the respondent",
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Strengths, weaknesses and the agreed score against each criterion",
    )


class OutcomeForm(GovukModelForm):
    submit_label = "Save the outcome"
    route_used = forms.ChoiceField(label="Route used", required=False)
    awarded_to = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Awarded to"
    )
    awarded_on = _date_field("Date of award", required=False)

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
        self.fields["awarded_to"].queryset = Organisation.objects.suppliers().order_by("name")
        self.fields["awarded_on"].initial = self.instance.award_date

    def clean(self):
        data = super().clean()
        given = [data.get("awarded_to"), data.get("award_value"), data.get("awarded_on")]
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
    submit_label = "Record the adoption"
    adopted = _date_field("When you adopted it")

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


class ChallengeSearchForm(forms.Form):
    STATUS = [
        ("", "Any stage"),
        ("open", "Engagement open"),
        ("published", "Published, not yet open"),
        ("closed", "Engagement closed"),
        ("done", "Awarded, not awarded or withdrawn"),
    ]
    q = forms.CharField(label="Search challenges", required=False, max_length=200)
    status = forms.ChoiceField(label="Stage", choices=STATUS, required=False)
    sector = forms.ModelChoiceField(
        queryset=Sector.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="Any sector",
    )
