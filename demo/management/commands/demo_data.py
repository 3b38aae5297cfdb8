import secrets

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from demo import sign_ins
from network import sample_data
from network.models import Champion, OperatingSite, Organisation, Sector
from network.taxonomy import sync_sectors
from opportunities.schema import SchemaUnavailable


class Command(BaseCommand):
    help = (
        "Create or refresh the demonstration data: the real West Midlands anchor institutions, with "
        "generated champions, supplier organisations and one sign-in account per role. Deterministic "
        "and idempotent: running it again changes nothing but the demo password if you give one."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password", help="Password for the demo accounts (default: kept in var/)"
        )
        parser.add_argument("--seed", type=int, default=sample_data.SEED)

    def handle(self, *args, password=None, seed=sample_data.SEED, **options):
        password = password or self._stored_password()
        data = sample_data.generate(seed)
        with transaction.atomic():
            sync_sectors()
            sectors = {sector.slug: sector for sector in Sector.objects.all()}
            rows = data["anchors"] + data["suppliers"]
            self.stdout.write(
                f"Writing {len(rows)} organisations and {len(data['champions'])} champions..."
            )
            organisations = {row["name"]: self._organisation(row, sectors) for row in rows}
            for row in data["champions"]:
                champion, _ = Champion.objects.update_or_create(
                    organisation=organisations[row["organisation"]],
                    email=row["email"],
                    defaults={k: row[k] for k in ("name", "job_title", "phone", "about")}
                    | {"is_sample": True},
                )
                champion.sectors.set([sectors[s] for s in row["sectors"]])
            accounts = [
                self._account(spec, organisations, password) for spec in sample_data.DEMO_ACCOUNTS
            ]
        self.stdout.write(
            self.style.SUCCESS(
                f"Sample data ready: {len(data['anchors'])} anchors, {len(data['suppliers'])} "
                f"suppliers, {len(data['champions'])} champions, {len(accounts)} accounts."
            )
        )
        # Other capabilities' sample content, loaded after the organisations it refers to.
        for command in (
            "demo_notices",
            "demo_payments",
            "demo_challenges",
            "demo_cases",
            "demo_scorecard",
            "demo_socialvalue",
            "demo_maturity",
            "demo_programmes",
            "demo_programme_money",
            "demo_kpis",
        ):
            if command in get_commands():
                try:
                    call_command(command, stdout=self.stdout)
                except SchemaUnavailable as problem:
                    # Offline without ../shared/data: the rest of the demo still works.
                    self.stderr.write(f"Sample notices left out: {problem}")
        # Last, so that they are not lost above the other commands' output.
        details = sign_ins.details([(label, user.email) for user, label in accounts], password)
        where = sign_ins.save(details)
        self.stdout.write("\n" + details)
        self.stdout.write(sign_ins.where_kept(where))

    def _stored_password(self) -> str:
        path = settings.BASE_DIR / "var" / "demo-password.txt"
        if path.exists():
            return path.read_text().strip()
        path.parent.mkdir(exist_ok=True)
        password = "demo-" + secrets.token_urlsafe(9)
        path.write_text(password + "\n")
        return password

    def _organisation(self, row, sectors) -> Organisation:
        fields = {
            k: row[k]
            for k in (
                "kind",
                "description",
                "registered_postcode",
                "size_band",
                "is_vcse",
                "is_network_member",
            )
            if k in row
        }
        organisation = Organisation.objects.filter(name=row["name"]).first() or Organisation(
            name=row["name"]
        )
        for key, value in fields.items():
            setattr(organisation, key, value)
        organisation.is_sample = True
        organisation.save()
        organisation.sectors.set([sectors[s] for s in row["sectors"]])
        for site in row.get("sites", []):
            OperatingSite.objects.update_or_create(
                organisation=organisation,
                postcode=site["postcode"],
                defaults={"name": site["name"]},
            )
        return organisation

    def _account(self, spec, organisations, password):
        local, full_name, organisation_name, is_admin, is_coordinator = spec
        email = f"{local}@{sample_data.EMAIL_DOMAIN}"
        user = User.objects.filter(email=email).first() or User(email=email)
        user.full_name = full_name
        user.organisation = organisations.get(organisation_name)
        user.is_organisation_admin = is_admin
        user.is_coordinator = is_coordinator
        user.is_staff = is_coordinator
        user.is_sample = True
        user.set_password(password)
        user.save()
        label = user.role.label + (" (another anchor)" if local == "buyer-coventry" else "")
        return user, label
