"""A published challenge as a UK2 preliminary market engagement notice, downloaded as OCDS JSON."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder

from challenges import access, rules, services
from core.downloads import attachment
from core.permissions import ANYONE, allow


@allow(ANYONE)
def challenge_uk2(request, reference):
    challenge = access.viewable(request.user, reference)
    refusal = rules.uk2_refusal(challenge.status)
    if refusal:
        raise PermissionDenied(refusal)
    package = services.uk2_package(challenge, request.build_absolute_uri)
    return attachment(
        json.dumps(package, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        f"{challenge.reference}-UK2.json",
    )
