from django.apps import AppConfig

from core import panels


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from opportunities import panels as parts
        from opportunities import receivers  # noqa: F401  (connects the search index's receivers)

        panels.provide("home", parts.home)
        panels.provide("home", parts.coordinator_home)
        panels.provide("home_figures", parts.home_figures)
        panels.provide("organisation_page", parts.organisation_page)
        panels.provide("my_activity", parts.my_activity)
