"""A small HTTP server on 127.0.0.1 for fixture sites and fake APIs, run in a thread inside the tests.

Routes answer with fixed replies or with handlers; every request is logged (path, query, headers, time) so tests
can assert what a crawler fetched, and how. Bodies may contain `{base}`, replaced by the server's base URL."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers.items() if k.lower() == name.lower()), None)


@dataclass
class Reply:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts)


Handler = Callable[[Request], Reply]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        return None  # clients that hang up (timeouts, size limits) are part of the tests


class FixtureServer:
    def __init__(self) -> None:
        self._routes: dict[str, Handler] = {}
        self.log: list[Request] = []
        self._lock = threading.Lock()
        self._httpd = _QuietServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> "FixtureServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    # routes -----------------------------------------------------------------------------------------------------

    def add(self, path: str, body: bytes | str = b"", **reply: object) -> None:
        """A fixed reply at `path` (which may include a query string to match exactly)."""
        fixed = Reply(body=body, **reply)
        self._routes[path] = lambda _request: fixed

    def handle(self, path: str, handler: Handler) -> None:
        self._routes[path] = handler

    def sequence(self, path: str, replies: list[Reply]) -> None:
        """Answer with each reply in turn, then keep answering with the last."""
        remaining = list(replies)

        def next_reply(_request: Request) -> Reply:
            return remaining.pop(0) if len(remaining) > 1 else remaining[0]
        self._routes[path] = next_reply

    def conditional(self, path: str, body: bytes | str, etag: str, last_modified: str | None = None,
                    content_type: str = "application/rss+xml; charset=utf-8") -> None:
        """A resource with validators: 304 when the request's If-None-Match matches."""
        def answer(request: Request) -> Reply:
            headers = {"ETag": etag, **({"Last-Modified": last_modified} if last_modified else {})}
            if request.header("If-None-Match") == etag:
                return Reply(status=304, headers=headers)
            return Reply(body=body, content_type=content_type, headers=headers)
        self._routes[path] = answer

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.log if r.path == path]

    # serving ----------------------------------------------------------------------------------------------------

    def _reply_for(self, request: Request, raw_query: str) -> Reply:
        handler = self._routes.get(f"{request.path}?{raw_query}") if raw_query else None
        handler = handler or self._routes.get(request.path)
        if handler is None:
            return Reply(body="<html><body><h1>404</h1><p>Không tìm thấy trang</p></body></html>", status=404)
        return handler(request)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                request = Request("GET", parts.path, parse_qs(parts.query), dict(self.headers.items()),
                                  time.monotonic())
                with server._lock:
                    server.log.append(request)
                reply = server._reply_for(request, parts.query)
                if reply.delay:
                    time.sleep(reply.delay)
                body = reply.body.replace("{base}", server.base).encode("utf-8") if isinstance(reply.body, str) \
                    else reply.body.replace(b"{base}", server.base.encode())
                try:
                    self.send_response(reply.status)
                    if reply.status != 304:
                        self.send_header("Content-Type", reply.content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value.replace("{base}", server.base))
                    self.send_header("Content-Length", str(0 if reply.status == 304 else len(body)))
                    self.end_headers()
                    if reply.status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return None

        return _Handler
