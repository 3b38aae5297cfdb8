"""The demo's sign-in details: written to var/demo-sign-ins.txt by `demo_data`, printed at the end
of its output and again by `demo_sign_ins` once `make demo`'s server answers, so that they are the
last thing on the screen rather than lost above the server's and the worker's start-up lines."""

from pathlib import Path

from django.conf import settings

SIGN_IN_URL = "http://127.0.0.1:8000/sign-in/"


def path() -> Path:
    return settings.BASE_DIR / "var" / "demo-sign-ins.txt"


def details(accounts: list[tuple[str, str]], password: str) -> str:
    """(role label, email) of each account, one line each, under where to sign in."""
    width = max(len(email) for _, email in accounts)
    lines = [f"Sign in at {SIGN_IN_URL} with any of these:"]
    lines += [f"  {label:<26} {email:<{width}}  password: {password}" for label, email in accounts]
    return "\n".join(lines) + "\n"


def save(text: str) -> Path:
    where = path()
    where.parent.mkdir(exist_ok=True)
    where.write_text(text)
    where.chmod(0o600)  # it holds the demo password
    return where


def where_kept(where: Path) -> str:
    return f"These sign-in details are kept in {where}; open it at any time to see them again."
