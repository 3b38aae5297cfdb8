from django import template

from core import formatting

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


# £1,234 or -£1,234; "-" for a value that is not a number.
register.filter("signed_pounds", formatting.signed_pounds)


@register.filter
def percent(value, places=1):
    try:
        return f"{float(value) * 100:.{int(places)}f}%"
    except (TypeError, ValueError):
        return "-"
