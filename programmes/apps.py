from django.apps import AppConfig

from core import panels


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        # The report's sections register themselves on import, one module per part.
        from programmes import (  # noqa: F401
            report_kpis,
            report_maturity,
            report_money,
            report_record,
            report_socialvalue,
        )
        from programmes.panels import home_figures, organisation_programmes

        panels.provide("organisation_page", organisation_programmes)
        panels.provide("home_figures", home_figures)
