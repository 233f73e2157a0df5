"""gunicorn's settings, read when it starts from this folder (`scripts/serve.sh`).

Sized for a small machine: a few worker processes (WEB_CONCURRENCY, by default one more
than the cores), each with a few threads (WEB_THREADS), since a request mostly waits on
PostgreSQL or Elasticsearch. Scale out with more machines or containers rather than one
huge process count. Django's settings read their own variables in network/settings/base.py;
these are the web server's.
"""

import os

wsgi_app = "network.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
# A request slower than this is cut and its worker replaced.
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so slow leaks cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Both logs go to standard output or error; each access line carries the request id.
control_socket_disable = True  # several servers may share one machine
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %({x-request-id}o)s "%(r)s" %(s)s %(b)s %(M)sms'
