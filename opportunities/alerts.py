"""Email digests of new matches: never the same notice twice to the same person."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from opportunities.forms import OpportunitySearchForm
from opportunities.models import AlertSent, SupplierProfile
from opportunities.recommend import live, recommended
from opportunities.search import search


@dataclass
class DigestResult:
    digests: int = 0
    notices: int = 0


def _new_since(processes, since):
    return processes.filter(last_updated__gt=since) if since else processes


def send_alerts(base_url: str, now=None) -> DigestResult:
    now = now or timezone.now()
    result = DigestResult()
    for profile in SupplierProfile.objects.filter(alerts_enabled=True).select_related(
        "organisation"
    ):
        matches = recommended(profile, _new_since(live(now), profile.last_digest_at))
        members = User.objects.filter(organisation=profile.organisation, is_active=True)
        for user in members:
            searches = []
            for saved in user.saved_searches.filter(alerts_enabled=True):
                form = OpportunitySearchForm(QueryDict(saved.query))
                found = search(form.to_search(), now, updated_after=profile.last_digest_at)[:20]
                searches.append((saved, found))
            sent = set(AlertSent.objects.filter(user=user).values_list("process_id", flat=True))
            fresh = [(p, m) for p, m in matches if p.pk not in sent]
            seen = {p.pk for p, _ in fresh} | sent
            searches = [(s, [p for p in found if p.pk not in seen]) for s, found in searches]
            count = len(fresh) + sum(len(found) for _, found in searches)
            if not count:
                continue
            unsubscribe = base_url + reverse(
                "opportunities:unsubscribe", kwargs={"token": profile.unsubscribe_token}
            )
            body = render_to_string(
                "opportunities/email/digest.txt",
                {
                    "user": user,
                    "matches": fresh,
                    "searches": searches,
                    "base_url": base_url,
                    "unsubscribe": unsubscribe,
                },
            )
            message = EmailMessage(
                f"{count} new opportunit{'y' if count == 1 else 'ies'} for {profile.organisation.name}",
                body,
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            with transaction.atomic():
                AlertSent.objects.bulk_create(
                    [AlertSent(user=user, process=p) for p in {p.pk: p for p, _ in fresh}.values()]
                    + [AlertSent(user=user, process=p) for _, found in searches for p in found],
                    ignore_conflicts=True,
                )
                message.send()
            result.digests += 1
            result.notices += count
        profile.last_digest_at = now
        profile.save(update_fields=["last_digest_at"])
    return result
