"""The feasibility appraisal: the options considered, the recommended one and why; and the
decision taken on it, when and by whom."""

from __future__ import annotations

from django import forms

from core.forms import GovukModelForm
from programmes.forms.common import date_field, say
from programmes.models import AppraisalOption, Decision


class OptionForm(GovukModelForm):
    submit_label = "Save the option"

    class Meta:
        model = AppraisalOption
        fields = ["name", "description", "costs_benefits", "is_recommended", "why"]
        labels = {
            "name": "Option",
            "description": "What the option is",
            "costs_benefits": "Costs and benefits",
            "is_recommended": "This is the recommended option",
            "why": "Why it is or is not recommended",
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description", "costs_benefits", "why")
        }

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        say(
            self,
            name="Enter the option's name, for example Do nothing",
            description="Enter what the option is",
            costs_benefits="Enter a summary of the option's costs and benefits",
        )

    def clean(self):
        data = super().clean()
        if data.get("is_recommended") and not (data.get("why") or "").strip():
            self.add_error("why", "Enter why this option is recommended")
        return data

    def save(self, commit=True):
        option = super().save(commit=False)
        option.programme = self.programme
        if not option.pk:
            option.position = self.programme.appraisal_options.count()
        if commit:
            option.save()
            if option.is_recommended:  # one recommendation at a time
                self.programme.appraisal_options.exclude(pk=option.pk).update(is_recommended=False)
        return option


class DecisionForm(GovukModelForm):
    submit_label = "Save the decision"
    decided_on = date_field("Date of the decision")
    chosen_option = forms.ModelChoiceField(
        queryset=AppraisalOption.objects.none(),
        required=False,
        label="Option chosen",
        empty_label="None of the options",
    )

    class Meta:
        model = Decision
        fields = ["decision", "decided_on", "decided_by", "chosen_option"]
        labels = {"decision": "What was decided", "decided_by": "Who took the decision"}
        help_texts = {"decided_by": "A board, a committee or a role, for example Programme board"}
        widgets = {"decision": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["chosen_option"].queryset = programme.appraisal_options.all()
        say(
            self,
            decision="Enter what was decided",
            decided_on="Enter the date of the decision as a real date, for example 27 3 2027",
            decided_by="Enter who took the decision, for example Programme board",
            chosen_option="Choose an option from the list, or none of the options",
        )

    def save(self, commit=True):
        decision = super().save(commit=False)
        decision.programme = self.programme
        if commit:
            decision.save()
        return decision
