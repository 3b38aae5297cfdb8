from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The top of the layers (docs/ARCHITECTURE.md): `demo_data` loads every app's sample data, so
    it may import them all and nothing imports it."""

    name = "demo"
    verbose_name = "Demonstration data"
