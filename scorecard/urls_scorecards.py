"""URLs of the scorecard app's scorecards: an anchor's scorecard, its drill-downs and downloads,
publishing it, and the network comparison.

An anchor's slug comes first after `scorecard/`, so the words other parts of the app use there
(`network`, `charter`, `interpretations`...) are never taken as a slug: the converter refuses them
and Django tries the next pattern."""

from django.urls import path, register_converter
from django.urls.converters import SlugConverter

from scorecard.views import comparison, scorecards

RESERVED = frozenset(
    {"network", "national", "buyers", "charter", "commitments", "interpretations", "api"}
)


class AnchorSlugConverter(SlugConverter):
    def to_python(self, value):
        if value in RESERVED:
            raise ValueError(f"{value} is not an anchor's slug")
        return value


register_converter(AnchorSlugConverter, "anchor")

urlpatterns: list = [
    path("scorecard/network/", comparison.comparison, name="comparison"),
    path(
        "scorecard/network/<slug:table>.<str:fmt>",
        comparison.comparison_download,
        name="comparison_download",
    ),
    path("scorecard/<anchor:slug>/", scorecards.scorecard_page, name="scorecard"),
    path("scorecard/<anchor:slug>/publish/", scorecards.publish, name="publish"),
    path(
        "scorecard/<anchor:slug>/<slug:table>.<str:fmt>",
        scorecards.scorecard_download,
        name="scorecard_download",
    ),
    path("scorecard/<anchor:slug>/<slug:indicator>/", scorecards.drilldown, name="drilldown"),
    path(
        "scorecard/<anchor:slug>/<slug:indicator>/<slug:table>.<str:fmt>",
        scorecards.drilldown_download,
        name="drilldown_download",
    ),
]
