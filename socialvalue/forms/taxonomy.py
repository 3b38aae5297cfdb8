from __future__ import annotations

from django import forms

from core.forms import GovukModelForm
from socialvalue import taxonomy
from socialvalue.models import LocalAddition


class LocalAdditionForm(GovukModelForm):
    submit_label = "Add to the taxonomy"
    mission = forms.ChoiceField(label="Mission (for an outcome)", required=False)
    outcome = forms.ChoiceField(label="Outcome (for a metric)", required=False)

    class Meta:
        model = LocalAddition
        fields = ["kind", "key", "title", "mission", "outcome", "unit", "source"]
        labels = {
            "kind": "Outcome or metric",
            "key": "Short key",
            "title": "Title",
            "unit": "Unit (for a metric)",
            "source": "Source",
        }
        help_texts = {
            "key": "Lower-case letters, numbers and hyphens, like local-food-miles",
            "source": "Where it comes from: the network's decision, a published framework the "
            "network may use (never the National TOMs)",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "kind": {"required": "Choose whether you are adding an outcome or a metric"},
            "key": {
                "required": "Enter a short key, like local-food-miles",
                "invalid": "Use lower-case letters, numbers and hyphens only, like local-food-miles",
                "unique": "That key is taken: choose another",
            },
            "title": {"required": "Enter the title"},
            "source": {"required": "Enter where it comes from"},
        }

    def __init__(self, *args, local_outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = LocalAddition.Kind.choices
        self.fields["mission"].choices = [("", "Choose a mission")] + [
            (m["key"], m["title"]) for m in taxonomy.missions()
        ]
        self.fields["outcome"].choices = [("", "Not tied to an outcome")] + [
            (o["key"], o["title"]) for o in [*taxonomy.outcomes(), *local_outcomes]
        ]

    def clean_key(self):
        key = self.cleaned_data["key"].lower()
        if key.startswith("local-"):
            key = key.removeprefix("local-")
        if "toms" in key or key.startswith("nt"):
            raise forms.ValidationError("Choose a key of the network's own, not a TOMs code")
        return key

    def clean(self):
        data = super().clean()
        if data.get("kind") == LocalAddition.Kind.OUTCOME and not data.get("mission"):
            self.add_error("mission", "Choose the mission the outcome serves")
        if data.get("kind") == LocalAddition.Kind.METRIC and not data.get("unit"):
            self.add_error("unit", "Enter the metric's unit, like hours")
        return data
