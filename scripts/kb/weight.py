"""Page weight as a browser on a static host pays it: gzip level 6 bytes of the page and of the
files it loads. Used by the budget tests and by `make bench`."""
from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kb.printdoc import ARTICLE
from kb.server import GZIP_LEVEL, compressible, content_type

ASSET = re.compile(r'<(?:link[^>]*rel="(?:stylesheet|icon|shortcut icon)"[^>]*href|script[^>]*src)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


@lru_cache(maxsize=None)
def transfer_size(path: Path) -> int:
    """Bytes on the wire for one file, compressed exactly as the test server (kb.server) sends it."""
    data = path.read_bytes()
    return gz(data) if compressible(content_type(path)) else len(data)


@dataclass
class PageWeight:
    page: str
    html: int  # gzip bytes of the whole HTML document
    article: int  # gzip bytes of the article alone
    assets: dict[str, int] = field(default_factory=dict)  # site path -> bytes, what the page loads

    @property
    def shell(self) -> int:
        """What the page's HTML costs beyond its own article: navigation, header, footer, head."""
        return max(0, self.html - self.article)

    @property
    def first_view(self) -> int:
        """Overhead of a first visit: the shell plus every stylesheet, script and icon."""
        return self.shell + sum(self.assets.values())

    @property
    def repeat_view(self) -> int:
        """Overhead of another page once shared files are cached: the shell alone."""
        return self.shell

    def explain(self) -> str:
        heavy = sorted(self.assets.items(), key=lambda kv: -kv[1])
        parts = [f"HTML shell {self.shell:,} B"] + [f"{name} {size:,} B" for name, size in heavy]
        return ", ".join(parts)


def measure(site: Path, html_file: str) -> PageWeight:
    text = (site / html_file).read_text(encoding="utf-8")
    match = ARTICLE.search(text)
    article = gz(match.group(0).encode()) if match else 0
    assets = {}
    folder = (site / html_file).parent
    for href in ASSET.findall(text):
        if re.match(r"^[a-z]+:", href) or href.startswith("//"):
            continue
        path = (folder / href.split("?")[0].split("#")[0]).resolve()
        if path.is_file():
            assets[path.relative_to(site.resolve()).as_posix()] = transfer_size(path)
    return PageWeight(html_file, gz(text.encode()), article, assets)


def site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("pagefind/", "downloads/", "_print/"))
                  and p.name != "404.html")

