"""Thin MkDocs hook: validate the content model, then render each page through scripts/kb.

All logic lives in scripts/kb so that tests, command-line checks and a future generator share it."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from kb import headers, model, render, sources  # noqa: E402
from kb.findings import report  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kb")
SITE: render.Site | None = None


def on_files(files, config):
    """Validate every page and the source registry before anything is rendered."""
    global SITE
    docs = Path(config["docs_dir"])
    registry, findings = sources.load_registry(ROOT / "data" / "sources")
    findings += model.validate(docs, registry)
    if findings:
        raise PluginError("The content has problems:\n" + report(findings, model.REMEDIES))
    pages, _ = model.load_pages(docs)
    SITE = render.Site(
        pages={p.path: p for p in pages},
        sources=registry,
        agendas=render.load_yaml(ROOT / "data" / "agendas.yml"),
        paths=render.load_yaml(ROOT / "data" / "paths.yml"),
        abbreviations=render.load_abbreviations(ROOT / "includes" / "abbreviations.md"),
    )
    for source in registry.values():
        if not SITE.citing_pages(source.id):
            log.info("source '%s' in %s is never cited", source.id, source.file)
    return files


def on_page_markdown(markdown, page, config, files):
    site_page = SITE.pages.get(page.file.src_uri)
    if site_page is None:
        return markdown
    try:
        return render.render_page(site_page, SITE)
    except render.RenderError as error:
        raise PluginError(str(error)) from None


def on_post_build(config):
    """Write the security headers for static hosts that read a `_headers` file."""
    headers.write_headers(Path(config["site_dir"]))
