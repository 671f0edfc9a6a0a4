"""A static file server for the built site, compressing text the way a static host does.

Its root can be switched while it runs, so a test can publish a rebuilt site on the
same origin (and so keep the browser's localStorage across the "update")."""

from __future__ import annotations

import gzip
import io
import mimetypes
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class StaticServer:
    def __init__(self, root: Path, headers: dict[str, str] | None = None):
        """``headers`` go on every response (a crawler may need one to lift its rate limit)."""
        self.root = Path(root)
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def translate_path(self, path):
                self.directory = str(server.root)
                return super().translate_path(path)

            def log_message(self, *args):  # keep test output quiet
                pass

            def send_head(self):
                path = Path(self.translate_path(self.path))
                if path.is_dir():
                    if not self.path.split("?")[0].endswith("/"):
                        return super().send_head()  # the redirect to the slash URL
                    path = path / "index.html"
                accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
                kind = mimetypes.guess_type(str(path))[0] or "application/octet-stream"
                if not path.is_file():
                    not_found = server.root / "404.html"
                    body = not_found.read_bytes() if not_found.is_file() else b"not found"
                    return self._send(404, "text/html", body, accepts_gzip)
                return self._send(200, kind, path.read_bytes(), accepts_gzip)

            def _send(self, status, kind, body, accepts_gzip):
                if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                    kind += "; charset=utf-8"
                compress = accepts_gzip and kind.startswith(COMPRESSIBLE)
                if compress:
                    body = gzip.compress(body, 6)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-cache")
                if compress:
                    self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                return io.BytesIO(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
