#!/usr/bin/env python3
"""Create a new module, guide or worksheet from its scaffold, and print the nav lines to add."""
from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCAFFOLDS = ROOT / "scripts" / "scaffolds"
KINDS = {"module": "modules", "guide": "guides", "worksheet": "worksheets"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def create(kind: str, slug: str, title: str, docs: Path, today: datetime.date) -> list[Path]:
    """Write the scaffold files for a new page; refuse to overwrite. Returns the files written."""
    if not SLUG.match(slug):
        raise ValueError(f"slug {slug!r} must be lower-case words joined by hyphens, like 'labour-migration'")
    section = docs / KINDS[kind]
    if kind == "worksheet":
        pairs = [(SCAFFOLDS / "worksheet.md", section / f"{slug}.md")]
    else:
        pairs = [(src, section / slug / src.name) for src in sorted((SCAFFOLDS / kind).glob("*.md"))]
    existing = [dest for _, dest in pairs if dest.exists()]
    if existing:
        raise FileExistsError(f"{existing[0]} already exists: choose another slug")
    for src, dest in pairs:
        dest.parent.mkdir(parents=True, exist_ok=True)
        text = src.read_text(encoding="utf-8")
        dest.write_text(text.replace("{title}", title.replace('"', "'")).replace("{today}", today.isoformat()),
                        encoding="utf-8")
    return [dest for _, dest in pairs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("kind", choices=sorted(KINDS))
    parser.add_argument("slug", help="lower-case-kebab-case folder or file name, read like the title")
    parser.add_argument("title", help="the title in sentence case")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    try:
        files = create(args.kind, args.slug, args.title, args.docs, datetime.date.today())
    except (ValueError, FileExistsError) as error:
        print(f"new_content: {error}", file=sys.stderr)
        return 1
    for file in files:
        print(f"created {file.relative_to(args.docs.parent)}")
    print("\nAdd to the nav: in mkdocs.yml:")
    for file in files:
        print(f"  - {file.relative_to(args.docs).as_posix()}")
    print("\nThen write the content, replace the scaffold's guidance text, and run `make test`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
