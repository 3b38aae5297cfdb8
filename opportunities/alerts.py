"""Email digests of new matches: never the same notice twice to the same person.

Each person's digest is made and sent on its own: whatever goes wrong with one (a saved search that
cannot run, the mail server refusing one address, anything else) is logged with its reason and
reported, and everyone else still gets theirs."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

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

logger = logging.getLogger(__name__)


@dataclass
class DigestResult:
    digests: int = 0
    notices: int = 0
    failed: list[dict] = field(default_factory=list)  # {"user", "reason"}: digests not sent
    searches_not_run: list[dict] = field(default_factory=list)  # {"user", "search", "reason"}

    def as_json(self) -> dict:
        return {
            "digests": self.digests,
            "notices": self.notices,
            "failed": self.failed,
            "searches_not_run": self.searches_not_run,
        }


def _new_since(processes, since):
    return processes.filter(last_updated__gt=since) if since else processes


def send_alerts(base_url: str, now=None) -> DigestResult:
    now = now or timezone.now()
    result = DigestResult()
    for profile in SupplierProfile.objects.filter(alerts_enabled=True).select_related(
        "organisation"
    ):
        members = list(User.objects.filter(organisation=profile.organisation, is_active=True))
        try:
            matches = recommended(profile, _new_since(live(now), profile.last_digest_at))
        except Exception as error:  # noqa: BLE001 (one organisation failing stops no one else)
            for user in members:
                _failed(result, user, f"recommendations for {profile.organisation.name}: {error}")
            continue
        all_sent = True
        for user in members:
            try:
                with transaction.atomic():  # a failure leaves nothing of this digest behind
                    _digest(user, profile, matches, base_url, now, result)
            except Exception as error:  # noqa: BLE001 (the next person still gets their digest)
                _failed(result, user, f"{type(error).__name__}: {error}")
                all_sent = False
        if (
            all_sent
        ):  # otherwise the next run looks again over the same time for the one who missed it
            profile.last_digest_at = now
            profile.save(update_fields=["last_digest_at"])
    return result


def _failed(result: DigestResult, user, reason: str) -> None:
    logger.error("digest for user %s not sent: %s", user.pk, reason, exc_info=True)  # noqa: LOG014 (called only from the except blocks above)
    result.failed.append({"user": user.email, "reason": reason})


def _digest(user, profile, matches, base_url: str, now, result: DigestResult) -> None:
    searches = []
    for saved in user.saved_searches.filter(alerts_enabled=True):
        form = OpportunitySearchForm(QueryDict(saved.query))
        if not form.is_valid():  # saved before searches were checked when saved
            reason = form.problems()
            logger.warning("saved search %s of user %s not run: %s", saved.pk, user.pk, reason)
            result.searches_not_run.append(
                {"user": user.email, "search": saved.name, "reason": reason}
            )
            continue
        found = search(form.to_search(), now, updated_after=profile.last_digest_at)[:20]
        searches.append((saved, found))
    sent = set(AlertSent.objects.filter(user=user).values_list("process_id", flat=True))
    fresh = [(p, m) for p, m in matches if p.pk not in sent]
    seen = {p.pk for p, _ in fresh} | sent
    searches = [(s, [p for p in found if p.pk not in seen]) for s, found in searches]
    count = len(fresh) + sum(len(found) for _, found in searches)
    if not count:
        return
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
    AlertSent.objects.bulk_create(
        [AlertSent(user=user, process=p) for p in {p.pk: p for p, _ in fresh}.values()]
        + [AlertSent(user=user, process=p) for _, found in searches for p in found],
        ignore_conflicts=True,
    )
    message.send()
    result.digests += 1
    result.notices += count
