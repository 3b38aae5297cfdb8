from django import template

from challenges.lifecycle import Status

register = template.Library()

COLOURS = {
    Status.DRAFT: "grey",
    Status.PUBLISHED: "blue",
    Status.ENGAGEMENT_OPEN: "green",
    Status.ENGAGEMENT_CLOSED: "orange",
    Status.AWARDED: "purple",
    Status.NOT_AWARDED: "red",
    Status.WITHDRAWN: "red",
}


@register.inclusion_tag("challenges/status_tag.html")
def challenge_status(status):
    status = Status(status)
    return {"label": status.label, "colour": COLOURS[status]}


@register.filter
def status_label(value):
    try:
        return Status(value).label
    except ValueError:
        return value or "-"
