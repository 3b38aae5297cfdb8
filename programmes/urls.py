"""The programmes app's URLs, one module per part."""

from programmes import urls_report

app_name = "programmes"

urlpatterns: list = [
    *urls_report.urlpatterns,
]
