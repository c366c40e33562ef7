"""The source registry and the citation syntax."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT, assert_findings_match
from kb import model, sources

CASES = sorted(p.name for p in (FIXTURES / "sources").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES)
def test_registry_reports_exactly_the_expected_findings(case):
    folder = FIXTURES / "sources" / case
    _, findings = sources.load_registry(folder)
    assert_findings_match(findings, folder / "expected.txt")


def test_registry_findings_name_the_line():
    _, findings = sources.load_registry(FIXTURES / "sources" / "missing-field")
    assert findings[0].line == 1 and findings[0].path.endswith("sources.yml")


def test_citations_are_parsed_with_locators_and_lines():
    text = "A [@one].\nB [@two, s. 66; @three].\nNot a citation: [@Upper] or [email@x]."
    found = [(c.source_id, c.locator, c.line) for c in sources.find_citations(text, first_line=10)]
    assert found == [("one", "", 10), ("two", "s. 66", 11), ("three", "", 11)]


def test_every_registered_source_is_cited_and_every_citation_resolves():
    registry, problems = sources.load_registry(ROOT / "data" / "sources")
    assert not problems, "\n".join(map(str, problems))
    pages, _ = model.load_pages(ROOT / "docs")
    cited = {c.source_id for p in pages for c in sources.find_citations(p.body)}
    assert cited <= set(registry), f"unknown: {sorted(cited - set(registry))}"
    assert set(registry) <= cited, f"never cited: {sorted(set(registry) - cited)}"
