"""Links to a notice's page on the official services (Find a Tender, Contracts Finder), and only
there. Pure."""

from __future__ import annotations

import re
import urllib.parse

from opportunities.ocds_values import (
    as_str,
    documents_of,
)
from opportunities.ocid_prefixes import CF_PREFIX, FTS_PREFIX

# The official notice services (RULES.md section 4): the "official notice" link may point only at
# these, by exact host over https, so that a notice's documents cannot send readers elsewhere.
OFFICIAL_NOTICE_HOSTS = frozenset(
    {"www.find-tender.service.gov.uk", "www.contractsfinder.service.gov.uk"}
)


# A space of any kind (str.isspace and the pattern's \s agree), a backslash or a control character.
UNSAFE_IN_URL = re.compile(r"[\s\\\x00-\x1f]")


def official_notice_url(url) -> str:
    """`url` if it is an https address on an official notice service, else "". Parsed, not matched
    as text: no user part, no port, no look-alike host, nothing a browser would read otherwise."""
    if not isinstance(url, str) or UNSAFE_IN_URL.search(url):
        return ""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError:
        return ""
    official = (
        parts.scheme == "https"
        and host in OFFICIAL_NOTICE_HOSTS
        and parts.netloc.lower() == host  # no user, password or port around the host
    )
    return url if official else ""


FTS_NOTICE_ID = re.compile(r"^\d{6}-\d{4}$")


CF_NOTICE_ID = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-\d+)?$"
)


def notice_url(release: dict) -> str:
    """The notice's page on the official service: as its documents link it, else made from the
    release id as the service names its pages (Find a Tender `/Notice/075962-2026`; Contracts Finder
    `/Notice/<notice GUID>`, the release id's first part). Notices under the 2015 Regulations on
    Find a Tender publish no link to themselves."""
    for document in documents_of(release):
        if url := official_notice_url(document.get("url")):
            return url
    ocid, release_id = as_str(release.get("ocid")), as_str(release.get("id"))
    if ocid.startswith(FTS_PREFIX) and FTS_NOTICE_ID.match(release_id):
        return f"https://www.find-tender.service.gov.uk/Notice/{release_id}"
    if ocid.startswith(CF_PREFIX) and (found := CF_NOTICE_ID.match(release_id.lower())):
        return f"https://www.contractsfinder.service.gov.uk/Notice/{found.group(1)}"
    return ""
