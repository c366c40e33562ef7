"""The content validator: every kind of bad input fails with a precise message; good input passes."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import DOCS, FIXTURES, ROOT, assert_findings_match
from kb import model, sources

CASES = sorted(p.name for p in (FIXTURES / "content").iterdir() if p.is_dir())
REGISTRY, _ = sources.load_registry(FIXTURES / "content-registry")


@pytest.mark.parametrize("case", CASES)
def test_validator_reports_exactly_the_expected_findings(case):
    folder = FIXTURES / "content" / case
    assert_findings_match(model.validate(folder / "docs", REGISTRY), folder / "expected.txt")


def test_each_finding_names_the_file_and_a_remedy():
    findings = model.validate(FIXTURES / "content" / "missing-field" / "docs", REGISTRY)
    assert str(findings[0]).startswith("docs/modules/m/index.md:2: [field-missing]")
    assert findings[0].label in model.REMEDIES


def test_malformed_yaml_names_the_line():
    findings = model.validate(FIXTURES / "content" / "malformed-yaml" / "docs", REGISTRY)
    assert findings[0].line == 5  # the 'sectors:' line, counted from the top of the file


def test_session_plan_total_skips_a_total_row():
    page = model.Page("m/index.md", {}, "## Session plan\n\n| Step | Minutes |\n| --- | --- |\n| A | 10 |\n| B | 5 |\n| **Total** | **15** |\n", 1)
    assert model.session_plan_minutes(page) == (15, "")


def test_word_count_ignores_markup_code_and_citations():
    body = "Two words [@some-id] [link](http://example.org/a-b-c)\n\n```\ncode code code\n```\n<!-- hidden words -->\n"
    assert model.count_words(body) == 3  # "Two", "words", "link"


def test_the_real_content_is_valid():
    registry, problems = sources.load_registry(ROOT / "data" / "sources")
    findings = problems + model.validate(DOCS, registry)
    assert not findings, "\n".join(map(str, findings))


def test_scaffold_command_creates_valid_pages(tmp_path):
    from new_content import create
    docs = tmp_path / "docs"
    today = datetime.date(2026, 11, 28)
    create("module", "test-topic", "Test topic: a module", docs, today)
    create("guide", "test-guide", "A test guide", docs, today)
    create("worksheet", "test-sheet", "A test sheet", docs, today)
    findings = model.validate(docs, {})
    assert not findings, "\n".join(map(str, findings))
    with pytest.raises(FileExistsError):
        create("worksheet", "test-sheet", "Again", docs, today)
    with pytest.raises(ValueError):
        create("module", "Bad Slug", "x", docs, today)
