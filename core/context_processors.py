from django.conf import settings

from core.roles import Role, role_of

# Navigation per role: (label, url name). Kept here so the layout and the tests share one list.
_FIND = [
    ("Opportunities", "opportunities:opportunities"),
    ("Challenges", "challenges:list"),
    ("Cases", "cases:list"),
    ("Pipeline", "opportunities:pipeline"),
    ("Organisations", "network:organisations"),
    ("Champions", "network:champions"),
    ("Scorecard", "scorecard:comparison"),
    ("Programmes", "programmes:list"),
]
NAVIGATION = {
    Role.ANONYMOUS: _FIND,
    Role.REGISTERED: [*_FIND, ("Join an organisation", "accounts:organisation_join")],
    Role.SUPPLIER: [
        _FIND[0],
        ("Recommended", "opportunities:recommended"),
        *_FIND[1:],
        ("Social value", "socialvalue:commitments"),
    ],
    Role.BUYER: [
        *_FIND,
        ("Local spend", "spend:ledger_home"),
        ("Social value", "socialvalue:commitments"),
        ("Maturity", "maturity:network"),
    ],
    Role.ANCHOR_ADMIN: [
        *_FIND,
        ("Local spend", "spend:ledger_home"),
        ("Social value", "socialvalue:commitments"),
        ("Maturity", "maturity:network"),
        ("Invitations", "accounts:invitations"),
    ],
    Role.COORDINATOR: [
        *_FIND,
        ("Local spend", "spend:ledger_home"),
        ("Social value", "socialvalue:commitments"),
        ("Maturity", "maturity:network"),
        ("Supplier review", "suppliers:review"),
        ("Case review", "cases:review"),
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
