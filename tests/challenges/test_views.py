"""Challenges through their pages: life cycle, deadlines on the server, sealed responses,
conflicts of interest, moderation, consent to share contacts, adoption."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from challenges.lifecycle import Status
from challenges.models import (
    Adoption,
    Challenge,
    Introduction,
    ModeratedScore,
    PanelMember,
    Question,
    Response,
    Score,
    StatusChange,
)
from tests.challenges import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def url(name, made, **extra):
    return reverse(f"challenges:{name}", kwargs={"reference": made.reference, **extra})


def test_a_buyer_writes_a_challenge_with_guidance_and_publishes_it(world, client_for):
    client = client_for("buyer")
    page = client.get(reverse("challenges:create"))
    assert "A specification (avoid):" in page.content.decode()  # examples inside the form
    closes = timezone.localdate() + timedelta(days=20)
    response = client.post(
        reverse("challenges:create"),
        {
            "title": "Fewer missed visits",
            "summary": "Visits are missed.",
            "problem": "5% of visits are missed.",
            "affected": "People receiving care.",
            "outcomes": "Missed visits fall to 2%.",
            "success_measures": "Monthly call monitoring.",
            "budget_min": "90000",
            "budget_max": "50000",
            "cpv": "85312000, 72000000-5",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
            "co_owners": [world.other.pk],
        },
    )
    assert "must not be below its bottom" in response.content.decode()
    response = client.post(
        reverse("challenges:create"),
        {
            "title": "Fewer missed visits",
            "summary": "Visits are missed.",
            "problem": "5% of visits are missed.",
            "affected": "People receiving care.",
            "outcomes": "Missed visits fall to 2%.",
            "success_measures": "Monthly call monitoring.",
            "budget_min": "50000",
            "budget_max": "90000",
            "cpv": "85312000, 72000000-5",
            "closes_on_0": closes.day,
            "closes_on_1": closes.month,
            "closes_on_2": closes.year,
            "co_owners": [world.other.pk],
        },
    )
    made = Challenge.objects.get()
    assert response.status_code == 302 and response.url == url("criteria", made)
    assert (made.owner, made.status, made.cpv_codes) == (
        world.home,
        Status.DRAFT,
        ["72000000", "85312000"],
    )
    assert list(made.co_owners.all()) == [world.other]
    # Weights that do not add up to 100 stop publication.
    client.post(url("criteria", made), {"name": "Impact", "weight": "70"})
    client.post(url("move", made), {"to": "published"})
    made.refresh_from_db()
    assert made.status == Status.DRAFT
    client.post(url("criteria", made), {"name": "Cost", "weight": "30"})
    client.post(url("move", made), {"to": "published"})
    made.refresh_from_db()
    assert made.status == Status.PUBLISHED and made.criteria_locked_at
    # Criteria are locked; the statement is fixed.
    assert client.post(url("criteria", made), {"name": "Late", "weight": "5"}).status_code == 403
    first = made.criteria.first()
    assert client.post(url("criterion_delete", made, pk=first.pk)).status_code == 403
    assert made.criteria.count() == 2
    assert client.get(url("edit", made)).status_code == 302
    # A co-owner's buyer manages it too; every change is recorded with who and when.
    other = client_for("other_buyer")
    other.force_login(world.users["other_buyer"], backend="accounts.backends.EmailBackend")
    assert other.post(url("move", made), {"to": "engagement_open"}).status_code == 302
    made.refresh_from_db()
    assert made.status == Status.ENGAGEMENT_OPEN
    history = list(
        StatusChange.objects.filter(challenge=made).values_list("to_status", "by__email")
    )
    assert history == [
        ("draft", "buyer@example.org"),
        ("published", "buyer@example.org"),
        ("engagement_open", "other-buyer@example.org"),
    ]


def test_deadlines_are_enforced_on_the_server(world, client_for):
    made = factories.open_challenge(world)
    made.engagement_closes_at = timezone.now() - timedelta(minutes=1)
    made.save()
    client = client_for("supplier")
    assert client.post(url("ask", made), {"text": "Late?"}).status_code == 403
    assert client.post(url("interest", made)).status_code == 403
    before = Response.objects.get(lead=world.supplier_org).approach
    changed = client.post(
        url("response", made),
        {
            "approach": "Changed after the deadline",
            "trl": "5",
            "indicative_cost": "1",
            "action": "submit",
        },
    )
    assert changed.status_code == 403
    assert Response.objects.get(lead=world.supplier_org).approach == before
    pdf = SimpleUploadedFile("late.pdf", factories.PDF, content_type="application/pdf")
    assert client.post(url("attachment_upload", made), {"file": pdf}).status_code == 403
    assert Question.objects.filter(text="Late?").count() == 0


def test_a_supplier_responds_edits_until_the_deadline_and_never_sees_another(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    rival_org = factories.other_supplier("Rival Ltd", "small")
    rival = make_user("rival@example.org", rival_org, admin=True)
    factories.attach(factories.response(made, rival_org, rival, approach="RIVAL SECRET APPROACH"))
    client = client_for("supplier")
    draft = client.post(
        url("response", made),
        {"approach": "Our approach", "trl": "6", "indicative_cost": "90000", "action": "save"},
    )
    assert draft.status_code == 302
    mine = Response.objects.get(lead=world.supplier_org)
    assert mine.status == Response.Status.DRAFT
    client.post(
        url("response", made),
        {
            "approach": "Our better approach",
            "trl": "7",
            "indicative_cost": "90000",
            "action": "submit",
        },
    )
    mine.refresh_from_db()
    assert (mine.status, mine.approach, mine.trl) == ("submitted", "Our better approach", 7)
    page = client.get(url("response", made)).content.decode()
    assert "RIVAL SECRET APPROACH" not in page
    rival_file = Response.objects.get(lead=rival_org).attachments.get()
    assert client.get(url("attachment", made, pk=rival_file.pk)).status_code == 403
    assert "RIVAL SECRET" not in client.get(url("detail", made)).content.decode()
    # The owners cannot read proposals before engagement closes, even with a panel seat.
    PanelMember.objects.create(
        challenge=made, user=world.users["buyer"], declared_at=timezone.now()
    )
    buyer = client_for("buyer")
    assert buyer.get(url("attachment", made, pk=rival_file.pk)).status_code == 403
    assert buyer.get(url("evaluate", made)).status_code == 403


def test_attachments_are_checked_for_type_content_and_size(world, client_for, settings):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    factories.response(made, world.supplier_org, world.users["supplier"])
    client = client_for("supplier")
    upload = url("attachment_upload", made)

    def send(name, content):
        response = client.post(upload, {"file": SimpleUploadedFile(name, content)}, follow=True)
        return response.content.decode()

    assert "must be a PDF" in send("tool.exe", b"MZ\x90\x00")
    assert "its contents are not" in send("fake.pdf", b"<script>alert(1)</script>")
    settings.ATTACHMENT_MAX_BYTES = 10
    assert "must be smaller than" in send("big.pdf", factories.PDF)
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    assert "plan.pdf attached" in send("plan.pdf", factories.PDF)
    attachment = Response.objects.get(lead=world.supplier_org).attachments.get()
    download = client.get(url("attachment", made, pk=attachment.pk))
    assert download.content == factories.PDF and download["X-Content-Type-Options"] == "nosniff"


def test_questions_are_answered_to_everyone_without_the_asker(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    client_for("supplier").post(url("ask", made), {"text": "Is the rota data shared?"})
    question = Question.objects.get()
    assert question.asked_by == world.users["supplier"]
    public = client_for("anonymous").get(url("detail", made)).content.decode()
    assert "Is the rota data shared?" not in public  # not until answered
    buyer = client_for("buyer")
    buyer.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    buyer.post(url("answer", made, pk=question.pk), {"answer": "Yes, monthly."})
    buyer.logout()
    public = buyer.get(url("detail", made)).content.decode()
    assert "Is the rota data shared?" in public and "Yes, monthly." in public
    assert world.supplier_org.name not in public
    assert world.users["supplier"].full_name not in public


def test_events_take_registrations_for_the_buyer(world, client_for):
    made = factories.open_challenge(world)
    event = made.events.get()
    client_for("supplier").post(url("event_register", made, pk=event.pk))
    page = client_for("buyer")
    page.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    listing = page.get(url("event_registrations", made, pk=event.pk)).content.decode()
    assert "supplier@example.org" in listing
    event.starts_at = timezone.now() - timedelta(hours=1)
    event.save()
    assert page.post(url("event_register", made, pk=event.pk)).status_code == 403


def test_introductions_share_contact_details_only_with_consent(world, client_for):
    made = factories.challenge(world, Status.ENGAGEMENT_OPEN)
    rota = factories.other_supplier()
    rota_user = make_user("rota@example.org", rota, admin=True, phone="0121 000 0000")
    client = client_for("supplier")
    client.post(
        url("partners", made),
        {"offers": "care workers", "needs": "rostering software integration", "cpv": ""},
    )
    from challenges.models import PartnerListing

    PartnerListing.objects.create(
        challenge=made, organisation=rota, offers="rostering software integration", needs=""
    )
    page = client.get(url("partners", made)).content.decode()
    assert "Rota Systems plc" in page and "Offers what you need" in page
    assert "rota@example.org" not in page
    stranger = factories.other_supplier("Stranger Ltd", "small")
    refused = client.post(url("introduce", made), {"recipient": stranger.pk, "message": "Hi"})
    assert refused.status_code == 403
    client.post(url("introduce", made), {"recipient": rota.pk, "message": "Bid together?"})
    introduction = Introduction.objects.get()
    [relayed] = mail.outbox
    assert relayed.to == ["rota@example.org"] and "Bid together?" in relayed.body
    assert "supplier@example.org" not in relayed.body  # the sender's address is not passed on
    client.logout()
    client.force_login(rota_user, backend="accounts.backends.EmailBackend")
    client.post(url("introduction_reply", made, pk=introduction.pk), {"decision": "accept"})
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.ACCEPTED
    assert mail.outbox[-1].to == ["supplier@example.org"]
    assert "rota@example.org" in mail.outbox[-1].body and "0121 000 0000" in mail.outbox[-1].body
    assert "supplier@example.org" in client.get(url("partners", made)).content.decode()


def test_relaying_fails_cleanly_when_mail_is_down(world, client_for, settings):
    settings.EMAIL_BACKEND = "tests.failing_mail.Backend"
    made = factories.open_challenge(world)
    rota = Introduction.objects.get().sender
    make_user("rota@example.org", rota, admin=True)
    Introduction.objects.all().delete()
    page = client_for("supplier").post(
        url("introduce", made), {"recipient": rota.pk, "message": "Hello"}, follow=True
    )
    assert "mail service is not answering" in page.content.decode()
    assert not Introduction.objects.exists()


def _scores(criteria, values):
    data = {}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = "Reason"
    return data


def test_the_panel_declares_scores_independently_and_the_moderator_agrees(world, client_for):
    made = factories.closed_challenge(world)
    factories.attach(made.responses.get(lead=world.supplier_org))
    admin_seat = PanelMember.objects.create(challenge=made, user=world.users["anchor_admin"])
    conflicted = make_user("conflicted@example.org", world.home)
    PanelMember.objects.create(challenge=made, user=conflicted)
    criteria = list(made.criteria.all())
    responses = list(made.responses.order_by("pk"))
    secret = responses[0].approach

    # A member who has not declared is sent to declare; one with a conflict sees nothing.
    client = client_for("anchor_admin")
    assert client.get(url("evaluate", made)).url == url("declare", made)
    client.logout()
    client.force_login(conflicted, backend="accounts.backends.EmailBackend")
    client.post(url("declare", made), {"has_conflict": "yes", "details": ""})
    assert PanelMember.objects.get(user=conflicted).declared_at is None  # details required
    client.post(url("declare", made), {"has_conflict": "yes", "details": "My sister works there"})
    for path in (
        url("evaluate", made),
        url("score", made, pk=responses[0].pk),
        url("moderation", made),
        url("attachment", made, pk=responses[0].attachments.get().pk),
    ):
        refused = client.get(path)
        assert refused.status_code in {302, 403}, path
        assert secret not in refused.content.decode()
    assert client.get(url("evaluate", made)).status_code == 403

    # The admin declares no conflict and scores; the buyer (moderator) scores separately.
    client.logout()
    client.force_login(world.users["anchor_admin"], backend="accounts.backends.EmailBackend")
    client.post(url("declare", made), {"has_conflict": "no"})
    assert secret in client.get(url("score", made, pk=responses[0].pk)).content.decode()
    assert client.post(url("evaluate", made)).status_code == 302  # nothing scored: refused
    admin_seat.refresh_from_db()
    assert admin_seat.scores_submitted_at is None
    for response, values in zip(responses, ([8, 6], [4, 5]), strict=True):
        client.post(url("score", made, pk=response.pk), _scores(criteria, values))
    client.post(url("evaluate", made))
    admin_seat.refresh_from_db()
    assert admin_seat.scores_submitted_at is not None
    # Scores are locked once submitted.
    assert (
        client.post(url("score", made, pk=responses[0].pk), _scores(criteria, [1, 1])).status_code
        == 403
    )

    moderator = client_for("buyer")
    moderator.force_login(world.users["buyer"], backend="accounts.backends.EmailBackend")
    page = moderator.get(url("evaluate", made)).content.decode()
    assert "72.0%" not in page  # the anchor admin's total for the first: not shown to others
    agreed = {f"moderated-{k}": v for k, v in _scores(criteria, [7, 6]).items()}
    refused = moderator.post(
        url("moderate", made, pk=responses[0].pk), {"action": "moderate", **agreed}
    )
    assert refused.status_code == 403  # the moderator's own scores are not in yet
    for response, values in zip(responses, ([4, 6], [2, 5]), strict=True):
        moderator.post(url("score", made, pk=response.pk), _scores(criteria, values))
    moderator.post(url("evaluate", made))
    review = moderator.get(url("moderate", made, pk=responses[0].pk)).content.decode()
    assert "Discuss: scores differ by 4" in review  # impact: 8 from one, 4 from the other
    moderator.post(url("moderate", made, pk=responses[0].pk), {"action": "moderate", **agreed})
    assert ModeratedScore.objects.filter(response=responses[0]).count() == 2
    sheet = moderator.get(url("moderation", made)).content.decode()
    assert "66.0%" in sheet  # 0.7 x 60 + 0.6 x 40

    # Score sheet: every evaluator's score with the agreed score, as CSV and XLSX.
    rows = list(
        csv.DictReader(
            io.StringIO(moderator.get(url("score_sheet", made, fmt="csv")).content.decode())
        )
    )
    assert (
        len(rows) == 2 * 2 * 2
    )  # responses x criteria x evaluators (the conflicted one took no part)
    assert {r["Evaluator"] for r in rows} == {"Anchor Admin", "Buyer"}
    assert rows[0]["Agreed score"] in {"7", "6", ""}
    xlsx = moderator.get(url("score_sheet", made, fmt="xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert moderator.get(url("score_sheet", made, fmt="pdf")).status_code == 404

    # Feedback to every respondent, only when all is written.
    refused = moderator.post(url("moderation", made), {"action": "send_feedback"}, follow=True)
    assert "Write feedback for every respondent first" in refused.content.decode()
    for response in responses:
        moderator.post(
            url("moderate", made, pk=response.pk),
            {
                "action": "feedback",
                "feedback-feedback": f"Feedback for {response.lead.name}",
                "feedback-shortlisted": "on",
            },
        )
    make_user("rota-admin@example.org", responses[1].lead, admin=True)
    moderator.post(url("moderation", made), {"action": "send_feedback"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "rota-admin@example.org",
        "supplier@example.org",
    ]
    supplier = client_for("supplier")
    supplier.force_login(world.users["supplier"], backend="accounts.backends.EmailBackend")
    mine = supplier.get(url("response", made)).content.decode()
    assert "Feedback for Supplier Ltd" in mine and "Feedback for Rota" not in mine
    assert Score.objects.filter(panel_member__user=conflicted).count() == 0


def test_the_outcome_links_later_notices_and_other_anchors_record_adoption(world, client_for):
    from opportunities.models import Process

    made = factories.challenge(world, Status.ENGAGEMENT_CLOSED, days=-3)
    later = Process.objects.create(
        ocid="ocds-later-1",
        compiled={},
        phase="tender",
        title="Home care visits rostering pilot",
        buyer=world.home,
        first_published=timezone.now(),
    )
    buyer = client_for("buyer")
    assert "Home care visits rostering pilot" in buyer.get(url("outcome", made)).content.decode()
    award_day = timezone.localdate() - timedelta(days=1)
    buyer.post(
        url("outcome", made),
        {
            "route_used": "competitive_flexible_phased",
            "awarded_to": world.supplier_org.pk,
            "award_value": "150000",
            "awarded_on_0": award_day.day,
            "awarded_on_1": award_day.month,
            "awarded_on_2": award_day.year,
            "ocid": later.ocid,
        },
    )
    buyer.post(url("move", made), {"to": "awarded"})
    made.refresh_from_db()
    assert made.status == Status.AWARDED and made.awarded_to == world.supplier_org
    page = buyer.get(url("detail", made)).content.decode()
    assert later.get_absolute_url() in page
    assert "Phased innovation competition" in page
    assert buyer.get(url("adopt", made)).status_code == 403  # owners do not adopt their own
    buyer.logout()
    other = client_for("other_buyer")
    other.force_login(world.users["other_buyer"], backend="accounts.backends.EmailBackend")
    other.post(
        url("adopt", made),
        {
            "adopted_0": award_day.day,
            "adopted_1": award_day.month,
            "adopted_2": award_day.year,
            "scale": "2 wards",
        },
    )
    adoption = Adoption.objects.get()
    assert (adoption.organisation, adoption.scale) == (world.other, "2 wards")
    page = other.get(url("detail", made)).content.decode()
    assert "2 of 2 network anchors use this solution (100%)" in page
    assert (
        other.get(f"/api/challenges/{made.reference}").json()["adoptions"][0]["scale"] == "2 wards"
    )


def test_route_answers_saved_on_a_challenge_show_its_routes(world, client_for):
    made = factories.challenge(world)
    buyer = client_for("buyer")
    buyer.post(
        url("route", made),
        {
            "value": "216000",
            "buyer_type": "sub-central",
            "category": "services",
            "solution": "prototype",
            "council": "on",
        },
    )
    made.refresh_from_db()
    assert made.route_answers["value"] == "216000"
    page = buyer.get(url("detail", made)).content.decode()
    assert "at or above" in page and "Phased innovation competition" in page


def test_drafts_are_hidden_from_lists_and_the_api(world, client_for):
    draft = factories.challenge(world, title="Secret draft")
    public = factories.challenge(world, Status.ENGAGEMENT_OPEN, title="Open one")
    anonymous = client_for("anonymous")
    listing = anonymous.get(reverse("challenges:list")).content.decode()
    assert "Open one" in listing and "Secret draft" not in listing
    api = anonymous.get("/api/challenges").json()
    assert [c["reference"] for c in api["items"]] == [public.reference]
    assert anonymous.get(f"/api/challenges/{draft.reference}").status_code == 404
    buyer = client_for("buyer")
    assert "Secret draft" in buyer.get(reverse("challenges:list")).content.decode()


def test_an_opportunity_links_back_to_its_challenge_once_public(world, client_for):
    from opportunities.models import Process

    process = Process.objects.create(
        ocid="ocds-later-2", compiled={}, phase="tender", title="Rostering pilot", buyer=world.home
    )
    draft = factories.challenge(world, title="Hidden draft", ocid=process.ocid)
    page = client_for("anonymous").get(process.get_absolute_url()).content.decode()
    assert "Hidden draft" not in page
    draft.status = Status.AWARDED
    draft.save()
    page = client_for("anonymous").get(process.get_absolute_url()).content.decode()
    assert "This procurement follows the challenge" in page and draft.get_absolute_url() in page
