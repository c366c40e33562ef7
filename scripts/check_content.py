#!/usr/bin/env python3
"""Check every page's front matter, scaffold sections and citations, and the source registry."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import model, sources  # noqa: E402
from kb.findings import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REMEDIES = {
    **model.REMEDIES,
    "source-yaml": "fix the YAML syntax of the registry file (each entry starts with '- id:')",
    "source-field": "give the entry every field: id, title, publisher, year, url, accessed, kind",
    "source-url": "use the publisher's own https address; keep a mirror only in 'mirror:'",
    "source-duplicate": "keep one entry per document and cite its id everywhere",
    "uncited": "cite the source somewhere or remove it from the registry",
}


def run(docs: Path, registry: Path, only: list[str]) -> list:
    """All findings for the content under docs/ and the registry, optionally only under some paths."""
    found_sources, findings = sources.load_registry(registry)
    findings = findings + model.validate(docs, found_sources)
    pages, _ = model.load_pages(docs)
    cited = {c.source_id for p in pages for c in sources.find_citations(p.body)}
    findings += [model.Finding(s.file, 0, "uncited", f"source '{s.id}' is never cited")
                 for s in found_sources.values() if s.id not in cited]
    if only:
        wanted = [str(Path(p).resolve()) for p in only]
        findings = [f for f in findings if any(str((ROOT / f.path).resolve()).startswith(w) for w in wanted)]
    return findings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", help="only report findings in these files or folders")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    args = parser.parse_args(argv)
    findings = run(args.docs, args.sources, args.paths)
    if findings:
        print(report(findings, REMEDIES))
        print(f"\n{len(findings)} problem(s).")
        return 1
    print("Content OK.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
