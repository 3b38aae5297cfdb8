from django.apps import AppConfig
from django.db.models.signals import post_migrate

from core import panels


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = "Case library"

    def ready(self):
        # These modules import the models, which exist only once the apps are ready.
        from cases import panels as parts
        from cases.panels import guide_names, organisation_cases
        from cases.taxonomy import sync_barriers

        post_migrate.connect(sync_barriers, sender=self)
        panels.provide("organisation_page", organisation_cases)
        panels.provide("guide_names", guide_names)
        panels.provide("home", parts.home)
        panels.provide("home_figures", parts.home_figures)
        panels.provide("my_activity", parts.my_activity)
