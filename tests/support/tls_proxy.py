"""Elasticsearch as a secured cluster looks to its clients: nginx (Debian's package) in
front of the open development node, speaking HTTPS with a certificate made by a CA of the
test's own, and passing on only requests that carry the right API key or user and
password. Anything else gets the 401 Elasticsearch itself would give.
"""

import base64
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import trustme

from .ports import free_port

API_KEY = base64.b64encode(b"site-key-id:site-key-secret").decode()
USERNAME, PASSWORD = "network-site", "correct-horse-battery-staple"
REFUSED_BODY = (
    '{"error":{"type":"security_exception","reason":"unable to authenticate"},"status":401}'
)
START_SECONDS = 30


def nginx() -> str:
    found = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
    if not found:
        raise RuntimeError("nginx is not installed: run scripts/install-system.sh")
    return found


def basic(username: str, password: str) -> str:
    return base64.b64encode(f"{username}:{password}".encode()).decode()


@dataclass
class TlsProxy:
    upstream: str  # the open node, http://host:port
    folder: Path
    port: int = field(default_factory=free_port)
    authority: trustme.CA = field(default_factory=trustme.CA)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> str:
        return str(self.folder / "ca.pem")

    def fingerprint(self) -> str:
        """The SHA-256 fingerprint of the proxy's own certificate, as openssl prints it."""
        shown = subprocess.run(  # noqa: S603 (fixed arguments)
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", self._cert],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return shown.strip().split("=", 1)[1]

    @property
    def _cert(self) -> str:
        return str(self.folder / "server.pem")

    def start(self) -> "TlsProxy":
        self.folder.mkdir(parents=True, exist_ok=True)
        issued = self.authority.issue_cert("127.0.0.1", "localhost")
        self.authority.cert_pem.write_to_path(self.ca_file)
        issued.cert_chain_pems[0].write_to_path(self._cert)
        issued.private_key_pem.write_to_path(str(self.folder / "server.key"))
        (self.folder / "nginx.conf").write_text(self._config())
        self.process = subprocess.Popen(  # noqa: S603 (the system's nginx, our config)
            [nginx(), "-p", str(self.folder), "-c", "nginx.conf", "-e", "error.log"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_SECONDS
        while not _accepts(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "error.log").read_text(errors="replace")
                raise RuntimeError(f"nginx did not start:\n{log}")
            time.sleep(0.1)
        return self

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)

    def _config(self) -> str:
        folder, upstream = self.folder, urlsplit(self.upstream).netloc
        return f"""
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {folder}/spill;
    proxy_temp_path {folder}/spill;
    fastcgi_temp_path {folder}/spill;
    uwsgi_temp_path {folder}/spill;
    scgi_temp_path {folder}/spill;
    client_max_body_size 100m;
    # Bodies stay in memory: the workers (nobody, when started as root) cannot write here.
    client_body_buffer_size 100m;
    proxy_buffering off;
    proxy_request_buffering off;
    map_hash_bucket_size 128;
    map $http_authorization $allowed {{
        default 0;
        "ApiKey {API_KEY}" 1;
        "Basic {basic(USERNAME, PASSWORD)}" 1;
    }}
    server {{
        listen 127.0.0.1:{self.port} ssl;
        ssl_certificate {self._cert};
        ssl_certificate_key {folder}/server.key;
        location / {{
            if ($allowed = 0) {{
                return 401;
            }}
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Authorization "";
        }}
        error_page 401 @refused;
        location @refused {{
            default_type application/json;
            add_header WWW-Authenticate 'ApiKey, Basic realm="security"' always;
            add_header X-elastic-product Elasticsearch always;
            return 401 '{REFUSED_BODY}';
        }}
    }}
}}
"""


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0
