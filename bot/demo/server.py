"""Serve the sample province on 127.0.0.1 (a free port) in a background thread, for the demo and the tests."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bot.demo.content import SampleProvince
from bot.demo.site import feed_url, page_for


class SampleSites:
    """The sample province's outlets, forum and channel on one local HTTP server."""

    def __init__(self, province: SampleProvince, host: str = "127.0.0.1", port: int = 0):
        self.province = province
        sites = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                found = page_for(sites.province, sites.base_url, self.path)
                if found is None:
                    self.send_error(404, "Không có trang này")
                    return
                content_type, body = found
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="sample-sites", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "SampleSites":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def sources(self, interval_minutes: float = 30) -> list[dict]:
        """A sources file's entries pointing at these sites (the crawler reads them like any real source)."""
        p = self.province
        out = [{"name": f"mau-{o['key']}", "title": o["name"], "kind": "feed", "type": o["type"],
                "url": feed_url(self.base_url, o), "interval_minutes": interval_minutes} for o in p.outlets]
        out.append({"name": f"mau-{p.forum['key']}", "title": p.forum["name"], "kind": "forum", "type": "forum",
                    "url": f"{self.base_url}/forum/", "interval_minutes": interval_minutes})
        out.append({"name": f"mau-{p.channel['username']}", "title": p.channel["title"], "kind": "telegram",
                    "type": "social", "url": f"{self.base_url}/s/{p.channel['username']}",
                    "interval_minutes": interval_minutes})
        return out
