"""Names Django, django-ninja, gunicorn and templates use without Python code calling them: for
vulture (`vulture` reads [tool.vulture] in pyproject.toml). Whole families are ignored there by
name pattern and decorator; this file names the few left."""

# ruff: noqa: B018
from accounts import backends, lockout
from cases import sharing
from core import admin_site, context_processors, params, permissions
from jobs import queue
from opportunities import models as opportunities_models
from opportunities import ranking_quality, search, search_index
from reference import deprivation
from suppliers import resolution

admin_site.CoordinatorAdminSite  # AdminSite subclass: site-wide admin, set in core/apps.py
permissions.PermissionRuleMiddleware  # in settings.MIDDLEWARE
lockout.client_ip  # settings.AXES_CLIENT_IP_CALLABLE
lockout.SignInThrottle  # settings: axes handler
lockout.lockout_response  # settings.AXES_LOCKOUT_CALLABLE
backends.EmailBackend  # settings.AUTHENTICATION_BACKENDS
context_processors.service  # settings.TEMPLATES context_processors
params.RefuseNulCharacters  # in settings.MIDDLEWARE
queue.run_scheduled  # named by jobs/schedules.py as a django-q2 schedule (dotted path)
queue.sweep  # likewise
opportunities_models.SearchVectorColumn  # a field class used by the migrations

# Used by the benchmarks (bench/), which are not among vulture's paths.
search.filtered
search.plain_text_query
ranking_quality.ndcg_at
resolution.train_model
# One definition the set-wise code is tested to agree with (tests/), and the tests' reset.
sharing.can_see
deprivation.lsoa_decile
search_index.reset_cache
