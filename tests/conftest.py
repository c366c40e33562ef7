"""Shared paths and fixtures. `make test` builds the site before pytest runs."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SITE = ROOT / "site"
DOCS = ROOT / "docs"


@pytest.fixture(scope="session")
def site() -> Path:
    """The site built by `make site`; tests of the real site need it."""
    if not (SITE / "index.html").exists():
        pytest.fail("site/ is not built: run `make test` (it builds first) or `make site`.")
    return SITE


def expected_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def assert_findings_match(findings: list, expected_file: Path) -> None:
    """Exactly the expected findings: one per line of `expected_file`, as '<label> <start of detail>'."""
    expected = expected_lines(expected_file)
    rendered = [f"{f.label} {f.detail}" for f in findings]
    assert len(findings) == len(expected), "\n".join(map(str, findings))
    for want in expected:
        assert any(line.startswith(want) for line in rendered), f"expected '{want}', got: {rendered}"


@pytest.fixture(scope="session")
def server(site):
    """The built site on a local server with a static host's settings (gzip, cache headers, 404)."""
    from kb.server import serve_in_thread
    srv = serve_in_thread(site)
    yield srv
    srv.shutdown()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium. A missing browser is a failure with the install command, never a skip."""
    from kb.browser import chromium_path, launch
    try:
        chromium_path()
    except RuntimeError as error:
        pytest.fail(str(error))
    with launch() as instance:
        yield instance


def page_urls(site: Path) -> list[str]:
    """Every page of the built site, as a path relative to the site root."""
    pages = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(("pagefind/", "downloads/", "_print/")):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages
