"""Sign-in throttling rules: pure functions over counts, times and request headers (decision 0013).

The database side (counting failures, refusing attempts, the lockout page) is `accounts/lockout.py`.
"""

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Schedule:
    """After `limit` failures, refuse attempts for `first_delay`; each failure after a refusal ends
    doubles the delay, up to `longest_delay`."""

    limit: int
    first_delay: timedelta
    longest_delay: timedelta

    def delay(self, failures: int) -> timedelta | None:
        """How long attempts are refused after the latest of `failures` failures (None: not at all)."""
        if failures < self.limit:
            return None
        doublings = failures - self.limit
        # Past this many doublings every delay is the longest; stop before the number gets huge.
        if doublings >= 64 or self.first_delay * 2**doublings >= self.longest_delay:
            return self.longest_delay
        return self.first_delay * 2**doublings

    def refused_until(self, failures: int, last_failure: datetime | None) -> datetime | None:
        """When attempts may start again, given the failures counted and the time of the latest."""
        delay = self.delay(failures)
        if delay is None or last_failure is None:
            return None
        return last_failure + delay


def _address(value: str) -> str | None:
    """A client address as stored and counted: IPv4 as is; IPv6 as its /64 network, because one
    household or server is given a whole /64 and could otherwise use a new address for every try."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False).network_address)
    return str(address)


def client_address(remote_addr: str, forwarded_for: str, trusted_proxies: int) -> str | None:
    """The address of the client, for counting failed sign-ins.

    With no trusted proxy, the address the connection came from (REMOTE_ADDR): X-Forwarded-For is
    written by the client and anyone can put anything in it. Behind `trusted_proxies` proxies,
    each of which appends the address it received the request from, the client is the one the
    outermost trusted proxy appended: the `trusted_proxies`-th entry from the right. Entries
    further left came from the client and are ignored. A header too short or not an address means
    the request did not come the expected way; then the connection's address is used.
    """
    if trusted_proxies > 0:
        hops = [hop for hop in forwarded_for.split(",") if hop.strip()]
        if len(hops) >= trusted_proxies:
            address = _address(hops[-trusted_proxies])
            if address is not None:
                return address
    return _address(remote_addr)
