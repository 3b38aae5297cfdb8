"""anchorhub import_contract_kpis: the real UK9 notices, twice; stored releases; rejects kept."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from jobs.registry import KINDS
from opportunities.models import Release
from socialvalue.models import ContractKpiResult, KpiReject
from tests.conftest import require_data

pytestmark = pytest.mark.django_db
PAGE = ("ocds", "find-a-tender", "2026-08-11", "page-004.json")


def run(*args) -> dict:
    out = io.StringIO()
    call_command("import_contract_kpis", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_real_page_imports_eight_kpi_results_once():
    path = str(require_data(*PAGE))
    first = run(path)
    assert first["releases_read"] == 100 and first["releases_with_metrics"] == 2
    assert first["results_new"] == 8 and first["rejects"] == 0
    again = run(path)
    assert again["results_new"] == 0 and again["results_unchanged"] == 8
    assert ContractKpiResult.objects.count() == 8
    result = ContractKpiResult.objects.get(release_id="076141-2026", metric_id="2")
    assert result.measure == "75%" and result.classification == "slightlyBelow"
    assert result.ocid == "ocds-h6vhtk-04f7de" and result.contract_id == "1"


def test_from_stored_releases(tmp_path):
    package = json.loads(require_data(*PAGE).read_text())
    uk9 = next(r for r in package["releases"] if r["id"] == "076113-2026")
    Release.objects.create(
        ocid=uk9["ocid"],
        release_id=uk9["id"],
        date=uk9["date"],
        data=uk9,
        digest="d",
        source="s",
        location="l",
    )
    Release.objects.create(
        ocid="ocds-none",
        release_id="r",
        date=uk9["date"],
        data={"ocid": "ocds-none", "id": "r", "tender": {}},
        digest="d",
        source="s",
        location="l",
    )
    found = run("--from-stored")
    assert found["releases_read"] == 1 and found["results_new"] == 4


def test_what_cannot_be_read_is_kept_with_its_reason(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("not json at all")
    odd = tmp_path / "odd.json"
    odd.write_text(
        json.dumps(
            {
                "releases": [
                    {
                        "ocid": "o",
                        "id": "r",
                        "contracts": [
                            {
                                "id": "1",
                                "implementation": {"metrics": ["x", {"id": "1", "title": "T"}]},
                            }
                        ],
                    }
                ]
            }
        )
    )
    result = run(str(broken), str(odd))
    assert result["files"] == 2 and result["rejects"] == 2 and result["results_new"] == 1
    assert result["flagged"] == 1
    reasons = set(KpiReject.objects.values_list("reason", flat=True))
    assert "the metric is not an object" in reasons
    assert any("not JSON" in reason for reason in reasons)
    assert ContractKpiResult.objects.get().flags == ["the metric has no observations"]


def test_the_command_needs_something_to_read(tmp_path):
    with pytest.raises(CommandError, match="Give one or more OCDS files"):
        call_command("import_contract_kpis")
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_contract_kpis", str(tmp_path / "missing.json"))


def test_the_summary_in_words():
    out, err = io.StringIO(), io.StringIO()
    call_command("import_contract_kpis", str(require_data(*PAGE)), stdout=out, stderr=err)
    assert "8 KPI results new" in out.getvalue()
    assert "page-004.json: 8 KPI results" in err.getvalue()


def test_the_background_job_reads_the_stored_releases():
    job = KINDS["socialvalue.import_contract_kpis"]
    said = []
    result = job.run(None, said.append)
    assert result["results_new"] == 0 and said == ["0 stored releases with KPIs read"]
