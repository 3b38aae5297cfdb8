from __future__ import annotations

from decimal import Decimal

from django import forms

from challenges.models import Challenge
from core.forms import GovukForm, GovukModelForm
from network.models import Organisation
from opportunities.models import Award
from socialvalue import taxonomy
from socialvalue.forms.fields import date_field
from socialvalue.models import Commitment, Contract

POUNDS = "Enter the amount in pounds, like 25000"


class ContractForm(GovukForm):
    """The contract the commitments belong to: a challenge's award, an awarded notice's award, or
    entered by hand. `anchor` is the buyer (None for a coordinator, who chooses it)."""

    error_names = {"origin": "where the contract comes from"}

    submit_label = "Save the contract"
    origin = forms.ChoiceField(
        label="Where does the contract come from?",
        choices=Contract.Origin.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the contract comes from"},
    )
    buyer = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Buyer (anchor)",
        help_text="Coordinators record contracts for any anchor",
        error_messages={"invalid_choice": "Choose an anchor from the list"},
    )
    challenge = forms.ModelChoiceField(
        queryset=Challenge.objects.none(),
        required=False,
        label="Awarded challenge",
        help_text="For a challenge's award",
        error_messages={"invalid_choice": "Choose a challenge your anchor awarded"},
    )
    award = forms.ModelChoiceField(
        queryset=Award.objects.none(),
        required=False,
        label="Award in a notice",
        help_text="For an awarded notice",
        error_messages={"invalid_choice": "Choose an award in a notice your anchor published"},
    )
    title = forms.CharField(
        label="Contract title",
        required=False,
        max_length=300,
        help_text="Entered by hand, or to replace the award's title",
    )
    supplier = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Supplier in the network",
        help_text="Its members report delivery",
        error_messages={"invalid_choice": "Choose a supplier from the list"},
    )
    supplier_name = forms.CharField(
        label="Supplier's name, if not in the network", required=False, max_length=300
    )
    reference = forms.CharField(label="Contract reference", required=False, max_length=200)
    ocid = forms.RegexField(
        label="OCDS process id (ocid)",
        required=False,
        max_length=200,
        regex=r"^ocds-[a-z0-9]{6}-\S+$",
        help_text=(
            "For a contract entered by hand that was published on Find a Tender, its ocid (like "
            "ocds-h6vhtk-04f7de), so that the KPIs its UK9 notices publish show beside it"
        ),
        error_messages={
            "invalid": "Enter the ocid as Find a Tender shows it, like ocds-h6vhtk-04f7de"
        },
    )
    value = forms.DecimalField(
        label="Contract value, in pounds",
        required=False,
        min_value=0,
        max_digits=16,
        decimal_places=2,
        error_messages={"invalid": POUNDS, "min_value": POUNDS},
    )
    starts_on = date_field(
        "Contract start date", "Enter the start date, like 1 4 2026", required=False
    )
    ends_on = date_field("Contract end date", "Enter the end date, like 31 3 2028", required=False)

    def __init__(self, *args, anchor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.anchor = anchor
        challenges = Challenge.objects.filter(status="awarded").select_related("owner")
        awards = Award.objects.filter(process__phase="awarded").select_related("process")
        if anchor is None:
            self.fields["buyer"].queryset = Organisation.objects.anchors().order_by("name")
            self.fields["buyer"].required = False
        else:
            del self.fields["buyer"]
            challenges = challenges.filter(owner=anchor)
            awards = awards.filter(process__buyer=anchor)
        self.fields["challenge"].queryset = challenges.order_by("title")
        self.fields["award"].queryset = awards.order_by("-date", "id")
        self.fields["award"].label_from_instance = lambda award: (
            f"{award.process.title or award.process.ocid}: "
            f"{award.title or 'award ' + award.award_id}"
        )
        self.fields["supplier"].queryset = Organisation.objects.suppliers().order_by("name")

    def clean(self):
        data = super().clean()
        origin = data.get("origin")
        if self.anchor is None and origin == Contract.Origin.HAND and not data.get("buyer"):
            self.add_error("buyer", "Choose the anchor that let the contract")
        if origin == Contract.Origin.CHALLENGE and not data.get("challenge"):
            self.add_error("challenge", "Choose the awarded challenge")
        if origin == Contract.Origin.NOTICE and not data.get("award"):
            self.add_error("award", "Choose the award in the notice")
        if origin == Contract.Origin.HAND:
            if not data.get("title"):
                self.add_error("title", "Enter the contract's title")
            if not data.get("supplier") and not data.get("supplier_name"):
                self.add_error(
                    "supplier_name",
                    "Choose the supplier in the network or enter the supplier's name",
                )
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        return data

    def build(self, user) -> Contract:
        """An unsaved contract with what the form and its origin give."""
        data = self.cleaned_data
        origin = data["origin"]
        supplier = data.get("supplier")
        contract = Contract(origin=origin, created_by=user)
        if origin == Contract.Origin.CHALLENGE:
            challenge = data["challenge"]
            contract.challenge = challenge
            contract.buyer = challenge.owner
            supplier = supplier or challenge.awarded_to
            contract.title = data.get("title") or challenge.title
            contract.reference = data.get("reference") or challenge.reference
            contract.value = data.get("value") or challenge.award_value
            contract.starts_on = data.get("starts_on") or challenge.award_date
            contract.ocid = challenge.ocid
        elif origin == Contract.Origin.NOTICE:
            award = data["award"]
            process = award.process
            contract.award = award
            contract.buyer = process.buyer or self.anchor or data.get("buyer")
            contract.title = data.get("title") or award.title or process.title or process.ocid
            contract.reference = data.get("reference") or process.ocid
            contract.value = data.get("value") or award.value
            contract.ocid = process.ocid
            found = award.process.contracts.filter(award_id=award.award_id).first()
            contract.contract_id = found.contract_id if found else ""
            start = found.start if found else process.contract_start
            end = found.end if found else process.contract_end
            contract.starts_on = data.get("starts_on") or (start.date() if start else None)
            contract.ends_on = data.get("ends_on") or (end.date() if end else None)
            if supplier is None:
                known = award.suppliers.exclude(organisation=None).first()
                supplier = known.organisation if known else None
            if not data.get("supplier_name") and supplier is None:
                names = [s.get("name", "") for s in award.supplier_identifiers or []]
                data["supplier_name"] = ", ".join(n for n in names if n)
        else:
            contract.buyer = self.anchor or data["buyer"]
            contract.title = data["title"]
            contract.reference = data.get("reference", "")
            contract.value = data.get("value")
            contract.ocid = data.get("ocid", "")
        if origin != Contract.Origin.NOTICE:
            contract.starts_on = contract.starts_on or data.get("starts_on")
        contract.ends_on = contract.ends_on or data.get("ends_on")
        contract.supplier = supplier
        contract.supplier_name = (
            supplier.name if supplier else data.get("supplier_name") or "Not known"
        )
        return contract

    def buyer_problem(self, contract: Contract) -> str:
        """Why this person may not record this contract, or ''."""
        if contract.buyer_id is None:
            return "The notice names no anchor in the network as its buyer"
        if self.anchor is not None and contract.buyer_id != self.anchor.pk:
            return "You can record contracts of your own anchor only"
        return ""


REPORTING = [(1, "Every month"), (3, "Every quarter"), (6, "Every six months"), (12, "Every year")]


def metric_choices(metrics: dict[str, taxonomy.Metric]) -> list:
    model = [(m.key, m.title) for m in metrics.values() if not m.is_local]
    local = [(m.key, m.title) for m in metrics.values() if m.is_local]
    groups: list = [("", "Choose a metric"), ("Social Value Model (PPN 002)", model)]
    if local:
        groups.append(("The network's own metrics", local))
    return groups


class CommitmentForm(GovukModelForm):
    submit_label = "Save the commitment"
    metric = forms.ChoiceField(
        label="Reporting metric", error_messages={"required": "Choose the reporting metric"}
    )
    period_start = date_field("Start of the period", "Enter the start of the period, like 1 4 2026")
    period_end = date_field("End of the period", "Enter the end of the period, like 31 3 2027")
    report_every_months = forms.TypedChoiceField(
        label="How often the supplier reports",
        choices=REPORTING,
        coerce=int,
        initial=3,
        error_messages={"required": "Choose how often the supplier reports"},
    )

    class Meta:
        model = Commitment
        fields = [
            "metric",
            "quantity",
            "unit",
            "period_start",
            "period_end",
            "report_every_months",
            "proxy_value",
            "proxy_source",
            "notes",
        ]
        labels = {
            "quantity": "Quantity committed over the period",
            "unit": "Unit",
            "proxy_value": "Proxy value per unit, in pounds (optional)",
            "proxy_source": "Source of the proxy value",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "unit": "Leave empty to use the metric's unit",
            "proxy_value": "Only from a source the network may use; never the National TOMs' "
            "proxy values",
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "quantity": {
                "required": "Enter the quantity committed, like 12",
                "invalid": "Enter the quantity as a number, like 12",
            },
            "proxy_value": {"invalid": "Enter the proxy value in pounds, like 2500"},
        }

    def __init__(self, *args, metrics: dict[str, taxonomy.Metric], proxy_set=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.metrics = metrics
        self.proxy_set = proxy_set
        self.fields["metric"].choices = metric_choices(metrics)
        self.fields["unit"].required = False

    def clean_quantity(self):
        quantity = self.cleaned_data["quantity"]
        if quantity is not None and quantity <= 0:
            raise forms.ValidationError("Enter a quantity greater than 0")
        return quantity

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error(
                "period_end", "The end of the period must be the same as or after its start"
            )
        metric = self.metrics.get(data.get("metric") or "")
        if metric and not data.get("unit"):
            data["unit"] = metric.unit
        if data.get("proxy_value") is not None and not data.get("proxy_source"):
            self.add_error("proxy_source", "Enter where the proxy value comes from")
        if data.get("proxy_value") is not None and data["proxy_value"] < Decimal(0):
            self.add_error("proxy_value", "Enter a proxy value of 0 or more, in pounds")
        if metric and data.get("proxy_value") is None:
            chosen = taxonomy.proxy_for(metric.key, self.proxy_set)
            if chosen:
                data["proxy_value"], data["proxy_source"] = chosen
        return data

    def save(self, commit=True):
        commitment = super().save(commit=False)
        metric = self.metrics[self.cleaned_data["metric"]]
        commitment.metric_title = metric.title
        commitment.unit = self.cleaned_data["unit"]
        commitment.proxy_value = self.cleaned_data.get("proxy_value")
        commitment.proxy_source = self.cleaned_data.get("proxy_source") or ""
        if commit:
            commitment.save()
        return commitment
