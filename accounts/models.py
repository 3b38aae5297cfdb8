import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone

from accounts.emails import normalise_email
from core.roles import role_of


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=normalise_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        """A superuser is a network coordinator (the only role with the Django admin)."""
        fields.update(is_staff=True, is_superuser=True, is_coordinator=True)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("Email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=30, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    is_organisation_admin = models.BooleanField(
        default=False, help_text="Manages the organisation's profile and members"
    )
    is_coordinator = models.BooleanField(
        "Network coordinator", default=False, help_text="Runs the network; may use the admin"
    )
    is_sample = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def role(self):
        return role_of(self)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


INVITATION_LIFETIME = timedelta(days=14)


class InvitationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A buyer invited to join an anchor institution. Only the token's hash is stored."""

    email = models.EmailField()
    full_name = models.CharField(max_length=150)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="invitations"
    )
    make_admin = models.BooleanField("Make them an administrator", default=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations_sent")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email} to {self.organisation}"

    @classmethod
    def issue(cls, **fields) -> tuple["Invitation", str]:
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            token_hash=_hash(token), expires_at=timezone.now() + INVITATION_LIFETIME, **fields
        )
        return invitation, token

    @classmethod
    def find_open(cls, token: str) -> "Invitation | None":
        return (
            cls.objects.open()
            .filter(token_hash=_hash(token))
            .select_related("organisation")
            .first()
        )

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "Accepted"
        if self.revoked_at:
            return "Withdrawn"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Waiting"


class JoinRequest(models.Model):
    """A registered user asking to join an existing organisation; its administrators decide."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="join_requests")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_user",
            )
        ]

    def __str__(self):
        return f"{self.user} asks to join {self.organisation}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal token for the JSON API. The secret is shown once; only its hash is kept."""

    PREFIX = "ahk_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What you will use it for")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple["ApiToken", str]:
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, token_hash=_hash(secret), hint=secret[:10])
        return token, secret

    @classmethod
    def authenticate(cls, secret: str):
        token = (
            cls.objects.active()
            .filter(token_hash=_hash(secret or ""))
            .select_related("user", "user__organisation")
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user
