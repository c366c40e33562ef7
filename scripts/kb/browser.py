"""Debian's Chromium, driven by Playwright: the project never downloads a browser."""
from __future__ import annotations

import contextlib
import shutil

# Flags that work as root with no network (see the toolchain notes): without the
# background-networking ones, Chromium tries to reach Google at every start.
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--font-render-hinting=none"]
INSTALL = "sudo apt-get update && sudo apt-get install -y chromium"


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError(f"Chromium is missing. Install it with: {INSTALL}  (make setup does this as root)")
    return path


@contextlib.contextmanager
def launch(**options):
    """A browser for the duration of a `with` block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:  # Playwright gives each launch a fresh, empty profile
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS, **options)
        try:
            yield browser
        finally:
            browser.close()
