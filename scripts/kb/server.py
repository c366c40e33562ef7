"""A small static server with the settings of a common static host, used by `make serve`,
the browser tests and the benchmark: gzip level 6 for text types, cache headers, 404 page, and a
log of the bytes sent for each request (the measure behind the page-weight budgets)."""
from __future__ import annotations

import gzip
import mimetypes
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6  # what common static hosts use
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
CACHE = "public, max-age=600"
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("image/svg+xml", ".svg")


def content_type(file: Path) -> str:
    if file.name.endswith((".pf_meta", ".pf_index", ".pf_fragment")) or file.name.startswith("wasm."):
        return "application/octet-stream"  # Pagefind's files are gzip data already
    return mimetypes.guess_type(file.name)[0] or "application/octet-stream"


def compressible(kind: str) -> bool:
    """Whether a static host would gzip a response of this type."""
    return kind.startswith(COMPRESSIBLE)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, root: Path):
        self.root = root
        self.headers = read_headers(root / "_headers")  # as Netlify and Cloudflare Pages do
        self.sent: list[tuple[str, int]] = []  # (path, body bytes) per request, in order
        self.lock = threading.Lock()
        super().__init__(address, _Handler)

    def take_log(self) -> list[tuple[str, int]]:
        with self.lock:
            log, self.sent = self.sent, []
        return log


class _Handler(SimpleHTTPRequestHandler):
    server: SiteServer

    def log_message(self, *args):  # quiet
        pass

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        file = (self.server.root / path.lstrip("/")).resolve()
        if self.server.root.resolve() not in (file, *file.parents):
            return self._send(404, b"", "text/plain", head, path)
        if file.is_dir():
            if not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.end_headers()
                return
            file = file / "index.html"
        status = 200
        if not file.is_file():
            status, file = 404, self.server.root / "404.html"
            if not file.is_file():
                return self._send(404, b"Not found", "text/plain", head, path)
        self._send(status, file.read_bytes(), content_type(file), head, path)

    def _send(self, status: int, body: bytes, kind: str, head: bool, path: str) -> None:
        encoding = None
        if compressible(kind) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body, encoding = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", CACHE)
        for name, value in self.server.headers.items():
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if not head:
            self.wfile.write(body)
        with self.server.lock:
            self.server.sent.append((path, 0 if head else len(body)))


def read_headers(path: Path) -> dict[str, str]:
    """The headers a `_headers` file sets for every path (`/*`)."""
    headers, current = {}, None
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line[0].isspace():
                current = line.strip()
            elif current == "/*" and ":" in line:
                name, value = line.strip().split(":", 1)
                headers[name.strip()] = value.strip()
    return headers


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> SiteServer:
    """Start serving `root`; port 0 picks a free port. Call .serve_forever() or run in a thread."""
    return SiteServer((host, port), root)


def serve_in_thread(root: Path, host: str = "127.0.0.1") -> SiteServer:
    server = serve(root, host, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
