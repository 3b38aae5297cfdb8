"""Every form's error messages follow the GOV.UK pattern: they name the field and say how to fix it.

The walk finds every form class in the project (every app's form modules and everything the URL
configuration imports), builds each, submits it empty and then with wrong input in every field
(text in a number, an impossible date, text too long, a choice not offered, a bad email or web
address), and fails on Django's generic messages or on a field message that does not name its
field. A form added later is walked too: one it cannot build fails until `BUILDERS` says how.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils.datastructures import MultiValueDict

from core.form_errors import field_name, messages_for, number_example
from core.forms import GovukErrorsMixin, GovukForm
from core.params import DayMonthYearField

# Django's and pydantic's messages that say nothing about which field or how to fix it.
GENERIC = {
    "This field is required.",
    "Enter a valid value.",
    "Enter a whole number.",
    "Enter a number.",
    "Enter a valid date.",
    "Enter a valid time.",
    "Enter a valid date/time.",
    "Enter a valid email address.",
    "Enter a valid URL.",
    "Enter a valid UUID.",
    "Enter a valid JSON.",
    "Enter a list of values.",
    "Enter a complete value.",
    "Enter the day, month and year",
    "Enter a valid date",
    "Enter a valid month",
    "Enter a valid year",
    "No file was submitted. Check the encoding type on the form.",
    "No file was submitted.",
    "The submitted file is empty.",
    "Field required",
    "Input should be a valid integer, unable to parse string as an integer",
    "Input should be a valid date or datetime, input is too short",
    "Invalid value",
    "The two password fields didn’t match.",
    "Your old password was entered incorrectly. Please enter it again.",
}
GENERIC_PATTERNS = [
    re.compile(pattern)
    for pattern in (
        r"^Select a valid choice\b",
        r"^Ensure this value\b",
        r"^Ensure that there are no more than\b",
        r"^Ensure this filename\b",
        r"already exists\.$",
        r"^Input should be\b",
        r"^String should have\b",
        r"^Value error\b",
        r"is not a valid\b",
    )
]
STOP_WORDS = {
    "the",
    "and",
    "for",
    "of",
    "a",
    "an",
    "to",
    "in",
    "on",
    "or",
    "is",
    "it",
    "this",
    "your",
}


def project_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class defined in the project's apps."""
    importlib.import_module(settings.ROOT_URLCONF)
    local = {
        config.name for config in apps.get_app_configs() if not config.name.startswith("django")
    }
    local = {
        name
        for name in local
        if importlib.util.find_spec(name).origin.startswith(str(settings.BASE_DIR))
    }
    for app in local:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "form" in module.name.rsplit(".", 1)[-1] or ".forms." in module.name:
                importlib.import_module(module.name)
    found, queue = set(), [forms.BaseForm]
    while queue:
        for subclass in queue.pop().__subclasses__():
            queue.append(subclass)
            if subclass.__module__.split(".")[0] in local and not inspect.isabstract(subclass):
                found.add(subclass)
    return sorted(found, key=lambda form: f"{form.__module__}.{form.__qualname__}")


def _programme(w):
    from programmes.models import Partner, Programme

    programme, made = Programme.objects.get_or_create(
        slug="forms", defaults={"title": "Forms pilot", "summary": "A", "aims": "B"}
    )
    if made:
        Partner.objects.create(
            programme=programme, organisation=w.home, kind="anchor", role="Lead", is_lead=True
        )
    return programme


def _interpretation(w):
    from scorecard.models import Interpretation

    return Interpretation.objects.order_by("pk").first()


def _maturity(w):
    from maturity import questions

    asked = questions.current()
    return {"question": asked.questions[0], "questions": asked}


def _metrics(w):
    from socialvalue import taxonomy

    return {"metrics": taxonomy.all_metrics()}


def _criteria(w):
    from tests.challenges.factories import challenge

    return {"criteria": challenge(w).criteria.all()}


def _challenge(w):
    from tests.challenges.factories import challenge

    return {"challenge": challenge(w)}


def _partners(w):
    programme = _programme(w)
    return {"partners": programme.partners.all(), "years": [2025, 2026]}


# How to build the forms that need more than data: keyword arguments from the `world` fixture.
BUILDERS = {
    "opportunities.forms.SetupForm": lambda w: {"organisation_name": w.supplier_org.name},
    "opportunities.forms.SetupWorkForm": lambda w: {"organisation_name": w.supplier_org.name},
    "opportunities.forms.SetupCapacityForm": lambda w: {"organisation_name": w.supplier_org.name},
    "opportunities.forms.SetupAreasForm": lambda w: {"organisation_name": w.supplier_org.name},
    "opportunities.forms.SetupSizeForm": lambda w: {"organisation_name": w.supplier_org.name},
    "spend.forms.MappingForm": lambda w: {
        "headers": ["Date", "Supplier", "Amount"],
        "header_row": 1,
    },
    "scorecard.forms_interpretations.StatusForm": lambda w: {"interpretation": _interpretation(w)},
    "scorecard.forms_interpretations.AdoptionForm": lambda w: {
        "organisations": type(w.home).objects.all()
    },
    "maturity.forms.AnswerForm": _maturity,
    "socialvalue.forms.commitments.CommitmentForm": _metrics,
    "programmes.money_forms.ContributionForm": _partners,
    "programmes.money_forms.MoveForm": lambda w: {"to_label": "Awarded"},
    "programmes.money_forms.AwardForm": lambda w: {"to_label": "Awarded"},
    "programmes.money_forms.BudgetLineForm": lambda w: {"years": [2025, 2026]},
    "programmes.money_forms.AllocationForm": lambda w: {
        "years": [2025, 2026],
        "sources": [("1", "Council grant")],
    },
    "programmes.money_forms.CostingSettingsForm": lambda w: {"years": [2025, 2026]},
    "programmes.forms.appraisal.OptionForm": lambda w: {"programme": _programme(w)},
    "programmes.forms.appraisal.DecisionForm": lambda w: {"programme": _programme(w)},
    "programmes.forms.partners.PartnerForm": lambda w: {"programme": _programme(w)},
    "programmes.forms.risks.RiskForm": lambda w: {"programme": _programme(w)},
    "programmes.forms.milestones.MilestoneForm": lambda w: {"programme": _programme(w)},
    "accounts.forms.GovukPasswordChangeForm": lambda w: {"user": w.users["buyer"]},
    "accounts.forms.GovukSetPasswordForm": lambda w: {"user": w.users["buyer"]},
    "accounts.forms.InvitationAcceptForm": lambda w: {"email": "new@example.org"},
    "accounts.forms.InvitationForm": lambda w: {"inviter": w.users["anchor_admin"]},
    "challenges.forms.evaluation.PanelMemberForm": _challenge,
    "challenges.forms.evaluation.ScoreForm": _criteria,
    "challenges.forms.statement.ChallengeForm": lambda w: {"owner": w.home},
}
# Bases for other forms, never shown themselves.
NOT_SHOWN = {"core.forms.GovukForm", "core.forms.GovukModelForm"}


def _name(form_class) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def build(form_class, w, data=None, files=None):
    kwargs = BUILDERS.get(_name(form_class), lambda w: {})(w)
    if data is not None:
        kwargs["data"] = data
        accepts = inspect.signature(form_class.__init__).parameters
        if "files" in accepts or any(p.kind is p.VAR_KEYWORD for p in accepts.values()):
            kwargs["files"] = files or MultiValueDict()
    return form_class(**kwargs)


def wrong_value(field: forms.Field):
    """A value a person could type or send that the field must refuse, or None for a field with
    nothing wrong to type (a checkbox, a file)."""
    if isinstance(field, DayMonthYearField):
        return ["30", "2", "2027"]
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return "twenty"
    if isinstance(field, forms.DateTimeField | forms.DateField):
        return "2027-02-30"
    if isinstance(field, forms.TimeField):
        return "25:61"
    if isinstance(field, forms.EmailField):
        return "name at example"
    if isinstance(field, forms.URLField):
        return "not a web address"
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return ["not-one-of-them"]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return "not-one-of-them"
    if isinstance(field, forms.CharField) and field.max_length:
        return "x" * (field.max_length + 1)
    return None


def _put(data: MultiValueDict, form, name, field, value) -> None:
    key = form.add_prefix(name)
    widget = field.widget
    if isinstance(widget, forms.MultiWidget):
        for suffix, part in zip(widget.widgets_names, value, strict=False):
            data[f"{key}{suffix}"] = part
    elif isinstance(value, list):
        data.setlist(key, value)
    else:
        data[key] = value


def is_generic(message: str) -> bool:
    return message in GENERIC or any(pattern.search(message) for pattern in GENERIC_PATTERNS)


def _words(text: str) -> set[str]:
    return {
        word.rstrip("s")
        for word in re.findall(r"[a-z0-9£]+", text.lower())
        if word not in STOP_WORDS and len(word) > 2
    }


def names_the_field(message: str, form, name: str) -> bool:
    """Whether the message says which field it is about: a word of its label (or of the words the
    form gives it in `error_names`), or its name."""
    label = str(form[name].label or name)
    said = _words(message)
    named = _words(label) | _words(name.replace("_", " "))
    named |= _words(getattr(form, "error_names", {}).get(name, ""))
    # A question's help text or its options may say what it asks ("Choose whether to accept or
    # query the report" for "Your decision").
    field = form.fields[name]
    named |= _words(str(field.help_text or ""))
    if isinstance(field, forms.ChoiceField):
        named |= _words(" ".join(str(text) for _, text in field.choices))
    return bool(said & named) or not named


def problems(form) -> list[str]:
    found = []
    for name, messages in form.errors.items():
        for message in messages:
            where = f"{type(form).__qualname__}.{name}: {message!r}"
            if is_generic(message):
                found.append(f"generic message {where}")
            elif (
                name != "__all__"
                and not form.fields[name].widget.is_hidden
                and not names_the_field(message, form, name)
            ):
                found.append(f"does not name the field {where}")
    return found


def test_every_form_has_the_govuk_messages():
    missing = [
        _name(form_class)
        for form_class in project_form_classes()
        if not issubclass(form_class, GovukErrorsMixin)
    ]
    assert not missing, f"Forms without core.forms.GovukErrorsMixin: {missing}"


def test_the_walk_finds_the_forms_named_in_the_issue():
    names = {_name(form_class) for form_class in project_form_classes()}
    assert {
        "challenges.forms.statement.ChallengeForm",
        "spend.forms.Lm3Form",
        "opportunities.forms.SavedSearchForm",
    } <= names
    assert len(names) > 60


@pytest.mark.parametrize("form_class", project_form_classes(), ids=_name)
def test_every_form_says_which_field_and_how_to_fix_it(form_class, world):
    if _name(form_class) in NOT_SHOWN:
        return
    try:
        blank = build(form_class, world)
    except TypeError as error:
        pytest.fail(f"{_name(form_class)} cannot be built ({error}): add it to BUILDERS")
    empty = build(form_class, world, data=MultiValueDict())
    empty.is_valid()
    wrong_data = MultiValueDict()
    for name, field in blank.fields.items():
        value = wrong_value(field)
        if value is not None and not field.disabled:
            _put(wrong_data, blank, name, field, value)
    wrong = build(form_class, world, data=wrong_data)
    wrong.is_valid()
    assert problems(empty) + problems(wrong) == []


class Sample(GovukForm):
    title = forms.CharField(label="Challenge title", max_length=5)
    budget = forms.DecimalField(label="Budget (£)", min_value=0, decimal_places=2)
    people = forms.IntegerField(label="Number of people", min_value=1, max_value=99)
    sector = forms.ChoiceField(label="Sector", choices=[("a", "A")])
    areas = forms.MultipleChoiceField(label="Areas served", choices=[("a", "A")])
    file = forms.FileField(label="Payment file")
    starts = DayMonthYearField(label="Start date")
    website = forms.URLField(label="Website", required=False, assume_scheme="https")
    house = forms.CharField(label="Companies House number", max_length=8, required=False)
    summary = forms.CharField(label="Summary", error_messages={"required": "Say what it is"})

    error_names = {"title": "the challenge title"}


def test_empty_fields_say_what_to_do_with_them():
    form = Sample(data={}, files={})
    assert not form.is_valid()
    assert form.errors == {
        "title": ["Enter the challenge title"],
        "budget": ["Enter budget"],
        "people": ["Enter number of people"],
        "sector": ["Select sector"],
        "areas": ["Select areas served"],
        "file": ["Upload payment file"],
        "starts": ["Enter start date"],
        "summary": ["Say what it is"],  # the form's own wording is kept
    }


def test_wrong_values_say_how_to_put_them_right():
    form = Sample(
        data={
            "title": "far too long",
            "budget": "lots",
            "people": "100",
            "sector": "z",
            "areas": ["z"],
            "starts_0": "30",
            "starts_1": "2",
            "starts_2": "2027",
            "website": "not a web address",
            "house": "123456789",
            "summary": "A summary",
        },
        files={},
    )
    assert not form.is_valid()
    errors = {name: list(messages) for name, messages in form.errors.items()}
    assert errors["title"] == ["The challenge title must be 5 characters or fewer"]
    assert errors["budget"] == ["Budget must be a number, like 25000"]
    assert errors["people"] == ["Number of people must be 99 or less"]
    assert errors["sector"] == ["Select sector from the options given"]
    assert errors["areas"] == ["Select areas served from the options given"]
    assert errors["starts"][0].startswith("Start date must be a real date")
    assert errors["website"] == [
        "Enter website as a full web address, like https://www.example.org"
    ]
    assert errors["house"] == ["Companies House number must be 8 characters or fewer"]


def test_a_date_out_of_range_and_a_date_in_part_name_the_date():
    form = Sample(data={"starts_0": "1", "starts_1": "1", "starts_2": "1999"}, files={})
    form.is_valid()
    assert form.errors["starts"] == [
        "Start date must be between 1 January 2000 and 31 December 2100"
    ]
    form = Sample(data={"starts_0": "x", "starts_1": "1", "starts_2": "2027"}, files={})
    form.is_valid()
    assert form.errors["starts"][0].startswith("Start date must be a real date")


def test_labels_read_as_words_in_a_sentence():
    assert field_name("Title") == "title"
    assert field_name("CPV codes") == "CPV codes"
    assert field_name("Companies House number") == "Companies House number"
    assert field_name("Budget (£) (optional)") == "budget"
    assert field_name("Share (%)") == "share"


def test_number_examples_are_inside_the_limits():
    assert number_example(forms.IntegerField(min_value=1, max_value=5)) == "3"
    assert number_example(forms.IntegerField(min_value=2000)) == "2000"
    assert number_example(forms.DecimalField(max_value=Decimal(100))) == "100"
    assert number_example(forms.DecimalField()) == "25000"
    assert "date" in messages_for(forms.DateField(), "start date")["invalid"]
    assert date(2027, 3, 27).isoformat() in messages_for(forms.DateField(), "start")["invalid"]


def _summary(html: str) -> list[tuple[str, str]]:
    """The error summary's links: (target, message)."""
    summary = html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)


def test_the_challenge_form_left_empty_says_what_each_field_needs(client_for, world):
    """The issue's page: six "This field is required." on the challenge form."""
    from django.urls import reverse

    # A browser always sends something (the CSRF token at least): an empty title, here.
    page = client_for("buyer").post(reverse("challenges:create"), {"title": ""})
    html = page.content.decode()
    links = _summary(html)
    assert ("id_title", "Enter the challenge title") in links
    assert ("id_summary", "Enter a summary of the challenge") in links
    assert ("id_success_measures", "Enter how success will be measured") in links
    assert len(links) == 6 and "This field is required" not in html
    after_summary = html.split("</ul>", 1)[1]
    for _, message in links:  # each message is also beside its field
        assert message in after_summary


def test_the_saved_search_form_names_its_field(client_for, world):
    from django.urls import reverse

    page = client_for("buyer").post(reverse("opportunities:saved_searches"), {"query": "q=care"})
    assert _summary(page.content.decode()) == [("id_name", "Enter a name for this search")]
