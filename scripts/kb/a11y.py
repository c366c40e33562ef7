"""Fixes to the generated HTML that the theme and extensions leave to us."""
from __future__ import annotations

import html
import re

TASK_ITEM = re.compile(r'(<li class="task-list-item">\s*)<input([^>]*?)\s*/?>(.*?)(?=<ul|<ol|</li>)', re.S)
TAGS = re.compile(r"<[^>]+>")


def label_task_checkboxes(page_html: str) -> str:
    """Give each task-list checkbox the text of its item as its accessible name."""
    def replace(match: re.Match) -> str:
        name = " ".join(html.unescape(TAGS.sub("", match.group(3))).split())
        if "aria-label" in match.group(2) or not name:
            return match.group(0)
        return f'{match.group(1)}<input{match.group(2)} aria-label="{html.escape(name[:150])}">{match.group(3)}'
    return TASK_ITEM.sub(replace, page_html)
