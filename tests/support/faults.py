"""Faults between the site and Elasticsearch, for the outage tests and the load benchmark.

`TcpProxy` forwards a local port to the real Elasticsearch and can be switched, while
clients are connected, to refuse connections (a node that is down) or to black-hole them
(accept and never answer: a dead host behind a firewall). `FakeElasticsearch` answers
every request with one fixed status, body and headers (an overloaded, misconfigured or
impostor cluster).
"""

import contextlib
import json
import select
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FORWARD, REFUSE, BLACKHOLE = "forward", "refuse", "blackhole"


class TcpProxy:
    """A TCP proxy on 127.0.0.1 to `target` ("host:port"), started with `start()`.

    `mode` is FORWARD, REFUSE (the port is closed: connections are refused) or BLACKHOLE
    (connections are accepted, nothing is ever answered). Changing the mode cuts every
    open connection, as a crashed node or a broken network would.
    """

    def __init__(self, target: str):
        host, port = target.rsplit(":", 1)
        self.target = (host, int(port))
        self.port = 0
        self.mode = FORWARD
        self._listener: socket.socket | None = None
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "TcpProxy":
        self._listen()
        return self

    def set_mode(self, mode: str) -> None:
        assert mode in (FORWARD, REFUSE, BLACKHOLE), mode
        with self._lock:
            self.mode = mode
        self._cut_connections()
        if mode == REFUSE:
            self._close_listener()
        elif self._listener is None:
            self._listen()

    def stop(self) -> None:
        self._stopped.set()
        self._close_listener()
        self._cut_connections()

    # --- internals ---------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()

    def _cut_connections(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            self._track(client)
            if self.mode == BLACKHOLE:
                continue  # keep it open and never answer
            threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _pipe(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        self._track(upstream)
        pair = {client: upstream, upstream: client}
        try:
            while True:
                readable, _, _ = select.select(list(pair), [], [], 1.0)
                if self.mode != FORWARD:
                    return
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pair[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.close()


class FakeElasticsearch:
    """An HTTP server on 127.0.0.1 answering every request with one fixed answer."""

    def __init__(self, status: int, body: bytes | dict | None = None, headers=None):
        self.status = status
        self.body = json.dumps(body).encode() if isinstance(body, dict) else (body or b"")
        self.headers = {"X-Elastic-Product": "Elasticsearch"} if headers is None else headers
        self.requests = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                fake.requests += 1
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                for name, value in fake.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(fake.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(fake.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "FakeElasticsearch":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def error_body(status: int) -> dict:
    """The body Elasticsearch sends with an error status."""
    return {"error": {"type": "fake_error", "reason": f"status {status}"}, "status": status}
