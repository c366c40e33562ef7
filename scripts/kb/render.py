"""Turn page Markdown into what readers see: numbered citations with a sources list, the header
computed from front matter, and the generated blocks (sources page, sector lists, agendas, paths).

Everything is produced as Markdown with relative links to .md files, so MkDocs validates it like
hand-written content."""
from __future__ import annotations

import html
import math
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kb.model import CONTENT_TYPES, SECTOR_NAMES, SECTORS, HEADING, Page
from kb.sources import CITATION, Source, find_citations, mask_code

READING_WORDS_PER_MINUTE = 200  # a conservative pace for reading in a second language
MARKER = re.compile(r"^<!--\s*kb:([a-z-]+)((?:\s+[a-z]+=[\w.-]+)*)\s*-->\s*$", re.M)
KIND_HEADINGS = {"law": "Laws and regulations", "treaty": "Treaties and protocols",
                 "policy": "Policies, plans and declarations", "publication": "Publications and official pages",
                 "court": "Court decisions", "news": "News reports", "other": "Other sources"}
DOWNLOAD_LABELS = {"facilitator-pdf": "Facilitator PDF", "handout-pdf": "Handout PDF", "module-pack": "Module pack (ZIP)",
                   "guide-pdf": "PDF", "worksheet-pdf": "PDF", "worksheet-docx": "Word (editable)",
                   "offline-zip": "Offline copy (ZIP)", "toolkit-pdf": "Toolkit PDF", "zim": "Kiwix file (ZIM)"}
TYPE_LABELS = {"module": "Training module", "guide": "Advocacy guide", "worksheet": "Worksheet",
               "brief": "Sector brief", "reference": "Reference"}


class RenderError(ValueError):
    """A generated block that cannot be built (for example an unknown agenda or page)."""


@dataclass
class Site:
    """What the renderer needs to know about the whole site."""

    pages: dict[str, Page]  # by path relative to docs/
    sources: dict[str, Source]
    agendas: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)
    downloads: dict = field(default_factory=dict)  # page path -> list of (label, href, bytes)
    manifest: dict = field(default_factory=dict)
    download_base: str = ""  # "" links downloads relatively; the offline copy links to the public site
    order: dict = field(default_factory=dict)  # page path -> (position, path), from the nav

    def set_downloads(self, manifest: dict, base: str = "") -> None:
        self.manifest, self.download_base, self.downloads = manifest, base, {}
        for entry in manifest.get("files", []):
            if entry["page"]:
                label = DOWNLOAD_LABELS.get(entry["kind"], entry["kind"])
                self.downloads.setdefault(entry["page"], []).append((label, f"downloads/{entry['path']}", entry["size"]))

    def download_href(self, from_path: str, href: str) -> str:
        return self.download_base.rstrip("/") + "/" + href if self.download_base else link(from_path, href)

    def citing_pages(self, source_id: str) -> list[str]:
        if not hasattr(self, "_citing"):  # computed once: every page's citations, by source
            self._citing: dict[str, list[str]] = {}
            for path, page in self.pages.items():
                for cited in dict.fromkeys(c.source_id for c in find_citations(page.body)):
                    self._citing.setdefault(cited, []).append(path)
        return self._citing.get(source_id, [])


def link(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative link from one docs/ page to another, as MkDocs expects in Markdown."""
    target = posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
    return f"{target}#{anchor}" if anchor else target


def long_date(value) -> str:
    return f"{value.day} {value:%B %Y}"


def esc(text: str) -> str:
    """Escape text for Markdown link labels and inline HTML."""
    return html.escape(str(text), quote=False).replace("[", "&#91;").replace("]", "&#93;")


def reading_minutes(page: Page) -> int:
    """Minutes to read a page, from its length."""
    return max(1, math.ceil(page.words / READING_WORDS_PER_MINUTE))


# --- citations -------------------------------------------------------------------------------

def render_citations(page: Page, site: Site) -> str:
    """Replace [@id] groups with numbered links and append the page's sources list."""
    numbers: dict[str, int] = {}
    for citation in find_citations(page.body):
        numbers.setdefault(citation.source_id, len(numbers) + 1)
    if not numbers:
        return page.body

    def replace(match: re.Match) -> str:
        parts = []
        for citation in find_citations(match.group(0)):
            n = numbers[citation.source_id]
            label = f"{n}, {citation.locator}" if citation.locator else str(n)
            parts.append(f'<a class="kb-cite" href="#source-{n}">[{esc(label)}]</a>')
        return "".join(parts)

    masked = mask_code(page.body)
    body, last = [], 0
    for match in CITATION.finditer(masked):  # replace only citations outside code
        body += [page.body[last:match.start()], replace(match)]
        last = match.end()
    body = "".join(body + [page.body[last:]])
    items = []
    for source_id, n in numbers.items():
        s = site.sources[source_id]
        registry = link(page.path, "reference/sources.md", f"src-{source_id}")
        items.append(f'<p id="source-{n}" class="kb-source" markdown="1">[{n}] {source_markdown(s)} '
                     f'[Where else it is cited]({registry})</p>')
    return (body.rstrip() + "\n\n## Sources cited on this page { #sources }\n\n"
            + '<div class="kb-sources" markdown="1">\n' + "\n".join(items) + "\n</div>\n")


def source_markdown(s: Source) -> str:
    return (f"{esc(s.publisher)} ({s.year}). *{esc(s.title)}*. "
            f"<{s.url}> (accessed {long_date(s.accessed)}).")


# --- page header ------------------------------------------------------------------------------

def render_header(page: Page, site: Site) -> str:
    """The summary box shown under the title, computed from front matter only."""
    meta, kind = page.meta, page.type
    if kind not in CONTENT_TYPES:
        return ""
    facts = [f"**{TYPE_LABELS[kind]}**"]
    if kind == "module":
        facts.append(f"**Time:** {meta['duration']} minutes")
    if kind == "worksheet":
        facts.append(f"**Prints on:** {meta['pages']} A4 page{'s' if meta['pages'] > 1 else ''}")
    if kind in ("module", "guide") and meta.get("audience"):
        facts.append(f"**For:** {esc(meta['audience'])}")
    sectors = meta.get("sectors") or []
    names = (["All sectors"] if sectors == ["all"] else
             [f"[{SECTOR_NAMES[s]}]({link(page.path, f'sectors/{s}.md')})" for s in sectors if s in SECTORS])
    facts.append("**Sectors:** " + ", ".join(names))
    facts.append(f"**Last reviewed:** {long_date(meta['reviewed'])}")
    downloads = site.downloads.get(page.path, [])
    if downloads:
        facts.append("**Download:** " + " · ".join(
            f"[{esc(label)}]({site.download_href(page.path, href)}) ({format_size(size)})" for label, href, size in downloads))
    return '<div class="kb-meta" markdown="1">\n' + "  \n".join(facts) + "\n</div>\n\n"


def format_size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{max(1, round(size / 1000))} KB"


def insert_objectives(page: Page, body: str) -> str:
    """List the module's objectives from front matter under its '## Learning objectives' heading."""
    if page.type != "module":
        return body
    items = "\n".join(f"- {esc(o)}" for o in page.meta.get("objectives", []))
    lines = body.splitlines()
    for i, line in enumerate(lines):
        m = HEADING.match(line)
        if m and len(m.group(1)) == 2 and m.group(2).strip().lower() == "learning objectives":
            lead = "By the end of this module, participants will be able to:"
            return "\n".join(lines[: i + 1] + ["", lead, "", items, ""] + lines[i + 1:]) + "\n"
    return body


# --- generated blocks -------------------------------------------------------------------------

def expand_markers(page: Page, body: str, site: Site) -> str:
    """Replace each `<!-- kb:name key=value -->` line with its generated Markdown."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        args = dict(pair.split("=", 1) for pair in match.group(2).split())
        builder = BLOCKS.get(name)
        if builder is None:
            raise RenderError(f"docs/{page.path}: unknown generated block 'kb:{name}'; "
                              f"expected one of {', '.join(sorted(BLOCKS))}")
        return builder(page, site, **args)
    return MARKER.sub(replace, body)


def block_sources(page: Page, site: Site) -> str:
    out = [f"The registry holds {len(site.sources)} sources. "
           "Each entry lists every page that cites it.\n"]
    for kind, heading in KIND_HEADINGS.items():
        group = sorted((s for s in site.sources.values() if s.kind == kind), key=lambda s: s.title.lower())
        if not group:
            continue
        out.append(f"## {heading} {{ #{kind} }}\n")
        for s in group:
            cited = site.citing_pages(s.id)
            where = ", ".join(f"[{esc(site.pages[p].meta.get('title', p))}]({link(page.path, p)})" for p in cited)
            out.append(f'<div id="src-{s.id}" class="kb-source" markdown="1">\n'
                       f"{source_markdown(s)}  \n"
                       f"Cited on: {where or 'no page yet'}.\n</div>\n")
    return "\n".join(out)


def pages_for_sector(site: Site, sector: str) -> list[Page]:
    """Content pages for a sector: those tagged with it, then those for all sectors."""
    content = [p for p in site.pages.values() if p.type in CONTENT_TYPES and p.type != "reference"]
    tagged = [p for p in content if sector in (p.meta.get("sectors") or [])]
    general = [p for p in content if p.meta.get("sectors") == ["all"]]
    return sorted(tagged, key=_order) + sorted(general, key=_order)


def _order(page: Page) -> tuple:
    return (list(TYPE_LABELS).index(page.type), str(page.meta.get("title", "")).lower())


def block_sector_list(page: Page, site: Site, sector: str) -> str:
    if sector not in SECTORS:
        raise RenderError(f"docs/{page.path}: unknown sector '{sector}' in kb:sector-list")
    rows = ["| Page | Type | Sectors |", "| --- | --- | --- |"]
    for other in pages_for_sector(site, sector):
        if other.path == page.path:
            continue
        tags = other.meta.get("sectors")
        label = "All" if tags == ["all"] else ", ".join(SECTOR_NAMES[s] for s in tags if s in SECTORS)
        rows.append(f"| [{esc(other.meta['title'])}]({link(page.path, other.path)}) | "
                    f"{TYPE_LABELS[other.type]} | {label} |")
    return "\n".join(rows) + "\n"


def block_agenda(page: Page, site: Site, path: str) -> str:
    plan = site.agendas.get(path)
    if plan is None:
        raise RenderError(f"docs/{page.path}: no agenda '{path}' in data/agendas.yml")
    out = []
    for number, day in enumerate(agenda_days(plan, site), start=1):
        if len(plan["days"]) > 1:
            out.append(f"### Day {number} {{ #{path}-day-{number} }}\n")
        out.append("| Time | Session | Minutes |\n| --- | --- | --- |")
        teaching = 0
        for start, end, label, minutes, target, is_session in day:
            name = f"[{esc(label)}]({link(page.path, target)})" if target else esc(label)
            out.append(f"| {start}–{end} | {name} | {minutes} |")
            teaching += minutes if is_session else 0
        out.append(f"\nSessions: {teaching // 60} h {teaching % 60:02d} min; "
                   f"day ends at {day[-1][1]}.\n")
    return "\n".join(out)


def agenda_days(plan: dict, site: Site) -> list[list[tuple]]:
    """Each day as rows (start, end, label, minutes, link target, is_teaching) computed from module durations."""
    days = []
    for day in plan["days"]:
        hours, minutes = map(int, str(day["start"]).split(":"))
        clock, rows = hours * 60 + minutes, []
        for item in day["items"]:
            if "module" in item:
                target = f"modules/{item['module']}/index.md"
                module = site.pages.get(target)
                if module is None or module.type != "module":
                    raise RenderError(f"data/agendas.yml: no module '{item['module']}' (expected docs/{target})")
                label, length, teaching = module.meta["title"], module.meta["duration"], True
            else:
                label, length, teaching, target = item["session"], int(item["minutes"]), False, item.get("page")
            rows.append((_clock(clock), _clock(clock + length), label, length, target, teaching))
            clock += length
        days.append(rows)
    return days


def _clock(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def block_reading_path(page: Page, site: Site, path: str) -> str:
    plan = site.paths.get(path)
    if plan is None:
        raise RenderError(f"docs/{page.path}: no reading path '{path}' in data/paths.yml")
    rows = ["| Step | Page | Minutes |", "| --- | --- | --- |"]
    total = 0
    for number, target in enumerate(plan["pages"], start=1):
        other = site.pages.get(target)
        if other is None:
            raise RenderError(f"data/paths.yml: path '{path}' names docs/{target}, which does not exist")
        minutes = reading_minutes(other)
        total += minutes
        rows.append(f"| {number} | [{esc(other.meta['title'])}]({link(page.path, target)}) | {minutes} |")
    return "\n".join(rows) + f"\n\nAbout {total} minutes in all.\n"


def block_abbreviations(page: Page, site: Site) -> str:
    rows = ["| Abbreviation | Stands for |", "| --- | --- |"]
    rows += [f"| {esc(short)} | {esc(full)} |" for short, full in sorted(site.abbreviations, key=lambda a: a[0].lower())]
    return "\n".join(rows) + f"\n\n{len(site.abbreviations)} abbreviations.\n"


def block_downloads(page: Page, site: Site, price: str = "1.30") -> str:
    """Every download with its size and what it costs on mobile data at `price` US$ per GB."""
    files = site.manifest.get("files", [])
    if not files:
        return ("The downloads are built by `make site`. "
                "This copy of the site was built without them.\n")
    per_byte = float(price) / 1e9
    out = [f"Version {esc(site.manifest['version'])}, built {site.manifest['build_date']}.\n"]
    for kinds, heading in DOWNLOAD_GROUPS:
        rows = [f for f in files if f["kind"] in kinds]
        if not rows:
            continue
        out.append(f"### {heading}\n\n| File | Size | Cost at US${price}/GB |\n| --- | --- | --- |")
        for f in rows:
            cost = f["size"] * per_byte
            out.append(f"| [{esc(f['title'])}]({site.download_href(page.path, 'downloads/' + f['path'])}) "
                       f"| {format_size(f['size'])} | {'under 1 US cent' if cost < 0.01 else f'US${cost:.2f}'} |")
        out.append("")
    out.append(f"Check your files: [SHA256SUMS]({site.download_href(page.path, 'downloads/SHA256SUMS')}) · "
               f"[manifest.json]({site.download_href(page.path, 'downloads/manifest.json')})\n")
    return "\n".join(out)


DOWNLOAD_GROUPS = [(("offline-zip", "zim", "toolkit-pdf"), "The whole knowledge base"),
                   (("facilitator-pdf", "handout-pdf", "module-pack"), "Training modules"),
                   (("guide-pdf",), "Advocacy guides"),
                   (("worksheet-pdf", "worksheet-docx"), "Worksheets and workshop forms")]


def block_catalogue(page: Page, site: Site, type: str) -> str:
    """A table of every page of one type, in nav order."""
    rows = sorted((p for p in site.pages.values() if p.type == type), key=lambda p: site.order.get(p.path, (99, p.path)))
    head = "| {} | What it covers | {} |\n| --- | --- | --- |".format(
        TYPE_LABELS[type], "Time" if type == "module" else "Sectors")
    lines = [head]
    for other in rows:
        extra = (f"{other.meta['duration']} min" if type == "module" else
                 "All" if other.meta.get("sectors") == ["all"] else
                 ", ".join(SECTOR_NAMES.get(s, s) for s in other.meta.get("sectors", [])))
        lines.append(f"| [{esc(other.meta['title'])}]({link(page.path, other.path)}) | {esc(other.meta['description'])} | {extra} |")
    return "\n".join(lines) + "\n"


BLOCKS = {"sources": block_sources, "sector-list": block_sector_list, "agenda": block_agenda,
          "reading-path": block_reading_path, "abbreviations": block_abbreviations,
          "downloads": block_downloads, "catalogue": block_catalogue}


def sector_section(page: Page, site: Site) -> str:
    """Every brief ends with the generated list of all content for its sector."""
    if page.type != "brief":
        return ""
    return ("\n\n## All content for this sector { #all-content }\n\n"
            "This list is built from each page's sectors, so new pages appear here by themselves.\n\n"
            + block_sector_list(page, site, page.meta["sector"]))


def render_page(page: Page, site: Site) -> str:
    """The full Markdown a reader's page is built from."""
    body = insert_objectives(page, page.body)
    body = expand_markers(page, body, site)
    body = render_header(page, site) + body + sector_section(page, site)
    return render_citations(Page(page.path, page.meta, body, page.body_line), site)


# --- loading the site data --------------------------------------------------------------------

def load_abbreviations(path: Path) -> list[tuple[str, str]]:
    pattern = re.compile(r"^\*\[([^\]]+)\]:\s*(.+)$")
    if not path.exists():
        return []
    return [(m.group(1), m.group(2).strip()) for line in path.read_text(encoding="utf-8").splitlines()
            if (m := pattern.match(line))]


def load_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {} if path.exists() else {}
