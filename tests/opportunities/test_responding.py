"""responding.py: how a supplier responds to a notice and what happened once it ended. First on the
real Find a Tender day (../shared/data, read in place; contact points are asserted on their
structure, no officer's name, email or phone is written here), then branch by branch on small
compiled releases written here. No database."""

from datetime import UTC, datetime, timedelta

import ocdsmerge
import pytest

from opportunities.responding import (
    Contact,
    Criterion,
    _amount,
    _contact,
    _fee,
    changes_of,
    endings_of,
    identifiers_text,
    notice_label,
    outside_link,
    place_words,
    response_of,
    time_left,
)
from tests.opportunities.conftest import document_types

# --- The real day ---------------------------------------------------------------------------------


def test_how_to_respond_on_a_real_tender_notice(fts_releases, ocds_schema):
    release = fts_releases["075962-2026"]
    compiled = ocdsmerge.Merger(ocds_schema).create_compiled_release([release])
    response = response_of(compiled)
    assert response.submission_details == release["tender"]["submissionMethodDetails"]
    assert response.submission_link == f"https://{release['tender']['submissionMethodDetails']}"
    assert response.electronic_submission == "Tenders may be sent electronically"
    assert response.award_criteria and response.award_criteria[0].lot == "1"
    assert response.selection  # the lot's restriction to local suppliers
    assert response.contact is not None and "@" in response.contact.email
    assert response.says_how


def test_how_to_respond_on_every_tender_notice(fts_releases, ocds_schema):
    merger = ocdsmerge.Merger(ocds_schema)
    for release in fts_releases.values():
        if "UK4" in document_types(release):
            response = response_of(merger.create_compiled_release([release]))
            assert response.says_how, release["id"]


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("www.the-chest.org.uk", "https://www.the-chest.org.uk"),
        ("https://example.org/tenders?id=1", "https://example.org/tenders?id=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("someone@example.org", ""),
        ("see the tender documents", ""),
        ("https://user:pw@example.org", ""),
        ("ftp://example.org", ""),
        ("", ""),
        (None, ""),
        ('https://example.org/"onmouseover=x', ""),
    ],
)
def test_outside_links(url, link):
    assert outside_link(url) == link


def test_time_left():
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 8, 11, 9, tzinfo=UTC)
    assert time_left(now + timedelta(days=13, hours=3), now) == "13 days left"
    assert time_left(now + timedelta(hours=5), now) == "5 hours left"
    assert time_left(now - timedelta(days=2, hours=1), now) == "closed 2 days ago"
    assert time_left(None, now) == ""


def test_reservation_by_location_is_put_into_words(fts_releases):
    """Four of the five real reservations by location publish only a gazetteer (description null)."""
    from opportunities.responding import place_words

    found = {
        r["ocid"]: response_of(r).reserved_location
        for r in fts_releases.values()
        if ((r.get("tender") or {}).get("otherRequirements") or {}).get(
            "reservedParticipationLocation"
        )
    }
    assert (
        found["ocds-h6vhtk-06e0b1"] == "the United Kingdom"
    )  # gazetteer K02000001, no description
    assert found["ocds-h6vhtk-06e0a3"] == "Havering"  # the published description wins
    assert all(found.values())
    unknown = {"gazetteer": {"scheme": "GB-ONS", "identifiers": ["E99999999"]}}
    assert place_words(unknown) == "the area with GB-ONS E99999999"
    council = {"gazetteer": {"scheme": "GB-ONS", "identifiers": ["E08000030", "E92000001"]}}
    assert place_words(council) == "Walsall or England"  # names from the place register


def test_contract_changes_and_endings_are_read(fts_releases):
    from opportunities.responding import changes_of, endings_of

    (change,) = changes_of(fts_releases["075600-2026"])  # UK10
    assert change.date.date().isoformat() == "2026-07-28"
    assert change.rationale.startswith("Following the tender award")
    assert change.reasons == [
        "The contract was transferred to another supplier after a corporate restructuring"
    ]
    (ending,) = endings_of(fts_releases["075918-2026"])  # UK11, checked by hand in the JSON
    assert ending.end.date().isoformat() == "2026-06-30"
    assert (ending.final_value, ending.final_value_gross) == (78497, 94196.4)
    assert ending.reasons == ["The contract was completed"]
    (agreed,) = endings_of(fts_releases["075768-2026"])
    assert agreed.reasons == ["The buyer and the supplier agreed to end it"] and agreed.details
    assert endings_of(fts_releases["075600-2026"]) == []


# --- Written here ---------------------------------------------------------------------------------


def test_a_tender_written_here_in_words():
    compiled = {
        "tender": {
            "submissionMethod": ["electronicSubmission", "pigeon", ""],
            "submissionMethodDetails": "https://tenders.example.org/t/1",
            "submissionTerms": {
                "electronicSubmissionPolicy": "required",
                "languages": ["en", "cy", "fr"],
                "bidValidityPeriod": {"durationInDays": 90},
            },
            "expressionOfInterestDeadline": "2026-09-01T12:00:00+01:00",
            "secondStage": {"invitationDate": "2026-09-15"},
            "bidOpening": {"date": "2026-10-01T10:00:00Z"},
            "communication": {"atypicalToolUrl": "javascript:alert(1)"},
            "participationFees": [{"type": ["win"], "relativeValue": {"proportion": 0.015}}],
            "otherRequirements": {
                "reservedParticipation": ["smeVcse", "mystery", ""],
                "reservedParticipationLocation": {"description": "Walsall"},
            },
            "contractTerms": {
                "financialTerms": "Paid monthly",
                "otherTerms": "",
                "hasElectronicPayment": True,
            },
            "selectionCriteria": {
                "criteria": [{"type": "economic", "description": "Turnover", "minimum": "£1m"}]
            },
            "awardCriteria": {"description": "Price 40%, quality 60%"},
            "lots": [
                {
                    "id": "L1",
                    "selectionCriteria": {
                        "criteria": [
                            {"type": "technical", "minimum": "Two references"},
                            {"type": "technical", "description": "ISO 9001", "minimum": "ISO 9001"},
                            {"type": "technical"},
                        ]
                    },
                    "awardCriteria": {"description": "Quality only"},
                },
                {"id": "L2"},
            ],
        }
    }
    response = response_of(compiled)
    methods = response.submission_methods
    assert len(methods) == 2 and methods[0] != "electronicSubmission"  # in words
    assert methods[1] == "pigeon"  # not a code of the data file: as published
    assert response.submission_link == "https://tenders.example.org/t/1"
    assert response.electronic_submission and response.electronic_submission != "required"
    assert response.languages == ["English", "Welsh", "fr"]
    assert response.bid_validity_days == 90
    assert response.expression_of_interest_deadline == datetime(2026, 9, 1, 11, tzinfo=UTC)
    assert response.second_stage_invitation == datetime(2026, 9, 15, tzinfo=UTC)
    assert response.bid_opening == datetime(2026, 10, 1, 10, tzinfo=UTC)
    assert response.tool_link == ""  # not a link a page may show
    assert response.fees[0].endswith(" of 1.5% of the contract's value")
    assert response.reserved[1:] == ["mystery"] and response.reserved[0] != "smeVcse"
    assert response.reserved_location == "Walsall"
    assert response.contract_terms == ["Paid monthly"]
    assert response.selection == [
        Criterion("economic", "Turnover (minimum: £1m)", ""),
        Criterion("technical", "Two references", "L1"),
        Criterion("technical", "ISO 9001", "L1"),
    ]
    assert response.award_criteria == [
        Criterion("award", "Price 40%, quality 60%", ""),
        Criterion("award", "Quality only", "L1"),
    ]
    assert response.contact is None  # no parties
    assert response.says_how


@pytest.mark.parametrize("days", [0, -5, 10_000, True, "90", 90.5])
def test_bid_validity_that_is_not_a_number_of_days_is_left_out(days):
    compiled = {"tender": {"submissionTerms": {"bidValidityPeriod": {"durationInDays": days}}}}
    assert response_of(compiled).bid_validity_days is None


def test_an_empty_notice_says_nothing_of_how():
    response = response_of({})
    assert not response.says_how
    assert (response.submission_methods, response.fees, response.selection) == ([], [], [])
    assert response.electronic_submission == "" and response.contact is None
    assert response_of(
        {"tender": {"communication": {"atypicalToolUrl": "www.bravo.example.org"}}}
    ).says_how


def test_fees_in_words():
    assert _fee({}) == "A fee"
    assert _fee({"description": "Paid by the winner"}) == "A fee: Paid by the winner"
    for share in (0, 1, 1.5, True, "0.1"):
        assert _fee({"relativeValue": {"proportion": share}}) == "A fee", share
    assert _fee({"relativeValue": {"proportion": 0.25}}) == "A fee of 25% of the contract's value"
    unknown = _fee({"type": ["someType", "otherType"]})
    assert unknown == "SomeType and otherType"  # codes not in the data file, as published


def _party(roles, **extra):
    return {"id": extra.pop("id", "P1"), "name": "Walsall Council", "roles": roles, **extra}


def test_contact_is_the_process_contact_point_else_the_buyer():
    point = {"email": "tenders@example.org", "url": "www.example.org"}
    compiled = {
        "buyer": {"id": "B"},
        "parties": [
            _party(["buyer"], id="B", contactPoint={"telephone": "0121 000 0000"}),
            _party(
                ["processContactPoint"],
                id="C",
                contactPoint=point,
                address={"streetAddress": "Civic Centre", "locality": "", "postalCode": "WS1 1TP"},
            ),
            "not a party",
        ],
    }
    assert _contact(compiled) == Contact(
        organisation="Walsall Council",
        email="tenders@example.org",
        url="https://www.example.org",
        address="Civic Centre, WS1 1TP",
    )
    compiled["parties"] = compiled["parties"][:1]
    assert _contact(compiled).telephone == "0121 000 0000"  # the buyer's
    details = _party(["buyer"], id="B", details={"url": "https://council.example.org"})
    assert _contact({"parties": [details]}).url == "https://council.example.org"


def test_no_contact_without_a_way_to_reach_anyone():
    assert _contact({}) is None
    assert _contact({"parties": [_party(["buyer"], address={"locality": "Walsall"})]}) is None
    assert (
        _contact({"parties": [_party(["supplier"], contactPoint={"email": "x@example.org"})]})
        is None
    )


def test_place_words_without_codes_or_with_a_scheme_missing():
    assert place_words({}) == ""
    assert place_words({"gazetteer": {"identifiers": ["X1", ""]}}) == "the area with code X1"
    assert place_words({"gazetteer": {"identifiers": ["k02000001"]}}) == "the United Kingdom"


def _contract(**fields):
    return {"id": "C1", **fields}


def test_changes_oldest_first_undated_last_and_empty_ones_left_out():
    compiled = {
        "contracts": [
            _contract(
                title="Cleaning",
                amendments=[
                    {"rationale": "Later", "date": "2026-05-01T00:00:00Z"},
                    {"description": "Undated"},
                    {"date": "2026-01-01T00:00:00Z"},  # says nothing: left out
                    {"rationale": "Earlier", "date": "2026-02-01T00:00:00Z"},
                ],
            ),
            _contract(
                id="C2",
                amendments=[{"rationaleClassifications": [{"id": "someReason"}, {"id": ""}]}],
            ),
            "not a contract",
        ]
    }
    changes = changes_of(compiled)
    assert [(c.contract, c.rationale or c.description or c.reasons[0]) for c in changes] == [
        ("Cleaning", "Earlier"),
        ("Cleaning", "Later"),
        ("Cleaning", "Undated"),
        ("C2", "someReason"),  # no title: the id; a reason not in the data file, as published
    ]
    assert changes_of({}) == []


def test_endings_terminated_or_with_a_reason():
    compiled = {
        "contracts": [
            _contract(status="active"),  # neither: not ended
            _contract(
                id="C2",
                status="terminated",
                statusDetails="Ended early",
                implementation={
                    "endDate": "2026-06-30T00:00:00Z",
                    "finalValue": {"amount": 1e15, "amountGross": -1},
                },
            ),
            _contract(
                id="C3",
                title="Meals",
                status="active",
                terminationRationaleClassifications=[{"id": "someReason"}],
                implementation={"finalValue": {"amount": 120, "amountGross": 144.5}},
            ),
        ]
    }
    terminated, reasoned = endings_of(compiled)
    assert (terminated.contract, terminated.details, terminated.reasons) == (
        "C2",
        "Ended early",
        [],
    )
    assert terminated.end == datetime(2026, 6, 30, tzinfo=UTC)
    assert (terminated.final_value, terminated.final_value_gross) == (None, None)
    assert (reasoned.contract, reasoned.reasons, reasoned.end) == ("Meals", ["someReason"], None)
    assert (reasoned.final_value, reasoned.final_value_gross) == (120.0, 144.5)


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        (0, 0.0),
        (12, 12.0),
        (1e15 - 1, 1e15 - 1),
        (1e15, None),
        (-1, None),
        (True, None),
        ("5", None),
    ],
)
def test_amounts_shown(value, amount):
    assert _amount(value) == amount


def test_time_left_in_the_singular_and_on_the_day():
    now = datetime(2026, 8, 11, 9, tzinfo=UTC)
    assert time_left(now + timedelta(days=1, hours=2), now) == "1 day left"
    assert time_left(now + timedelta(hours=1, minutes=30), now) == "1 hour left"
    assert time_left(now + timedelta(minutes=10), now) == "1 hour left"  # never "0 hours"
    assert time_left(now, now) == "1 hour left"
    assert time_left(now - timedelta(hours=3), now) == "closed today"
    assert time_left(now - timedelta(days=1, hours=1), now) == "closed 1 day ago"


def test_notice_labels_and_identifiers_in_words():
    assert notice_label("UK4") == "Tender notice (UK4)"
    assert notice_label("Award update") == "Award update"
    identifiers = [
        {"scheme": "GB-COH", "id": "01234567"},
        {"scheme": "GB-CHC", "id": "123456"},
        {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"},
    ]
    assert identifiers_text(identifiers) == "PPON PABC-1234-DEFG, Companies House 01234567"
    assert identifiers_text(identifiers[1:2]) == ""
    assert identifiers_text([]) == ""
