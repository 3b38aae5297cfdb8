"""The consortium finder's candidates and suggestions (partners.py scores them)."""

from __future__ import annotations

from challenges import partners
from challenges.models import Challenge
from network.models import Organisation
from opportunities.models import SupplierProfile


def _candidate(org: Organisation, offers: str, needs: str, codes, listed: bool):
    return partners.Candidate(
        key=str(org.pk),
        name=org.name,
        offers=offers,
        needs=needs,
        cpv_codes=tuple(codes or ()),
        size_band=org.size_band,
        is_vcse=org.is_vcse,
        listed=listed,
    )


def partner_candidates(challenge: Challenge, exclude: Organisation) -> list[partners.Candidate]:
    """Suppliers seeking partners on this challenge, then suppliers whose capability profiles
    work in the challenge's CPV divisions."""
    found = {}
    for listing in challenge.listings.filter(active=True).select_related("organisation"):
        if listing.organisation_id != exclude.pk:
            found[listing.organisation_id] = _candidate(
                listing.organisation, listing.offers, listing.needs, listing.cpv_codes, True
            )
    divisions = {code[:2] for code in challenge.cpv_codes}
    for profile in SupplierProfile.objects.select_related("organisation").exclude(
        organisation=exclude
    )[:2000]:
        if profile.organisation_id in found:
            continue
        if divisions and not ({code[:2] for code in profile.cpv_codes} & divisions):
            continue
        offers = " ".join([profile.organisation.description, *profile.keywords])
        found[profile.organisation_id] = _candidate(
            profile.organisation, offers, "", profile.cpv_codes, False
        )
    return list(found.values())


def partner_suggestions(challenge: Challenge, listing) -> list[dict]:
    seeker = _candidate(
        listing.organisation, listing.offers, listing.needs, listing.cpv_codes, True
    )
    suggestions = partners.suggest(
        seeker, partner_candidates(challenge, listing.organisation), tuple(challenge.cpv_codes)
    )
    written = dict(
        challenge.introductions.filter(sender=listing.organisation).values_list(
            "recipient_id", "status"
        )
    )
    return [
        {
            "organisation_id": int(s.candidate.key),
            "name": s.candidate.name,
            "score": s.score,
            "reasons": s.reasons,
            "listed": s.candidate.listed,
            "size_band": s.candidate.size_band,
            "written": written.get(int(s.candidate.key)),
        }
        for s in suggestions
    ]


def introducible(challenge: Challenge, sender: Organisation, recipient_id: int):
    listing = challenge.listings.filter(organisation=sender, active=True).first()
    if listing is None:
        return None
    ids = {s["organisation_id"] for s in partner_suggestions(challenge, listing)}
    if recipient_id not in ids:
        return None
    return Organisation.objects.filter(pk=recipient_id).first()
