"""The `anchorhub` console command: Django's manage entry point."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "core.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except Exception as error:
        # A database out of reach is a fact to report in one line, not a traceback (core/faults.py).
        from django.conf import settings

        from core.faults import describe_unreachable, unreachable_database_error

        unreachable = unreachable_database_error(error)
        if unreachable is None:
            raise
        sys.stderr.write(
            describe_unreachable(
                unreachable, settings.DATABASES["default"], bool(os.environ.get("DATABASE_URL"))
            )
            + "\n"
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
