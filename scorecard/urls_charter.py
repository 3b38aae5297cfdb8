"""URLs of the scorecard app's charter pages."""

urlpatterns: list = []
