from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.template.loader import render_to_string

from accounts.emails import normalise_email
from accounts.models import ApiToken, Invitation, User
from core.forms import GovukForm, GovukFormMixin, GovukModelForm
from core.mail import send
from network.models import ANCHOR_KINDS, Organisation


class SignInForm(GovukFormMixin, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password. Passwords are case-sensitive.",
        "inactive": "This account has been switched off. Contact the network coordinator.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "email"})


class PasswordFieldsMixin:
    """Two password fields, checked against the validators, for a user being created."""

    error_names = {"password1": "a password", "password2": "the password again"}

    def clean_password2(self):
        first, second = self.cleaned_data.get("password1"), self.cleaned_data.get("password2")
        if first and second and first != second:
            raise forms.ValidationError("The passwords do not match")
        return second

    def _post_clean_password(self, user):
        password = self.cleaned_data.get("password1")
        if password:
            try:
                password_validation.validate_password(password, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)


def _password_fields():
    return (
        forms.CharField(
            label="Create a password",
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
            help_text="At least 10 characters; not a common password and not all numbers",
        ),
        forms.CharField(
            label="Confirm password",
            strip=False,
            widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        ),
    )


class SignUpForm(PasswordFieldsMixin, GovukModelForm):
    submit_label = "Create account"
    password1, password2 = _password_fields()
    next_step = forms.ChoiceField(
        label="Your organisation",
        choices=[
            ("create", "Register my organisation - it is not on AnchorHub yet"),
            ("join", "Join my organisation - someone has registered it already"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether to register your organisation or join it",
        },
    )

    class Meta:
        model = User
        fields = ["full_name", "email", "job_title"]
        labels = {"full_name": "Full name", "job_title": "Job title (optional)"}

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account already exists for this email address. Sign in, or reset your password."
            )
        return email

    def _post_clean(self):
        super()._post_clean()
        self._post_clean_password(self.instance)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user


class InvitationAcceptForm(PasswordFieldsMixin, GovukForm):
    submit_label = "Create account"
    full_name = forms.CharField(label="Full name", max_length=150)
    job_title = forms.CharField(label="Job title (optional)", max_length=150, required=False)
    password1, password2 = _password_fields()

    def __init__(self, *args, email=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        self._post_clean_password(User(email=self.email, full_name=data.get("full_name", "")))
        return data


class InvitationForm(GovukModelForm):
    submit_label = "Send invitation"

    class Meta:
        model = Invitation
        fields = ["full_name", "email", "organisation", "make_admin"]
        labels = {"full_name": "Their full name", "email": "Their work email address"}
        help_texts = {
            "make_admin": "Administrators can invite colleagues and edit the organisation's details"
        }

    def __init__(self, *args, inviter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.inviter = inviter
        anchors = Organisation.objects.filter(kind__in=ANCHOR_KINDS)
        if inviter is not None and not inviter.is_coordinator:
            anchors = anchors.filter(pk=inviter.organisation_id)
        self.fields["organisation"].queryset = anchors
        self.fields["organisation"].label = "Anchor institution"

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("This person already has an account")
        if Invitation.objects.open().filter(email__iexact=email).exists():
            raise forms.ValidationError("This person already has an invitation waiting")
        return email


class JoinRequestForm(GovukForm):
    submit_label = "Ask to join"
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.suppliers(), widget=forms.HiddenInput
    )
    message = forms.CharField(
        label="Message to the organisation's administrators (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class ProfileForm(GovukModelForm):
    class Meta:
        model = User
        fields = ["full_name", "email", "job_title", "phone"]
        labels = {"phone": "Work phone number (optional)", "job_title": "Job title (optional)"}

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("Another account uses this email address")
        return email


class ApiTokenForm(GovukModelForm):
    submit_label = "Create token"

    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": "Token name"}
        help_texts = {"name": "For example 'Spend dashboard' - so you know which one to revoke"}


NEW_PASSWORDS = {"new_password1": "a new password", "new_password2": "the new password again"}
PASSWORDS_DIFFER = "The passwords do not match: enter the same new password in both boxes"


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    submit_label = "Send reset link"
    error_names = {"email": "your email address"}

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        send(subject, email_template_name, context, [to_email])


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    submit_label = "Set password"
    error_names = NEW_PASSWORDS
    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": PASSWORDS_DIFFER}


class GovukPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    submit_label = "Change password"
    error_names = {"old_password": "your current password", **NEW_PASSWORDS}
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_mismatch": PASSWORDS_DIFFER,
        "password_incorrect": "Your current password is not right: enter it again",
    }
