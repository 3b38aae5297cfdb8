"""The programmes app's URLs, one module per part."""

app_name = "programmes"

urlpatterns: list = []
