from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.forms import (
    ApiTokenForm,
    GovukPasswordChangeForm,
    GovukPasswordResetForm,
    GovukSetPasswordForm,
    InvitationAcceptForm,
    InvitationForm,
    JoinRequestForm,
    ProfileForm,
    SignInForm,
    SignUpForm,
)
from accounts.models import ApiToken, Invitation, JoinRequest, User
from core.mail import MailNotSent, send
from core.permissions import ANCHOR_ADMINS, ANYONE, SIGNED_IN, Role, allow
from network.forms import SupplierOrganisationForm
from network.models import Organisation

BACKEND = "accounts.backends.EmailBackend"

sign_in = allow(ANYONE)(
    auth_views.LoginView.as_view(
        template_name="accounts/sign_in.html",
        extra_context={"heading": "Sign in"},
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)
sign_out = allow(ANYONE)(auth_views.LogoutView.as_view())


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except MailNotSent as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)


password_reset = allow(ANYONE)(
    PasswordResetView.as_view(
        template_name="accounts/password_reset.html",
        extra_context={"heading": "Reset your password"},
        form_class=GovukPasswordResetForm,
        email_template_name="accounts/email/password_reset.txt",
        subject_template_name="accounts/email/password_reset_subject.txt",
        success_url=reverse_lazy("accounts:password_reset_done"),
    )
)
password_reset_done = allow(ANYONE)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = allow(ANYONE)(
    auth_views.PasswordResetConfirmView.as_view(
        template_name="accounts/password_reset_confirm.html",
        form_class=GovukSetPasswordForm,
        success_url=reverse_lazy("accounts:password_reset_complete"),
    )
)
password_reset_complete = allow(ANYONE)(
    auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"
    )
)
password_change = allow(SIGNED_IN)(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html",
        extra_context={"heading": "Change your password"},
        form_class=GovukPasswordChangeForm,
        success_url=reverse_lazy("accounts:profile"),
    )
)


@allow(ANYONE)
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=BACKEND)
        messages.success(request, "Your account has been created.")
        step = (
            "accounts:organisation_create"
            if form.cleaned_data["next_step"] == "create"
            else "accounts:organisation_join"
        )
        return redirect(step)
    return render(
        request, "accounts/sign_up.html", {"form": form, "heading": "Create a supplier account"}
    )


def _require_no_organisation(user):
    if user.organisation_id:
        raise PermissionDenied("You already belong to an organisation.")


@allow({Role.REGISTERED})
def organisation_create(request):
    _require_no_organisation(request.user)
    form = SupplierOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            organisation = form.save()
            request.user.organisation = organisation
            request.user.is_organisation_admin = True
            request.user.save(update_fields=["organisation", "is_organisation_admin"])
            JoinRequest.objects.filter(
                user=request.user, status=JoinRequest.Status.PENDING
            ).delete()
        if organisation.is_anchor:
            messages.success(
                request, f"{organisation.name} is registered and you are its administrator."
            )
            return redirect(organisation)
        # A new supplier is led through the short capability set-up: what it does, the largest
        # contract it could take on, where it works. Matching and buyers' searches depend on it.
        messages.success(
            request,
            f"{organisation.name} is registered and you are its administrator. Next, tell us "
            "what it does, so we can show you work that fits.",
        )
        return redirect("opportunities:capabilities_setup")
    return render(
        request,
        "accounts/organisation_create.html",
        {"form": form, "heading": "Register your organisation"},
    )


@allow({Role.REGISTERED})
def organisation_join(request):
    _require_no_organisation(request.user)
    pending = (
        JoinRequest.objects.filter(user=request.user, status=JoinRequest.Status.PENDING)
        .select_related("organisation")
        .first()
    )
    query = request.GET.get("q", "").strip()[:100]
    results = []
    if query:
        results = Organisation.objects.suppliers().filter(
            Q(name__icontains=query) | Q(companies_house_number=query.upper())
        )[:20]
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST":
        if pending:
            messages.error(request, "You already have a request waiting for a decision.")
            return redirect("accounts:organisation_join")
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            try:
                with transaction.atomic():
                    JoinRequest.objects.create(
                        user=request.user,
                        organisation=organisation,
                        message=form.cleaned_data["message"],
                    )
                    _notify_admins_of_join_request(request, organisation)
            except MailNotSent as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"Your request has been sent to {organisation.name}'s administrators."
                )
                return redirect("accounts:organisation_join")
    return render(
        request,
        "accounts/organisation_join.html",
        {"form": form, "query": query, "results": results, "pending": pending},
    )


def _notify_admins_of_join_request(request, organisation):
    admins = organisation.members.filter(is_organisation_admin=True, is_active=True)
    link = request.build_absolute_uri(
        reverse("network:members", kwargs={"slug": organisation.slug})
    )
    for admin in admins:
        send(
            f"{request.user.full_name} asks to join {organisation.name} on AnchorHub",
            "accounts/email/join_request.txt",
            {"admin": admin, "requester": request.user, "organisation": organisation, "link": link},
            [admin.email],
        )


@allow(SIGNED_IN)
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "tokens": request.user.api_tokens.active(),
            "token_form": ApiTokenForm(),
            "new_token": request.session.pop("new_api_token", None),
        },
    )


@allow(SIGNED_IN)
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile_edit.html", {"form": form, "heading": "Change your details"}
    )


@allow(SIGNED_IN)
def token_create(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _token, secret = ApiToken.issue(request.user, form.cleaned_data["name"])
        # Shown once, on the next page; never stored in clear.
        request.session["new_api_token"] = secret
        return redirect("accounts:profile")
    return render(
        request, "accounts/token_create.html", {"form": form, "heading": "Create an API token"}
    )


@allow(SIGNED_IN)
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.active(), pk=pk, user=request.user)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, f"The token '{token.name}' has been revoked.")
    return redirect("accounts:profile")


def _visible_invitations(user):
    invitations = Invitation.objects.select_related("organisation", "invited_by")
    if user.is_coordinator:
        return invitations
    return invitations.filter(organisation_id=user.organisation_id)


@allow(ANCHOR_ADMINS)
def invitation_list(request):
    form = InvitationForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                invitation, token = Invitation.issue(
                    email=data["email"],
                    full_name=data["full_name"],
                    organisation=data["organisation"],
                    make_admin=data["make_admin"],
                    invited_by=request.user,
                )
                link = request.build_absolute_uri(
                    reverse("accounts:invitation_accept", kwargs={"token": token})
                )
                send(
                    f"You are invited to join {invitation.organisation.name} on AnchorHub",
                    "accounts/email/invitation.txt",
                    {"invitation": invitation, "link": link},
                    [invitation.email],
                )
        except MailNotSent as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"An invitation has been sent to {invitation.email}.")
            return redirect("accounts:invitations")
    return render(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "heading": "Invite a buyer",
            "invitations": _visible_invitations(request.user)[:100],
        },
    )


@allow(ANCHOR_ADMINS)
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(_visible_invitations(request.user).open(), pk=pk)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("accounts:invitations")


@allow(ANYONE)
def invitation_accept(request, token):
    invitation = Invitation.find_open(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        return render(
            request, "accounts/invitation_signed_in.html", {"invitation": invitation}, status=409
        )
    form = InvitationAcceptForm(
        request.POST or None,
        email=invitation.email,
        initial={"full_name": invitation.full_name},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if User.objects.filter(email__iexact=invitation.email).exists():
                return render(request, "accounts/invitation_invalid.html", status=409)
            user = User.objects.create_user(
                invitation.email,
                form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                job_title=form.cleaned_data["job_title"],
                organisation=invitation.organisation,
                is_organisation_admin=invitation.make_admin,
            )
            invitation.accepted_at = timezone.now()
            invitation.accepted_user = user
            invitation.save(update_fields=["accepted_at", "accepted_user"])
        login(request, user, backend=BACKEND)
        messages.success(
            request, f"Welcome to AnchorHub. You are a member of {invitation.organisation.name}."
        )
        return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "form": form,
            "invitation": invitation,
            "heading": f"Join {invitation.organisation.name} on AnchorHub",
        },
    )
