"""The production web server's settings (gunicorn). `anchorhub serve` starts gunicorn with this file.

Every value can be changed by an environment variable, so one file serves every machine:

- ANCHORHUB_BIND        where to listen (default 127.0.0.1:8000; a reverse proxy sits in front)
- WEB_CONCURRENCY       worker processes (default: one per CPU core plus one)
- GUNICORN_THREADS      threads per worker (default 1: sync workers; see below)
- GUNICORN_TIMEOUT      seconds a request may take before its worker is replaced (default 60; long
                        work such as imports runs in the background worker, not in a request)
- FORWARDED_ALLOW_IPS   addresses of the trusted proxy whose X-Forwarded-* headers are believed
                        (default 127.0.0.1); set TRUSTED_PROXY_COUNT (core/settings.py) to match, so sign-in
                        throttling counts the client address the proxy saw
"""

import multiprocessing
import os

bind = os.environ.get("ANCHORHUB_BIND", "127.0.0.1:8000")
# A request is Python work holding the interpreter lock (a page costs 5-20 ms of CPU, waiting on
# PostgreSQL or the search index about 1 ms), so workers beyond the cores only take turns. Measured
# with bench/bench_web.py (16 connections, 2 cores, PostgreSQL and the load generator on the same
# machine), 3 sync workers against 5 with 2 threads each: search 115 against 118-125 requests/s
# with p99 184-230 ms against 319-413 ms; API search 213 against 189 requests/s, p99 115 against
# 220 ms; opportunity page 170 against 138 requests/s, p99 132 against 474 ms (5 sync workers:
# 84-88 requests/s on search). Threaded workers keep their clients' connections, so one worker can
# hold more than its share and its requests queue; sync workers take each request from the one
# queue. Sync workers need the buffering reverse proxy in front (slow clients, keep-alive).
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
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
