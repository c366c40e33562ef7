#!/usr/bin/env python3
"""Measure page weight, search cost, sizes and build times, side by side with default Material."""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import weight  # noqa: E402
from kb.browser import FLAGS, chromium_path, launch  # noqa: E402
from kb.server import serve_in_thread  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
RUNS = 3  # timings are the median of this many runs
PAGE_TYPES = {"home": "index.html", "module": "modules/migration-basics/index.html",
              "guide": "guides/advocacy-strategy/index.html", "worksheet": "worksheets/advocacy-plan/index.html",
              "glossary": "reference/glossary/index.html", "downloads": "downloads/index.html"}
LIGHTHOUSE = ROOT / "build" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def timed(command: list[str], **kwargs) -> float:
    started = time.monotonic()
    subprocess.run(command, check=True, capture_output=True, env=ENV, cwd=ROOT, **kwargs)
    return time.monotonic() - started


def median_time(command: list[str]) -> float:
    return statistics.median(timed(command) for _ in range(RUNS))


def baseline_config(target: Path, site: Path, docs: Path | None = None, nav: bool = True) -> Path:
    """Our mkdocs.yml with Material's defaults: Google fonts, the theme's search, no features,
    none of our scripts or styles. Same pages, same hook (so the content renders the same)."""
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("  font: false\n", "")
    text = re.sub(r"  features:\n(?:    - .*\n)+", "", text)
    text = re.sub(r"extra_css:\n(?:  - .*\n)+", "", text)
    text = re.sub(r"extra_javascript:\n(?:  - .*\n)+", "", text)
    text = re.sub(r"  - search:\n      enabled: .*\n", "  - search\n", text)
    text = re.sub(r"  # Used as an auditor.*?(?=\n# ---)", "", text, flags=re.S)  # no privacy auditor: fonts are external
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("- overrides/hooks/", f"- {ROOT / 'overrides/hooks'}/")
    if not nav:
        text = re.sub(r"^nav:.*", "", text, flags=re.S | re.M)
    text += f"docs_dir: {docs or ROOT / 'docs'}\nsite_dir: {site}\n"
    target.write_text(text)
    return target


def page_bytes(site: Path, html_file: str, extra_assets: dict[str, int] | None = None) -> dict:
    w = weight.measure(site, html_file)
    assets = dict(w.assets)
    assets.update(extra_assets or {})
    return {"first_view": w.html + sum(assets.values()), "first_view_overhead": w.shell + sum(assets.values()),
            "repeat_view": w.html, "repeat_view_overhead": w.shell}


def default_search_cost(site: Path) -> dict[str, int]:
    """Material's default search fetches its worker and its whole index on the first view."""
    out = {}
    worker = next(iter(sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))), None)
    if worker:
        out[worker.relative_to(site).as_posix()] = weight.transfer_size(worker)
    index = site / "search" / "search_index.json"
    if index.exists():
        out["search/search_index.json"] = weight.transfer_size(index)
    return out


def first_search_bytes(site: Path) -> int:
    server = serve_in_thread(site)
    try:
        with launch() as browser:
            tab = browser.new_page()
            tab.goto(f"http://127.0.0.1:{server.server_port}/modules/migration-basics/", wait_until="networkidle")
            server.take_log()
            tab.keyboard.press("/")
            tab.keyboard.type("trafficking")
            tab.wait_for_selector(".kb-search__result")
            tab.wait_for_load_state("networkidle")
            return sum(size for _, size in server.take_log())
    finally:
        server.shutdown()


def download_sizes() -> dict[str, dict[str, int]]:
    """Count, largest and total bytes of each kind of download."""
    path = ROOT / "build" / "downloads" / "manifest.json"
    out: dict[str, dict[str, int]] = {}
    for entry in json.loads(path.read_text())["files"] if path.exists() else []:
        kind = out.setdefault(entry["kind"], {"files": 0, "largest": 0, "total": 0})
        kind["files"] += 1
        kind["largest"] = max(kind["largest"], entry["size"])
        kind["total"] += entry["size"]
    return out


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def lighthouse(site: Path) -> dict:
    if not LIGHTHOUSE.exists():
        return {"note": "Lighthouse not installed: npm install --prefix build/lighthouse lighthouse@12.8.2"}
    server = serve_in_thread(site)
    scores = {}
    try:
        for kind, page in PAGE_TYPES.items():
            url = f"http://127.0.0.1:{server.server_port}/{page.removesuffix('index.html')}"
            result = subprocess.run([str(LIGHTHOUSE), url, "--form-factor=mobile", "--output=json", "--quiet",
                                     "--only-categories=performance,accessibility,best-practices,seo",
                                     f"--chrome-flags={' '.join(FLAGS)}"], capture_output=True, text=True,
                                    env={**ENV, "CHROME_PATH": chromium_path()})
            try:
                report = json.loads(result.stdout)
                scores[kind] = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
            except (ValueError, KeyError, TypeError):
                scores[kind] = {"error": (result.stderr or "no output").strip().splitlines()[-1][:120]}
    finally:
        server.shutdown()
    return scores


def scale_test(work: Path, factor: int = 10) -> dict:
    """Build a synthetic copy with `factor` times the pages; report build time and per-page bytes."""
    docs = work / "scaled-docs"
    shutil.copytree(ROOT / "docs", docs)
    for copy in range(1, factor):
        for section in ("modules", "guides", "reference", "sectors", "worksheets", "workshop"):
            target = docs / f"{section}-copy-{copy}"
            shutil.copytree(ROOT / "docs" / section, target)
            for page in target.rglob("*.md"):
                text = page.read_text()
                text = re.sub(r"^title: (.+)$", lambda m: f'title: "{m.group(1).strip(chr(34))} (copy {copy})"', text, count=1, flags=re.M)
                text = text.replace("<!-- kb:", "<!-- copy kb:")  # generated blocks only once
                page.write_text(text)
    config = work / "scaled.yml"
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("- overrides/hooks/", f"- {ROOT / 'overrides/hooks'}/")
    text = re.sub(r"^nav:.*", "", text, flags=re.S | re.M)
    text = text.replace("    omitted_files: warn", "    omitted_files: info")
    text += f"docs_dir: {docs}\nsite_dir: {work / 'scaled-site'}\n"
    config.write_text(text)
    seconds = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)])
    site = work / "scaled-site"
    pages = weight.site_pages(site)
    repeat = statistics.median(weight.measure(site, p).repeat_view for p in pages)
    return {"pages": len(pages), "build_seconds": round(seconds, 2), "median_repeat_view_overhead": repeat}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args(argv)
    site = ROOT / "site"
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    results: dict = {"ours": {}, "baseline": {}}
    print("Measuring this site…")
    results["ours"]["pages"] = {k: page_bytes(site, p) for k, p in PAGE_TYPES.items()}
    results["ours"]["first_search_bytes"] = first_search_bytes(site)
    results["ours"]["site_bytes"] = folder_size(site) - folder_size(site / "downloads")
    offline = ROOT / "build" / "downloads" / "migration-governance-kb-offline.zip"
    results["ours"]["offline_zip_bytes"] = offline.stat().st_size if offline.exists() else None
    results["ours"]["build_seconds"] = round(median_time([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(work / "ours")]), 2)
    results["ours"]["downloads_seconds"] = round(median_time([sys.executable, "scripts/build_downloads.py", "--out", str(work / "dl"), "--work", str(work / "dlwork")]), 1)
    results["ours"]["download_sizes"] = download_sizes()
    results["ours"]["lighthouse"] = lighthouse(site)

    print("Building and measuring the baseline (Material defaults)…")
    base_site = work / "baseline"
    config = baseline_config(work / "baseline.yml", base_site)
    results["baseline"]["build_seconds"] = round(median_time([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]), 2)
    search = default_search_cost(base_site)
    results["baseline"]["pages"] = {k: page_bytes(base_site, p, search) for k, p in PAGE_TYPES.items()}
    results["baseline"]["first_search_bytes"] = 0  # already paid on the first view
    results["baseline"]["site_bytes"] = folder_size(base_site)
    results["baseline"]["note"] = ("Google Fonts cannot be fetched here, so their bytes are not counted: "
                                   "the baseline's real first view is larger than shown.")
    results["baseline"]["lighthouse"] = lighthouse(base_site)

    print(f"Building a copy with ten times the pages…")
    results["scale"] = {"1x": {"pages": len(weight.site_pages(site)), "build_seconds": results["ours"]["build_seconds"],
                               "median_repeat_view_overhead": statistics.median(weight.measure(site, p).repeat_view for p in weight.site_pages(site))},
                        "10x": scale_test(work)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nFigures saved to {RESULTS / 'bench.json'}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def table(r: dict) -> str:
    rows = ["| Measure | This site | Default Material | Default ÷ ours |", "| --- | ---: | ---: | ---: |"]

    def row(label, ours, base):
        ratio = f"{base / ours:.1f}×" if ours and base else ""
        rows.append(f"| {label} | {ours:,} | {base:,} | {ratio} |" if isinstance(ours, int) else f"| {label} | {ours} | {base} | {ratio} |")
    for kind in PAGE_TYPES:
        o, b = r["ours"]["pages"][kind], r["baseline"]["pages"][kind]
        row(f"{kind}: first view (B)", o["first_view"], b["first_view"])
        row(f"{kind}: repeat view (B)", o["repeat_view"], b["repeat_view"])
    row("first search (B)", r["ours"]["first_search_bytes"], r["baseline"]["first_search_bytes"])
    row("site size without downloads (B)", r["ours"]["site_bytes"], r["baseline"]["site_bytes"])
    row("HTML build, median (s)", r["ours"]["build_seconds"], r["baseline"]["build_seconds"])
    rows.append(f"| downloads build, median (s) | {r['ours']['downloads_seconds']} | | |")
    rows.append(f"| offline ZIP (B) | {r['ours']['offline_zip_bytes']:,} | | |")
    s = r["scale"]
    rows.append(f"| scale: pages 1× / 10× | {s['1x']['pages']} / {s['10x']['pages']} | | |")
    rows.append(f"| scale: build s 1× / 10× | {s['1x']['build_seconds']} / {s['10x']['build_seconds']} | | |")
    rows.append(f"| scale: median repeat-view overhead B 1× / 10× | {s['1x']['median_repeat_view_overhead']:,} / {s['10x']['median_repeat_view_overhead']:,} | | |")
    out = "\n".join(rows)
    out += "\n\nDownloads by kind: files, largest, total (B)\n"
    for kind, size in r["ours"].get("download_sizes", {}).items():
        out += f"- {kind}: {size['files']}, {size['largest']:,}, {size['total']:,}\n"
    out += "\n\nLighthouse (mobile): performance / accessibility / best practices / SEO\n"
    for who in ("ours", "baseline"):
        scores = r[who]["lighthouse"]
        if "note" in scores:
            out += f"- {who}: {scores['note']}\n"
            continue
        for kind, s in scores.items():
            out += f"- {who}, {kind}: " + " / ".join(str(s.get(k, s.get('error', '?'))) for k in ("performance", "accessibility", "best-practices", "seo")) + "\n"
    out += f"\nNote: {r['baseline']['note']}"
    return out


if __name__ == "__main__":
    sys.exit(main())
