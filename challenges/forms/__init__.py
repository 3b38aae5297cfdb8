"""Forms for challenges, one module per stage they serve. Validation lives here (the route
finder's answers in `routefinder.problems`); views only fetch, call and store."""

from challenges.forms.engagement import AnswerForm, EventForm, InterestForm, QuestionForm
from challenges.forms.evaluation import (
    SCORE_CHOICES,
    DeclarationForm,
    FeedbackForm,
    PanelMemberForm,
    ScoreForm,
)
from challenges.forms.fields import LONDON
from challenges.forms.outcome import AdoptionForm, OutcomeForm, WithdrawalForm
from challenges.forms.partners import IntroductionForm, ListingForm
from challenges.forms.responses import TRL, ResponseForm
from challenges.forms.route_finder import RouteFinderForm
from challenges.forms.statement import (
    CLOSING_TIME,
    ChallengeForm,
    ChallengeSearchForm,
    CriterionForm,
    guidance,
)

__all__ = [
    "CLOSING_TIME",
    "LONDON",
    "SCORE_CHOICES",
    "TRL",
    "AdoptionForm",
    "AnswerForm",
    "ChallengeForm",
    "ChallengeSearchForm",
    "CriterionForm",
    "DeclarationForm",
    "EventForm",
    "FeedbackForm",
    "InterestForm",
    "IntroductionForm",
    "ListingForm",
    "OutcomeForm",
    "PanelMemberForm",
    "QuestionForm",
    "ResponseForm",
    "RouteFinderForm",
    "ScoreForm",
    "WithdrawalForm",
    "guidance",
]
