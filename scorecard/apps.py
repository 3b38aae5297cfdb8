from django.apps import AppConfig

from core import panels


class ScorecardConfig(AppConfig):
    name = "scorecard"
    verbose_name = "Procurement-practice scorecard"

    def ready(self):
        # The views import the models, which exist only once the apps are ready.
        from scorecard.views.scorecards import organisation_scorecard

        panels.provide("organisation_page", organisation_scorecard)
