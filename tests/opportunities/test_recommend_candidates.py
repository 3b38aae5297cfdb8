"""The candidates recommendations are scored from are cut in a stated order: soonest deadline, then
newest publication, so the same ones are kept every time."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opportunities import recommend
from opportunities.matching import Capabilities
from opportunities.models import Phase, Process

pytestmark = pytest.mark.django_db


def test_the_cut_keeps_the_soonest_deadlines_then_the_newest(world, monkeypatch):
    now = timezone.now()

    def made(ocid, deadline_days=None, published_days=0, phase=Phase.TENDER):
        return Process.objects.create(
            ocid=ocid,
            compiled={},
            phase=phase,
            title=f"Retrofit works {ocid}",
            buyer=world.home,
            deadline=None if deadline_days is None else now + timedelta(days=deadline_days),
            first_published=now - timedelta(days=published_days),
        )

    later = made("ocds-t-later", deadline_days=40, published_days=1)
    soonest = made("ocds-t-soonest", deadline_days=3, published_days=30)
    planned_new = made("ocds-t-planned-new", phase=Phase.PLANNED, published_days=2)
    made("ocds-t-planned-old", phase=Phase.PLANNED, published_days=60)
    wanted = Capabilities(cpv_codes=[], keywords=["retrofit"], areas=[])

    monkeypatch.setattr(recommend, "CANDIDATE_LIMIT", 3)
    kept = list(recommend.candidates(wanted, recommend.live(now)))
    assert kept == [soonest, later, planned_new]
    monkeypatch.setattr(recommend, "CANDIDATE_LIMIT", 2)
    assert list(recommend.candidates(wanted, recommend.live(now))) == [soonest, later]
