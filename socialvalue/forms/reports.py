from __future__ import annotations

from django import forms
from django.utils import timezone

from core.forms import GovukForm, GovukModelForm
from socialvalue.forms.fields import date_field
from socialvalue.models import DeliveryReport


def words(day) -> str:
    return f"{day.day} {day:%B %Y}"


class DeliveryReportForm(GovukModelForm):
    submit_label = "Submit the report"
    period_start = date_field(
        "Start of the period covered", "Enter the start of the period covered, like 1 4 2026"
    )
    period_end = date_field(
        "End of the period covered", "Enter the end of the period covered, like 30 6 2026"
    )

    class Meta:
        model = DeliveryReport
        fields = ["period_start", "period_end", "quantity", "narrative"]
        labels = {"quantity": "Quantity delivered in the period", "narrative": "What was delivered"}
        help_texts = {"narrative": "Who benefited, where and how you know; attach evidence below"}
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5})}
        error_messages = {
            "quantity": {
                "required": "Enter the quantity delivered, like 3",
                "invalid": "Enter the quantity delivered as a number, like 3",
            },
            "narrative": {"required": "Describe what was delivered in the period"},
        }

    def __init__(self, *args, commitment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commitment = commitment

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity < 0:
            raise forms.ValidationError("Enter a quantity of 0 or more")
        return quantity

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", "The end of the period must be the same as or after its start"
            )
        commitment = self.commitment
        if commitment and start and end and end >= start:
            if start < commitment.period_start or end > commitment.period_end:
                self.add_error(
                    "period_start",
                    "The period must fall within the commitment's, "
                    f"{words(commitment.period_start)} to {words(commitment.period_end)}",
                )
            elif end > timezone.localdate():
                self.add_error(
                    "period_end",
                    "The end of the period cannot be in the future: report what has been delivered",
                )
            else:
                clash = (
                    commitment.reports.filter(period_start__lte=end, period_end__gte=start)
                    .exclude(status=DeliveryReport.Status.QUERIED)
                    .exclude(pk=self.instance.pk)
                    .first()
                )
                if clash is not None:
                    self.add_error(
                        "period_start",
                        "A report already covers "
                        f"{words(clash.period_start)} to {words(clash.period_end)}: "
                        "report a period it does not cover (a queried report can be replaced)",
                    )
        return data


class ReviewForm(GovukForm):
    submit_label = "Continue"
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("accepted", "Accept the report"), ("queried", "Query the report")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept or query the report"},
    )
    note = forms.CharField(
        label="Note to the supplier",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you query the report: say what is missing or unclear",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "queried" and not data.get("note"):
            self.add_error("note", "Say what the supplier must explain or add")
        return data
