#!/usr/bin/env python3
"""Index the built site with Pagefind (settings in pagefind.yml); the index loads only when a reader searches."""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_index(site: Path) -> int:
    """Run Pagefind over `site`; return the number of pages indexed."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0 or not (site / "pagefind" / "pagefind.js").exists():
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("Pagefind failed to index the site (output above).")
    for unused in ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
                   "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
                   "pagefind-worker.js"):  # we use the JavaScript API without a worker
        (site / "pagefind" / unused).unlink(missing_ok=True)
    indexed = next((line for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "")
    return int(indexed.split()[1]) if indexed.split()[1:2] and indexed.split()[1].isdigit() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    pages = build_index(args.site)
    print(f"==> Search index built: {pages} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
