"""URLs of the scorecard app's scorecards pages."""

urlpatterns: list = []
