from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Programmes"

    def ready(self):
        # The report's sections register themselves on import, one module per part.
        from programmes import report_kpis, report_money, report_record  # noqa: F401
