"""A contracting process stored straight into the database with its one release, for scorecard
tests that need notices without going through the loader."""

from opportunities.models import Process, Release


def stored_tender(organisation, ocid: str, when: str, tender: dict) -> None:
    """A process of `organisation` whose one release, dated `when`, carries a UK4 `tender`."""
    Process.objects.create(ocid=ocid, compiled={}, phase="tender", buyer=organisation)
    Release.objects.create(
        ocid=ocid,
        release_id=f"{ocid}-1",
        date=when,
        digest=ocid,
        source="test",
        location="test",
        data={
            "ocid": ocid,
            "id": f"{ocid}-1",
            "date": when,
            "tender": {
                "id": "t",
                **tender,
                "documents": [{"id": "d", "noticeType": "UK4"}],
            },
        },
    )
