from django.contrib.auth.backends import ModelBackend

from accounts.emails import normalise_email


class EmailBackend(ModelBackend):
    """Email sign-in, under the one normalisation the sign-in throttle also counts under
    (accounts/emails.py). Active coordinators hold every model permission, which is what the admin
    needs; nobody else is staff."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username:
            username = normalise_email(username)
        return super().authenticate(request, username=username, password=password, **kwargs)

    def has_perm(self, user_obj, perm, obj=None):
        if user_obj.is_active and getattr(user_obj, "is_coordinator", False):
            return True
        return super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        if user_obj.is_active and getattr(user_obj, "is_coordinator", False):
            return True
        return super().has_module_perms(user_obj, app_label)
