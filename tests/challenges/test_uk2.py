"""The UK2 export: OCDS 1.1 with the UK extension, checked by libcoveocds (offline: tests/challenges/cove.py)."""

import copy
import json

import pytest
from django.urls import reverse

from challenges import services
from challenges.lifecycle import Status
from challenges.models import EngagementEvent
from tests.challenges.cove import review
from tests.challenges.factories import challenge, open_challenge


def _absolute(path):
    return "https://anchorhub.example" + path


@pytest.fixture
def package(world):
    made = open_challenge(world)
    made.co_owners.add(world.other)
    made.route_answers = {"value": "216000", "buyer_type": "sub-central", "category": "services"}
    made.save()
    return services.uk2_package(made, _absolute)


def test_the_uk2_export_passes_libcoveocds_with_no_errors(package, tmp_path):
    result = review(package, tmp_path)
    assert result["extensions"]["is_extended_schema"], result["extensions"]
    assert not result["extensions"]["invalid_extension"]
    assert "json_deref_error" not in result
    assert result["validation_errors"] == []
    # Every field is known to OCDS 1.1 or the UK extension, and every code is on its codelist.
    assert result["additional_fields"] == []
    assert result["additional_closed_codelist_values"] == {}
    assert result["additional_open_codelist_values"] == {}


def test_libcoveocds_does_find_errors_in_a_broken_notice(package, tmp_path):
    """The check above can fail: the same package with wrong types is reported."""
    broken = copy.deepcopy(package)
    broken["releases"][0]["tender"]["aboveThreshold"] = "yes"
    broken["releases"][0]["date"] = "last Tuesday"
    del broken["releases"][0]["id"]
    result = review(broken, tmp_path)
    messages = json.dumps(result["validation_errors"])
    assert "aboveThreshold" in messages
    assert "date-time" in messages
    assert "'id' is missing" in messages


def test_the_notice_carries_the_uk2_fields(package):
    release = package["releases"][0]
    assert package["extensions"] == [
        "https://raw.githubusercontent.com/cabinetoffice/ocds_uk_extension/main/extension.json"
    ]
    assert release["tag"] == ["planning"]
    assert release["tender"]["status"] == "planned"
    notice = release["planning"]["documents"][-1]
    assert (notice["noticeType"], notice["documentType"]) == ("UK2", "marketEngagementNotice")
    assert release["tender"]["aboveThreshold"] is True  # £216,000 incl. VAT, sub-central
    assert [p["name"] for p in release["parties"]] == ["Home Council", "Other Trust"]
    assert all(p["roles"] == ["buyer"] for p in release["parties"])
    assert release["tender"]["items"][0]["classification"] == {"scheme": "CPV", "id": "85312000"}
    kinds = {m["type"] for m in release["planning"]["milestones"]}
    assert kinds == {"engagement"}
    titles = [m["title"] for m in release["planning"]["milestones"]]
    assert titles == ["Engagement end date", "Supplier briefing"]
    assert "Outcomes wanted: Missed visits fall" in release["tender"]["description"]


def test_download_and_api_give_the_same_notice(world, client):
    made = open_challenge(world)
    EngagementEvent.objects.all().delete()
    download = client.get(reverse("challenges:uk2", kwargs={"reference": made.reference}))
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    api = client.get(f"/api/challenges/{made.reference}/uk2")
    assert api.status_code == 200
    one, other = download.json(), api.json()
    for data in (one, other):
        data.pop("publishedDate")
    assert one == other
    assert one["releases"][0]["ocid"].endswith(made.reference)


def test_a_draft_has_no_notice(world, client_for):
    made = challenge(world)
    url = reverse("challenges:uk2", kwargs={"reference": made.reference})
    anonymous = client_for("anonymous")
    assert anonymous.get(url).status_code == 404  # drafts are not even known to exist
    assert anonymous.get(f"/api/challenges/{made.reference}/uk2").status_code == 404
    assert client_for("buyer").get(url).status_code == 403  # the owner is told to publish
    made.status = Status.PUBLISHED
    made.save()
    anonymous.logout()
    assert anonymous.get(url).status_code == 200
