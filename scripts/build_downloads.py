#!/usr/bin/env python3
"""Build every download: module PDFs and packs, guide and worksheet files, the offline copy,
the toolkit PDF, the Kiwix file, manifest.json and SHA256SUMS, into build/downloads/."""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import model, packaging, printdoc  # noqa: E402
from kb.browser import launch  # noqa: E402
from kb.packaging import Artifact  # noqa: E402
from kb.server import serve_in_thread  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PART_ORDER = ("index.md", "background.md", "activities.md", "handout.md", "knowledge-check.md", "example.md")
SHIM = ROOT / "scripts" / "offline" / "node_modules" / "iframe-worker" / "shim" / "index.js"
LICENCE = "CC BY 4.0"
# Files nobody reading the offline copy needs: source maps, other languages' stemmers and word
# splitters, the sitemap.
OFFLINE_SKIP = re.compile(r"\.map$|/lunr/min/lunr\.(?!stemmer|multi)[a-z]{2}\.min\.js$|/lunr/(wordcut|tinyseg)\.js$"
                          r"|^sitemap\.xml(\.gz)?$")
# From disk the theme loads the index as search_index.js; the JSON copy is only for web servers (Kiwix).
ZIP_SKIP = re.compile(OFFLINE_SKIP.pattern + r"|^search/search_index\.json$")


def version_info() -> tuple[str, str]:
    """(version, build date): the citation version plus the commit, and the commit's date."""
    version = re.search(r'^version:\s*"?([^"\n]+)"?', (ROOT / "CITATION.cff").read_text(), re.M).group(1)
    try:
        commit = subprocess.run(["git", "log", "-1", "--format=%h %cs"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.split()
        return f"{version}+{commit[0]}", commit[1]
    except (subprocess.CalledProcessError, FileNotFoundError, IndexError):
        return version, time.strftime("%Y-%m-%d")


def site_url() -> str:
    default = re.search(r'site_url:\s*!ENV\s*\[SITE_URL,\s*"([^"]+)"\]', (ROOT / "mkdocs.yml").read_text()).group(1)
    return os.environ.get("SITE_URL", default)


def mkdocs_build(target: Path, **env: str) -> None:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(target)],
                            cwd=ROOT, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"mkdocs build into {target} failed (output above)")


def ensure_shim() -> None:
    if not SHIM.exists():
        print("==> Installing the offline search shim from npm (npm ci, pinned by package-lock.json)")
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund", "--prefix", str(SHIM.parents[3])],
                       check=True)


class Builder:
    def __init__(self, out: Path, work: Path):
        self.out, self.work = out, work
        self.version, self.date = version_info()
        self.site_url = site_url()
        self.pages = {p.path: p for p in model.load_pages(ROOT / "docs")[0]}
        self.artifacts: list[Artifact] = []

    # --- helpers ---
    def footer(self, title: str) -> str:
        return f"{title} · version {self.version}, {self.date} · current copy: {self.site_url} · {LICENCE}"

    def cover(self, description: str) -> list[str]:
        return [description, f"Version {self.version}, built {self.date}.",
                f"The current copy lives at {self.site_url}",
                f"Migration Governance Knowledge Base. Licence: {LICENCE} (https://creativecommons.org/licenses/by/4.0/). Not legal advice."]

    def site_page(self, source: str) -> printdoc.SitePage:
        return printdoc.SitePage(source, printdoc.site_html_path(source), str(self.pages[source].meta.get("title", source)))

    def folder_pages(self, index: str) -> list[printdoc.SitePage]:
        folder = index.rsplit("/", 1)[0]
        names = [p.rsplit("/", 1)[1] for p in self.pages if p.startswith(folder + "/") and p.count("/") == folder.count("/") + 1]
        ordered = sorted(names, key=lambda n: (PART_ORDER.index(n) if n in PART_ORDER else len(PART_ORDER), n))
        return [self.site_page(f"{folder}/{n}") for n in ordered]

    def pdf(self, browser, server, pages, title, description, target: str, kind: str, page: str, contents=False,
            compact=False):
        """Print pages to one A4 PDF; `compact` puts a short heading in place of a cover page."""
        cover = [f"Version {self.version}, {self.date} · {self.site_url} · {LICENCE} · not legal advice"] if compact else self.cover(description)
        html = printdoc.print_document(self.work, pages, title, cover, self.site_url, contents, compact)
        temp = self.work / "_print" / (Path(target).stem + ".html")
        temp.parent.mkdir(exist_ok=True)
        temp.write_text(html, encoding="utf-8")
        path = self.out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        tab = browser.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_port}/_print/{temp.name}", wait_until="load")
        tab.emulate_media(media="print")
        footer = (f'<div style="font-size:7.5px;width:100%;margin:0 14mm;display:flex;justify-content:space-between;'
                  f'font-family:DejaVu Sans,sans-serif"><span>{self.footer(title)}</span>'
                  f'<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
        tab.pdf(path=str(path), format="A4", outline=True, tagged=True, print_background=True,
                display_header_footer=True, header_template="<span></span>", footer_template=footer,
                margin={"top": "11mm" if compact else "14mm", "bottom": "14mm" if compact else "16mm",
                        "left": "13mm" if compact else "14mm", "right": "13mm" if compact else "14mm"})
        tab.close()
        packaging.normalise_pdf(path, title, description, _date(self.date), "migration governance; Zimbabwe; civil society")
        self.artifacts.append(Artifact(target, title, kind, page))
        return path

    # --- the files ---
    def build(self, browser, server) -> None:
        modules = sorted(p for p, page in self.pages.items() if page.type == "module")
        guides = sorted(p for p, page in self.pages.items() if page.type == "guide")
        worksheets = sorted(p for p, page in self.pages.items() if page.type == "worksheet")
        for source in worksheets:
            self.worksheet(browser, server, source)
        for source in modules:
            self.module(browser, server, source)
        for source in guides:
            meta = self.pages[source].meta
            self.pdf(browser, server, self.folder_pages(source), meta["title"], meta["description"],
                     f"guides/{slug(source)}.pdf", "guide-pdf", source)
        everything = [sp for s in modules + guides for sp in self.folder_pages(s)]
        self.pdf(browser, server, everything, "Migration governance toolkit for civil society in Zimbabwe",
                 "All training modules and advocacy guides of the Migration Governance Knowledge Base in one document.",
                 "migration-governance-toolkit.pdf", "toolkit-pdf", "", contents=True)

    def worksheet(self, browser, server, source: str) -> None:
        meta, name = self.pages[source].meta, Path(source).stem
        page = self.site_page(source)
        self.pdf(browser, server, [page], meta["title"], meta["description"], f"worksheets/{name}.pdf", "worksheet-pdf",
                 source, compact=True)
        article = printdoc.read_article(self.work, page.html_file)
        data = packaging.worksheet_docx(meta["title"], article, self.footer(meta["title"]), _date(self.date))
        (self.out / "worksheets" / f"{name}.docx").write_bytes(data)
        self.artifacts.append(Artifact(f"worksheets/{name}.docx", f"{meta['title']} (editable)", "worksheet-docx", source))

    def module(self, browser, server, source: str) -> None:
        meta, name = self.pages[source].meta, slug(source)
        pages = self.folder_pages(source)
        facilitator = self.pdf(browser, server, pages, meta["title"], meta["description"],
                               f"modules/{name}-facilitator.pdf", "facilitator-pdf", source)
        handout_pages = [p for p in pages if p.source.endswith("/handout.md")]
        handout = self.pdf(browser, server, handout_pages, f"Handout: {meta['title']}",
                           "The participant handout of this module, to print and share.",
                           f"modules/{name}-handout.pdf", "handout-pdf", source, compact=True)
        files = {f"{name}/{facilitator.name}": facilitator.read_bytes(), f"{name}/{handout.name}": handout.read_bytes()}
        for sheet in self.linked_worksheets(source):
            pdf = self.out / "worksheets" / f"{Path(sheet).stem}.pdf"
            files[f"{name}/worksheets/{pdf.name}"] = pdf.read_bytes()
        names = {p.html_file: Path(p.source).stem + ".html" for p in pages}
        for page in pages:
            html = printdoc.standalone_page(self.work, page, pages, names, self.site_url, self.footer(meta["title"]))
            files[f"{name}/pages/{names[page.html_file]}"] = html.encode("utf-8")
        files[f"{name}/README.txt"] = self.readme(meta["title"], [
            f"{facilitator.name}: the whole module for facilitators, with answers.",
            f"{handout.name}: the participant handout.",
            "worksheets/: the printable worksheets this module uses.",
            "pages/: the module's pages; open pages/index.html in any browser, no internet needed."]).encode()
        packaging.write_zip(self.out / f"modules/{name}-pack.zip", files)
        self.artifacts.append(Artifact(f"modules/{name}-pack.zip", f"Module pack: {meta['title']}", "module-pack", source))

    def linked_worksheets(self, source: str) -> list[str]:
        folder = source.rsplit("/", 1)[0]
        found = []
        for path, page in self.pages.items():
            if path.startswith(folder + "/"):
                for target in re.findall(r"\]\(([^)#\s]+\.md)", page.body):
                    resolved = os.path.normpath(os.path.join(folder, target)).replace(os.sep, "/")
                    if resolved in self.pages and self.pages[resolved].type == "worksheet" and resolved not in found:
                        found.append(resolved)
        return found

    def readme(self, title: str, lines: list[str]) -> str:
        return "\n".join([title, "=" * len(title), "", *lines, "",
                          f"Version {self.version}, built {self.date}.",
                          f"The current copy lives at {self.site_url}",
                          f"Licence: {LICENCE} (https://creativecommons.org/licenses/by/4.0/).",
                          "Check a download: sha256sum -c SHA256SUMS (the file is on the Downloads page).",
                          "This is not legal advice. Laws and statuses change: each page says when it was last reviewed.", ""])

    def offline_zip(self, offline: Path) -> None:
        files = {}
        for path in sorted(offline.rglob("*")):
            rel = path.relative_to(offline).as_posix()
            if path.is_file() and not ZIP_SKIP.search(rel):
                files[f"migration-governance-kb/{rel}"] = path.read_bytes()
        files["migration-governance-kb/README.txt"] = self.readme("Migration Governance Knowledge Base: offline copy", [
            "Unzip this folder, then open index.html in any browser. Everything works without internet,",
            "including search (click the magnifier or press /)."]).encode()
        packaging.write_zip(self.out / "migration-governance-kb-offline.zip", files)
        self.artifacts.append(Artifact("migration-governance-kb-offline.zip", "The whole knowledge base, offline",
                                       "offline-zip", ""))

    def zim(self, offline: Path) -> None:
        from kb.zim import write_zim
        target = self.out / "migration-governance-kb.zim"
        write_zim(offline, target, self.version, self.date, self.site_url, packaging.png_icon(48), OFFLINE_SKIP)
        self.artifacts.append(Artifact(target.name, "The whole knowledge base for Kiwix (ZIM)", "zim", ""))


def slug(source: str) -> str:
    return source.rsplit("/", 2)[-2]


def _date(text: str):
    import datetime
    return datetime.date.fromisoformat(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "downloads")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "work")
    args = parser.parse_args(argv)
    started = time.monotonic()
    for folder in (args.out, args.work):
        shutil.rmtree(folder, ignore_errors=True)
    args.out.mkdir(parents=True)
    print_site, offline = args.work / "print-site", args.work / "offline"
    mkdocs_build(print_site, KB_DOWNLOADS="off")
    ensure_shim()
    mkdocs_build(offline, OFFLINE="true", KB_DOWNLOADS="off")
    builder = Builder(args.out, print_site)
    server = serve_in_thread(print_site)
    with launch() as browser:
        builder.build(browser, server)
    server.shutdown()
    builder.offline_zip(offline)
    builder.zim(offline)
    packaging.write_manifest(args.out, builder.artifacts, builder.version, builder.date)
    total = sum(a.size for a in builder.artifacts)
    print(f"==> {len(builder.artifacts)} downloads, {total / 1e6:.1f} MB, in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
