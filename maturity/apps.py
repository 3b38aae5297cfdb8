from django.apps import AppConfig

from core import panels


class MaturityConfig(AppConfig):
    name = "maturity"
    verbose_name = "Innovation-procurement maturity"

    def ready(self):
        # The panel reads the models, which exist only once the apps are ready.
        from maturity.panels import organisation_maturity

        panels.provide("organisation_page", organisation_maturity)
