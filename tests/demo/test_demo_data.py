import csv
from io import StringIO

import pytest
from django.core.management import call_command

from accounts.models import User
from network import sample_data
from network.models import Champion, Organisation
from reference.postcodes import normalise_postcode
from tests.conftest import require_data

SEVEN_COUNCILS = {
    "Birmingham City Council",
    "Coventry City Council",
    "City of Wolverhampton Council",
    "Dudley Metropolitan Borough Council",
    "Sandwell Metropolitan Borough Council",
    "Solihull Metropolitan Borough Council",
    "Walsall Council",
}


def test_generation_is_deterministic():
    assert sample_data.generate() == sample_data.generate()
    assert sample_data.generate(1) != sample_data.generate(2)


def test_real_anchor_bodies_under_their_real_names():
    anchors = {row["name"]: row for row in sample_data.generate()["anchors"]}
    assert set(anchors) >= SEVEN_COUNCILS
    assert "West Midlands Combined Authority" in anchors
    assert {"university", "nhs_trust"} <= {row["kind"] for row in anchors.values()}
    for row in anchors.values():
        assert normalise_postcode(row["registered_postcode"]) == row["registered_postcode"]


def test_anchor_postcodes_exist_in_the_ons_postcode_directory():
    path = require_data("reference", "postcodes-west-midlands.csv")
    wanted = {
        row["registered_postcode"].replace(" ", "") for row in sample_data.generate()["anchors"]
    }
    found = set()
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            key = row["pcd"].replace(" ", "")
            if key in wanted and row["laua"]:
                found.add(key)
    assert found == wanted, f"not in ONSPD: {wanted - found}"


@pytest.mark.django_db
def test_command_is_idempotent_and_marks_sample_data(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("demo_data", password="demo-password-1", stdout=out)
    counts = (Organisation.objects.count(), Champion.objects.count(), User.objects.count())
    call_command("demo_data", password="demo-password-1", stdout=StringIO())
    assert (Organisation.objects.count(), Champion.objects.count(), User.objects.count()) == counts
    assert not Organisation.objects.filter(is_sample=False).exists()
    assert not Champion.objects.filter(is_sample=False).exists()
    text = out.getvalue()
    for role in [
        "Network coordinator",
        "Anchor administrator",
        "Buyer",
        "Supplier",
        "Registered user",
    ]:
        assert role in text
    assert "password: demo-password-1" in text
    roles = {user.email.split("@")[0]: user.role for user in User.objects.all()}
    assert roles == {
        "coordinator": "coordinator",
        "anchor-admin": "anchor_admin",
        "buyer": "buyer",
        "buyer-coventry": "buyer",
        "supplier": "supplier",
        "newcomer": "registered",
    }
    assert User.objects.get(email="buyer@anchorhub.example").check_password("demo-password-1")


@pytest.mark.django_db
def test_password_is_generated_once_and_kept(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    call_command("demo_data", stdout=StringIO())
    password = (tmp_path / "var" / "demo-password.txt").read_text().strip()
    assert len(password) > 12
    call_command("demo_data", stdout=StringIO())
    assert User.objects.get(email="supplier@anchorhub.example").check_password(password)
