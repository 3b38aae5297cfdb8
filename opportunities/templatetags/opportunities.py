from django import template

from opportunities.facts import official_notice_url
from opportunities.summary import money, when

register = template.Library()

STATUS_TAGS = {
    "planned": ("Planned", "govuk-tag--blue"),
    "open": ("Open", "govuk-tag--green"),
    "closed": ("Closed", "govuk-tag--grey"),
    "awarded": ("Awarded", "govuk-tag--purple"),
    "cancelled": ("Cancelled", "govuk-tag--red"),
}


@register.filter
def pounds(amount):
    return money(amount)


@register.filter
def long_date(moment):
    return when(moment)


@register.filter
def official(url):
    """The link if it is to an official notice service, else "" (stored links are checked again)."""
    return official_notice_url(url)


@register.inclusion_tag("opportunities/status_tag.html")
def status_tag(status):
    label, css = STATUS_TAGS.get(status, (status.title(), "govuk-tag--grey"))
    return {"label": label, "css": css}
