import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

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


@pytest.mark.django_db
def test_the_output_ends_with_the_sign_in_details_and_where_they_are_kept(settings, tmp_path):
    """The other commands' output comes first, so the sign-in details are not lost above it; the
    same details are kept in var/demo-sign-ins.txt, which the last line names."""
    settings.BASE_DIR = tmp_path
    out = StringIO()
    call_command("demo_data", password="demo-password-2", stdout=out)
    kept = tmp_path / "var" / "demo-sign-ins.txt"
    details = kept.read_text()
    assert details.startswith("Sign in at http://127.0.0.1:8000/sign-in/ with any of these:")
    assert details.count("password: demo-password-2") == len(sample_data.DEMO_ACCOUNTS)
    assert "buyer@anchorhub.example" in details
    assert kept.stat().st_mode & 0o077 == 0  # only its owner reads the password
    lines = out.getvalue().rstrip("\n").split("\n")
    assert lines[-1] == (
        f"These sign-in details are kept in {kept}; open it at any time to see them again."
    )
    assert "\n".join(lines[-1 - len(details.splitlines()) : -1]) == details.rstrip("\n")


@pytest.mark.django_db
def test_demo_sign_ins_prints_them_again_once_the_server_answers(settings, tmp_path, monkeypatch):
    import socket

    from demo.management.commands import demo_sign_ins

    monkeypatch.setattr(demo_sign_ins, "SETTLE_SECONDS", 0)
    settings.BASE_DIR = tmp_path
    with pytest.raises(CommandError, match="run `anchorhub demo_data`"):
        call_command("demo_sign_ins", stdout=StringIO())
    kept = tmp_path / "var" / "demo-sign-ins.txt"
    kept.parent.mkdir()
    kept.write_text("Sign in at http://127.0.0.1:8000/sign-in/ with any of these:\n  Buyer  b\n")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        out = StringIO()
        call_command("demo_sign_ins", when_serving=f"127.0.0.1:{port}", stdout=out)
    assert out.getvalue().endswith(
        f"  Buyer  b\nThese sign-in details are kept in {kept}; open it at any time to see them again.\n"
    )
    silent = StringIO()
    call_command("demo_sign_ins", when_serving=f"127.0.0.1:{port}", wait=0.5, stdout=silent)
    assert silent.getvalue() == ""  # no server: nothing printed once the wait is over
    with pytest.raises(CommandError, match="like 127.0.0.1:8000"):
        call_command("demo_sign_ins", when_serving="8000", stdout=StringIO())


@pytest.mark.django_db
def test_the_demo_shows_a_micro_supplier_work_it_can_take_on(settings, tmp_path):
    """Issue 18: the sample micro home-care co-operative (£100,000 at most) is recommended work
    within its capacity, a lot of a larger contract among it, before anything a stretch."""
    from opportunities.models import SupplierProfile
    from opportunities.recommend import recommendations

    settings.BASE_DIR = tmp_path
    call_command("demo_data", password="demo-password-1", stdout=StringIO())
    profile = SupplierProfile.objects.get(
        organisation__name="Digbeth Care Co-operative CIC", organisation__is_sample=True
    )
    fitting = recommendations(profile).fitting
    assert fitting, "nothing recommended"
    best_process, best = fitting[0]
    assert any("lot" in reason and "capacity" in reason for reason in best.reasons), best.reasons
    assert "Home care and reablement" in best_process.title
