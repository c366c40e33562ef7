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
