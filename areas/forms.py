"""The form a coordinator defines or changes an area with, and the SME list's filters. Members
and centre postcodes are parsed by reference/area_rules.py, and every member it cannot read is
its own error, naming the member."""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal
from functools import cached_property

from django import forms
from django.utils.text import slugify

from core.forms import GovukForm
from reference.area_rules import (
    CHECKS,
    KINDS,
    MAX_CENTRES,
    MAX_MEMBERS,
    RADIUS,
    check_miles,
    parse_centres,
    parse_members,
)
from reference.models import Area

RESERVED_SLUGS = {"new"}


def area_slug(name: str) -> str:
    """An area's address from its name: lower-case letters, digits and single hyphens only (no
    underscores), so that two areas never share a ledger column (`in_area_<slug, - as _>`)."""
    slug = re.sub(r"[^a-z0-9]+", "-", slugify(name).lower()).strip("-")
    return slug[:80].rstrip("-")


def _worded(field: str, problem: str) -> str:
    """A member's problem names the member ("Member “X9” is not ..."); a problem with the whole
    list ("An area can list at most ...") already names the field."""
    return problem if problem.startswith("An area") else f"{field} {problem}"


class AreaForm(GovukForm):
    """An area's definition. `is_new` asks why it is defined; a change asks what changed."""

    submit_label = ""  # the page gives its own Preview and Save buttons
    error_names = {
        "members": "the members of the area",
        "centre_postcodes": "the centre postcodes",
        "confidence": "how far the definition is checked",
        "source_url": "the source's web address",
    }

    name = forms.CharField(label="Name", max_length=120, help_text="For example, East Birmingham")
    description = forms.CharField(
        label="Description",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the area is and why it matters to the network",
    )
    kind = forms.ChoiceField(
        label="What the area is made of", choices=list(KINDS.items()), widget=forms.RadioSelect
    )
    members = forms.CharField(
        label="Members",
        required=False,
        max_length=MAX_MEMBERS * 12,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One per line or separated by commas: postcode districts or sectors (B8, B9 4), "
        "ward codes (E05011127), LSOA codes (E01009332) or local authority codes (E08000025). "
        "Not for a distance of a point.",
    )
    centre_postcodes = forms.CharField(
        label="Centre postcodes",
        required=False,
        max_length=MAX_CENTRES * 12,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For a distance of a point only: one postcode per line, like B9 5SS",
    )
    miles = forms.DecimalField(
        label="Distance in miles",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(100),
        decimal_places=2,
        help_text="For a distance of a point only, like 5",
    )
    source = forms.CharField(
        label="Source",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where the definition comes from: the document, its publisher and date",
    )
    source_url = forms.URLField(
        label="Source link", required=False, max_length=500, assume_scheme="https"
    )
    confidence = forms.ChoiceField(
        label="How far the definition is checked",
        choices=list(CHECKS.items()),
        widget=forms.RadioSelect,
        help_text="Choose “Check before relying on this” when the boundary could not be read "
        "from a primary source",
    )
    note = forms.CharField(
        label="What changed and why",
        max_length=300,
        help_text="Kept with this version of the area",
    )

    def __init__(self, *args, is_new: bool = False, area: Area | None = None, **kwargs):
        self.area = area
        super().__init__(*args, **kwargs)
        if is_new:
            self.fields["note"].label = "Why the area is defined"
            self.fields["note"].required = False
            self.fields["note"].help_text = "Optional: kept with the first version of the area"

    @cached_property
    def helper(self):
        helper = super().helper
        helper.form_tag = False
        return helper

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == RADIUS and "centre_postcodes" not in self.errors:
            centres, problems = parse_centres(data.get("centre_postcodes", ""))
            for problem in problems:
                self.add_error("centre_postcodes", _worded("Centre postcode", problem))
            if not centres and not problems:
                self.add_error(
                    "centre_postcodes", "Enter at least one centre postcode, like B9 5SS"
                )
            miles = data.get("miles")
            problem = check_miles(float(miles) if miles is not None else None)
            if problem and "miles" not in self.errors:
                self.add_error("miles", problem)
            data["parsed_centres"], data["parsed_members"] = centres, ()
        elif kind and kind != RADIUS and "members" not in self.errors:
            members, problems = parse_members(kind, data.get("members", ""))
            for problem in problems:
                self.add_error("members", _worded("Member", problem))
            if not members and not problems:
                self.add_error("members", f"Enter the members of the area: {KINDS[kind].lower()}")
            data["parsed_members"], data["parsed_centres"] = members, ()
        if not self.errors and self.area is None:
            slug = area_slug(data.get("name", ""))
            if not slug:
                self.add_error("name", "Enter a name with at least one letter or digit")
            elif slug in RESERVED_SLUGS or Area.objects.filter(slug=slug).exists():
                self.add_error("name", "An area with this name already exists: choose another name")
            data["slug"] = slug
        return data

    def values(self) -> dict:
        """The area's fields as they will be saved."""
        data = self.cleaned_data
        radius = data["kind"] == RADIUS
        return {
            "name": data["name"],
            "description": data["description"],
            "kind": data["kind"],
            "members": list(data["parsed_members"]),
            "centre_postcodes": list(data["parsed_centres"]),
            "miles": data["miles"] if radius else None,
            "source": data["source"],
            "source_url": data["source_url"],
            "confidence": data["confidence"],
        }

    def digest(self) -> str:
        """What the preview showed, so that saving something else asks for a new preview."""
        text = json.dumps(self.values(), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def initial_of(area: Area) -> dict:
    return {
        "name": area.name,
        "description": area.description,
        "kind": area.kind,
        "members": "\n".join(area.members),
        "centre_postcodes": "\n".join(area.centre_postcodes),
        "miles": area.miles,
        "source": area.source,
        "source_url": area.source_url,
        "confidence": area.confidence,
    }


class SupplierFilterForm(GovukForm):
    submit_label = "Show suppliers"

    sme = forms.BooleanField(label="SMEs only", required=False)
    vcse = forms.BooleanField(label="VCSEs only", required=False)

    @cached_property
    def helper(self):
        helper = super().helper
        helper.form_method = "get"
        helper.disable_csrf = True
        return helper
