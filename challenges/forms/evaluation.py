"""The evaluation panel: members, declarations of interest, scores, moderation and feedback."""

from __future__ import annotations

from django import forms

from accounts.models import User
from challenges.access import manages
from challenges.evaluation import MAX_SCORE, SCALE
from challenges.models import Challenge, PanelMember
from core.forms import GovukForm


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
    error_names = {"details": "the description of the conflict"}
    has_conflict = forms.TypedChoiceField(
        label="Do you have a conflict of interest with any respondent?",
        error_messages={
            "required": "Select yes if you have a conflict of interest with any respondent, or no",
            "invalid_choice": "Select yes if you have a conflict of interest with any respondent, "
            "or no",
        },
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
        self.error_names = {}
        for criterion in self.criteria:
            self.error_names[f"score_{criterion.pk}"] = f"a score for {criterion.name}"
            self.error_names[f"comment_{criterion.pk}"] = (
                f"the {reason_label.lower()} on {criterion.name}"
            )
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
