"""The permission table: what each role gets from every URL pattern of the site.

Every URL pattern must have an entry here; a new view without one fails `test_every_url_has_a_rule`.
Outcomes are judged after following redirects, as a browser would see them.
"""

import json
import re
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.permissions import role_of
from tests.conftest import ROLES

OK = "ok"  # 200 without redirects
LOGIN = "login"  # sent to the sign-in page
FORBIDDEN = "forbidden"  # 403
NOT_FOUND = "not_found"  # 404: the object is not theirs to see
DONE = "done"  # a POST that did its work and redirected to a page (200)
REDIRECT = "redirect"  # sent elsewhere (e.g. signed-in users away from sign-up)
CONFLICT = "conflict"  # 409
UNAUTHORISED = "unauthorised"  # 401 (API)
ADMIN_PAGE = "admin_page"  # coordinators reach the admin (any page that is not a refusal)

SIGNED_IN_ROLES = [r for r in ROLES if r != "anonymous"]


def rule(allowed, outcome=OK, others=FORBIDDEN, anonymous=LOGIN):
    """Roles in `allowed` get `outcome`; other signed-in roles get `others`."""
    table = {role: (outcome if role in allowed else others) for role in SIGNED_IN_ROLES}
    table["anonymous"] = outcome if "anonymous" in allowed else anonymous
    return table


EVERYONE = set(ROLES)
SIGNED_IN = set(SIGNED_IN_ROLES)
MANAGERS_OF_HOME = {"anchor_admin", "coordinator"}
BUYERS = {"buyer", "other_buyer", "anchor_admin", "coordinator"}
HOME_BUYERS = {"buyer", "anchor_admin", "coordinator"}
# A challenge's owners: the home anchor's buyers and coordinators; a buyer elsewhere gets 404.
OWNERS = {**rule(HOME_BUYERS), "other_buyer": NOT_FOUND}
OWNERS_DONE = {**rule(HOME_BUYERS, DONE), "other_buyer": NOT_FOUND}
# A scorecard its anchor has not published: buyers of any anchor and coordinators only.
UNPUBLISHED_SCORECARD = rule(BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND)
PANEL = rule({"buyer"})  # the challenge's panel member (declared, no conflict, moderator)


def _home_upload(w):
    from django.core.files.base import ContentFile

    from spend.models import PendingUpload

    rows = [["Supplier Name", "Amount", "Date Paid"], ["Acme Ltd", "10.00", "01/04/2024"]]
    pending = PendingUpload(
        token="home-upload",
        buyer=w.home,
        uploaded_by=w.users["buyer"],
        original_name="p.csv",
        head=rows,
        rows_in_file=2,
        tables_in_file=1,
    )
    pending.file.save(
        "p.csv", ContentFile(b"Supplier Name,Amount,Date Paid\nAcme Ltd,10.00,01/04/2024\n")
    )
    return {"token": pending.token}


def _home_job(w):
    from jobs.models import Job

    job = Job.objects.create(
        kind="spend.import",
        title="Import april.csv for Home Council",
        status=Job.Status.SUCCEEDED,
        created_by=w.users["buyer"],
        organisation=w.home,
    )
    return {"pk": job.pk}


# A background job: who started it, buyers of its anchor, coordinators; anyone else gets 404.
JOB_VIEWERS = {
    **rule(HOME_BUYERS, others=NOT_FOUND),
}


def _review_pair():
    from suppliers.models import MatchReview

    return MatchReview.objects.create(
        name_a="balfour beatty", name_b="balfour beaty", probability=0.9, seen=3
    )


def _home_import(w):
    from spend.models import SpendImport

    return SpendImport.objects.create(buyer=w.home, source_name="april.csv", digest="0" * 64)


def _home_ledger(w, **extra):
    """Home Council has one payment in the 2024-25 financial year."""
    from datetime import date

    from spend.models import Payment

    record = _home_import(w)
    Payment.objects.create(
        buyer=w.home,
        spend_import=record,
        row_number=2,
        payment_date=date(2024, 5, 1),
        amount=100,
        supplier_name="Acme Ltd",
        row_digest="1" * 32,
    )
    return {"slug": w.home.slug, **extra}


def _home_payee(w):
    """A payee of Home Council with one suggested register entry to decide."""
    from registers.models import RegisterEntry
    from spend.models import Payee
    from suppliers.models import RegisterMatch

    payee = Payee.objects.create(buyer=w.home, supplier_name="WALSALL HEALTHCARE 001")
    entry = RegisterEntry.objects.create(
        register="nhs-ods", identifier="RBK", name="WALSALL HEALTHCARE NHS TRUST"
    )
    RegisterMatch.objects.create(payee=payee, entry=entry, probability=0.8, evidence="name")
    return {"pk": payee.pk}


def _latest_candidate(_world):
    from suppliers.models import RegisterMatch

    return {"action": "confirm", "candidate": RegisterMatch.objects.latest("pk").pk}


def _published(w):
    from spend.models import PublishedSummary

    PublishedSummary.objects.create(
        buyer=w.home, financial_year=2024, summary={"measures": {}, "size": [], "trends": []}
    )
    return {"slug": w.home.slug, "year": 2024}


def _ref(made):
    return {"reference": made.reference}


def _draft(w, **extra):
    from tests.challenges.factories import challenge

    return {**_ref(challenge(w)), **extra}


def _draft_criterion(w):
    from tests.challenges.factories import challenge

    made = challenge(w)
    return {**_ref(made), "pk": made.criteria.first().pk}


def _open(w, **extra):
    from tests.challenges.factories import open_challenge

    return {**_ref(open_challenge(w)), **extra}


def _open_with(w, name):
    """The open challenge and the pk of one of its objects, by kind."""
    from tests.challenges.factories import open_challenge

    made = open_challenge(w)
    objects = {
        "criterion": made.criteria.first,
        "question": made.questions.first,
        "event": made.events.first,
        "attachment": made.responses.get(lead=w.supplier_org).attachments.first,
        "introduction": made.introductions.first,
    }
    return {**_ref(made), "pk": objects[name]().pk}


def _closed(w, with_response=False, **extra):
    from tests.challenges.factories import closed_challenge

    made = closed_challenge(w)
    kwargs = {**_ref(made), **extra}
    if with_response:
        kwargs["pk"] = made.responses.first().pk
    return kwargs


def _network_case(w):
    from cases.sharing import Level
    from tests.cases.factories import case

    return {"slug": case(w, Level.NETWORK).slug}


def _network_case_file(w):
    from cases.models import Attachment
    from cases.sharing import Level
    from tests.cases.factories import case
    from tests.challenges.factories import PDF

    made = case(w, Level.NETWORK)
    file = Attachment(
        case=made, original_name="plan.pdf", content_type="application/pdf", size=len(PDF)
    )
    from django.core.files.base import ContentFile

    file.file.save("plan.pdf", ContentFile(PDF))
    return {"slug": made.slug, "pk": file.pk}


def _public_case(w):
    from tests.cases.factories import case

    return {"slug": case(w).slug}


def _awarded(w):
    from tests.challenges.factories import awarded_challenge

    return _ref(awarded_challenge(w))


def _agreed_interpretation(w):
    """An agreed interpretation (so it can be adopted) that Home Council adopted."""
    from datetime import date

    from scorecard.models import Interpretation, InterpretationAdoption

    made = Interpretation.objects.create(
        slug="agreed-reading", question="Q?", reading="R.", status="agreed"
    )
    InterpretationAdoption.objects.create(
        interpretation=made, organisation=w.home, adopted_on=date(2026, 12, 1)
    )
    return {"slug": made.slug}


# The network's interpretations: the seeds after migrate are drafts, read only by buyers of any
# anchor and coordinators (others: 404); coordinators write; anchor admins record adoptions.
DRAFT_INTERPRETATION = {"slug": "sme-barriers-have-regard"}


def _commitment(w, **extra):
    """A commitment of the charter, as the data gives it (synced after migrate)."""
    from scorecard.charter_sync import sync_charter

    sync_charter()
    return {"slug": "divide-into-lots", **extra}


def _home_adoption(w):
    from datetime import date

    from scorecard.models import Commitment, CommitmentAdoption

    kwargs = _commitment(w)
    adoption = CommitmentAdoption.objects.create(
        commitment=Commitment.objects.get(slug=kwargs["slug"]),
        organisation=w.home,
        adopted_on=date(2026, 4, 1),
    )
    return {**kwargs, "pk": adoption.pk}


# Programmes (issue 17): record. A programme not yet published, with the home anchor as partner
# and one milestone, risk and appraisal option: its partners' members and coordinators see it
# (others: 404); coordinators change the record; partner anchors' administrators contribute.
def _programme(w, part=None):
    from datetime import date

    from programmes.models import AppraisalOption, Milestone, Partner, Programme, Risk

    programme = Programme.objects.create(
        slug="home-pilot", title="Home pilot", summary="S", aims="A"
    )
    partner = Partner.objects.create(
        programme=programme, organisation=w.home, kind="anchor", role="Lead", is_lead=True
    )
    made = {
        "partner": partner,
        "milestone": Milestone.objects.create(
            programme=programme, title="Start", due_on=date(2027, 1, 1)
        ),
        "risk": Risk.objects.create(
            programme=programme, title="Delay", likelihood=2, impact=3, mitigation="Plan"
        ),
        "option": AppraisalOption.objects.create(
            programme=programme, name="Do nothing", description="D", costs_benefits="C"
        ),
    }
    return {"slug": programme.slug, **({"pk": made[part].pk} if part else {})}


PROGRAMME_SEERS = {"buyer", "anchor_admin", "coordinator"}
PROGRAMME_READ = rule(PROGRAMME_SEERS, others=NOT_FOUND, anonymous=NOT_FOUND)


# Programmes (issue 17): commitments, funding, costing. A programme not yet published with Home
# Council as a partner: seen by Home Council's members and coordinators (others: 404).
def _money_programme(w, **extra):
    from tests.programmes.test_money_pages import money_programme

    made = money_programme(w)
    return {"slug": made["programme"].slug, **extra}


def _money_object(name):
    def kwargs(w):
        from tests.programmes.test_money_pages import money_programme

        made = money_programme(w)
        found = {
            "contribution": {"pk": made["cash"].pk},
            "evidence": {"pk": made["cash"].pk, "file_pk": made["evidence"].pk},
            "bid": {"pk": made["applying"].pk},
            "line": {"pk": made["line"].pk},
            "allocation": {"pk": made["line"].allocations.get().pk},
        }[name]
        return {"slug": made["programme"].slug, **found}

    return kwargs


MONEY_READERS = rule(HOME_BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND)


# Programmes (issue 17): KPIs. An unpublished programme with Home Council as its partner anchor,
# a computed KPI and a manual KPI with one result and its evidence file.
def _kpi_programme(w):
    from datetime import date

    from django.core.files.base import ContentFile

    from programmes.models import Kpi, ManualResult, Partner, Programme, ResultEvidence

    programme, _ = Programme.objects.get_or_create(
        slug="kpi-pilot",
        defaults={"title": "KPI pilot", "summary": "s", "aims": "a", "is_published": False},
    )
    Partner.objects.get_or_create(
        programme=programme, organisation=w.home, defaults={"kind": "anchor", "role": "Lead"}
    )
    computed, _ = Kpi.objects.get_or_create(
        programme=programme,
        source="challenges_published",
        defaults={"title": "Challenges published", "unit": "count", "window": "all"},
    )
    manual, _ = Kpi.objects.get_or_create(
        programme=programme, source="manual", defaults={"title": "Homes warmed", "unit": "number"}
    )
    result = ManualResult.objects.create(
        kpi=manual, period_end=date(2026, 3, 31), value=12, evidence_note="Survey"
    )
    evidence = ResultEvidence(
        result=result, original_name="survey.pdf", content_type="application/pdf", size=9
    )
    evidence.file.save("survey.pdf", ContentFile(b"%PDF-1.4\n"))
    return {
        "slug": programme.slug,
        "computed": computed.pk,
        "manual": manual.pk,
        "evidence": evidence.pk,
    }


def _kpi_of(name):
    return lambda w: {"pk": _kpi_programme(w)[name]}


# The programme's partners (Home's buyer and administrator) and coordinators see it; others 404.
KPI_READERS = rule(HOME_BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND)


# Social value (issue 17): fixtures of its block in TABLE.
def _sv_commitment(w):
    from tests.socialvalue.factories import commitment

    return {"pk": commitment(w).pk}


def _sv_contract(w):
    from tests.socialvalue.factories import contract

    return {"pk": contract(w).pk}


def _sv_report(w):
    from tests.socialvalue.factories import commitment, report

    return {"pk": report(commitment(w)).pk}


def _sv_evidence(w):
    from tests.socialvalue.factories import commitment, evidence, report

    return {"pk": evidence(report(commitment(w))).pk}


@dataclass
class Entry:
    expected: dict
    kwargs: object = field(default_factory=dict)  # dict, or callable(world) -> dict
    method: str = "get"
    data: object = None  # dict, or callable(world) -> dict
    expected_patch: dict = field(default_factory=dict)  # exceptions to the rule, by role

    def __post_init__(self):
        self.expected = {**self.expected, **self.expected_patch}


# --- Programmes (issue 17): report ---------------------------------------------------------
# The programme report (page, PDF, XLSX) is for whoever can see the programme: unpublished (this
# fixture), coordinators and the members of its partner organisations (Home Council's buyer and
# administrator), not found for everyone else; once published, everyone (the test below).
def _report_programme(w, published=False):
    from programmes.models import Partner, Programme

    made, _ = Programme.objects.get_or_create(
        slug="report-programme",
        defaults={
            "title": "Report programme",
            "summary": "A programme for the report's permissions.",
            "aims": "To be read by its partners.",
            "is_published": published,
        },
    )
    Partner.objects.get_or_create(programme=made, organisation=w.home, kind="anchor", role="Lead")
    return {"slug": made.slug}


PARTNERS_OF_HOME = rule(HOME_BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND)
PROGRAMME_REPORT_ENTRIES = {
    "programmes:report": Entry(PARTNERS_OF_HOME, kwargs=_report_programme),
    "programmes:report_pdf": Entry(PARTNERS_OF_HOME, kwargs=_report_programme),
    "programmes:report_xlsx": Entry(PARTNERS_OF_HOME, kwargs=_report_programme),
}


@pytest.mark.parametrize("name", list(PROGRAMME_REPORT_ENTRIES))
@pytest.mark.parametrize("role", ["anonymous", "supplier", "other_buyer"])
def test_a_published_programmes_report_is_public(name, role, world, client_for):
    kwargs = _report_programme(world, published=True)
    if name == "programmes:report_pdf":  # the PDF itself is tested in tests/programmes
        from unittest import mock

        with mock.patch("programmes.report_views.pdf_of", return_value=b"%PDF-1.7"):
            response = client_for(role).get(reverse(name, kwargs=kwargs))
    else:
        response = client_for(role).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200, (name, role)


# --- end of Programmes (issue 17): report -------------------------------------------------


TABLE = {
    "home": Entry(rule(EVERYONE)),
    # A section's landing page: "learn" is every role's; "coordinate" only the coordinator's.
    "section": Entry(rule(EVERYONE), kwargs={"slug": "learn"}),
    "my_activity": Entry(rule(SIGNED_IN)),
    "accessibility": Entry(rule(EVERYONE)),
    "privacy": Entry(rule(EVERYONE)),
    "cookies": Entry(rule(EVERYONE)),
    # Accounts
    "accounts:sign_in": Entry(rule({"anonymous"}, others=REDIRECT)),
    "accounts:sign_out": Entry(rule(EVERYONE, DONE), method="post"),
    "accounts:sign_up": Entry(rule({"anonymous"}, others=REDIRECT)),
    "accounts:organisation_create": Entry(rule({"registered"})),
    "accounts:organisation_join": Entry(rule({"registered"})),
    "accounts:profile": Entry(rule(SIGNED_IN)),
    "accounts:profile_edit": Entry(rule(SIGNED_IN)),
    "accounts:password_change": Entry(rule(SIGNED_IN)),
    "accounts:token_create": Entry(rule(SIGNED_IN)),
    "accounts:token_revoke": Entry(
        rule({"buyer"}, DONE, others=NOT_FOUND),
        kwargs=lambda w: {"pk": w.api_token.pk},
        method="post",
    ),
    "accounts:password_reset": Entry(rule(EVERYONE)),
    "accounts:password_reset_done": Entry(rule(EVERYONE)),
    "accounts:password_reset_confirm": Entry(
        rule(EVERYONE), kwargs={"uidb64": "MQ", "token": "not-a-valid-token"}
    ),
    "accounts:password_reset_complete": Entry(rule(EVERYONE)),
    "accounts:invitations": Entry(rule(MANAGERS_OF_HOME)),
    "accounts:invitation_revoke": Entry(
        rule(MANAGERS_OF_HOME, DONE), kwargs=lambda w: {"pk": w.invitation.pk}, method="post"
    ),
    "accounts:invitation_accept": Entry(
        rule({"anonymous"}, others=CONFLICT), kwargs=lambda w: {"token": w.invitation_token}
    ),
    # Network directory
    "network:organisations": Entry(rule(EVERYONE)),
    "network:organisation_create": Entry(rule({"coordinator"})),
    "network:organisation": Entry(rule(EVERYONE), kwargs=lambda w: {"slug": w.home.slug}),
    "network:organisation_edit": Entry(
        rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}
    ),
    "network:site_add": Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}),
    "network:site_delete": Entry(
        rule(MANAGERS_OF_HOME, DONE),
        kwargs=lambda w: {"slug": w.home.slug, "pk": w.site.pk},
        method="post",
    ),
    "network:members": Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}),
    "network:join_request_decide": Entry(
        rule(MANAGERS_OF_HOME, DONE),
        kwargs=lambda w: {"slug": w.home.slug, "pk": w.join_request.pk},
        method="post",
        data={"decision": "approve"},
    ),
    "network:champion_create": Entry(
        rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}
    ),
    "network:champions": Entry(rule(EVERYONE)),
    "network:champion_edit": Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: {"pk": w.champion.pk}),
    "network:champion_delete": Entry(
        rule(MANAGERS_OF_HOME), kwargs=lambda w: {"pk": w.champion.pk}
    ),
    # Opportunities
    "opportunities:opportunities": Entry(rule(EVERYONE)),
    "opportunities:opportunity": Entry(rule(EVERYONE), kwargs=lambda w: {"ocid": w.process.ocid}),
    "opportunities:pipeline": Entry(rule(EVERYONE)),
    "opportunities:recommended": Entry(rule({"supplier"})),
    "opportunities:capabilities": Entry(rule({"supplier"})),
    "opportunities:capabilities_setup": Entry(rule({"supplier"}, REDIRECT)),  # to its first step
    "opportunities:capabilities_setup_step": Entry(
        rule({"supplier"}), kwargs={"step": "what-you-do"}
    ),
    "opportunities:saved_searches": Entry(
        rule({"supplier", "other_buyer", "buyer", "anchor_admin", "coordinator"})
    ),
    "opportunities:saved_search_delete": Entry(
        rule({"buyer"}, DONE, others=NOT_FOUND),
        kwargs=lambda w: {"pk": w.saved_search.pk},
        method="post",
        expected_patch={"registered": FORBIDDEN},
    ),
    "opportunities:interest": Entry(
        rule({"supplier"}, DONE), kwargs=lambda w: {"ocid": w.process.ocid}, method="post"
    ),
    "opportunities:unsubscribe": Entry(
        rule(EVERYONE), kwargs=lambda w: {"token": w.profile.unsubscribe_token}
    ),
    "opportunities:quarantine": Entry(
        rule({"buyer", "other_buyer", "anchor_admin", "coordinator"})
    ),
    # Background jobs: the list is for coordinators; a job for those it is about.
    "jobs:list": Entry(rule({"coordinator"})),
    "jobs:detail": Entry(JOB_VIEWERS, kwargs=_home_job),
    "jobs:status": Entry(JOB_VIEWERS, kwargs=_home_job),
    # Spend: payment-level data is for the buyer's own organisation and coordinators.
    "spend:imports": Entry(rule(BUYERS)),
    "spend:upload": Entry(rule(BUYERS)),
    "spend:confirm": Entry(
        rule(HOME_BUYERS, others=FORBIDDEN),
        kwargs=_home_upload,
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "spend:import": Entry(
        rule(HOME_BUYERS),
        kwargs=lambda w: {"pk": _home_import(w).pk},
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "spend:rejected_csv": Entry(
        rule(HOME_BUYERS),
        kwargs=lambda w: {"pk": _home_import(w).pk},
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "spend:discard": Entry(
        rule(HOME_BUYERS, DONE),
        kwargs=_home_upload,
        method="post",
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "spend:followup_status": Entry(
        rule(HOME_BUYERS),
        kwargs=lambda w: {"pk": _home_import(w).pk},
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    # Withdrawing changes the anchor's figures: its administrators and coordinators, as publishing.
    "spend:withdraw": Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: {"pk": _home_import(w).pk}),
    # Buyers are sent on to their own anchor's ledger; coordinators choose an anchor.
    "spend:ledger_home": Entry(rule(BUYERS, REDIRECT), expected_patch={"coordinator": OK}),
    "spend:ledger": Entry(
        rule(HOME_BUYERS), kwargs=_home_ledger, expected_patch={"other_buyer": NOT_FOUND}
    ),
    "spend:ledger_print": Entry(
        rule(HOME_BUYERS), kwargs=_home_ledger, expected_patch={"other_buyer": NOT_FOUND}
    ),
    "spend:ledger_download": Entry(
        rule(HOME_BUYERS),
        kwargs=lambda w: _home_ledger(w, table="suppliers", fmt="xlsx"),
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "spend:lm3": Entry(
        rule(HOME_BUYERS), kwargs=_home_ledger, expected_patch={"other_buyer": NOT_FOUND}
    ),
    "spend:publish": Entry(
        rule(MANAGERS_OF_HOME, DONE),
        kwargs=_home_ledger,
        method="post",
        data={"action": "publish", "confirm": "yes"},
    ),
    # The ledger's rings (issue 19): its administrators and coordinators choose them (POST);
    # its buyers see them (GET, RING_PAGES below); a buyer elsewhere gets 404.
    "spend:rings": Entry(
        {**rule(MANAGERS_OF_HOME, DONE), "other_buyer": NOT_FOUND},
        kwargs=lambda w: {"slug": w.home.slug},
        method="post",
        data={"standard": ["authority", "uk"], "miles": "5"},
    ),
    # Network aggregates are for every buyer; published summaries for everyone.
    "spend:network": Entry(rule(BUYERS)),
    "spend:network_download": Entry(rule(BUYERS), kwargs={"fmt": "csv"}),
    "spend:published": Entry(rule(EVERYONE)),
    "spend:published_detail": Entry(rule(EVERYONE), kwargs=_published),
    "spend:published_download": Entry(
        rule(EVERYONE), kwargs=lambda w: {**_published(w), "table": "size", "fmt": "csv"}
    ),
    # Scorecard (issue 16): buyers of any anchor and coordinators read every scorecard; the
    # public and suppliers only published ones (Home Council's is not: 404); the anchor's
    # administrators and coordinators publish it; the comparison is for everyone (published
    # anchors only for the public).
    "scorecard:comparison": Entry(rule(EVERYONE)),
    "scorecard:comparison_download": Entry(
        rule(EVERYONE), kwargs={"table": "indicators", "fmt": "csv"}
    ),
    "scorecard:scorecard": Entry(UNPUBLISHED_SCORECARD, kwargs=lambda w: {"slug": w.home.slug}),
    "scorecard:scorecard_download": Entry(
        UNPUBLISHED_SCORECARD,
        kwargs=lambda w: {"slug": w.home.slug, "table": "trend", "fmt": "xlsx"},
    ),
    "scorecard:drilldown": Entry(
        UNPUBLISHED_SCORECARD, kwargs=lambda w: {"slug": w.home.slug, "indicator": "lots_share"}
    ),
    "scorecard:drilldown_download": Entry(
        UNPUBLISHED_SCORECARD,
        kwargs=lambda w: {
            "slug": w.home.slug,
            "indicator": "lots_share",
            "table": "rows",
            "fmt": "csv",
        },
    ),
    "scorecard:publish": Entry(
        rule(MANAGERS_OF_HOME, DONE),
        kwargs=lambda w: {"slug": w.home.slug},
        method="post",
        data={"action": "publish", "confirm": "yes"},
    ),
    # Challenges: drafts and owners' pages are for the owning anchor's buyers and coordinators
    # (others learn nothing: 404); suppliers act for their own organisation only; proposals are
    # read only by their authors and cleared panel members.
    "challenges:list": Entry(rule(EVERYONE)),
    "challenges:create": Entry(rule({"buyer", "other_buyer", "anchor_admin"})),
    "challenges:route_finder": Entry(rule(EVERYONE)),
    "challenges:detail": Entry(
        rule(HOME_BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND), kwargs=_draft
    ),
    "challenges:edit": Entry(OWNERS, kwargs=_draft),
    "challenges:criteria": Entry(OWNERS, kwargs=_draft),
    "challenges:criterion_delete": Entry(OWNERS_DONE, kwargs=_draft_criterion, method="post"),
    "challenges:move": Entry(
        OWNERS_DONE,
        kwargs=_draft,
        method="post",
        data={"to": "withdrawn", "confirm": "yes", "note": "Budget withdrawn."},
    ),
    "challenges:uk2": Entry(rule(EVERYONE), kwargs=_open),
    "challenges:route": Entry(OWNERS, kwargs=_draft),
    "challenges:questions": Entry(OWNERS, kwargs=_open),
    "challenges:ask": Entry(
        rule({"supplier"}, DONE), kwargs=_open, method="post", data={"text": "When?"}
    ),
    "challenges:answer": Entry(
        OWNERS_DONE,
        kwargs=lambda w: _open_with(w, "question"),
        method="post",
        data={"answer": "Yes."},
    ),
    "challenges:event_create": Entry(OWNERS, kwargs=_open),
    "challenges:event_registrations": Entry(OWNERS, kwargs=lambda w: _open_with(w, "event")),
    "challenges:event_register": Entry(
        rule(SIGNED_IN - {"registered"}, DONE),
        kwargs=lambda w: _open_with(w, "event"),
        method="post",
    ),
    "challenges:interest": Entry(rule({"supplier"}, DONE), kwargs=_open, method="post"),
    "challenges:interests": Entry(OWNERS, kwargs=_open),
    "challenges:response": Entry(rule({"supplier"}), kwargs=_open),
    "challenges:attachment_upload": Entry(rule({"supplier"}, DONE), kwargs=_open, method="post"),
    "challenges:attachment_delete": Entry(
        rule({"supplier"}, DONE), kwargs=lambda w: _open_with(w, "attachment"), method="post"
    ),
    # Before engagement closes nobody but the author can open a proposal's file.
    "challenges:attachment": Entry(
        rule({"supplier"}), kwargs=lambda w: _open_with(w, "attachment")
    ),
    "challenges:partners": Entry(rule({"supplier"}), kwargs=_open),
    "challenges:introduce": Entry(rule({"supplier"}, DONE), kwargs=_open, method="post"),
    "challenges:introduction_reply": Entry(
        rule({"supplier"}, DONE),
        kwargs=lambda w: _open_with(w, "introduction"),
        method="post",
        data={"decision": "decline"},
    ),
    "challenges:panel": Entry(OWNERS, kwargs=_open),
    # Panel pages: only the panel member (the buyer) passes; everyone else is refused.
    "challenges:declare": Entry(PANEL, kwargs=_closed, expected_patch={"buyer": REDIRECT}),
    "challenges:evaluate": Entry(PANEL, kwargs=_closed),
    "challenges:score": Entry(PANEL, kwargs=lambda w: _closed(w, with_response=True)),
    "challenges:moderation": Entry(PANEL, kwargs=_closed),
    "challenges:moderate": Entry(PANEL, kwargs=lambda w: _closed(w, with_response=True)),
    "challenges:score_sheet": Entry(PANEL, kwargs=lambda w: _closed(w, fmt="csv")),
    "challenges:outcome": Entry(OWNERS, kwargs=_closed),
    "challenges:adopt": Entry(rule({"other_buyer"}), kwargs=_awarded),
    # Case library: a case is seen within its sharing level (here: network members) and edited
    # by the organisation that submitted it; coordinators review.
    "cases:list": Entry(rule(EVERYONE)),
    "cases:create": Entry(rule(SIGNED_IN - {"registered"})),
    "cases:import": Entry(rule(SIGNED_IN - {"registered"})),
    "cases:import_template": Entry(rule(EVERYONE)),
    "cases:cross_sector": Entry(rule(EVERYONE)),
    "cases:feed": Entry(rule(EVERYONE)),
    "cases:export": Entry(rule(EVERYONE), kwargs={"fmt": "csv"}),
    "cases:review": Entry(rule({"coordinator"})),
    "cases:detail": Entry(
        rule(SIGNED_IN - {"registered"}, others=NOT_FOUND, anonymous=NOT_FOUND),
        kwargs=_network_case,
    ),
    "cases:edit": Entry(rule(HOME_BUYERS), kwargs=_network_case),
    "cases:history": Entry(rule(HOME_BUYERS), kwargs=_network_case),
    "cases:review_case": Entry(rule({"coordinator"}), kwargs=_network_case),
    "cases:attachment_upload": Entry(rule(HOME_BUYERS, DONE), kwargs=_network_case, method="post"),
    "cases:attachment": Entry(
        rule(SIGNED_IN - {"registered"}, others=NOT_FOUND, anonymous=NOT_FOUND),
        kwargs=_network_case_file,
    ),
    # Interpretations of the Procurement Act (scorecard)
    "scorecard:interpretations": Entry(rule(EVERYONE)),
    "scorecard:interpretation": Entry(
        rule(BUYERS, others=NOT_FOUND, anonymous=NOT_FOUND), kwargs=DRAFT_INTERPRETATION
    ),
    "scorecard:interpretation_create": Entry(rule({"coordinator"})),
    "scorecard:interpretation_edit": Entry(rule({"coordinator"}), kwargs=DRAFT_INTERPRETATION),
    "scorecard:interpretation_status": Entry(rule({"coordinator"}), kwargs=DRAFT_INTERPRETATION),
    "scorecard:interpretation_adopt": Entry(rule(MANAGERS_OF_HOME), kwargs=_agreed_interpretation),
    "scorecard:interpretation_withdraw": Entry(
        rule(MANAGERS_OF_HOME, DONE),
        kwargs=lambda w: {**_agreed_interpretation(w), "organisation": w.home.slug},
        method="post",
    ),
    "cases:guides": Entry(rule(EVERYONE)),
    "cases:guide": Entry(rule(EVERYONE), kwargs={"slug": "outcome-based-specification"}),
    "cases:calculator": Entry(rule(EVERYONE)),
    "cases:calculator_save": Entry(rule(SIGNED_IN - {"registered"}, DONE), method="post"),
    # The network's charter: read by everyone; changed by coordinators; adoptions recorded and
    # withdrawn by an anchor's administrators for their own anchor and by coordinators for any.
    "scorecard:charter": Entry(rule(EVERYONE)),
    "scorecard:charter_commitment": Entry(rule(EVERYONE), kwargs=_commitment),
    "scorecard:charter_progress": Entry(rule(EVERYONE), kwargs=_commitment),
    "scorecard:charter_adoption": Entry(rule(EVERYONE)),
    "scorecard:charter_adoption_download": Entry(rule(EVERYONE), kwargs={"fmt": "xlsx"}),
    "scorecard:charter_add": Entry(rule({"coordinator"})),
    "scorecard:charter_edit": Entry(rule({"coordinator"}), kwargs=_commitment),
    "scorecard:charter_status": Entry(rule({"coordinator"}), kwargs=_commitment),
    "scorecard:charter_adopt": Entry(rule(MANAGERS_OF_HOME), kwargs=_commitment),
    "scorecard:charter_withdraw": Entry(
        rule(MANAGERS_OF_HOME, DONE), kwargs=_home_adoption, method="post"
    ),
    # Programmes (issue 17): commitments, funding, costing. Whoever sees the programme reads its
    # money; a partner anchor's administrators and coordinators record its contributions;
    # evidence files are for partners' members and coordinators; bids and costing: coordinators.
    "programmes:funding": Entry(MONEY_READERS, kwargs=_money_programme),
    "programmes:funding_download": Entry(
        MONEY_READERS, kwargs=lambda w: _money_programme(w, table="position", fmt="xlsx")
    ),
    "programmes:contribution_add": Entry(rule(MANAGERS_OF_HOME), kwargs=_money_programme),
    "programmes:contribution_edit": Entry(
        rule(MANAGERS_OF_HOME), kwargs=_money_object("contribution")
    ),
    "programmes:contribution_move": Entry(
        rule(MANAGERS_OF_HOME), kwargs=_money_object("contribution")
    ),
    "programmes:contribution_evidence": Entry(
        rule(MANAGERS_OF_HOME), kwargs=_money_object("contribution")
    ),
    "programmes:contribution_evidence_file": Entry(
        {**rule(HOME_BUYERS, others=NOT_FOUND), "registered": FORBIDDEN},
        kwargs=_money_object("evidence"),
    ),
    "programmes:contribution_evidence_delete": Entry(
        rule(MANAGERS_OF_HOME, DONE), kwargs=_money_object("evidence"), method="post"
    ),
    "programmes:bid_add": Entry(rule({"coordinator"}), kwargs=_money_programme),
    "programmes:bid_edit": Entry(rule({"coordinator"}), kwargs=_money_object("bid")),
    "programmes:bid_move": Entry(rule({"coordinator"}), kwargs=_money_object("bid")),
    "programmes:costing": Entry(MONEY_READERS, kwargs=_money_programme),
    "programmes:costing_download": Entry(
        MONEY_READERS, kwargs=lambda w: _money_programme(w, table="gaps", fmt="csv")
    ),
    "programmes:costing_settings": Entry(rule({"coordinator"}), kwargs=_money_programme),
    "programmes:budget_line_add": Entry(rule({"coordinator"}), kwargs=_money_programme),
    "programmes:budget_line_edit": Entry(rule({"coordinator"}), kwargs=_money_object("line")),
    "programmes:allocation_add": Entry(rule({"coordinator"}), kwargs=_money_object("line")),
    "programmes:allocation_delete": Entry(
        rule({"coordinator"}, DONE), kwargs=_money_object("allocation"), method="post"
    ),
    "suppliers:review": Entry(rule({"coordinator"})),
    "suppliers:review_decide": Entry(
        rule({"coordinator"}, DONE),
        kwargs=lambda w: {"pk": _review_pair().pk},
        method="post",
        data={"decision": "same", "confirm": "yes"},
    ),
    # Areas (issue 19): public definitions; coordinators define and change them; the suppliers
    # known to be in an area are for buyers of any anchor and coordinators, as payees' places.
    "areas:list": Entry(rule(EVERYONE)),
    "areas:detail": Entry(rule(EVERYONE), kwargs={"slug": "east-birmingham-postcodes"}),
    "areas:new": Entry(rule({"coordinator"})),
    "areas:edit": Entry(rule({"coordinator"}), kwargs={"slug": "east-birmingham-postcodes"}),
    "areas:suppliers": Entry(rule(BUYERS), kwargs={"slug": "east-birmingham-postcodes"}),
    "areas:suppliers_download": Entry(rule(BUYERS), kwargs={"slug": "east-birmingham-postcodes"}),
    # A payee's page and decisions: its own anchor's buyers and coordinators (others: 404).
    "suppliers:places": Entry(rule(BUYERS)),
    "suppliers:payee": Entry(
        rule(HOME_BUYERS), kwargs=_home_payee, expected_patch={"other_buyer": NOT_FOUND}
    ),
    "suppliers:payee_decide": Entry(
        rule(HOME_BUYERS, DONE),
        kwargs=_home_payee,
        method="post",
        data=_latest_candidate,
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    # Programmes (issue 17): record. Everyone reads the list (what each may see); the
    # unpublished programme is for its partner's members and coordinators (others: 404);
    # coordinators change the record; partner anchors' administrators update milestones and risks.
    "programmes:list": Entry(rule(EVERYONE)),
    "programmes:create": Entry(rule({"coordinator"})),
    "programmes:detail": Entry(PROGRAMME_READ, kwargs=_programme),
    "programmes:edit": Entry(rule({"coordinator"}), kwargs=_programme),
    "programmes:publish": Entry(rule({"coordinator"}), kwargs=_programme),
    "programmes:partner_add": Entry(rule({"coordinator"}), kwargs=_programme),
    "programmes:partner_edit": Entry(
        rule({"coordinator"}), kwargs=lambda w: _programme(w, "partner")
    ),
    "programmes:partner_remove": Entry(
        rule({"coordinator"}, DONE), kwargs=lambda w: _programme(w, "partner"), method="post"
    ),
    "programmes:milestone_add": Entry(rule({"coordinator"}), kwargs=_programme),
    "programmes:milestone_edit": Entry(
        rule({"coordinator"}), kwargs=lambda w: _programme(w, "milestone")
    ),
    "programmes:milestone_status": Entry(
        rule(MANAGERS_OF_HOME), kwargs=lambda w: _programme(w, "milestone")
    ),
    "programmes:risk_add": Entry(rule(MANAGERS_OF_HOME), kwargs=_programme),
    "programmes:risk_edit": Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: _programme(w, "risk")),
    "programmes:option_add": Entry(rule({"coordinator"}), kwargs=_programme),
    "programmes:option_edit": Entry(
        rule({"coordinator"}), kwargs=lambda w: _programme(w, "option")
    ),
    "programmes:decision": Entry(rule({"coordinator"}), kwargs=_programme),
    # Programmes (issue 17): KPIs. A programme's KPIs are seen by whoever sees the programme
    # (unpublished here: its partner's members and coordinators); coordinators add and change
    # them and take snapshots; contributors (coordinators, the partner's administrators) enter
    # manual results. An anchor's own KPIs: signed-in buyers of any anchor and coordinators see
    # them; its administrators and coordinators add them.
    "programmes:kpis": Entry(KPI_READERS, kwargs=lambda w: {"slug": _kpi_programme(w)["slug"]}),
    "programmes:kpis_download": Entry(
        KPI_READERS,
        kwargs=lambda w: {"slug": _kpi_programme(w)["slug"], "name": "trend", "fmt": "xlsx"},
    ),
    "programmes:kpi_add": Entry(
        rule({"coordinator"}), kwargs=lambda w: {"slug": _kpi_programme(w)["slug"]}
    ),
    "programmes:kpi_edit": Entry(rule({"coordinator"}), kwargs=_kpi_of("computed")),
    "programmes:kpi_result_add": Entry(
        rule(MANAGERS_OF_HOME), kwargs=_kpi_of("manual"), expected_patch={"other_buyer": NOT_FOUND}
    ),
    "programmes:kpi_evidence": Entry(
        KPI_READERS,
        kwargs=lambda w: {
            "pk": _kpi_programme(w)["manual"],
            "file_pk": _kpi_programme(w)["evidence"],
        },
    ),
    "programmes:kpi_snapshot": Entry(
        rule({"coordinator"}, DONE), kwargs=_kpi_of("computed"), method="post"
    ),
    "programmes:anchor_kpis": Entry(rule(BUYERS), kwargs=lambda w: {"slug": w.home.slug}),
    "programmes:anchor_kpis_download": Entry(
        rule(BUYERS), kwargs=lambda w: {"slug": w.home.slug, "name": "kpis", "fmt": "csv"}
    ),
    "programmes:anchor_kpi_add": Entry(
        rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}
    ),
    # JSON API: reading is open; changing needs a token or a session and the right organisation.
    "api:api-root": Entry(rule(EVERYONE, NOT_FOUND, anonymous=NOT_FOUND)),
    "api:openapi-json": Entry(rule(EVERYONE)),
    "api:openapi-view": Entry(rule(EVERYONE)),
    "api:list_organisations": Entry(rule(EVERYONE)),
    "api:get_organisation": Entry(rule(EVERYONE), kwargs=lambda w: {"slug": w.home.slug}),
    "api:update_organisation": Entry(
        rule(MANAGERS_OF_HOME, anonymous=UNAUTHORISED),
        kwargs=lambda w: {"slug": w.home.slug},
        method="patch",
        data={"description": "Buys care and highways."},
    ),
    "api:list_champions": Entry(rule(EVERYONE)),
    "api:me": Entry(rule(SIGNED_IN, anonymous=UNAUTHORISED)),
    "api:search_opportunities": Entry(rule(EVERYONE)),
    "api:get_opportunity": Entry(
        rule(EVERYONE, NOT_FOUND, anonymous=NOT_FOUND), kwargs={"ocid": "ocds-none"}
    ),
    "api:list_quarantine": Entry(
        rule({"buyer", "other_buyer", "anchor_admin", "coordinator"}, anonymous=UNAUTHORISED)
    ),
    "api:list_challenges": Entry(rule(EVERYONE)),
    "api:list_cases": Entry(rule(EVERYONE)),
    "api:get_case": Entry(rule(EVERYONE), kwargs=_public_case),
    "api:get_challenge": Entry(rule(EVERYONE), kwargs=_open),
    "api:get_challenge_uk2": Entry(rule(EVERYONE), kwargs=_open),
    "api:scorecard_comparison": Entry(rule(EVERYONE)),
    "api:get_scorecard": Entry(UNPUBLISHED_SCORECARD, kwargs=lambda w: {"slug": w.home.slug}),
    "api:get_scorecard_drilldown": Entry(
        UNPUBLISHED_SCORECARD,
        kwargs=lambda w: {"slug": w.home.slug, "indicator": "single_bid_share"},
    ),
    "api:route_finder": Entry(
        rule(EVERYONE),
        method="post_json",
        data={"value_incl_vat": 216000, "buyer_type": "sub-central", "category": "services"},
    ),
    # Social value (issue 17): the taxonomy is public; contracts, commitments and reports are
    # seen by the buyer's staff, the supplier's members and coordinators (a buyer elsewhere: 404);
    # the buyer's staff and coordinators add commitments, the supplier's members report delivery,
    # and only the buyer's staff review a report; coordinators add to the taxonomy.
    "socialvalue:taxonomy": Entry(rule(EVERYONE)),
    "socialvalue:local_add": Entry(rule({"coordinator"})),
    "socialvalue:commitments": Entry(rule(SIGNED_IN - {"registered"})),
    "socialvalue:download": Entry(
        rule(SIGNED_IN - {"registered"}), kwargs={"table": "metric", "fmt": "csv"}
    ),
    "socialvalue:contract_add": Entry(rule(BUYERS)),
    "socialvalue:contract": Entry(
        rule({"supplier", *HOME_BUYERS}),
        kwargs=_sv_contract,
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "socialvalue:commitment_add": Entry(OWNERS, kwargs=_sv_contract),
    "socialvalue:report_add": Entry(rule({"supplier"}), kwargs=_sv_commitment),
    "socialvalue:report_review": Entry(
        rule({"buyer", "anchor_admin"}),
        kwargs=_sv_report,
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "socialvalue:evidence_add": Entry(rule({"supplier"}, DONE), kwargs=_sv_report, method="post"),
    "socialvalue:evidence": Entry(
        rule({"supplier", *HOME_BUYERS}),
        kwargs=_sv_evidence,
        expected_patch={"other_buyer": NOT_FOUND},
    ),
    "socialvalue:kpi_results": Entry(rule(BUYERS)),
    **PROGRAMME_REPORT_ENTRIES,  # Programmes (issue 17): report
}

# ---- Maturity (issue 17) -------------------------------------------------------------------------
# An anchor's self-assessments: read by its own buyers and administrators and by coordinators (a
# buyer of another anchor gets 404; suppliers 403); started, answered and completed by its
# administrators and coordinators (its buyers: 403). The network's picture: buyers of any anchor
# and coordinators. The question set: everyone.


def _maturity_draft(w, **extra):
    from maturity.models import Assessment

    draft = Assessment.objects.create(organisation=w.home, version="test")
    return {"slug": w.home.slug, "pk": draft.pk, **extra}


def _maturity_completed(w, **extra):
    from django.utils import timezone

    from maturity.models import Assessment

    done = Assessment.objects.create(
        organisation=w.home, version="test", status="completed", completed_at=timezone.now()
    )
    return {"slug": w.home.slug, "pk": done.pk, **extra}


MATURITY_READERS = {**rule(HOME_BUYERS), "other_buyer": NOT_FOUND}
# Buyers of any anchor are refused (403) before the anchor is looked at.
MATURITY_ASSESSORS = rule(MANAGERS_OF_HOME)
TABLE.update(
    {
        "maturity:network": Entry(rule(BUYERS)),
        "maturity:network_download": Entry(rule(BUYERS), kwargs={"fmt": "csv"}),
        "maturity:questions": Entry(rule(EVERYONE)),
        "maturity:anchor": Entry(MATURITY_READERS, kwargs=lambda w: {"slug": w.home.slug}),
        "maturity:start": Entry(
            rule(MANAGERS_OF_HOME, DONE),
            kwargs=lambda w: {"slug": w.home.slug},
            method="post",
        ),
        "maturity:assessment": Entry(MATURITY_READERS, kwargs=_maturity_completed),
        "maturity:download": Entry(
            MATURITY_READERS, kwargs=lambda w: _maturity_completed(w, fmt="xlsx")
        ),
        "maturity:answer": Entry(
            MATURITY_ASSESSORS,
            kwargs=lambda w: _maturity_draft(w, key="innovation-strategy"),
        ),
        "maturity:check": Entry(MATURITY_ASSESSORS, kwargs=_maturity_draft),
        "maturity:completed": Entry(MATURITY_ASSESSORS, kwargs=_maturity_completed),
    }
)
# ---- end of Maturity (issue 17) ------------------------------------------------------------------


# Every admin page is for coordinators only (core/admin_site.py).
ADMIN = rule({"coordinator"}, ADMIN_PAGE)
# Pages that Django itself refuses even to coordinators: sign-in attempt logs are read-only, and
# autocomplete answers only requests naming a field that declares it.
REFUSED_TO_COORDINATORS = {
    "admin:autocomplete",
    "admin:axes_accessattempt_add",
    "admin:axes_accesslog_add",
    "admin:axes_accessfailurelog_add",
    # django-q2's records of tasks done and queued are written by the worker, not by hand.
    "admin:django_q_success_add",
    "admin:django_q_failure_add",
    "admin:django_q_ormq_add",
}
ADMIN_KWARGS = {
    "id": "1",
    "object_id": "1",
    "app_label": "network",
    "content_type_id": 1,
    "url": "nowhere/",
}


def all_patterns(resolvers=None, prefix="", namespaces=()):
    resolvers = get_resolver().url_patterns if resolvers is None else resolvers
    for entry in resolvers:
        if isinstance(entry, URLResolver):
            spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from all_patterns(entry.url_patterns, prefix + str(entry.pattern), spaces)
        elif isinstance(entry, URLPattern):
            name = ":".join((*namespaces, entry.name)) if entry.name else None
            yield name, prefix + str(entry.pattern), namespaces, entry


def test_every_url_has_a_rule():
    missing = [
        name or route
        for name, route, namespaces, _ in all_patterns()
        if "admin" not in namespaces and name not in TABLE
    ]
    assert not missing, f"URL patterns without a permission rule in this table: {missing}"


def test_every_table_entry_is_a_real_url():
    names = {name for name, *_ in all_patterns()}
    assert set(TABLE) <= names, f"Stale entries: {set(TABLE) - names}"


def test_every_view_declares_its_roles():
    for name, _route, namespaces, pattern in all_patterns():
        if {"admin", "api"} & set(namespaces):
            continue
        assert hasattr(pattern.callback, "allowed_roles"), f"{name} has no @allow rule"


def test_fixture_users_have_the_roles_they_are_named_for(world):
    named = {role: role_of(world.users.get(role)).value for role in ROLES}
    assert named == {**{role: role for role in ROLES}, "other_buyer": "buyer"}


def observe(response) -> str:
    final = response
    redirected = bool(getattr(response, "redirect_chain", None))
    path = final.wsgi_request.path if hasattr(final, "wsgi_request") else ""
    if final.status_code == 200 and path == reverse("accounts:sign_in") and redirected:
        return LOGIN
    return {
        403: FORBIDDEN,
        404: NOT_FOUND,
        409: CONFLICT,
        401: UNAUTHORISED,
    }.get(
        final.status_code,
        (REDIRECT if redirected else OK) if final.status_code == 200 else str(final.status_code),
    )


def request_as(client, entry: Entry, url: str):
    data = entry.data(None) if callable(entry.data) else entry.data
    if entry.method == "get":
        return client.get(url, follow=True)
    if entry.method == "post":
        return client.post(url, data or {}, follow=True)
    if entry.method == "post_json":
        return client.post(url, json.dumps(data or {}), content_type="application/json")
    return client.generic(
        entry.method.upper(), url, json.dumps(data or {}), content_type="application/json"
    )


CASES = [(name, role) for name in TABLE for role in ROLES]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_permission(name, role, world, client_for):
    entry = TABLE[name]
    kwargs = entry.kwargs(world) if callable(entry.kwargs) else entry.kwargs
    url = reverse(name, kwargs=kwargs)
    client = client_for(role)
    response = request_as(client, entry, url)
    outcome = observe(response)
    expected = entry.expected[role]
    if expected == DONE:
        assert outcome == REDIRECT and response.status_code == 200, (url, role, outcome)
    else:
        assert outcome == expected, (url, role, outcome, response.status_code)


# Confirmation pages (core/confirming.py): a GET of an action's address shows what will happen
# before it is done, to the same roles as the action itself (the table above posts the
# confirmation). The query says which action: name -> (entry, query).
CONFIRMATION_PAGES = {
    "challenges:move": (Entry(OWNERS, kwargs=_draft), {"to": "published"}),
    "spend:publish": (Entry(rule(MANAGERS_OF_HOME), kwargs=_home_ledger), {"year": "2024"}),
    "scorecard:publish": (
        Entry(rule(MANAGERS_OF_HOME), kwargs=lambda w: {"slug": w.home.slug}),
        {"action": "withdraw"},
    ),
    "suppliers:review_decide": (
        Entry(rule({"coordinator"}), kwargs=lambda w: {"pk": _review_pair().pk}),
        {},
    ),
}
CONFIRMATION_CASES = [(name, role) for name in CONFIRMATION_PAGES for role in ROLES]

# Pages whose GET the table above does not cover (it posts to them): name -> entry.
RING_PAGES = {
    "spend:rings": Entry(
        {**rule(HOME_BUYERS), "other_buyer": NOT_FOUND}, kwargs=lambda w: {"slug": w.home.slug}
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), [(n, r) for n in RING_PAGES for r in ROLES])
def test_ring_page_permission(name, role, world, client_for):
    entry = RING_PAGES[name]
    kwargs = entry.kwargs(world) if callable(entry.kwargs) else entry.kwargs
    response = client_for(role).get(reverse(name, kwargs=kwargs), follow=True)
    assert observe(response) == entry.expected[role], (name, role, response.status_code)


@pytest.mark.parametrize(
    ("name", "role"), CONFIRMATION_CASES, ids=[f"{n}-{r}" for n, r in CONFIRMATION_CASES]
)
def test_confirmation_page_permission(name, role, world, client_for):
    entry, query = CONFIRMATION_PAGES[name]
    kwargs = entry.kwargs(world) if callable(entry.kwargs) else entry.kwargs
    url = reverse(name, kwargs=kwargs)
    response = client_for(role).get(url, query, follow=True)
    outcome = observe(response)
    assert outcome == entry.expected[role], (url, role, outcome, response.status_code)
    if outcome == OK:
        assert 'name="confirm" value="yes"' in response.content.decode()


ADMIN_CASES = [
    (name or route, role)
    for name, route, namespaces, _ in all_patterns()
    if "admin" in namespaces
    for role in ROLES
]


def admin_url(key: str) -> str:
    patterns = {name or route: (name, route, pattern) for name, route, _, pattern in all_patterns()}
    name, route, pattern = patterns[key]
    if name:
        params = pattern.pattern.regex.groupindex
        return reverse(name, kwargs={k: v for k, v in ADMIN_KWARGS.items() if k in params})
    if "(?P<url>" in route:  # the admin's catch-all
        return "/admin/nowhere/"
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ADMIN_KWARGS[m.group(1)]), route)


@pytest.mark.parametrize(("key", "role"), ADMIN_CASES, ids=[f"{k}-{r}" for k, r in ADMIN_CASES])
def test_admin_is_for_coordinators_only(key, role, world, client_for):
    url = admin_url(key)
    response = client_for(role).get(url, follow=True)
    outcome = observe(response)
    if ADMIN[role] == ADMIN_PAGE and key in REFUSED_TO_COORDINATORS:
        assert outcome == FORBIDDEN, (url, outcome)
    elif ADMIN[role] == ADMIN_PAGE:
        assert outcome not in {LOGIN, FORBIDDEN}, (url, outcome)
    else:
        assert outcome == ADMIN[role], (url, role, outcome)
