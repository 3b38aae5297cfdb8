"""The production web server's settings (gunicorn). `anchorhub serve` starts gunicorn with this file.

Every value can be changed by an environment variable, so one file serves every machine:

- ANCHORHUB_BIND        where to listen (default 127.0.0.1:8000; a reverse proxy sits in front)
- WEB_CONCURRENCY       worker processes (default: 2 per CPU core plus one)
- GUNICORN_THREADS      threads per worker (default 2: a thread waiting on the database or the
                        search index lets another request use the core)
- GUNICORN_TIMEOUT      seconds a request may take before its worker is replaced (default 60; long
                        work such as imports runs in the background worker, not in a request)
- FORWARDED_ALLOW_IPS   addresses of the trusted proxy whose X-Forwarded-* headers are believed
                        (default 127.0.0.1); see also AXES_PROXY_COUNT in core/settings.py
"""

import multiprocessing
import os

bind = os.environ.get("ANCHORHUB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (with jitter, so they are not replaced together),
# which bounds the memory any slow leak can take. Not sooner: a new worker costs about a second of
# CPU to start and its first requests are slow (bench/bench_web.py, 16 connections on 2 cores:
# with 2,000 the home page's p99 was 829 ms at 1,295 requests/s, workers replaced every few
# seconds; without replacement 70 ms at 1,920 requests/s).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "50000"))
max_requests_jitter = max_requests // 10
# Bounded request heads: the request line and each header at most 8 KB, at most 100 headers.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "anchorhub-web"
wsgi_app = "core.wsgi:application"
# No runtime control socket: workers are managed by the process supervisor (systemd or similar).
control_socket_disable = True
