from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def signed_pounds(value):
    """£1,234 or -£1,234."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "-"
    return f"-£{abs(number):,.0f}" if number < 0 else f"£{number:,.0f}"


@register.filter
def percent(value, places=1):
    try:
        return f"{float(value) * 100:.{int(places)}f}%"
    except (TypeError, ValueError):
        return "-"
