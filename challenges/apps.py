from django.apps import AppConfig

from core import panels


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = "Challenges"

    def ready(self):
        # challenges.panels reads the models, which load only once apps are ready.
        from challenges.panels import process_page

        panels.provide("process_page", process_page)
