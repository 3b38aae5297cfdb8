from django import template
from django.utils.html import format_html

from core.formatting import pounds_in_words
from opportunities.notice_links import official_notice_url
from opportunities.notice_model import notice_name as notice_label_of
from opportunities.notice_model import rating_good, words
from opportunities.summary import awarded_amount, when
from opportunities.validation import parse_date
from reference import places

register = template.Library()

STATUS_TAGS = {
    "planned": ("Planned", "govuk-tag--blue"),
    "open": ("Open", "govuk-tag--green"),
    "closed": ("Closed", "govuk-tag--grey"),
    "awarded": ("Awarded", "govuk-tag--purple"),
    "cancelled": ("Cancelled", "govuk-tag--red"),
}


register.filter("pounds", pounds_in_words)


@register.filter
def region_names(regions) -> str:
    """Delivery regions as published (ITL/NUTS codes or words), each code with its area's name."""
    shown = []
    for region in regions or []:
        key = places.code_key(str(region))
        name = places.name_of(key) if key else ""
        shown.append(f"{name} ({region})" if name and name != key else str(region))
    return ", ".join(shown)


@register.filter
def long_date(moment):
    return when(moment)


@register.filter
def official(url):
    """The link if it is to an official notice service, else "" (stored links are checked again)."""
    return official_notice_url(url)


@register.inclusion_tag("opportunities/status_tag.html")
def status_tag(status, notice_type=""):
    """The status as a tag; an awarded process whose latest notice is a contract termination
    notice (UK11) reads "Ended"."""
    label, css = STATUS_TAGS.get(status, (status.title(), "govuk-tag--grey"))
    if status == "awarded" and notice_type == "UK11":
        label, css = "Awarded, contract ended", "govuk-tag--grey"
    return {"label": label, "css": css}


@register.filter
def awarded(process):
    """What a process was awarded for, excluding and including VAT as published."""
    return awarded_amount(process)


@register.filter
def period(observation):
    """A KPI observation's period, '1 April 2026 to 30 June 2026'."""
    start, end = (
        parse_date(observation.get(key, "")) if observation.get(key) else None
        for key in ("start", "end")
    )
    if start and end:
        return f"{when(start)} to {when(end)}"
    return when(start or end) or "-"


@register.simple_tag
def rating_tag(observation):
    """A KPI rating as a tag: green when met, orange when below, grey otherwise; the words are the
    ones the notice publishes beside the code."""
    code = observation.get("rating", "")
    good = rating_good(code)
    css = {True: "govuk-tag--green", False: "govuk-tag--red", None: "govuk-tag--yellow"}[good]
    if not code:
        css = "govuk-tag--grey"
    label = words("performance_ratings", code) if code else "Not rated"
    description = observation.get("rating_description", "")
    return format_html(
        '<strong class="govuk-tag {}">{}</strong>{}',
        css,
        label,
        format_html("<br>{}", description) if description and description != label else "",
    )


@register.filter
def signal_name(key):
    """A check's name in words ("tender_period": "Time to respond"), else the key in words."""
    name = words("signal_names", key)
    return name if name != key else key.replace("_", " ").capitalize()


@register.filter
def notice_name(notice_type):
    """'UK4 Tender notice' for a Procurement Act notice type; other labels as they are."""
    return notice_label_of(notice_type)
