"""The programmes app's URLs, one module per part."""

from programmes import urls_kpis

app_name = "programmes"

urlpatterns: list = [*urls_kpis.urlpatterns]
