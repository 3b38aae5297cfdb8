from django.apps import AppConfig

from core import panels


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        # Models load only once apps are ready, hence the imports here.
        from accounts import panels as parts
        from accounts.models import ApiToken
        from core import api_auth

        api_auth.accept_tokens(ApiToken.authenticate)
        panels.provide("home", parts.home)
