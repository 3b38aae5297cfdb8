"""The programmes app's URLs, one module per part."""

from programmes import urls_money

app_name = "programmes"

urlpatterns: list = [*urls_money.urlpatterns]
