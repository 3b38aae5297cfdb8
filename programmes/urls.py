"""The programmes app's URLs, one module per part."""

from programmes import urls_kpis, urls_money, urls_record, urls_report

app_name = "programmes"

urlpatterns: list = [
    *urls_record.urlpatterns,
    *urls_money.urlpatterns,
    *urls_kpis.urlpatterns,
    *urls_report.urlpatterns,
]
