from django.apps import AppConfig

from core import panels


class SpendConfig(AppConfig):
    name = "spend"
    verbose_name = "Spend"

    def ready(self):
        # spend.panels reads the models, which load only once apps are ready.
        from spend import panels as parts

        panels.provide("home", parts.home)
        panels.provide("home_figures", parts.home_figures)
        panels.provide("organisation_page", parts.organisation_page)
        panels.provide("my_activity", parts.my_activity)
