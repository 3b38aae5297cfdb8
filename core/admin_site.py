from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect


class CoordinatorAdminSite(admin.AdminSite):
    """The Django admin is for network coordinators only; everyone signs in on the one sign-in page."""

    site_header = "AnchorHub administration"
    site_title = "AnchorHub administration"
    index_title = "Network data"

    def has_permission(self, request):
        return bool(request.user.is_active and getattr(request.user, "is_coordinator", False))

    def login(self, request, extra_context=None):
        if self.has_permission(request):
            return redirect("admin:index")
        if request.user.is_authenticated:
            # Signed in but not a coordinator: a refusal, not another sign-in (which would loop).
            raise PermissionDenied("The administration pages are for network coordinators only.")
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
