from django import template

register = template.Library()


@register.filter
def entry_reference(entry) -> str:
    """The register and the entry's identifier ("nhs-trusts RL4"), leaving out identifiers a loader
    made up from a digest of the name (they mean nothing to people)."""
    identifier = "" if entry.identifier.startswith("sha1:") else entry.identifier
    return f"{entry.register} {identifier}".strip()
