from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "opportunities"
    verbose_name = "Opportunities"

    def ready(self):
        from opportunities import receivers  # noqa: F401  (connects the search index's receivers)
