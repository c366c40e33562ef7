"""Build print documents and standalone offline pages from the built site's article HTML.

A print document joins several pages into one HTML file (cover, optional contents, one section
per page) that Chromium prints to PDF. Ids are prefixed per section so they stay unique, links
between the joined pages become in-document anchors, and every other site link points at the
public site_url, never at the machine that built it."""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
ATTR = re.compile(r'\b(href|src|id|for)="([^"]*)"')
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
PRINT_CSS = """
@page { size: A4; }
body { margin: 0; font-variant-ligatures: none; }  /* plain letters: PDF text stays searchable and readable aloud */
.kb-doc.md-typeset { max-width: none; font-size: 10.5pt; line-height: 1.45; color: #000; }
.md-typeset h1, .md-typeset h2, .md-typeset h3 { color: #000; }
.md-typeset h1 { font-size: 1.7em; margin: 0 0 0.6em; }
.md-typeset h2 { font-size: 1.3em; margin: 1.2em 0 0.5em; }
.md-typeset table:not([class]) { font-size: 9.5pt; }
.md-typeset table:not([class]) th, .md-typeset table:not([class]) td { padding: 0.3em 0.55em; }
.md-typeset .kb-sources, .md-typeset #sources ~ * { font-size: 8pt; }
.md-typeset .kb-meta { font-size: 9pt; }
.kb-cover-compact { border-bottom: 1px solid #000; margin-bottom: 0.8em; font-size: 8.5pt; }
.kb-cover-compact h1 { font-size: 1.5em; margin-bottom: 0.2em; }
.kb-cover-compact p { margin: 0.1em 0; }
.kb-cover { break-after: page; padding-top: 30mm; }
.kb-cover h1 { font-size: 2.2em; margin-bottom: 0.4em; }
.kb-cover p { font-size: 1.05em; }
.kb-contents { break-after: page; }
.kb-contents ol { font-size: 0.95em; }
.kb-section { break-before: page; }
.kb-cover + .kb-section, .kb-cover-compact + .kb-section, .kb-contents + .kb-section { break-before: auto; }
.md-typeset details { display: block; }
.md-typeset .tabbed-set > input, .md-typeset .tabbed-labels { display: none; }
.md-typeset .tabbed-content > .tabbed-block { display: block !important; }
.md-typeset .tabbed-block::before { content: attr(data-label); display: block; font-weight: 700; margin-top: 0.6em; }
.md-typeset table:not([class]) { display: table; width: 100%; }
.md-typeset td:empty { height: 2.6em; }
.kb-cover-compact ~ .kb-section .kb-sources { column-count: 3; column-gap: 1.2em; font-size: 6pt; line-height: 1.2; }
.kb-cover-compact ~ .kb-section .kb-source { margin: 0 0 0.25em; break-inside: avoid; }
.kb-compact.md-typeset { font-size: 9.5pt; line-height: 1.35; }
.kb-compact.md-typeset h2 { font-size: 1.15em; margin: 0.8em 0 0.3em; }
.kb-compact.md-typeset h3 { font-size: 1.05em; margin: 0.6em 0 0.2em; }
.kb-compact.md-typeset p, .kb-compact.md-typeset ul, .kb-compact.md-typeset ol { margin: 0.3em 0; }
.kb-compact.md-typeset table:not([class]) { font-size: 8.5pt; margin: 0.4em 0; }
.kb-compact.md-typeset table:not([class]) td, .kb-compact.md-typeset table:not([class]) th { padding: 0.2em 0.45em; }
.kb-compact.md-typeset td:empty { height: 2em; }
.kb-compact .kb-section > h2:first-child { display: none; }
.kb-compact #p0-sources { font-size: 0.9em; margin-top: 0.6em; }
.kb-compact .kb-sources-note { font-size: 7pt; }
.kb-compact .kb-meta { display: none; }
.md-typeset .md-typeset__scrollwrap, .md-typeset .md-typeset__table { overflow: visible !important; display: block; }
.md-typeset a { color: #000; }
"""


@dataclass(frozen=True)
class SitePage:
    """A built page: its docs/ source path, its site HTML file, and its title."""

    source: str
    html_file: str  # relative to the site root, for example modules/x/index.html
    title: str


def site_html_path(source: str, directory_urls: bool = True) -> str:
    """The built HTML file for a docs/ source path."""
    stem = source[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def public_url(site_url: str, html_file: str) -> str:
    path = html_file[:-len("index.html")] if html_file.endswith("index.html") else html_file
    return site_url.rstrip("/") + "/" + path


def read_article(site: Path, html_file: str) -> str:
    text = (site / html_file).read_text(encoding="utf-8")
    match = ARTICLE.search(text)
    if match is None:
        raise ValueError(f"{html_file}: no article found (is this a page of the built site?)")
    body = HEADERLINK.sub("", match.group(1))
    return re.sub(r"<details(?![^>]*\bopen\b)", "<details open", body)  # print answers and notes


def resolve(from_file: str, href: str) -> tuple[str, str]:
    """(site file, fragment) that a relative href in `from_file` points at."""
    parts = urlsplit(href)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(from_file), parts.path)) if parts.path else from_file
    if path == ".":
        path = "index.html"
    if not path.endswith(".html") and "." not in posixpath.basename(path):
        path = posixpath.join(path, "index.html")
    return path, parts.fragment


def rewrite(article: str, page: SitePage, prefix: str, local: dict[str, str], site_url: str,
            asset_base: str) -> str:
    """Prefix ids; point links at sections of this document (`local`: html file -> prefix),
    at the public site, or (for images) at `asset_base` + site path."""
    def replace(match: re.Match) -> str:
        name, value = match.group(1), html.unescape(match.group(2))
        if name in ("id", "for"):
            return f'{name}="{prefix}-{html.escape(value)}"'
        if not value or re.match(r"^[a-z]+:", value) or value.startswith("//"):
            return match.group(0)  # external, mailto:, data: …
        if value.startswith("#"):
            return f'{name}="#{prefix}-{html.escape(value[1:])}"'
        target, fragment = resolve(page.html_file, value)
        if name == "src":
            return f'{name}="{asset_base}{html.escape(target)}"'
        if target in local:
            anchor = f"{local[target]}-{fragment}" if fragment else local[target]
            return f'href="#{html.escape(anchor)}"'
        url = public_url(site_url, target) + (f"#{fragment}" if fragment else "")
        return f'href="{html.escape(url)}"'
    return ATTR.sub(replace, article)


SOURCE_URL = re.compile(r'\s*<a href="https?://[^"]*">https?://[^<]*</a>')
SOURCE_ACCESSED = re.compile(r"\s*\(accessed [^)]*\)\.")
SOURCE_ELSEWHERE = re.compile(r'\s*<a href="[^"]*">Where else it is cited</a>')


def condense_sources(article: str, page_url: str) -> str:
    """Sources as short references (publisher, year, title), with the full list's address."""
    start = article.find('<div class="kb-sources">')
    if start < 0:
        return article
    head, tail = article[:start], article[start:]
    for pattern in (SOURCE_URL, SOURCE_ACCESSED, SOURCE_ELSEWHERE):
        tail = pattern.sub("", tail)
    note = f'<p class="kb-sources-note">Web addresses of these sources: {html.escape(page_url)}#sources</p>'
    return head + note + tail


DETAILS = re.compile(r"<details\b.*?</details>", re.S)


def drop_details(article: str) -> str:
    """Leave out collapsible blocks (answer keys) from sheets handed to participants."""
    return DETAILS.sub("", article)


def css_links(site: Path, depth: str) -> str:
    """Link the theme's main stylesheet and ours, relative to a file `depth` below the site root."""
    main = sorted((site / "assets" / "stylesheets").glob("main.*.min.css"))
    files = [p.relative_to(site).as_posix() for p in main] + ["assets/stylesheets/kb.css"]
    return "".join(f'<link rel="stylesheet" href="{depth}{f}">' for f in files)


def print_document(site: Path, pages: list[SitePage], title: str, cover_lines: list[str],
                   site_url: str, contents: bool = False, compact: bool = False) -> str:
    """One HTML document for printing, to be saved one folder below the site root."""
    local = {p.html_file: f"p{i}" for i, p in enumerate(pages)}
    sections, toc = [], []
    for i, page in enumerate(pages):
        article = rewrite(read_article(site, page.html_file), page, f"p{i}", local, site_url, "../")
        if compact:  # one or two sheets: the title heads the page; sources are listed briefly
            article = condense_sources(drop_details(H1.sub("", article, count=1)), public_url(site_url, page.html_file))
        sections.append(f'<section class="kb-section" id="p{i}">{article}</section>')
        toc.append(f'<li><a href="#p{i}">{html.escape(page.title)}</a></li>')
    cover = "".join(f"<p>{line}</p>" for line in cover_lines)
    parts = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>',
             css_links(site, "../"), f"<style>{PRINT_CSS}</style></head>",
             f'<body><main class="md-typeset kb-doc{" kb-compact" if compact else ""}">',
             f'<section class="{"kb-cover-compact" if compact else "kb-cover"}"><h1>{html.escape(title)}</h1>{cover}</section>']
    if contents:
        parts.append('<nav class="kb-contents" aria-label="Contents"><h2>Contents</h2><ol>' + "".join(toc) + "</ol></nav>")
    parts += sections + ["</main></body></html>"]
    return "".join(parts)


STANDALONE_CSS = """
body { font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1a1a1a; margin: 0; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0.8rem 1rem; }
header { border-bottom: 3px solid #00594f; }
header nav a { margin-right: 0.8rem; }
a { color: #00594f; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.admonition, details { border-left: 4px solid #00594f; padding: 0.2rem 0.8rem; margin: 1rem 0; background: #f4f8f7; }
.admonition-title, summary { font-weight: 700; }
.kb-meta { border-left: 4px solid #00594f; padding: 0.4rem 0.8rem; background: #f4f8f7; }
.kb-cite { font-size: 0.8em; vertical-align: super; text-decoration: none; }
footer { font-size: 0.85rem; border-top: 1px solid #999; }
@media print { header nav { display: none; } a { color: #000; } }
"""


def standalone_page(site: Path, page: SitePage, pages: list[SitePage], file_names: dict[str, str],
                    site_url: str, footer: str) -> str:
    """One page as a self-contained HTML file that opens from disk: no scripts, no network."""
    def replace(match: re.Match) -> str:
        name, value = match.group(1), html.unescape(match.group(2))
        if name in ("id", "for") or not value or value.startswith("#") or re.match(r"^[a-z]+:", value):
            return match.group(0)
        target, fragment = resolve(page.html_file, value)
        if name == "href" and target in file_names:
            return f'href="{file_names[target]}' + (f"#{html.escape(fragment)}" if fragment else "") + '"'
        url = public_url(site_url, target) + (f"#{fragment}" if fragment else "")
        return f'{name}="{html.escape(url)}"'
    article = ATTR.sub(replace, HEADERLINK.sub("", ARTICLE.search((site / page.html_file).read_text(encoding="utf-8")).group(1)))
    nav = " ".join(f'<a href="{file_names[p.html_file]}">{html.escape(p.title)}</a>' for p in pages)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(page.title)}</title><style>{STANDALONE_CSS}</style></head>"
            f'<body><header><nav aria-label="Pages of this module">{nav}</nav></header>'
            f"<main>{article}</main><footer>{footer}</footer></body></html>")
