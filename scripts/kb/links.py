"""Check every link and asset reference in a built site, and keep the record of external links."""
from __future__ import annotations

import csv
import datetime
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb.findings import Finding

# Attributes that point at another resource.
LINK_ATTRIBUTES = {"href", "src", "poster", "data", "action"}
# Schemes that are not web resources and are not checked.
SKIPPED_SCHEMES = ("mailto:", "tel:", "data:", "javascript:", "blob:")
# Hosts that only exist on the author's machine.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1"}
# Material's 404 page uses site-absolute links by design (it is served for any missing path).
SKIPPED_FILES = {"404.html"}
RECORD_FIELDS = ("url", "used_on", "last_checked", "last_status")

REMEDIES = {
    "missing-page": "fix the link target, or add the page to docs/ and the nav",
    "excluded-page": "the target exists in docs/ but is not built: remove the link or stop excluding the page",
    "missing-anchor": "link to a heading id that exists on the target page (give headings explicit ids)",
    "missing-asset": "add the image or file under docs/, or fix its path",
    "absolute-link": "use a relative link; '/…' breaks when the site is hosted under a sub-path",
    "local-link": "never link to localhost or 127.0.0.1: use a relative link or the public site_url",
    "insecure-link": "use the https:// address of the external page",
    "external-asset": "host the file on the site itself: pages must make no request to another host",
    "unrecorded-external": "run `make linkcheck-record` to add the address to data/external-links.tsv",
    "file-url": "never link to file://: use a relative link",
}


@dataclass(frozen=True)
class Reference:
    file: str  # site-relative path of the HTML file
    line: int
    tag: str
    attribute: str
    value: str


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[tuple[int, str, str, str]] = []
        self.config: str | None = None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for key in ("id", "name") if tag in ("a", "map") else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        if tag == "script" and values.get("id") == "__config":
            self._in_config = True
        for attribute, value in attrs:
            if attribute in LINK_ATTRIBUTES and value is not None:
                if tag == "link" and values.get("rel") in ("canonical", "alternate"):
                    continue  # point at the public address by design
                self.references.append((self.getpos()[0], tag, attribute, value.strip()))

    def handle_data(self, data):
        if self._in_config:
            self.config = (self.config or "") + data

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False


@dataclass
class SiteIndex:
    ids: dict[str, set[str]]  # site-relative html path -> element ids
    references: list[Reference]
    files: set[str]  # every file in the site, site-relative


def index_site(site: Path) -> SiteIndex:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    ids, references = {}, []
    for rel in sorted(f for f in files if f.endswith(".html")):
        collector = _Collector()
        collector.feed((site / rel).read_text(encoding="utf-8", errors="replace"))
        ids[rel] = collector.ids
        references += [Reference(rel, line, tag, attr, value) for line, tag, attr, value in collector.references]
        if collector.config:  # Material's JSON config names the search worker: check it too
            try:
                config = json.loads(collector.config)
            except ValueError:
                config = {}
            if isinstance(config.get("search"), str):  # already relative to the page
                references.append(Reference(rel, 0, "script", "__config.search", config["search"]))
    return SiteIndex(ids, references, files)


def _resolve(source: str, target: str, files: set[str]) -> str | None:
    """The site file a relative link points at (a folder means its index.html), or None."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(source), unquote(target)))
    if path.startswith(".."):
        return None
    folder_index = "index.html" if path == "." else f"{path}/index.html"
    return next((c for c in (path, folder_index) if c in files), None)


def check_site(site: Path, docs: Path | None = None, record: dict[str, dict] | None = None) -> list[Finding]:
    """Every broken or unwanted reference in the built site. `record` enables the external-link check."""
    index = index_site(site)
    out: list[Finding] = []
    for ref in index.references:
        if posixpath.basename(ref.file) in SKIPPED_FILES and posixpath.dirname(ref.file) == "":
            continue
        where, value = ref.file, ref.value
        if not value or value.startswith(SKIPPED_SCHEMES) or value == "#":
            continue
        parts = urlsplit(value)
        if parts.scheme == "file":
            out.append(Finding(where, ref.line, "file-url", value))
            continue
        if parts.scheme in ("http", "https") or value.startswith("//"):
            host = (parts.hostname or "").lower()
            if host in LOCAL_HOSTS:
                out.append(Finding(where, ref.line, "local-link", value))
            elif ref.tag != "a" and ref.attribute != "action":
                out.append(Finding(where, ref.line, "external-asset", f"<{ref.tag} {ref.attribute}> loads {value}"))
            elif parts.scheme == "http":
                out.append(Finding(where, ref.line, "insecure-link", value))
            elif record is not None and value not in record:
                out.append(Finding(where, ref.line, "unrecorded-external", value))
            continue
        if parts.scheme:
            continue
        if value.startswith("/"):
            out.append(Finding(where, ref.line, "absolute-link", value))
            continue
        target = _resolve(ref.file, parts.path, index.files) if parts.path else ref.file
        if target is None:
            label = "missing-page" if ref.tag == "a" else "missing-asset"
            if label == "missing-page" and docs is not None and _source_exists(docs, ref.file, parts.path):
                label = "excluded-page"
            out.append(Finding(where, ref.line, label, f"{value} does not exist in the built site"))
            continue
        if parts.fragment and target.endswith(".html"):
            fragment = unquote(parts.fragment)
            if fragment not in index.ids.get(target, set()):
                out.append(Finding(where, ref.line, "missing-anchor", f"{value}: no element with id '{fragment}' in {target}"))
    return out


def _source_exists(docs: Path, html_file: str, target: str) -> bool:
    """Whether a missing built page has a Markdown source (so it was excluded from the build)."""
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(html_file), unquote(target))).rstrip("/")
    stem = re.sub(r"(/index)?\.html$", "", joined)
    return any((docs / candidate).is_file() for candidate in (stem + ".md", stem + "/index.md"))


def external_links(site: Path) -> dict[str, set[str]]:
    """Every external https/http link in the site, with the pages that use it."""
    used: dict[str, set[str]] = {}
    for ref in index_site(site).references:
        parts = urlsplit(ref.value)
        if ref.tag == "a" and parts.scheme in ("http", "https") and (parts.hostname or "") not in LOCAL_HOSTS:
            used.setdefault(ref.value, set()).add(ref.file)
    return used


def read_record(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["url"]: row for row in csv.DictReader(handle, delimiter="\t")}


def write_record(path: Path, record: dict[str, dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=RECORD_FIELDS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        for url in sorted(record):
            writer.writerow({k: record[url].get(k, "") for k in RECORD_FIELDS})


def update_record(record: dict[str, dict], used: dict[str, set[str]]) -> dict[str, dict]:
    """The record with every used URL present, 'used_on' refreshed, and unused URLs dropped."""
    fresh = {}
    for url, pages in used.items():
        row = dict(record.get(url, {"url": url, "last_checked": "", "last_status": "unchecked"}))
        row["used_on"] = " ".join(sorted(pages)[:3]) + (f" (+{len(pages) - 3} more)" if len(pages) > 3 else "")
        fresh[url] = row
    return fresh


def today() -> str:
    return datetime.date.today().isoformat()
