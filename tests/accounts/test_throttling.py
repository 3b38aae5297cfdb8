"""The sign-in throttle's rules (accounts/throttling.py) and the one email normalisation: no database."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.emails import normalise_email
from accounts.throttling import Schedule, client_address

SCHEDULE = Schedule(limit=5, first_delay=timedelta(minutes=1), longest_delay=timedelta(hours=1))
NOON = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "spelling",
    [
        "victim@example.org",
        "VICTIM@example.org",
        "Victim@Example.ORG",
        " victim@example.org",
        "victim@example.org\t",
        "\u00a0victim@example.org",  # no-break space
        "\uff56ictim@example.org",  # full-width v
    ],
)
def test_every_spelling_of_an_address_is_one_account(spelling):
    assert normalise_email(spelling) == "victim@example.org"


def test_no_delay_before_the_limit():
    assert [SCHEDULE.delay(failures) for failures in range(5)] == [None] * 5
    assert SCHEDULE.refused_until(4, NOON) is None


def test_the_delay_doubles_with_each_failure_after_the_limit_up_to_the_longest():
    minutes = [SCHEDULE.delay(failures) / timedelta(minutes=1) for failures in range(5, 13)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_huge_count_gives_the_longest_delay_without_overflow():
    assert SCHEDULE.delay(10**9) == timedelta(hours=1)


def test_refused_until_counts_from_the_latest_failure():
    assert SCHEDULE.refused_until(6, NOON) == NOON + timedelta(minutes=2)


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_address("198.51.100.7", "203.0.113.9", 0) == "198.51.100.7"


def test_behind_one_proxy_the_address_it_appended_is_the_client():
    # The client wrote "1.2.3.4" itself; the proxy appended the address it saw.
    assert client_address("10.0.0.1", "1.2.3.4, 203.0.113.9", 1) == "203.0.113.9"


def test_behind_two_proxies_the_outer_ones_entry_is_the_client():
    assert client_address("10.0.0.2", "1.2.3.4, 203.0.113.9, 10.0.0.1", 2) == "203.0.113.9"


@pytest.mark.parametrize("header", ["", "203.0.113.9", "not-an-address, 10.0.0.1"])
def test_a_header_too_short_or_not_an_address_falls_back_to_the_connection(header):
    assert client_address("10.0.0.2", header, 2) == "10.0.0.2"


def test_ipv6_clients_are_counted_by_their_64_network():
    first = client_address("2001:db8:1:2:aaaa::1", "", 0)
    second = client_address("2001:db8:1:2:bbbb::2", "", 0)
    assert first == second == "2001:db8:1:2::"
    assert client_address("2001:db8:1:3::1", "", 0) != first


def test_ipv4_mapped_ipv6_is_the_ipv4_address():
    assert client_address("::ffff:203.0.113.9", "", 0) == "203.0.113.9"
