"""Split a Markdown file into its YAML front matter and body."""
from __future__ import annotations

import yaml


class FrontMatterError(ValueError):
    """Front matter that is missing, unterminated or not valid YAML."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def split(text: str) -> tuple[dict, str, int]:
    """Return (meta, body, body_start_line). Line numbers are 1-based."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise FrontMatterError("no front matter: the file must start with a line '---'", 1)
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            raw = "".join(lines[1:index])
            break
    else:
        raise FrontMatterError("front matter is not closed: add a line '---' after the fields", 1)
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as error:
        # The context mark points at the construct that is broken (an unclosed '[', say).
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(f"malformed YAML: {problem}", line) from None
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of 'field: value' lines", 2)
    return meta, "".join(lines[index + 1 :]), index + 2
