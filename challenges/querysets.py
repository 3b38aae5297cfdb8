"""The challenge rules (`challenges/rules.py`) as database filters, tested to agree with them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from challenges import lifecycle, rules
from core.roles import Role, role_of


class ChallengeQuerySet(models.QuerySet):
    def public(self):
        """Challenges anyone may see: rules.is_public as a database filter."""
        return self.filter(status__in=lifecycle.PUBLIC)

    def managed_by(self, user):
        """Challenges the user manages: rules.manages as a database filter."""
        role = role_of(user)
        if role is Role.COORDINATOR:
            return self
        if role not in rules.ANCHOR_BUYERS:
            return self.none()
        return self.filter(
            Q(owner=user.organisation_id) | Q(co_owners=user.organisation_id)
        ).distinct()
