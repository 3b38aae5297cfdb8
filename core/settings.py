"""AnchorHub settings. Every value that differs between machines comes from an environment variable."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from core import archives, spreadsheets

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "development-only-insecure-key"  # noqa: S105 (refused when DEBUG is off)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random value "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set DEBUG=1 on a development machine."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Where the real public data lives (tests and benchmarks only read it).
DATA_DIR = Path(os.environ.get("ANCHORHUB_DATA_DIR") or BASE_DIR.parent / "shared" / "data")

INSTALLED_APPS = [
    "core.apps.AnchorHubAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "crispy_forms",
    "crispy_forms_gds",
    "ninja",
    "django_q",
    "core",
    "jobs",
    "accounts",
    "network",
    "reference",
    "registers",
    "suppliers",
    "opportunities",
    "spend",
    "challenges",
    "scorecard",
    "areas",
    "cases",
    "socialvalue",
    "maturity",
    "programmes",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.params.RefuseNulCharacters",
    "core.permissions.PermissionRuleMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.error_pages.ServiceErrorPagesInDebug",
]
# With DEBUG on, errors show Django's technical pages (the traceback, every URL pattern); 0 shows
# the service's own 404, 400 and 500 pages instead, as without DEBUG (the demo: core/error_pages.py).
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", True)

ROOT_URLCONF = "core.urls"
WSGI_APPLICATION = "core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
            ],
        },
    }
]

if not os.environ.get("DATABASE_URL"):
    (BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'anchorhub.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Full-text searches build bitmaps over many rows; with the default 4MB they turn lossy and
    # every candidate row is re-checked. Per sort or hash operation, not per connection.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c work_mem={os.environ.get('DATABASE_WORK_MEM', '32MB')}"
    )
    # A database host that does not answer is reported after 10 s (a 503 page, a clear command
    # line message), not after the operating system's TCP time-out of minutes.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "10"))
    )
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The demo's web server and background worker share one SQLite file: write-ahead logging lets
    # pages read while an import writes, and a writer waits up to 20 s for another to finish.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            # Take the write lock when a transaction begins: a transaction that first reads and
            # then writes would otherwise fail at once ("database is locked") if the other
            # process wrote in between, instead of waiting its turn.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def _search_index_dir() -> Path:
    """Opportunity search index (Tantivy, decision 0004): one per database, beside a SQLite file."""
    if os.environ.get("SEARCH_INDEX_DIR"):
        return Path(os.environ["SEARCH_INDEX_DIR"])
    database = DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return Path(f"{database['NAME']}.search-index")
    return (
        BASE_DIR / "var" / "search-index" / f"{database.get('HOST') or 'local'}-{database['NAME']}"
    )


SEARCH_INDEX_DIR = _search_index_dir()

# Background jobs (decision 0009): django-q2 with its queue in this database (the ORM broker), so
# the demo runs them on SQLite and production on PostgreSQL with nothing else to install. The
# worker is its own process: `anchorhub worker`. Imports, supplier resolution, alerts, fetching
# notices and re-indexing run there; pages show their progress (jobs/progress.py).
# The scorecard's tables are kept this long in each process while the data is unchanged
# (scorecard/remembering.py); 0 reads them afresh for every page.
SCORECARD_CACHE_SECONDS = int(os.environ.get("SCORECARD_CACHE_SECONDS", "60"))

JOBS_TIMEOUT = int(os.environ.get("JOBS_TIMEOUT_SECONDS", "1800"))  # one attempt at most
JOBS_MAX_ATTEMPTS = int(os.environ.get("JOBS_MAX_ATTEMPTS", "3"))
Q_CLUSTER = {
    "name": "anchorhub",
    "orm": "default",
    # SQLite has one writer at a time, so the demo's worker runs one job at a time.
    "workers": int(
        os.environ.get("JOBS_WORKERS")
        or (1 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 2)
    ),
    "timeout": JOBS_TIMEOUT,
    # A job taken by a worker that died is given to a worker again after this many seconds.
    "retry": int(os.environ.get("JOBS_RETRY_SECONDS") or JOBS_TIMEOUT + 60),
    "max_attempts": JOBS_MAX_ATTEMPTS,
    # jobs.queue.run records every failure itself; the queue re-delivers only what no worker
    # finished (a worker killed mid-job).
    "ack_failures": True,
    "catch_up": False,  # a worker down overnight sends one day's alerts, not a backlog
    "save_limit": 1000,
    "recycle": 50,  # worker processes are replaced after 50 jobs, which bounds their memory
    "poll": 0.5,
    "label": "Queue (django-q2)",
    "log_level": os.environ.get("JOBS_LOG_LEVEL", "INFO"),
    # Tests (and a machine with no worker) may run each job at once, inside the request.
    "sync": env_bool("JOBS_RUN_INLINE"),
}
# A job still "running" this long after its attempt began has no worker coming back to it.
JOBS_STALLED_AFTER = Q_CLUSTER["retry"] + 120
# When the daily opportunity alerts go out (Europe/London); empty: no daily alerts.
JOBS_ALERTS_AT = os.environ.get("JOBS_ALERTS_AT", "07:00")
# Fetch new notices every hour from these sources (find-a-tender, contracts-finder); empty: never.
FETCH_NOTICES_SOURCES = env_list("FETCH_NOTICES_SOURCES")
# At most REQUESTS/SECONDS to each API (Find a Tender publishes 12 per 2 minutes); 0: no pacing.
FETCH_NOTICES_PACE = os.environ.get("FETCH_NOTICES_PACE", "12/120")


def _jobs_cache() -> dict:
    """Where live progress is kept, shared by the web server and the worker."""
    url = os.environ.get("JOBS_CACHE_URL", "")
    if url.startswith("locmem:"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"}
    if url.startswith(("redis:", "rediss:")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(SEARCH_INDEX_DIR.parent / f"{SEARCH_INDEX_DIR.name}.job-progress"),
    }


CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "jobs": _jobs_cache(),
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

# Sign-in throttling (decision 0013; accounts/lockout.py, rules in accounts/throttling.py).
# Failures are counted per normalised email address and client address. After
# AXES_FAILURE_LIMIT of them, attempts for that account from that address are refused for
# SIGN_IN_FIRST_DELAY_MINUTES; each failure after a pause doubles it, up to
# SIGN_IN_LONGEST_DELAY_MINUTES.
# The owner signing in from anywhere else is not affected. One address failing
# SIGN_IN_ADDRESS_FAILURE_LIMIT times across accounts (credential stuffing) is slowed the same way.
AXES_HANDLER = "accounts.lockout.SignInThrottle"
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Hours failures are remembered after the latest one (not how long anyone is refused).
AXES_COOLOFF_TIME = 24
# Attempts refused during a pause are not counted, so they do not lengthen it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
SIGN_IN_FIRST_DELAY_MINUTES = int(os.environ.get("SIGN_IN_FIRST_DELAY_MINUTES", "1"))
SIGN_IN_LONGEST_DELAY_MINUTES = int(os.environ.get("SIGN_IN_LONGEST_DELAY_MINUTES", "60"))
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_FAILURE_LIMIT", "50"))
# Behind reverse proxies, how many of them (each appending to X-Forwarded-For) to trust for the
# client's address; 0 means the header is ignored, as anyone can write it. AXES_PROXY_COUNT is the
# older name of the same setting.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT") or os.environ.get("AXES_PROXY_COUNT") or "0"
)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
]
# Development and tests serve static files straight from the app folders; production serves the
# hashed, compressed files that `anchorhub collectstatic` writes to STATIC_ROOT.
STATIC_FROM_FINDERS = DEBUG or env_bool("STATIC_FROM_FINDERS")
WHITENOISE_USE_FINDERS = STATIC_FROM_FINDERS
WHITENOISE_AUTOREFRESH = STATIC_FROM_FINDERS
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_FINDERS
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "var" / "media"

# Uploads: nothing larger than this is held in memory or accepted by a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
# Payment files on the spend upload page (streamed to disk, read and imported by the worker). A
# year of a large council's payments is about 100 MB as CSV; the reader's own cap on what a file
# may hold once decompressed is separate (spend/reading.py).
SPEND_UPLOAD_MAX_BYTES = int(os.environ.get("SPEND_UPLOAD_MAX_MB", "250")) * 1024 * 1024
# Hostile input: how far a .zip or .gz may expand (in total, and as a ratio to its compressed
# size) and how large a spreadsheet is read; the reasons are beside each default in
# core/archives.py, core/spreadsheets.py, spend/reading.py, registers/tables.py and
# opportunities/ocds_input.py. Tests set them small.
DECOMPRESSION_MAX_RATIO = archives.MAX_RATIO
SPEND_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
REGISTERS_MAX_UNCOMPRESSED_BYTES = 20 * 1024**3  # the Companies House file is about 2.5 GB
# load_registers --download: where Companies House publishes BasicCompanyDataAsOneFile-*.zip,
# the folder it is kept in, and the most it may be (about 500 MB zipped in 2026).
REGISTERS_COMPANIES_HOUSE_URL = os.environ.get(
    "REGISTERS_COMPANIES_HOUSE_URL", "https://download.companieshouse.gov.uk/"
)
REGISTERS_DOWNLOAD_DIR = Path(
    os.environ.get("REGISTERS_DOWNLOAD_DIR") or BASE_DIR / "var" / "registers"
)
REGISTERS_DOWNLOAD_MAX_BYTES = int(os.environ.get("REGISTERS_DOWNLOAD_MAX_MB", "4096")) * 1024**2
OCDS_MAX_UNCOMPRESSED_BYTES = 20 * 1024**3
SPREADSHEET_MAX_ROWS = spreadsheets.MAX_ROWS
SPREADSHEET_MAX_COLUMNS = spreadsheets.MAX_COLUMNS
SPREADSHEET_MAX_CELLS = spreadsheets.MAX_CELLS
SPREADSHEET_MAX_BYTES = spreadsheets.MAX_BYTES
# Files attached to challenge responses and cases (types checked in core/uploads.py).
# CHALLENGE_ATTACHMENT_MAX_MB is the name this setting had before it served cases too.
ATTACHMENT_MAX_BYTES = (
    int(os.environ.get("ATTACHMENT_MAX_MB", os.environ.get("CHALLENGE_ATTACHMENT_MAX_MB", "10")))
    * 1024
    * 1024
)
# The OCDS ocid prefix for notices AnchorHub publishes (UK2 exports); register one with the Open
# Contracting Partnership before publishing to Find a Tender or a data registry.
OCDS_OCID_PREFIX = os.environ.get("OCDS_OCID_PREFIX", "ocds-ahub01")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
# Widgets crispy-forms-gds does not style by default get the GOV.UK classes too.
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input govuk-input--width-10",
    "urlinput": "govuk-input",
    "timeinput": "govuk-input govuk-input--width-5",
    "dateinput": "govuk-input govuk-input--width-10",
    "fileinput": "govuk-file-upload",
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "AnchorHub <no-reply@anchorhub.invalid>")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    # TLS usually ends at a proxy; set SECURE_SSL_REDIRECT=1 where Django itself must redirect.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
    if env_bool("BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The policy applies in development too, so that a page that breaks it is seen before production.
# Swagger UI (the API docs) needs inline styles; that one view relaxes style-src (core/api.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

SERVICE_NAME = "AnchorHub"
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SERVICE_PHASE = os.environ.get("SERVICE_PHASE", "Alpha")
SERVICE_FEEDBACK_EMAIL = os.environ.get("SERVICE_FEEDBACK_EMAIL", "feedback@anchorhub.invalid")
