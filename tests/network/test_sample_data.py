"""The demonstration data set (network/sample_data.py): real anchor bodies, generated people and
suppliers, reachable only at a reserved domain and a drama phone range, each name and slug unique
so that loading it twice changes nothing. Pure: no database."""

import re

import pytest
from django.utils.text import slugify

from network import sample_data
from network.models import ANCHOR_KINDS, SUPPLIER_KINDS, SizeBand
from network.taxonomy import load_sectors
from reference.postcodes import normalise_postcode

SEEDS = [sample_data.SEED, 1, 2, 99]
SECTORS = {sector["slug"] for sector in load_sectors()}


@pytest.fixture(scope="module", params=SEEDS)
def data(request):
    return sample_data.generate(request.param)


def strings(value):
    """Every string in a nested structure of dicts and lists."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings(item)


def test_the_set_is_the_same_for_a_seed_and_the_default_seed_is_fixed():
    assert sample_data.generate() == sample_data.generate(sample_data.SEED)
    assert sample_data.generate(7) == sample_data.generate(7)
    # the seed chooses the people, never the bodies
    one, two = sample_data.generate(1), sample_data.generate(2)
    assert one["anchors"] == two["anchors"]
    assert [s["name"] for s in one["suppliers"]] == [s["name"] for s in two["suppliers"]]
    assert [c["name"] for c in one["champions"]] != [c["name"] for c in two["champions"]]


def test_what_a_set_holds(data):
    assert set(data) == {"anchors", "champions", "suppliers"}
    assert len(data["anchors"]) == len(sample_data.ANCHORS)
    assert len(data["suppliers"]) == 2 * len(sample_data.SUPPLIER_TRADES)


def test_no_real_inbox_anywhere(data):
    assert sample_data.EMAIL_DOMAIN.endswith(".example")  # reserved by RFC 2606
    addresses = [text for text in strings(data) if "@" in text]
    assert addresses, "the champions have addresses"
    assert all(text.endswith(f"@{sample_data.EMAIL_DOMAIN}") for text in addresses)
    assert all(re.fullmatch(r"[a-z]+@anchorhub\.example", text) for text in addresses)


def test_champions_phones_are_in_ofcoms_drama_range(data):
    for champion in data["champions"]:
        # 0121 496 0000 to 0999 is set aside by Ofcom for drama: never a real line
        assert re.fullmatch(r"0121 496 0[0-9]{3}", champion["phone"]), champion["phone"]


def test_people_are_made_from_the_lists_of_sample_names_and_unique(data):
    names = [champion["name"] for champion in data["champions"]]
    assert len(names) == len(set(names))
    for name in names:
        first, last = name.split(" ")
        assert first in sample_data.FIRST_NAMES and last in sample_data.LAST_NAMES
    emails = [champion["email"] for champion in data["champions"]]
    assert len(emails) == len(set(emails))
    for champion in data["champions"]:
        local = champion["name"].lower().replace(" ", "")
        assert champion["email"] == f"{local}@{sample_data.EMAIL_DOMAIN}"


def test_each_anchor_has_one_or_two_champions_who_work_in_its_sectors(data):
    anchors = {anchor["name"]: anchor for anchor in data["anchors"]}
    counts = dict.fromkeys(anchors, 0)
    for champion in data["champions"]:
        anchor = anchors[champion["organisation"]]
        counts[champion["organisation"]] += 1
        assert champion["sectors"] and set(champion["sectors"]) <= set(anchor["sectors"])
        assert champion["job_title"] in sample_data.CHAMPION_TITLES
        assert champion["about"].endswith(", ".join(champion["sectors"]).replace("-", " ") + ".")
    assert set(counts.values()) <= {1, 2}


def test_a_healthcare_anchors_first_champion_covers_healthcare(data):
    first = {}
    for champion in data["champions"]:
        first.setdefault(champion["organisation"], champion)
    for anchor in data["anchors"]:
        if "healthcare" in anchor["sectors"]:
            assert "healthcare" in first[anchor["name"]]["sectors"], anchor["name"]


def test_organisation_names_and_slugs_are_unique(data):
    # The loader keys organisations by name, and their pages by slug.
    names = [row["name"] for row in data["anchors"] + data["suppliers"]]
    assert len(names) == len(set(names))
    slugs = [slugify(name) for name in names]
    assert len(slugs) == len(set(slugs))
    assert all(slugs)


def test_anchors_are_network_members_of_anchor_kinds_in_known_sectors(data):
    for anchor in data["anchors"]:
        assert anchor["is_network_member"] is True
        assert anchor["kind"] in ANCHOR_KINDS
        assert anchor["sectors"] and set(anchor["sectors"]) <= SECTORS
        assert normalise_postcode(anchor["registered_postcode"]) == anchor["registered_postcode"]
        assert anchor["description"].endswith(".")


def test_suppliers_are_consistent_with_their_kind(data):
    suffixes = {"company": " Ltd", "cic": " CIC", "partnership": " LLP"}
    for supplier in data["suppliers"]:
        assert supplier["kind"] in SUPPLIER_KINDS
        assert supplier["is_vcse"] == (supplier["kind"] in {"cic", "charity"})
        if supplier["kind"] in suffixes:
            assert supplier["name"].endswith(suffixes[supplier["kind"]])
        else:
            assert not supplier["name"].endswith(tuple(suffixes.values()))
        assert supplier["size_band"] in set(SizeBand.values) - {""}
        assert set(supplier["sectors"]) <= SECTORS
        assert supplier["registered_postcode"] in sample_data.SUPPLIER_POSTCODES
        assert "is_network_member" not in supplier  # only anchors are members


def test_every_third_supplier_has_a_workshop_elsewhere(data):
    for i, supplier in enumerate(data["suppliers"]):
        if i % 3:
            assert supplier["sites"] == []
        else:
            (site,) = supplier["sites"]
            assert site["name"] == "Workshop"
            assert site["postcode"] in sample_data.SUPPLIER_POSTCODES
            assert site["postcode"] != supplier["registered_postcode"]


def test_postcodes_are_written_normally():
    for postcode in sample_data.SUPPLIER_POSTCODES:
        assert normalise_postcode(postcode) == postcode


def test_demo_accounts_belong_to_organisations_of_the_set(data):
    names = {row["name"] for row in data["anchors"]} | {row["name"] for row in data["suppliers"]}
    anchors = {row["name"] for row in data["anchors"]}
    locals_ = [local for local, *_ in sample_data.DEMO_ACCOUNTS]
    assert len(locals_) == len(set(locals_))
    for local, full_name, organisation, admin, coordinator in sample_data.DEMO_ACCOUNTS:
        assert re.fullmatch(r"[a-z-]+", local)
        assert organisation is None or organisation in names, organisation
        assert not (coordinator and organisation)  # the coordinator belongs to no organisation
        if admin:
            assert organisation is not None
        assert full_name
    roles = {local for local, *_ in sample_data.DEMO_ACCOUNTS}
    assert {"coordinator", "anchor-admin", "buyer", "supplier"} <= roles
    supplier_org = next(o for local, _, o, *_ in sample_data.DEMO_ACCOUNTS if local == "supplier")
    assert supplier_org not in anchors
