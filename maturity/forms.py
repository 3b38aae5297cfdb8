"""The answer to one question of the self-assessment, in the GOV.UK pattern: the question as the
page's heading, one radio per level with what good looks like at that level as its hint."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms

from core.forms import GovukForm
from maturity.questions import Question, QuestionSet

EVIDENCE_LIMIT = 4000


def lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():  # an abbreviation stays as it is
        return text
    return text[:1].lower() + text[1:]


class AnswerForm(GovukForm):
    level = forms.TypedChoiceField(coerce=int, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label="Evidence or notes (optional)",
        required=False,
        max_length=EVIDENCE_LIMIT,
        error_messages={"max_length": f"Evidence must be {EVIDENCE_LIMIT:,} characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What shows this level: a strategy, a notice, a case, an evaluation. Do not "
        "include people's names or contact details.",
    )

    def __init__(self, *args, question: Question, questions: QuestionSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.question = question
        field = self.fields["level"]
        field.label = question.question
        field.help_text = question.hint
        field.choices = [
            Choice(item.level, f"{item.level}. {questions.level_name(item.level)}", hint=item.good)
            for item in question.levels
        ]
        field.error_messages = {
            "required": f"Select a level for {lower_first(question.title)}",
            "invalid_choice": f"Select one of the levels for {lower_first(question.title)}",
        }

    @property
    def helper(self):
        helper = FormHelper(self)
        helper.layout = Layout(
            Field.radios("level", legend_size=Size.LARGE, legend_tag="h1"),
            Field.textarea("evidence"),
        )
        helper.add_input(Submit("submit", "Save and continue"))
        return helper
