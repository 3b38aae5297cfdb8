from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core import panels


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Procurement-practice scorecard"

    def ready(self):
        # These modules import the models, which exist only once the apps are ready.
        from scorecard.charter_sync import sync_charter
        from scorecard.interpretations import (
            guide_interpretations,
            route_interpretations,
            sync_interpretations,
        )
        from scorecard.panels import home as scorecard_home
        from scorecard.views.scorecards import organisation_scorecard

        # The charter's commitments and the interpretations' seeds are synced from their data.
        post_migrate.connect(sync_charter, sender=self)
        post_migrate.connect(sync_interpretations, sender=self)
        panels.provide("route_interpretations", route_interpretations)
        panels.provide("guide_page", guide_interpretations)
        panels.provide("organisation_page", organisation_scorecard)
        panels.provide("home", scorecard_home)
