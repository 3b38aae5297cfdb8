from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        # Models load only once apps are ready, hence the imports here.
        from accounts.models import ApiToken
        from core import api_auth

        api_auth.accept_tokens(ApiToken.authenticate)
