"""The source registry (data/sources/*.yml) and the citation syntax `[@id, locator]`."""
from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from kb.findings import Finding

# Kinds a source may have; `news` is secondary, every other kind may be primary.
KINDS = ("law", "treaty", "policy", "publication", "court", "news", "other")
# Fields every entry must have, with the Python type YAML must give them.
REQUIRED = {"id": str, "title": str, "publisher": str, "year": int, "url": str,
            "accessed": datetime.date, "kind": str}
# Optional fields.
OPTIONAL = {"mirror": str, "note": str}
# Document-sharing sites that re-host other publishers' files: never acceptable as `url`.
MIRROR_HOSTS = ("docslib.org", "scribd.com", "vdocument.in", "vdocuments.site", "vdocuments.net",
                "pdfslide.net", "pdfslide.us", "readkong.com", "fdocuments.in", "fdocuments.net",
                "studylib.net", "slideshare.net", "dokumen.tips", "docplayer.net", "muhaz.org",
                "docsbay.net", "muchiround.co.zw", "issuu.com", "businessdocbox.com", "docest.com",
                "5y1.org", "notion.so")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# One citation group: [@a] or [@a, s. 66] or [@a; @b, p. 3]. Ids are kebab-case.
CITATION = re.compile(r"\[(@[a-z0-9][a-z0-9-]*(?:,[^\];\n]*)?(?:;\s*@[a-z0-9][a-z0-9-]*(?:,[^\];\n]*)?)*)\]")
ONE_CITE = re.compile(r"@([a-z0-9][a-z0-9-]*)(?:,\s*([^;]*))?")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    year: int
    url: str
    accessed: datetime.date
    kind: str
    file: str
    mirror: str = ""
    note: str = ""


@dataclass(frozen=True)
class Citation:
    """One cited id inside a citation group, with its optional locator (such as `s. 66`)."""

    source_id: str
    locator: str
    line: int
    start: int  # offset of the whole group in the text
    end: int


def _host(url: str) -> str:
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else host


def load_registry(folder: Path) -> tuple[dict[str, Source], list[Finding]]:
    """Read every YAML file in `folder`; return sources by id and the problems found."""
    sources: dict[str, Source] = {}
    findings: list[Finding] = []
    seen_urls: dict[str, str] = {}
    for path in sorted(folder.glob("*.yml")):
        rel = os.path.relpath(path)
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            findings.append(Finding(rel, mark.line + 1 if mark else 0, "source-yaml",
                                    f"malformed YAML: {getattr(error, 'problem', error)}"))
            continue
        if not isinstance(entries, list):
            findings.append(Finding(rel, 1, "source-yaml", "the file must be a list of entries ('- id: …')"))
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for position, entry in enumerate(entries):
            line = _entry_line(lines, entry, position)
            findings.extend(_check_entry(rel, line, entry))
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            source_id = entry["id"]
            if source_id in sources:
                findings.append(Finding(rel, line, "source-duplicate",
                                        f"id '{source_id}' is also defined in {sources[source_id].file}"))
                continue
            url = str(entry.get("url", ""))
            if url and url in seen_urls:
                findings.append(Finding(rel, line, "source-duplicate",
                                        f"'{source_id}' has the same url as '{seen_urls[url]}'"))
            seen_urls.setdefault(url, source_id)
            if all(isinstance(entry.get(k), t) for k, t in REQUIRED.items()):
                sources[source_id] = Source(file=rel, **{k: entry[k] for k in (*REQUIRED, *OPTIONAL) if k in entry})
    return sources, findings


def _entry_line(lines: list[str], entry: object, position: int) -> int:
    if isinstance(entry, dict) and "id" in entry:
        for number, text in enumerate(lines, start=1):
            if re.match(rf"^\s*-?\s*id:\s*['\"]?{re.escape(str(entry['id']))}['\"]?\s*(#.*)?$", text):
                return number
    return 0


def _check_entry(path: str, line: int, entry: object) -> list[Finding]:
    if not isinstance(entry, dict):
        return [Finding(path, line, "source-field", "each entry must be a mapping of fields")]
    name = entry.get("id", "?")
    out = []
    for field, kind in REQUIRED.items():
        if field not in entry:
            out.append(Finding(path, line, "source-field", f"'{name}': missing field '{field}'"))
        elif not isinstance(entry[field], kind) or isinstance(entry[field], bool):
            out.append(Finding(path, line, "source-field",
                               f"'{name}': field '{field}' must be {kind.__name__}, got {entry[field]!r}"))
    for field in entry:
        if field not in REQUIRED and field not in OPTIONAL:
            out.append(Finding(path, line, "source-field", f"'{name}': unknown field '{field}'"))
    if isinstance(entry.get("id"), str) and not ID_PATTERN.match(entry["id"]):
        out.append(Finding(path, line, "source-field", f"'{name}': id must be lower-case kebab-case"))
    if entry.get("kind") not in KINDS and "kind" in entry:
        out.append(Finding(path, line, "source-field", f"'{name}': kind must be one of {', '.join(KINDS)}"))
    url = entry.get("url")
    if isinstance(url, str):
        if not url.startswith("https://"):
            out.append(Finding(path, line, "source-url", f"'{name}': url must start with https://"))
        if any(_host(url) == h or _host(url).endswith("." + h) for h in MIRROR_HOSTS):
            out.append(Finding(path, line, "source-url",
                               f"'{name}': {_host(url)} is a document-sharing mirror, not the publisher"))
    return out


CODE = re.compile(r"^(\s*)(```|~~~).*?^\1\2[ \t]*$|`[^`\n]+`", re.M | re.S)


def mask_code(text: str) -> str:
    """Blank out code blocks and code spans (same length), so examples of the syntax are not citations."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def find_citations(text: str, first_line: int = 1) -> list[Citation]:
    """Every cited id in `text` outside code, in order. `first_line` is the file line of text[0]."""
    out = []
    for match in CITATION.finditer(mask_code(text)):
        line = first_line + text.count("\n", 0, match.start())
        for part in match.group(1).split(";"):
            one = ONE_CITE.match(part.strip())
            if one:
                out.append(Citation(one.group(1), (one.group(2) or "").strip(), line,
                                    match.start(), match.end()))
    return out
