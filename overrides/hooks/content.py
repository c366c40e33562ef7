"""Thin MkDocs hook: validate the content model, then render each page through scripts/kb.

All logic lives in scripts/kb so that tests, command-line checks and a future generator share it."""
from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from kb import a11y, headers, model, packaging, render, sources  # noqa: E402
from kb.findings import report  # noqa: E402

log = logging.getLogger("mkdocs.plugins.kb")
SITE: render.Site | None = None
DOWNLOADS = ROOT / "build" / "downloads"
SHIM = ROOT / "scripts" / "offline" / "node_modules" / "iframe-worker" / "shim" / "index.js"
SHIM_URL = "assets/javascripts/iframe-worker-shim.js"  # the name must contain "iframe-worker"
OFFLINE = os.environ.get("OFFLINE", "").lower() in ("1", "true", "yes")
WITH_DOWNLOADS = os.environ.get("KB_DOWNLOADS", "on") != "off"


@event_priority(100)  # before the theme's offline plugin, which otherwise adds the shim from a CDN
def on_config(config):
    """The offline copy runs the theme's search from disk through the iframe-worker shim."""
    if OFFLINE:
        config["extra"].setdefault("polyfills", []).append(SHIM_URL)
    return config


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
    if WITH_DOWNLOADS:
        manifest = packaging.read_manifest(DOWNLOADS)
        SITE.set_downloads(manifest, config["site_url"] if OFFLINE else "")
        if not OFFLINE:  # publish the files with the site, so links to them are checked like any other
            for entry in manifest.get("files", []):
                files.append(File.generated(config, f"downloads/{entry['path']}", abs_src_path=str(DOWNLOADS / entry["path"])))
            for name in ("manifest.json", "SHA256SUMS"):
                if (DOWNLOADS / name).exists():
                    files.append(File.generated(config, f"downloads/{name}", abs_src_path=str(DOWNLOADS / name)))
    for source in registry.values():
        if not SITE.citing_pages(source.id):
            log.info("source '%s' in %s is never cited", source.id, source.file)
    return files


def on_nav(nav, config, files):
    """Generated lists follow the reading order of the nav."""
    SITE.order = {page.file.src_uri: (i, page.file.src_uri) for i, page in enumerate(nav.pages)}
    return nav


def on_page_markdown(markdown, page, config, files):
    site_page = SITE.pages.get(page.file.src_uri)
    if site_page is None:
        return markdown
    try:
        return render.render_page(site_page, SITE)
    except render.RenderError as error:
        raise PluginError(str(error)) from None


def on_page_content(html, page, config, files):
    return a11y.label_task_checkboxes(html)


def on_post_build(config):
    """Write the security headers for static hosts; give the offline copy its search shim."""
    site = Path(config["site_dir"])
    if OFFLINE:
        if not SHIM.exists():
            raise PluginError(f"{SHIM.relative_to(ROOT)} is missing: run `npm ci --prefix scripts/offline` "
                              "first (make site does this)")
        shutil.copyfile(SHIM, site / SHIM_URL)
    headers.write_headers(site)
