"""URLs of the scorecard app's interpretations pages."""

urlpatterns: list = []
