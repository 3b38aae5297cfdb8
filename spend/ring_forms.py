"""The form an anchor's administrators and coordinators choose its ledger's rings with
(spend/rings.py): the standard rings, any of the network's areas and a distance around its
sites."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from core.forms import GovukForm
from reference.area_rules import CHECKS, KINDS, MAX_MILES, check_miles
from reference.models import Area
from spend.models import RingKind
from spend.rings import STANDARD


def area_label(area: Area) -> str:
    return (
        f"{area.name} ({KINDS.get(area.kind, area.kind).lower()}; check {area.confidence}: "
        f"{CHECKS.get(area.confidence, '')})"
    )


class RingChoiceForm(GovukForm):
    error_names = {
        "standard": "the standard rings",
        "areas": "the network's areas",
        "miles": "the distance from your sites",
    }
    submit_label = "Save the rings"

    standard = forms.MultipleChoiceField(
        label="Standard rings",
        help_text="Select all that apply",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    areas = forms.ModelMultipleChoiceField(
        label="The network's areas",
        help_text="Select all that apply. Check U means the boundary could not be read from a "
        "primary source: check it before relying on the figures.",
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    miles = forms.DecimalField(
        label="Within this many miles of each of your sites (optional)",
        help_text=f"A distance in miles, more than 0 and at most {MAX_MILES}, like 5. Leave it "
        "empty for no distance ring.",
        required=False,
        max_digits=5,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, authority: str = "", has_sites: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_sites = has_sites
        labels = dict(RingKind.choices)
        if authority:
            labels[RingKind.AUTHORITY] = f"The anchor's own local authority ({authority})"
        self.fields["standard"].choices = [(kind, labels[kind]) for kind in STANDARD]
        self.fields["areas"].queryset = Area.objects.order_by("name")
        self.fields["areas"].label_from_instance = area_label

    def clean_miles(self):
        miles = self.cleaned_data.get("miles")
        if miles is None:
            return None
        problem = check_miles(float(miles))
        if problem:
            raise forms.ValidationError(f"{problem}, or leave the distance from your sites empty")
        if not self.has_sites:
            raise forms.ValidationError(
                "The distance from your sites needs a postcode: add the anchor's registered "
                "postcode or a site's postcode to its organisation page first"
            )
        return Decimal(miles)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (
            cleaned.get("standard") or cleaned.get("areas") or cleaned.get("miles")
        ):
            self.add_error(
                "standard",
                "Select at least one ring: a standard ring, one of the network's areas or a "
                "distance from your sites",
            )
        return cleaned

    def rings(self) -> list[tuple[str, Area | None, Decimal | None]]:
        """The chosen rings in the ledger's order: (kind, area, miles)."""
        data = self.cleaned_data
        chosen: list[tuple[str, Area | None, Decimal | None]] = [
            (kind, None, None) for kind in STANDARD if kind in data["standard"]
        ]
        chosen += [(RingKind.AREA, area, None) for area in data["areas"]]
        if data.get("miles"):
            chosen.append((RingKind.SITES, None, data["miles"]))
        return chosen
