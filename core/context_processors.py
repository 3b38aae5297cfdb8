from django.conf import settings

from core.roles import Role, role_of

# Navigation per role: (label, url name). Kept here so the layout and the tests share one list.
NAVIGATION = {
    Role.ANONYMOUS: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
    ],
    Role.REGISTERED: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
        ("Join an organisation", "accounts:organisation_join"),
    ],
    Role.SUPPLIER: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
    ],
    Role.BUYER: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
    ],
    Role.ANCHOR_ADMIN: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
        ("Invitations", "accounts:invitations"),
    ],
    Role.COORDINATOR: [
        ("Opportunities", "opportunities:opportunities"),
        ("Organisations", "network:organisations"),
        ("Champions", "network:champions"),
        ("Invitations", "accounts:invitations"),
        ("Admin", "admin:index"),
    ],
}


def service(request):
    role = role_of(getattr(request, "user", None))
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.SERVICE_FEEDBACK_EMAIL,
        "role": role,
        "navigation": NAVIGATION[role],
    }
