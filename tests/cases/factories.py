"""Cases at each sharing level and status, built on the `world` fixture."""

from django.utils import timezone

from cases.models import Case, Outcome, Source
from cases.sharing import Level, Status


def case(w, level=Level.PUBLIC, status=Status.PUBLISHED, owner=None, by=None, **extra) -> Case:
    owner = w.home if owner is None else owner
    made = Case.objects.create(
        title=extra.pop("title", f"{level} {status} case"),
        summary=extra.pop("summary", "Hospital wards got efficient lighting."),
        problem="Lighting used a fifth of the electricity.",
        buyer_names=owner.name if owner else "A buyer",
        buyer_type="health",
        route=extra.pop("route", "forward_commitment"),
        level=level,
        status=status,
        organisation=owner,
        submitted_by=by if by is not None else w.users.get("buyer"),
        published_at=timezone.now() if status == Status.PUBLISHED else None,
        **extra,
    )
    Outcome.objects.create(case=made, measure="Energy", result="30 lower", unit="%", kind="carbon")
    Source.objects.create(case=made, title="A report", url="https://example.org/report")
    return made
