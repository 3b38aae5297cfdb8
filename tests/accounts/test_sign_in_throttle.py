"""Sign-in throttling against attackers (decision 0013): what is counted, who is refused, for how
long. The clock is moved with time-machine, never slept on."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import PASSWORD

WRONG = "not-the-password"
ATTACKER = "203.0.113.9"
OWNER = "198.51.100.7"
PROXY = "10.0.0.1"
START = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password=WRONG, **meta):
    meta.setdefault("REMOTE_ADDR", ATTACKER)
    return client.post(
        reverse("accounts:sign_in"), {"username": username, "password": password}, **meta
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, times, username="buyer@example.org", **meta):
    return [sign_in(client, username, **meta).status_code for _ in range(times)]


def test_case_and_space_variants_count_as_one_account(client, world, settings, clock):
    variants = [
        "BUYER@example.org",
        "Buyer@Example.org",
        " buyer@example.org",
        "buyer@EXAMPLE.ORG ",
        "\u00a0bUYER@example.org",
        "\uff42uyer@example.org",  # full-width b
    ]
    statuses = [sign_in(client, variant).status_code for variant in variants]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert statuses[settings.AXES_FAILURE_LIMIT - 1 :] == [429, 429]


def test_the_right_password_during_a_pause_does_not_sign_in(client, world, settings, clock):
    fail(client, settings.AXES_FAILURE_LIMIT)
    response = sign_in(client, "BUYER@Example.org", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert not signed_in(client)


def test_the_pause_page_says_when_to_try_again(client, world, settings, clock):
    settings.TIME_ZONE = "UTC"
    statuses = fail(client, settings.AXES_FAILURE_LIMIT)
    assert statuses[-1] == 429
    clock.shift(timedelta(seconds=20))
    response = sign_in(client, "buyer@example.org", PASSWORD)
    html = response.content.decode()
    assert response["Retry-After"] == "40"
    assert "You can try again at <strong>12:01 p.m.</strong>" in html
    assert "(in 1 minute)" in html


def test_the_owner_elsewhere_is_not_kept_out_by_an_attacker(client, world, settings, clock):
    fail(client, 3 * settings.AXES_FAILURE_LIMIT)
    sign_in(client, "buyer@example.org", PASSWORD, REMOTE_ADDR=OWNER)
    assert signed_in(client)


def test_behind_a_proxy_the_owner_is_not_kept_out_by_an_attacker(client, world, settings, clock):
    settings.TRUSTED_PROXY_COUNT = 1
    fail(client, 3 * settings.AXES_FAILURE_LIMIT, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=ATTACKER)
    sign_in(client, "buyer@example.org", PASSWORD, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=OWNER)
    assert signed_in(client)


def test_without_the_proxy_setting_a_forged_header_gives_no_fresh_guesses(
    client, world, settings, clock
):
    settings.TRUSTED_PROXY_COUNT = 0
    statuses = [
        sign_in(client, "buyer@example.org", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses[-2:] == [429, 429]


def test_with_the_proxy_setting_only_the_proxys_entry_is_believed(client, world, settings, clock):
    settings.TRUSTED_PROXY_COUNT = 1
    # The attacker writes a new address in front each time; the proxy appends the real one.
    statuses = [
        sign_in(
            client,
            "buyer@example.org",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        ).status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert statuses[-2:] == [429, 429]


def test_the_pause_grows_with_each_failure_after_it(client, world, settings, clock):
    first = timedelta(minutes=settings.SIGN_IN_FIRST_DELAY_MINUTES)
    fail(client, settings.AXES_FAILURE_LIMIT)
    # Attempts refused during a pause are not counted and do not lengthen it.
    clock.shift(first - timedelta(seconds=1))
    assert fail(client, 1) == [429]
    clock.shift(timedelta(seconds=2))
    # One more try, wrong again: the next pause is twice as long.
    response = sign_in(client, "buyer@example.org")
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(2 * first.total_seconds()))
    clock.shift(2 * first - timedelta(seconds=1))
    assert fail(client, 1) == [429]
    clock.shift(timedelta(seconds=2))
    assert sign_in(client, "buyer@example.org").status_code == 429  # and now 4 minutes
    clock.shift(4 * first + timedelta(seconds=1))
    sign_in(client, "buyer@example.org", PASSWORD)
    assert signed_in(client)


def test_the_pause_stops_growing_at_the_longest(client, world, settings, clock):
    settings.SIGN_IN_LONGEST_DELAY_MINUTES = 3
    fail(client, settings.AXES_FAILURE_LIMIT)
    for _ in range(4):  # 1 -> 2 -> 3 -> 3 minutes
        clock.shift(timedelta(minutes=3, seconds=1))
        response = sign_in(client, "buyer@example.org")
    assert response["Retry-After"] == "180"


def test_signing_in_clears_the_count(client, world, settings, clock):
    fail(client, settings.AXES_FAILURE_LIMIT - 1)
    sign_in(client, "buyer@example.org", PASSWORD)
    assert signed_in(client)
    client.post(reverse("accounts:sign_out"), REMOTE_ADDR=ATTACKER)
    assert fail(client, settings.AXES_FAILURE_LIMIT - 1) == [200] * (
        settings.AXES_FAILURE_LIMIT - 1
    )


def test_one_address_trying_many_accounts_is_paused_without_locking_them(
    client, world, settings, clock
):
    settings.SIGN_IN_ADDRESS_FAILURE_LIMIT = 4
    for name in ["supplier", "registered", "other-buyer", "anchor-admin"]:
        sign_in(client, f"{name}@example.org")
    # The fifth account, first try, from the same address: refused even with the right password.
    assert sign_in(client, "buyer@example.org", PASSWORD).status_code == 429
    assert not signed_in(client)
    # The accounts themselves are not locked for anyone else.
    sign_in(client, "supplier@example.org", PASSWORD, REMOTE_ADDR=OWNER)
    assert signed_in(client)


def test_the_admin_sign_in_cannot_bypass_the_throttle(client, world, settings, clock):
    # The admin has no sign-in form of its own: it sends everyone to the one sign-in page.
    response = client.post(
        reverse("admin:login"),
        {"username": "coordinator@example.org", "password": PASSWORD},
        REMOTE_ADDR=ATTACKER,
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))
    assert not signed_in(client)
    fail(client, settings.AXES_FAILURE_LIMIT, username="COORDINATOR@example.org")
    assert sign_in(client, "Coordinator@example.org", PASSWORD).status_code == 429
    response = client.get(reverse("admin:index"), REMOTE_ADDR=ATTACKER)
    assert response.status_code == 302 and not signed_in(client)
    # The coordinator, elsewhere, still reaches the admin.
    sign_in(client, "coordinator@example.org", PASSWORD, REMOTE_ADDR=OWNER)
    assert client.get(reverse("admin:index"), REMOTE_ADDR=OWNER).status_code == 200
