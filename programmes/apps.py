from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        # The report's sections register themselves when imported.
        from programmes import report_kpis  # noqa: F401
