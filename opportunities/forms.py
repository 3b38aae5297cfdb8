import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Fixed, Layout, Size, Submit
from django import forms
from django.http import QueryDict

from core.forms import GovukErrorsMixin, GovukForm
from core.params import DateParameterField
from network.models import Organisation, SizeBand
from opportunities import area_search
from opportunities.models import Notice
from opportunities.notice_model import notice_name, notice_names
from opportunities.search_request import PROCEDURES, SORTS, STATUSES, VALUE_BANDS, OpportunitySearch
from reference import places
from reference.cpv import split_cpv
from reference.models import Area

AWARDED_LIMIT = 10**15  # pounds: more than any contract, within what the index and columns hold


def cpv_codes(text: str) -> list[str]:
    """Codes separated by commas, semicolons or new lines; each must be a CPV code."""
    codes = []
    for part in re.split(r"[,;\n]", text):
        if part.strip():
            try:
                codes.append(split_cpv(part)[0])
            except ValueError as error:
                raise forms.ValidationError(
                    f"'{part.strip()}' is not a CPV code: enter 8 digits, like 72000000"
                ) from error
    return codes


def _one_of(choices) -> str:
    names = list(choices)
    return ", ".join(names[:-1]) + " or " + names[-1]


def notice_type_choices(published: list[str]) -> list[tuple[str, str]]:
    """Every Procurement Act notice (UK1–UK17, in their order, named), whether or not one is stored
    yet (a saved search for UK8 is valid before the first UK8 arrives), then the other types
    stored (Contracts Finder's stages)."""
    names = notice_names()
    ordered = sorted(names, key=lambda code: int(code[2:]) if code[2:].isdigit() else 99)
    others = sorted(t for t in published if t and t not in names)
    return [(code, notice_name(code)) for code in ordered] + [(t, t) for t in others]


class OpportunitySearchForm(GovukErrorsMixin, forms.Form):
    """The search filters (GET). Invalid values are reported, never silently dropped."""

    error_names = {"q": "the search words"}
    q = forms.CharField(required=False, max_length=200, label="Search")
    status = forms.MultipleChoiceField(
        required=False,
        choices=list(STATUSES.items()),
        widget=forms.CheckboxSelectMultiple,
        label="Status",
        error_messages={
            "invalid_choice": "'%(value)s' is not a status: choose " + _one_of(STATUSES)
        },
    )
    cpv = forms.CharField(
        required=False,
        max_length=200,
        label="CPV codes",
        help_text="For example 72000000 or 45210000-2, separated by commas. A parent code includes its children.",
    )
    buyer = forms.CharField(required=False, max_length=200, label="Buyer")
    anchors_only = forms.BooleanField(required=False, label="Network anchors only")
    location = forms.CharField(
        required=False,
        max_length=100,
        label="Delivery location",
        help_text="A town, local authority, region or postcode district, like Coventry, "
        "West Midlands or B1",
    )
    area = forms.CharField(
        required=False,
        max_length=120,
        label="Delivered in the network's area",
        help_text="One of the network's areas, like east-birmingham-postcodes or North Solihull: "
        "notices delivered at its postcodes, or whose buyer is there when no place is stated",
    )
    value_band = forms.ChoiceField(
        required=False,
        choices=[("", "Any value")] + [(k, v[0]) for k, v in VALUE_BANDS.items()],
        label="Value",
        error_messages={
            "invalid_choice": "'%(value)s' is not a value band: choose " + _one_of(VALUE_BANDS)
        },
    )
    awarded_min = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=AWARDED_LIMIT,
        decimal_places=2,
        label="Awarded value from (£)",
    )
    awarded_max = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=AWARDED_LIMIT,
        decimal_places=2,
        label="Awarded value up to (£)",
    )
    procedure = forms.ChoiceField(
        required=False,
        choices=[("", "Any procedure"), *list(PROCEDURES.items())],
        label="Procedure",
        error_messages={
            "invalid_choice": "'%(value)s' is not a procedure: choose " + _one_of(PROCEDURES)
        },
    )
    notice_type = forms.ChoiceField(
        required=False,
        label="Notice type",
        error_messages={
            "invalid_choice": "'%(value)s' is not a notice type: choose UK1 to UK17 or a Contracts Finder stage"
        },
    )
    sme = forms.BooleanField(required=False, label="Suitable for SMEs")
    vcse = forms.BooleanField(required=False, label="Suitable for VCSEs")
    threshold = forms.ChoiceField(
        required=False,
        choices=[("", "Either"), ("below", "Below threshold"), ("above", "Above threshold")],
        widget=forms.RadioSelect,
        label="Threshold",
        error_messages={"invalid_choice": "'%(value)s' is not a threshold: choose above or below"},
    )
    deadline_from = DateParameterField(required=False, label="Deadline from")
    deadline_to = DateParameterField(required=False, label="Deadline to")
    sort = forms.ChoiceField(
        required=False,
        choices=list(SORTS.items()),
        label="Sort by",
        error_messages={
            "invalid_choice": "'%(value)s' is not a way to sort: choose " + _one_of(SORTS)
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice_type"].choices = [
            ("", "Any notice type"),
            *notice_type_choices(Notice.objects.types()),
        ]
        self.anchors = Organisation.objects.network_members().only("name", "slug")
        self.network_areas = Area.objects.only("slug", "name")

    def clean_cpv(self):
        return cpv_codes(self.cleaned_data["cpv"])

    def clean_q(self):
        """Words that name a network area ("delivery in East Birmingham") choose it instead."""
        text = self.cleaned_data["q"]
        named = area_search.named_in(text) if text else None
        if named is None:
            return text
        self.area_from = ("q", named[0])
        return named[1]

    def clean_location(self):
        location = self.cleaned_data["location"].strip()
        if location and places.resolve(location) is None:
            named = area_search.named_in(location)
            if named is not None and not named[1]:  # the whole place is the area's name
                self.area_from = ("location", named[0])
                return ""
            raise forms.ValidationError(places.UNKNOWN_PLACE.format(location))
        return location

    def clean_area(self):
        text = self.cleaned_data["area"].strip()
        if not text:
            return ""
        area = area_search.find(text)
        if area is None:
            raise forms.ValidationError(
                f"'{text}' is not one of the network's areas: enter an area's name or its short "
                "name from the areas page, like east-birmingham-postcodes"
            )
        return area.slug

    def ignored(self) -> list[str]:
        """The labels of the filters given that could not be read, so are not applied."""
        if not self.is_bound or self.is_valid():
            return []
        return [self.fields[name].label or name for name in self.errors if name in self.fields]

    def problems(self) -> str:
        """Every error in one sentence (for where fields are not shown); each names its field."""
        return "; ".join(message for errors in self.errors.values() for message in errors)

    def clean(self):
        data = super().clean()
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and start > end:
            self.add_error("deadline_to", "Deadline to must be the same as or after deadline from")
        if getattr(self, "area_from", None) and not data.get("area") and "area" not in self.errors:
            data["area"] = self.area_from[1]
        low, high = data.get("awarded_min"), data.get("awarded_max")
        if low is not None and high is not None and low > high:
            self.add_error(
                "awarded_max",
                "Awarded value up to must be the same as or more than awarded value from",
            )
        return data

    def to_search(self) -> OpportunitySearch:
        """The search the valid values make: a value that cannot be read leaves out only its own
        filter (the page says which), never the others."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        return OpportunitySearch(
            text=data.get("q", ""),
            statuses=data.get("status", []),
            cpv=data.get("cpv", []),
            buyer=data.get("buyer", ""),
            anchors_only=data.get("anchors_only", False),
            location=data.get("location", ""),
            area=data.get("area", ""),
            value_band=data.get("value_band", ""),
            awarded_min=data.get("awarded_min"),
            awarded_max=data.get("awarded_max"),
            procedure=data.get("procedure", ""),
            notice_type=data.get("notice_type", ""),
            sme=data.get("sme", False),
            vcse=data.get("vcse", False),
            threshold=data.get("threshold", ""),
            deadline_from=data.get("deadline_from"),
            deadline_to=data.get("deadline_to"),
            sort=data.get("sort")
            or ("relevance" if data.get("q") or data.get("location") else "date"),
        )


def _split(text: str) -> list[str]:
    return [
        part.strip()
        for part in text.replace(";", ",").replace("\n", ",").split(",")
        if part.strip()
    ]


class CapabilitiesForm(GovukForm):
    submit_label = "Save capabilities"
    cpv_codes = forms.CharField(
        label="CPV codes for what you supply",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Separate with commas. A broad code such as 72000000 (IT services) covers everything inside it.",
    )
    keywords = forms.CharField(
        label="Keywords",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Words buyers would use, separated by commas: for example retrofit, heat pumps",
    )
    areas = forms.CharField(
        label="Areas you serve",
        required=False,
        help_text="Regions, towns or boroughs, separated by commas: for example Sandwell, Birmingham, West Midlands",
    )
    network_areas = forms.ModelMultipleChoiceField(
        label="The network's areas you serve (optional)",
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Work delivered in one of these, or whose buyer is there when no place is "
        "stated, counts as in your area",
    )
    max_contract_value = forms.DecimalField(
        label="Largest contract you can take on, in pounds",
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=0,
    )
    accreditations = forms.CharField(
        label="Accreditations (optional)",
        required=False,
        help_text="For example ISO 9001, Cyber Essentials, CHAS, separated by commas",
    )
    alerts_enabled = forms.BooleanField(label="Email me new matching opportunities", required=False)

    def clean_cpv_codes(self):
        return sorted(set(cpv_codes(self.cleaned_data["cpv_codes"])))

    def clean_keywords(self):
        return _split(self.cleaned_data["keywords"])[:30]

    def clean_areas(self):
        return _split(self.cleaned_data["areas"])[:30]

    def clean_accreditations(self):
        return _split(self.cleaned_data["accreditations"])[:30]

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("cpv_codes") or data.get("keywords")):
            self.add_error(
                "cpv_codes", "Enter at least one CPV code or one keyword, so we can find matches"
            )
        return data


class SavedSearchForm(GovukForm):
    error_names = {"name": "a name for this search"}
    submit_label = "Save this search"
    name = forms.CharField(label="Name this search", max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, max_length=1000, required=False)

    def clean(self):
        """The search is checked as the search page checks it, so that a saved search always runs
        (the email digests run every saved search every day)."""
        data = super().clean()
        query = QueryDict(data.get("query", "")).copy()
        query.pop("page", None)
        search = OpportunitySearchForm(query)
        if not search.is_valid():
            raise forms.ValidationError(
                f"This search cannot be saved: {search.problems()}. Change it on the search page."
            )
        data["query"] = query.urlencode()
        return data


class InterestForm(GovukForm):
    error_names = {"note": "what you could offer"}
    submit_label = "Register interest"
    note = forms.CharField(
        label="What could you offer? (optional)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


# The guided set-up of a new supplier's capabilities: one short question page per step.


class SetupForm(GovukForm):
    submit_label = "Continue"

    def __init__(self, *args, organisation_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_name = organisation_name

    def layout(self) -> list:
        """One question on the page: its label (or legend) is the page's heading."""
        (name,) = self.fields
        if isinstance(self.fields[name].widget, forms.RadioSelect):
            return [Field.radios(name, legend_size=Size.LARGE, legend_tag="h1")]
        return [Field.text(name, label_size=Size.LARGE, label_tag="h1")]

    @property
    def helper(self):
        helper = FormHelper(self)
        helper.layout = Layout(*self.layout())
        helper.add_input(Submit("submit", self.submit_label))
        return helper


class SetupWorkForm(SetupForm):
    """What the supplier does, in buyers' words and, if it knows them, CPV codes."""

    keywords = forms.CharField(
        label="Words for what you do",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The words a buyer would use, separated by commas: for example "
        "retrofit, heat pumps, insulation",
        error_messages={"max_length": "Words for what you do must be 1,000 characters or fewer"},
    )
    cpv_codes = forms.CharField(
        label="CPV codes (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="If you know them: 8-digit codes separated by commas. A broad code such as "
        "45000000 (construction work) covers everything inside it.",
        error_messages={"max_length": "CPV codes must be 1,000 characters or fewer"},
    )

    def layout(self) -> list:
        return [Field.textarea("keywords"), Field.textarea("cpv_codes")]

    def clean_cpv_codes(self):
        return sorted(set(cpv_codes(self.cleaned_data["cpv_codes"])))

    def clean_keywords(self):
        return _split(self.cleaned_data["keywords"])[:30]

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("cpv_codes") or data.get("keywords")):
            self.add_error(
                "keywords",
                "Enter words for what you do, or a CPV code, so we can find work that fits",
            )
        return data


def _pounds(text: str) -> str:
    return re.sub(r"[£,\s]", "", text).removesuffix(".00")


class SetupCapacityForm(SetupForm):
    max_contract_value = forms.CharField(
        label="What is the largest contract you could take on?",
        max_length=30,
        help_text="In pounds, for the whole contract: for example 100000. We use it to show "
        "work within your reach first, and lots of larger contracts that fit.",
        error_messages={
            "required": "Enter the largest contract you could take on, in pounds, like 100000",
            "max_length": "Enter the largest contract you could take on as a number of pounds, "
            "like 100000",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
    )

    def layout(self) -> list:
        return [
            Field.text(
                "max_contract_value",
                label_size=Size.LARGE,
                label_tag="h1",
                field_width=Fixed.TEN,
            )
        ]

    def clean_max_contract_value(self):
        text = _pounds(self.cleaned_data["max_contract_value"])
        if not text.isdigit():
            raise forms.ValidationError(
                "Enter the largest contract you could take on as a whole number of pounds, "
                "like 100000"
            )
        value = int(text)
        if value < 1:
            raise forms.ValidationError("The largest contract you could take on must be £1 or more")
        if value >= 10**15:
            raise forms.ValidationError(
                "The largest contract you could take on must be less than £1,000,000,000,000,000"
            )
        return value


class SetupAreasForm(SetupForm):
    areas = forms.CharField(
        label="Where do you deliver work?",
        required=False,
        max_length=1000,
        help_text="Towns, boroughs, regions or postcode areas, separated by commas: for example "
        "Sandwell, Birmingham, West Midlands",
        error_messages={
            "max_length": "Places where you deliver work must be 1,000 characters or fewer",
        },
    )
    network_areas = forms.ModelMultipleChoiceField(
        label="Or choose the network's areas you serve",
        queryset=Area.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Work delivered in one of these counts as in your area",
    )

    def layout(self) -> list:
        return [
            Field.text("areas", label_size=Size.LARGE, label_tag="h1"),
            Field.checkboxes("network_areas", legend_size=Size.SMALL),
        ]

    def clean_areas(self):
        return _split(self.cleaned_data["areas"])[:30]

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("areas") or data.get("network_areas")):
            self.add_error(
                "areas",
                "Enter the places where you deliver work, like Birmingham or West Midlands, "
                "or choose one of the network's areas",
            )
        return data


class SetupSizeForm(SetupForm):
    size_band = forms.ChoiceField(
        label="How many people work for your organisation?",
        widget=forms.RadioSelect,
        help_text="Count full-time equivalents. Micro and small firms are shown below-threshold "
        "and lotted work first.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["size_band"]
        field.choices = [
            (SizeBand.MICRO, "Fewer than 10 (micro)"),
            (SizeBand.SMALL, "10 to 49 (small)"),
            (SizeBand.MEDIUM, "50 to 249 (medium)"),
            (SizeBand.LARGE, "250 or more (large)"),
        ]
        message = f"Select how many people work for {self.organisation_name}"
        field.error_messages = {"required": message, "invalid_choice": message}
