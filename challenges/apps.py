from django.apps import AppConfig

from core import panels


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = "Challenges"

    def ready(self):
        # challenges.panels reads the models, which load only once apps are ready.
        from challenges import panels as parts

        panels.provide("process_page", parts.process_page)
        panels.provide("home", parts.home)
        panels.provide("home_figures", parts.home_figures)
        panels.provide("organisation_page", parts.organisation_page)
        panels.provide("my_activity", parts.my_activity)
