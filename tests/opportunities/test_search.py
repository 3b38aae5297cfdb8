"""Search: ranking, every filter, on SQLite and PostgreSQL alike, through the function the view uses."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from opportunities.loading import Loader
from opportunities.models import Process, Release
from opportunities.search import search
from opportunities.search_request import OpportunitySearch
from tests.opportunities.conftest import package, release

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ocds_schema")]
NOW = timezone.now()


def iso(delta_days):
    return (NOW + timedelta(days=delta_days)).isoformat()


def tender(
    ocid,
    title,
    *,
    days_left=20,
    value=None,
    cpv="72000000",
    description="",
    buyer="Home Council",
    lots=(),
    sme=None,
    tag="tender",
    status="active",
    procedure="open",
    region="West Midlands",
    **extra,
):
    data = {
        "id": f"{ocid}-t",
        "title": title,
        "description": description,
        "status": status,
        "classification": {"scheme": "CPV", "id": cpv},
        "procurementMethod": procedure,
        "tenderPeriod": {"startDate": iso(-10), "endDate": iso(days_left)},
        "items": [{"id": "1", "deliveryAddresses": [{"region": region}]}],
    }
    if value is not None:
        data["value"] = {"amount": value, "currency": "GBP"}
    if lots:
        data["lots"] = [{"id": str(n), "title": t} for n, t in enumerate(lots, start=1)]
    if sme is not None:
        data["suitability"] = {"sme": sme}
    data.update(extra)
    return release(
        ocid=ocid,
        release_id=f"{ocid}-1",
        date=iso(-10),
        tag=[tag],
        buyer={"id": "b", "name": buyer},
        parties=[{"id": "b", "name": buyer, "roles": ["buyer"]}],
        tender=data,
    )


@pytest.fixture
def notices(world, write):
    releases = [
        tender(
            "ocds-a",
            "Home retrofit programme",
            description="Insulation and heat pumps",
            cpv="45321000",
            value=900_000,
            sme=True,
        ),
        tender(
            "ocds-b",
            "Cleaning services",
            description="Offices; retrofit of nothing",
            cpv="90910000",
            value=50_000,
            days_left=3,
        ),
        tender(
            "ocds-c",
            "Care at home",
            lots=["Retrofit of care homes", "Home care North"],
            cpv="85000000",
            value=2_500_000,
            buyer="Other Trust",
            days_left=30,
        ),
        tender(
            "ocds-d",
            "Software licences",
            cpv="48000000",
            value=20_000,
            days_left=-5,
            region="London",
        ),
        tender(
            "ocds-e",
            "Planned: school meals",
            cpv="55523100",
            tag="planning",
            status="planning",
            procedure="selective",
        ),
        {
            **tender("ocds-f", "Minibus hire", cpv="60000000", value=100_000),
            "awards": [
                {"id": "1", "status": "active", "suppliers": [{"id": "s", "name": "Buses Ltd"}]}
            ],
            "tag": ["award"],
        },
    ]
    world.process.delete()  # only these notices in the index
    Loader().load([(write("n.json", package(*releases)), "n.json")])
    return {p.ocid: p for p in Process.objects.all()}


def ocids(query):
    return [p.ocid for p in search(query, NOW)]


def test_title_outranks_description_outranks_buyer_and_lots(notices):
    assert ocids(OpportunitySearch(text="retrofit")) == ["ocds-a", "ocds-b", "ocds-c"]


def test_any_word_matches_and_more_words_rank_higher(notices):
    found = ocids(OpportunitySearch(text="home care"))
    # "Care at home" has both words in its title; the others only "home" (in a title or the
    # buyer's name, Home Council)
    assert found[0] == "ocds-c" and set(found) == set(notices)
    assert ocids(OpportunitySearch(text="zebra")) == []
    assert ocids(OpportunitySearch(text="zebra minibus")) == ["ocds-f"]
    assert ocids(OpportunitySearch(text="software cleaning"))[:2] in (
        ["ocds-d", "ocds-b"],
        ["ocds-b", "ocds-d"],
    )


def test_a_long_search_is_bounded_to_its_first_words(notices):
    from opportunities.index_queries import MAX_TERMS

    assert ocids(OpportunitySearch(text="minibus " + "zebra " * 500)) == ["ocds-f"]
    assert ocids(OpportunitySearch(text="zebra " * MAX_TERMS + "minibus")) == []


def more(write, *releases):
    Loader().load([(write("more.json", package(*releases)), "more.json")])


def test_the_title_and_the_words_together_rank_first(notices, write):
    more(
        write,
        tender("ocds-g", "Social housing", description="Retrofit of social housing blocks"),
        tender("ocds-h", "Retrofit social housing", description="Walls and lofts"),
        tender("ocds-i", "Housing advice", description="Social care and retrofit, separately"),
    )
    found = ocids(OpportunitySearch(text="retrofit social housing"))
    assert found[:3] == ["ocds-h", "ocds-g", "ocds-i"]


def test_synonyms_find_other_words_and_score_below_the_words_typed(notices, write):
    more(
        write,
        tender("ocds-g", "Domestic abuse refuge", cpv="85312000"),
        tender("ocds-h", "Domestic violence refuge", cpv="85312000"),
    )
    assert ocids(OpportunitySearch(text="domestic abuse"))[:2] == ["ocds-g", "ocds-h"]
    assert ocids(OpportunitySearch(text="domestic violence"))[:2] == ["ocds-h", "ocds-g"]
    assert set(ocids(OpportunitySearch(text="help for victims of violence at home"))) >= {
        "ocds-g",
        "ocds-h",
    }
    # no "energy" or "efficiency" in any notice: the synonyms retrofit and insulation find them
    assert set(ocids(OpportunitySearch(text="energy efficiency"))) == {"ocds-a", "ocds-b", "ocds-c"}
    assert "ocds-b" not in ocids(OpportunitySearch(text="energy efficiency -cleaning"))


def test_a_cpv_description_finds_notices_under_that_code(notices, write):
    from opportunities.index_queries import plain_text_query
    from opportunities.search_index import searcher
    from reference.models import CpvCode

    for code, description in [
        ("90900000", "Cleaning and sanitation services"),
        ("90910000", "Cleaning services"),
        ("90911200", "Building-cleaning services"),
        ("70333000", "Housing services"),
    ]:
        CpvCode.objects.create(code=code, description=description, prefix=code.rstrip("0"), depth=4)
    more(write, tender("ocds-g", "Offices: daily upkeep", cpv="90911200"))
    assert ocids(OpportunitySearch(text="cleaning services"))[:2] == ["ocds-b", "ocds-g"]
    assert searcher().search(plain_text_query("cleaning services")).count == 1  # the baseline
    # no notice says "sanitation": half of "Cleaning and sanitation services" (909...) is enough
    assert set(ocids(OpportunitySearch(text="sanitation"))) == {"ocds-b", "ocds-g"}
    assert searcher().search(plain_text_query("sanitation")).count == 0


def test_status_filters(notices):
    assert set(ocids(OpportunitySearch(statuses=["open"]))) == {"ocds-a", "ocds-b", "ocds-c"}
    assert ocids(OpportunitySearch(statuses=["closing"])) == ["ocds-b"]
    assert ocids(OpportunitySearch(statuses=["closed"])) == ["ocds-d"]
    assert ocids(OpportunitySearch(statuses=["planned"])) == ["ocds-e"]
    assert ocids(OpportunitySearch(statuses=["awarded"])) == ["ocds-f"]
    assert set(ocids(OpportunitySearch(statuses=["planned", "awarded"]))) == {"ocds-e", "ocds-f"}


def test_cpv_parent_includes_children(notices):
    assert ocids(OpportunitySearch(cpv=["45000000"])) == ["ocds-a"]
    assert set(ocids(OpportunitySearch(cpv=["45300000", "48000000"]))) == {"ocds-a", "ocds-d"}
    assert ocids(OpportunitySearch(cpv=["45400000"])) == []


def test_buyer_and_network_anchors(notices, world):
    assert set(ocids(OpportunitySearch(buyer="other trust"))) == {"ocds-c"}
    assert notices["ocds-a"].buyer == world.home  # linked by name to the network organisation
    assert "ocds-c" in ocids(OpportunitySearch(anchors_only=True))
    assert "ocds-c" in ocids(OpportunitySearch(buyer=world.other.slug))


def test_value_location_procedure_sme_threshold_deadline(notices):
    assert ocids(OpportunitySearch(value_band="over-2m")) == ["ocds-c"]
    assert ocids(OpportunitySearch(value_band="30k-100k")) == ["ocds-b"]
    assert ocids(OpportunitySearch(location="london")) == ["ocds-d"]
    assert ocids(OpportunitySearch(procedure="selective")) == ["ocds-e"]
    assert ocids(OpportunitySearch(sme=True)) == ["ocds-a"]
    above = set(ocids(OpportunitySearch(threshold="above")))
    assert "ocds-c" in above and "ocds-d" not in above
    day = (NOW + timedelta(days=3)).date()
    assert ocids(OpportunitySearch(deadline_from=day, deadline_to=day)) == ["ocds-b"]


def test_sorting(notices):
    assert ocids(OpportunitySearch(sort="value"))[:2] == ["ocds-c", "ocds-a"]
    assert ocids(OpportunitySearch(statuses=["open"], sort="deadline")) == [
        "ocds-b",
        "ocds-a",
        "ocds-c",
    ]


def test_notice_type_filter(notices):
    assert ocids(OpportunitySearch(notice_type="Planning")) == ["ocds-e"]


def test_command_and_json(notices):
    out = StringIO()
    call_command("search_opportunities", "retrofit", "--json", stdout=out)
    body = json.loads(out.getvalue())
    assert body["count"] == 3 and body["results"][0]["ocid"] == "ocds-a"
    out = StringIO()
    call_command("search_opportunities", "--status", "planned", stdout=out)
    assert "1 opportunity" in out.getvalue() and "school meals" in out.getvalue()


FILTER_CASES = [
    OpportunitySearch(statuses=["open"]),
    OpportunitySearch(statuses=["closing", "planned"]),
    OpportunitySearch(statuses=["closed"]),
    OpportunitySearch(cpv=["45000000", "85000000"]),
    OpportunitySearch(buyer="other trust"),
    OpportunitySearch(anchors_only=True),
    OpportunitySearch(location="west midlands"),
    OpportunitySearch(value_band="under-30k"),
    OpportunitySearch(value_band="100k-500k"),
    OpportunitySearch(procedure="open", sme=True),
    OpportunitySearch(vcse=True),
    OpportunitySearch(threshold="below"),
    OpportunitySearch(notice_type="Planning"),
    OpportunitySearch(deadline_from=(NOW + timedelta(days=1)).date()),
    OpportunitySearch(deadline_to=(NOW + timedelta(days=25)).date(), statuses=["open"]),
]


@pytest.mark.parametrize("query", FILTER_CASES, ids=lambda q: repr(q)[18:80])
def test_the_index_agrees_with_the_same_filters_in_sql(notices, query):
    from opportunities.search_sql import filtered

    expected = set(filtered(query, NOW).values_list("ocid", flat=True))
    assert set(ocids(query)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lot 1: cleaning",
        "retrofit:",
        '"retrofit',
        "title:retrofit",
        "retrofit (",
        "*** retrofit ~",
        "retrofit AND",
        "OR",
        "-",
        "🙂 retrofit",
        "retrofit " * 300,
    ],
)
def test_odd_text_never_fails_and_still_finds_words(notices, text):
    found = ocids(OpportunitySearch(text=text))
    if "retrofit" in text and "title" not in text:  # "title" is a word here, not a field name
        assert "ocds-a" in found


def test_stemming_stop_words_phrases_and_exclusion(notices):
    assert ocids(OpportunitySearch(text="retrofits"))[0] == "ocds-a"
    assert ocids(OpportunitySearch(text="the cleaning of services")) == ["ocds-b"]
    assert ocids(OpportunitySearch(text='"care homes"')) == ["ocds-c"]
    assert "ocds-b" not in ocids(OpportunitySearch(text="retrofit -cleaning"))
    assert set(ocids(OpportunitySearch(text="minibus OR software"))) == {"ocds-d", "ocds-f"}


def test_counts_and_pages_come_from_the_index(notices):
    from opportunities.search import search_page

    page = search_page(OpportunitySearch(), page=2, per_page=4)
    assert page.paginator.count == 6
    assert len(page.object_list) == 2 and page.number == 2
    results = search(OpportunitySearch(text="retrofit"), NOW)
    assert results.count() == len(results) == 3
    assert results[0].ocid == "ocds-a" and results[0].rank > results[2].rank > 0


def test_index_follows_deletes_buyer_changes_and_rebuilds(notices, world, monkeypatch):
    from opportunities import search_index

    notices["ocds-d"].delete()
    assert "ocds-d" not in ocids(OpportunitySearch())
    world.other.is_network_member = False
    world.other.save()
    assert "ocds-c" not in ocids(OpportunitySearch(anchors_only=True))
    # A row removed behind the index's back is left out of the page, and a rebuild forgets it.
    with monkeypatch.context() as patched:
        patched.setattr(search_index, "remove_processes", lambda ids: None)
        notices["ocds-e"].delete()
    assert "ocds-e" not in ocids(OpportunitySearch())
    out = StringIO()
    call_command("index_opportunities", "--json", stdout=out)
    assert json.loads(out.getvalue())["processes_indexed"] == 4
    assert search(OpportunitySearch(), NOW).count() == 4


def test_updated_after_finds_only_newer_changes(notices):
    a = notices["ocds-a"]
    later = NOW + timedelta(days=1)
    Process.objects.filter(pk=a.pk).update(last_updated=later)
    from opportunities.search_index import index_processes

    index_processes([a.pk])
    assert ocids_since(NOW + timedelta(hours=1)) == ["ocds-a"]
    assert ocids_since(later) == []


def ocids_since(when):
    return [p.ocid for p in search(OpportunitySearch(), NOW, updated_after=when)]


def test_an_unusable_index_folder_gives_a_clear_message(notices, settings, tmp_path):
    from opportunities import search_index

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.SEARCH_INDEX_DIR = blocker / "index"
    search_index.reset_cache()
    with pytest.raises(search_index.SearchIndexError, match="cannot be opened"):
        search(OpportunitySearch(text="retrofit"), NOW)


class CountingSearcher:
    """The index's searcher, recording the offset of every search made through it."""

    def __init__(self, real):
        self.real = real
        self.offsets = []

    def search(self, *args, **kwargs):
        self.offsets.append(kwargs.get("offset", 0))
        return self.real.search(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def counting(monkeypatch):
    from opportunities import search as search_module
    from opportunities.search_index import searcher

    made = []

    def counted():
        made.append(CountingSearcher(searcher()))
        return made[-1]

    monkeypatch.setattr(search_module, "searcher", counted)
    return made


@pytest.mark.parametrize(
    "query",
    [
        OpportunitySearch(),
        OpportunitySearch(text="retrofit OR care OR minibus OR software OR cleaning"),
        OpportunitySearch(sort="deadline"),
        OpportunitySearch(sort="value"),
    ],
)
def test_a_page_and_its_count_take_one_search_of_the_index(notices, counting, query):
    from opportunities.search import search_page

    everything = [p.ocid for p in search(query, NOW)]
    assert len(everything) >= 5
    for number, per_page in ((1, 2), (2, 2), (2, 4), ("x", 3)):  # (2, 4): a short last page
        page = search_page(query, page=number, per_page=per_page, now=NOW)
        first = (page.number - 1) * per_page
        assert [p.ocid for p in page] == everything[first : first + per_page]
        assert page.paginator.count == len(everything)
        assert len(counting[-1].offsets) == 1


def test_a_page_past_the_last_shows_the_last_and_never_searches_that_far(notices, counting):
    from opportunities.search import WINDOW_MAX_OFFSET, search_page

    everything = [p.ocid for p in search(OpportunitySearch(), NOW)]
    for number in (99, 10**15):
        page = search_page(OpportunitySearch(), page=number, per_page=4, now=NOW)
        assert page.number == 2 and [p.ocid for p in page] == everything[4:]
        assert max(counting[-1].offsets) <= WINDOW_MAX_OFFSET


def test_the_index_is_reloaded_only_after_a_commit(notices, monkeypatch):
    import tantivy

    from opportunities import search_index

    class CountingIndex:
        def __init__(self, real):
            self.real = real
            self.reloads = 0

        def reload(self):
            self.reloads += 1
            self.real.reload()

        def __getattr__(self, name):
            return getattr(self.real, name)

    index = CountingIndex(search_index.get_index())
    monkeypatch.setitem(search_index._indexes, search_index.index_dir(), index)
    before = search_index.searcher().num_docs
    index.reloads = 0
    for _ in range(3):
        assert search_index.searcher().num_docs == before
    assert index.reloads == 0
    # Another process (here another handle on the same folder) commits: the next search sees it.
    elsewhere = tantivy.Index(search_index.SCHEMA, path=str(search_index.index_dir()))
    elsewhere.register_tokenizer(search_index.ANALYZER, search_index.english_analyzer())
    writer = elsewhere.writer(heap_size=15_000_000, num_threads=1)
    writer.add_json(search_index.as_json(10**9, {"title": "Written elsewhere", "phase": "tender"}))
    writer.commit()
    writer.wait_merging_threads()
    assert search_index.searcher().num_docs == before + 1
    assert index.reloads == 1


def test_notice_types_are_every_type_in_use_in_order(notices):
    from opportunities.forms import OpportunitySearchForm
    from opportunities.models import Notice

    first = Notice.objects.first()
    for notice_type in ("UK4", "", "UK4", "Award"):
        Notice.objects.create(
            process=first.process,
            release=Release.objects.create(
                ocid=first.process.ocid,
                release_id=f"extra-{Release.objects.count()}",
                date=NOW,
                data={},
                source="test",
                location="",
            ),
            notice_type=notice_type,
            published=NOW,
        )
    distinct = Notice.objects.order_by("notice_type").values_list("notice_type", flat=True)
    expected = list(distinct.distinct())
    assert len(expected) >= 4 and "" in expected
    assert Notice.objects.types() == expected
    choices = OpportunitySearchForm().fields["notice_type"].choices
    stored = [t for t in expected if t and not t.startswith("UK")]
    assert choices[0] == ("", "Any notice type") and [c for c, _ in choices].count("") == 1
    assert [c for c, _ in choices[1:]] == [f"UK{n}" for n in range(1, 18)] + stored
    Notice.objects.all().delete()
    assert Notice.objects.types() == []


def test_an_api_page_and_its_count_take_one_search_of_the_index(notices, counting, client):
    response = client.get("/api/opportunities", {"q": "retrofit"})
    assert response.status_code == 200 and response.json()["count"] == 3
    assert [len(made.offsets) for made in counting] == [1]


def test_the_results_list_marks_sample_notices_and_each_status(notices, client):
    Process.objects.filter(ocid="ocds-a").update(is_sample=True)
    html = client.get("/opportunities/", {"sort": "date"}).content.decode()
    assert html.count("app-sample-tag") == 1
    assert html.count("govuk-tag--green") == 3  # open: a, b and c; d closed, e planned, f awarded
    assert "Closes" in html and "govuk-tag--grey" in html and "govuk-tag--purple" in html
