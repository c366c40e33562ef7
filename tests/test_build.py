"""The strict build: each kind of broken page fails it, with a message that names the problem."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, expected_lines

CASES = sorted(p.name for p in (FIXTURES / "strict").iterdir() if p.is_dir())


def fixture_config(case: str, tmp_path) -> str:
    """The real mkdocs.yml, pointed at a fixture's docs/ and nav, with absolute theme and hook paths."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("- overrides/hooks/", f"- {ROOT / 'overrides/hooks'}/")
    text = re.sub(r"^nav:.*", "", text, flags=re.S | re.M)
    nav = expected_lines(FIXTURES / "strict" / case / "nav.txt")
    text += "nav:\n" + "".join(f"  - {page}\n" for page in nav)
    text += f"docs_dir: {FIXTURES / 'strict' / case / 'docs'}\nsite_dir: {tmp_path / 'site'}\n"
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    return str(path)


def build(config: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config],
                          capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.mark.parametrize("case", CASES)
def test_strict_build_fails_on_each_broken_fixture(case, tmp_path):
    result = build(fixture_config(case, tmp_path))
    expected = (FIXTURES / "strict" / case / "expected.txt").read_text().strip()
    output = result.stdout + result.stderr
    if not expected:
        assert result.returncode == 0, output
    else:
        assert result.returncode != 0, f"the build should have failed:\n{output}"
        assert expected in output, output


def test_build_fails_on_invalid_content_with_the_validator_message(tmp_path):
    docs = FIXTURES / "strict" / "valid" / "docs"
    config = fixture_config("valid", tmp_path)
    broken = tmp_path / "docs-broken"
    broken.mkdir()
    for page in docs.iterdir():
        (broken / page.name).write_text(page.read_text().replace("type: page", "type: pamphlet"))
    text = open(config).read().replace(str(docs), str(broken))
    open(config, "w").write(text)
    result = build(config)
    assert result.returncode != 0
    assert "docs/index.md:2: [field-value] 'type' is 'pamphlet'" in result.stdout + result.stderr
