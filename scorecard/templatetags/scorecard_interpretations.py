"""Template filters for the interpretations shown on other apps' pages."""

from django import template

register = template.Library()


@register.filter
def interpretations_for(found, route_id):
    """The interpretations bearing on one route, from the "route_interpretations" panel."""
    return (found or {}).get(route_id, [])
