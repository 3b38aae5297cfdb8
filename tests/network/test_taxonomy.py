import pytest

from network.models import Sector
from network.taxonomy import load_sectors, sync_sectors


def test_every_sector_has_a_source():
    sectors = load_sectors()
    assert {"healthcare", "low-carbon"} <= {row["slug"] for row in sectors}
    assert all(row["source"] for row in sectors)


@pytest.mark.django_db
def test_sync_is_idempotent():
    first = sync_sectors()
    before = list(Sector.objects.values_list("slug", "name", "position"))
    assert sync_sectors() == first
    assert list(Sector.objects.values_list("slug", "name", "position")) == before
