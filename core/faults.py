"""What AnchorHub says when its database cannot be reached: one line on the command line, a 503
page (or JSON under /api/) on the web, never a traceback. Pure: no database, no HTTP."""

import re

# Long enough for PostgreSQL to restart or a failover to finish; browsers and API clients that
# honour Retry-After wait this long before trying again.
RETRY_AFTER_SECONDS = 60

# What the driver says → (the reason in a few words, what to check). Checked in order.
_REASONS = [
    (r"connection refused", "connection refused", "Is PostgreSQL running?"),
    (r"timeout expired|timed out", "no answer in time", "Is PostgreSQL running and reachable?"),
    (
        r"failed to resolve host|could not translate host name|name or service not known",
        "unknown host",
        "Check the host name in DATABASE_URL.",
    ),
    (
        r'database "[^"]*" does not exist',
        "no such database",
        "Create it (createdb), or check the name in DATABASE_URL.",
    ),
    (
        r"password authentication failed|no password supplied|role \"[^\"]*\" does not exist",
        "the user or password was refused",
        "Check the user and password in DATABASE_URL.",
    ),
    (r"no such file or directory", "no server on that socket", "Is PostgreSQL running?"),
    (r"unable to open database file", "unable to open the file", "Does its folder exist?"),
    (
        (
            r"server closed the connection|terminating connection|connection is closed|"
            r"connection already closed|the connection is lost"
        ),
        "the connection was lost",
        "Is PostgreSQL running?",
    ),
]


def unreachable_database_error(error: BaseException | None) -> BaseException | None:
    """The error in `error`'s chain saying the database could not be reached or used just now.

    Any OperationalError or InterfaceError from Django's database layer: the server is down,
    refuses connections, dropped the connection or is out of reach. SQLite also reports a missing
    table as an OperationalError; that is a schema not migrated, a fault of its own, not this.
    """
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if _from_django_database_layer(error) and not str(error).startswith("no such "):
            return error
        error = error.__cause__ or error.__context__
    return None


def _from_django_database_layer(error: BaseException) -> bool:
    """An OperationalError or InterfaceError of django.db, known by its class's home so that this
    module need not import the database layer."""
    return any(
        cls.__module__ == "django.db.utils"
        and cls.__name__ in {"OperationalError", "InterfaceError"}
        for cls in type(error).__mro__
    )


def _redact(text: str, password: str) -> str:
    text = re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)
    return text.replace(password, "***") if password else text


def describe_unreachable(error: BaseException, database: dict, from_environment: bool) -> str:
    """One line for the command line: where the database was looked for, why it failed, what to
    check. `database` is a DATABASES entry; its password never appears."""
    message = " ".join(str(error.__cause__ or error).split())
    reason, hint = None, "Check DATABASE_URL."
    for pattern, short, advice in _REASONS:
        if re.search(pattern, message, flags=re.IGNORECASE):
            reason, hint = short, advice
            break
    if reason is None:
        reason = _redact(message, str(database.get("PASSWORD") or ""))[:200]
    source = "DATABASE_URL" if from_environment else "DATABASE_URL not set: the SQLite file"
    if database.get("ENGINE", "").endswith("sqlite3"):
        where = str(database.get("NAME"))
    else:
        host = database.get("HOST") or "localhost"
        where = f"{host}:{database.get('PORT') or 5432}/{database.get('NAME')}"
    return f"AnchorHub cannot reach its database at {where} ({source}): {reason}. {hint}"
