"""`anchorhub demo_sign_ins`: the demo's sign-in details again (written by `demo_data`), and with
--when-serving, once the web server answers, so `make demo` prints them below its start-up lines."""

import socket
import time

from django.core.management.base import BaseCommand, CommandError

from demo import sign_ins

# After the server answers, the worker may still be printing its start-up lines for a moment.
SETTLE_SECONDS = 3


class Command(BaseCommand):
    help = (
        "Print the demo's sign-in details (kept in var/demo-sign-ins.txt by demo_data). With "
        "--when-serving HOST:PORT, wait until a web server answers there first (at most --wait "
        "seconds; nothing is printed if none does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--when-serving", metavar="HOST:PORT")
        parser.add_argument("--wait", type=float, default=120, help="seconds (default 120)")

    def handle(self, *args, when_serving=None, wait=120, **options):
        where = sign_ins.path()
        if not where.exists():
            raise CommandError(
                f"There are no demo sign-in details in {where} yet: run `anchorhub demo_data` "
                "(or `make demo`) first."
            )
        if when_serving:
            host, _, port = when_serving.rpartition(":")
            if not (host and port.isdigit()):
                raise CommandError(
                    f"--when-serving {when_serving!r}: give a host and port, like 127.0.0.1:8000"
                )
            if not _answers(host, int(port), wait):
                return
            time.sleep(SETTLE_SECONDS)
        self.stdout.write("\n" + where.read_text())
        self.stdout.write(sign_ins.where_kept(where) + "\n")


def _answers(host: str, port: int, wait: float) -> bool:
    """Whether something accepts connections at host:port within `wait` seconds (a bare
    connection, so the server logs no request)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            with socket.create_connection((host, port), timeout=1):
                return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.5)
