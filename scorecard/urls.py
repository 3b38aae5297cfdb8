"""The scorecard app's URLs, one module per part: the scorecards and the network comparison, the
charter of commitments, the agreed interpretations."""

from scorecard import urls_charter, urls_interpretations, urls_scorecards

app_name = "scorecard"

urlpatterns = [
    *urls_scorecards.urlpatterns,
    *urls_charter.urlpatterns,
    *urls_interpretations.urlpatterns,
]
