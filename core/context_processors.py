from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from core.roles import Role, role_of


@dataclass(frozen=True)
class Section:
    """A group of the navigation: one item in the header, a landing page listing its pages
    (`core.views.section`), and a row of its pages under the header on each of them."""

    slug: str  # the landing page's path: /find-work/
    label: str
    about: str  # one sentence on the landing page
    items: tuple  # (label, url name, what the page is for)


# What each capability is, once, in the users' words; sections below pick from these.
_OPPORTUNITIES = ("Opportunities", "opportunities:opportunities", "Search open and recent notices.")
_PIPELINE = ("Pipeline", "opportunities:pipeline", "What buyers plan to put out to tender.")
_RECOMMENDED = (
    "Recommended",
    "opportunities:recommended",
    "Opportunities that match what your organisation does.",
)
_CAPABILITIES = (
    "Your capabilities",
    "opportunities:capabilities",
    "What your organisation does, where and up to what value: it shapes your recommendations.",
)
_CHALLENGES = (
    "Challenges",
    "challenges:list",
    "Problems anchors want solved: ask questions and propose a solution.",
)
_ROUTE_FINDER = (
    "Route finder",
    "challenges:route_finder",
    "Which procurement route fits a purchase, with the notices and time limits it needs.",
)
_GUIDES = ("Guides", "cases:guides", "Short guides to buying innovation under the Procurement Act.")
_CASES = ("Cases", "cases:list", "What other buyers did, what it cost and what they learned.")
_CALCULATOR = (
    "Invest-to-save calculator",
    "cases:calculator",
    "Whether an innovation pays back, in the Green Book's terms.",
)
_ORGANISATIONS = ("Organisations", "network:organisations", "Every anchor and supplier.")
_CHAMPIONS = ("Champions", "network:champions", "Whom to talk to about innovation at each anchor.")
_SCORECARD = ("Scorecard", "scorecard:comparison", "How each anchor buys, from its notices.")
_AREAS = (
    "Areas",
    "areas:list",
    "Places that matter to the network, such as East Birmingham, and who supplies from them.",
)
_PROGRAMMES = ("Programmes", "programmes:list", "Pilots and programmes, their partners and KPIs.")
_LOCAL_SPEND = (
    "Local spend",
    "spend:ledger_home",
    "Where the money goes: local, SME and VCSE shares of payments.",
)
_SOCIAL_VALUE = (
    "Social value",
    "socialvalue:commitments",
    "Social value committed in contracts and delivered.",
)
_MATURITY = (
    "Maturity",
    "maturity:network",
    "How the network's anchors buy innovation, self-assessed.",
)
_INVITATIONS = ("Invitations", "accounts:invitations", "Invite colleagues and follow invitations.")

_LEARN = Section(
    "learn",
    "Learn how",
    "Find the route for a purchase, read guides and cases, and work out whether it pays.",
    (_ROUTE_FINDER, _GUIDES, _CASES, _CALCULATOR),
)
_FIND_WORK = Section(
    "find-work",
    "Find work",
    "What anchors are buying now and soon, and the problems they want solved.",
    (_OPPORTUNITIES, _PIPELINE, _CHALLENGES),
)
_NETWORK = Section(
    "the-network",
    "The network",
    "The anchors and suppliers, whom to talk to, how each anchor buys and what they run together.",
    (_ORGANISATIONS, _CHAMPIONS, _SCORECARD, _PROGRAMMES, _AREAS),
)
_BUYER_NETWORK = Section(
    _NETWORK.slug, _NETWORK.label, _NETWORK.about, (*_NETWORK.items, _MATURITY)
)


def _yours(*items) -> Section:
    return Section(
        "your-organisation",
        "Your organisation",
        "What your organisation buys, spends and commits to, and who works there.",
        items,
    )


# Navigation per role: the sections in the header. Kept here so the layout, the landing pages,
# the home page and the tests share one list.
NAVIGATION = {
    Role.ANONYMOUS: [_FIND_WORK, _LEARN, _NETWORK],
    Role.REGISTERED: [
        _FIND_WORK,
        _LEARN,
        _NETWORK,
        Section(
            "your-organisation",
            "Your organisation",
            "Join your organisation, or register it, to use AnchorHub for it.",
            (
                (
                    "Join an organisation",
                    "accounts:organisation_join",
                    "Ask to join an organisation a colleague has registered.",
                ),
                (
                    "Register an organisation",
                    "accounts:organisation_create",
                    "Add your organisation if it is not on AnchorHub yet.",
                ),
            ),
        ),
    ],
    Role.SUPPLIER: [
        Section(
            _FIND_WORK.slug,
            _FIND_WORK.label,
            _FIND_WORK.about,
            (_OPPORTUNITIES, _RECOMMENDED, _PIPELINE, _CHALLENGES),
        ),
        _LEARN,
        _NETWORK,
        _yours(_CAPABILITIES, _SOCIAL_VALUE),
    ],
    Role.BUYER: [
        _FIND_WORK,
        _LEARN,
        _BUYER_NETWORK,
        _yours(_LOCAL_SPEND, _SOCIAL_VALUE),
    ],
    Role.ANCHOR_ADMIN: [
        _FIND_WORK,
        _LEARN,
        _BUYER_NETWORK,
        _yours(_LOCAL_SPEND, _SOCIAL_VALUE, _INVITATIONS),
    ],
    Role.COORDINATOR: [
        _FIND_WORK,
        _LEARN,
        _BUYER_NETWORK,
        Section(
            "coordinate",
            "Coordinate",
            "Review what is waiting, follow the background jobs and manage the network.",
            (
                _LOCAL_SPEND,
                _SOCIAL_VALUE,
                (
                    "Supplier review",
                    "suppliers:review",
                    "Pairs of names that may be one supplier.",
                ),
                ("Case review", "cases:review", "Cases submitted for review."),
                (
                    "Background jobs",
                    "jobs:list",
                    "Imports, matching, alerts and fetching notices.",
                ),
                _INVITATIONS,
                ("Admin", "admin:index", "The administration pages, for everything else."),
            ),
        ),
    ],
}

# The landing pages' paths (core/urls.py): every section's slug, of any role.
SECTION_SLUGS = sorted({section.slug for sections in NAVIGATION.values() for section in sections})


def current_section(sections, path: str):
    """The section whose page is the longest prefix of the path (the home page is in none)."""
    best, length = None, 0
    for section in sections:
        candidates = [f"/{section.slug}/"] + [
            reverse(name) for _label, name, _about in section.items
        ]
        for url in candidates:
            if url != "/" and path.startswith(url) and len(url) > length:
                best, length = section, len(url)
    return best


def service(request):
    role = role_of(getattr(request, "user", None))
    sections = NAVIGATION[role]
    return {
        "service_name": settings.SERVICE_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "feedback_email": settings.SERVICE_FEEDBACK_EMAIL,
        "role": role,
        "navigation": sections,
        "current_section": current_section(sections, getattr(request, "path", "")),
    }
