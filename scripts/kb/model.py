"""The content model: page types, their typed front matter, their scaffold sections, and the
validator that checks every Markdown page under docs/ against them."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb import frontmatter
from kb.findings import Finding
from kb.sources import Source, find_citations

# The six sector lenses of the 2020 training, as front-matter values.
SECTORS = ("governance-and-human-rights", "youth", "women", "children", "disability",
           "environment-and-climate-change")
SECTOR_NAMES = {"governance-and-human-rights": "Governance and human rights", "youth": "Youth",
                "women": "Women", "children": "Children", "disability": "Disability",
                "environment-and-climate-change": "Environment and climate change"}
# Page types; the first five are "content pages" with a description, sectors and review date.
CONTENT_TYPES = ("module", "guide", "worksheet", "brief", "reference")
PAGE_TYPES = CONTENT_TYPES + ("part", "page")
# Fields each page type must have (beyond `type` and `title`), with their Python types.
REQUIRED_FIELDS: dict[str, dict[str, type]] = {
    "module": {"duration": int, "audience": str, "objectives": list},
    "guide": {"audience": str, "worksheets": list},
    "worksheet": {"pages": int},
    "brief": {"sector": str},
    "reference": {},
    "part": {},
    "page": {},
}
CONTENT_FIELDS = {"description": str, "sectors": list, "reviewed": datetime.date}
# Optional Material fields any page may use.
OPTIONAL_FIELDS = {"hide": list, "search": dict, "description": str, "scripts": list}
# H2 sections each type must have somewhere in its folder (module and guide) or page.
SCAFFOLDS = {
    "module": ("Learning objectives", "Session plan", "Activities", "Facilitator notes", "Handout",
               "Knowledge check", "Key messages", "Further reading"),
    "guide": ("Who this guide is for", "What you will need", "Steps", "Worked example",
              "Risks and safeguards", "Worksheets", "Further reading"),
    "worksheet": ("How to use this worksheet", "Worksheet"),
    "brief": ("Why migration governance matters to this sector", "Instruments and institutions",
              "Advocacy entry points", "Where to start"),
}
MAX_PAGE_WORDS = 2500  # a page longer than this costs a reader more than about 12 KB: split it
MAX_DESCRIPTION = 200  # characters; descriptions appear in search results, cards and PDF covers
OBJECTIVES_RANGE = (3, 6)
MAX_WORKSHEET_PAGES = 4  # printed A4 pages; the advocacy worksheets keep to 2 (tested), workshop forms may run longer
# Unfinished text that must never reach readers.
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum|coming soon|\bplaceholder\b", re.I)
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{[^}]*\})?\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
WORD = re.compile(r"[A-Za-z0-9À-ÿ][\w'’-]*")

REMEDIES = {
    "front-matter": "start the file with '---', YAML 'field: value' lines, and '---' (see CONTRIBUTING.md)",
    "field-missing": "add the field to the front matter with the type shown (CONTRIBUTING.md, Front matter)",
    "field-type": "give the field the type shown: text, a whole number, a list ('[a, b]') or a date (YYYY-MM-DD)",
    "field-unknown": "remove the field or correct its spelling; allowed fields are in CONTRIBUTING.md",
    "field-value": "use one of the allowed values shown",
    "scaffold": "add the missing H2 section, for example '## Session plan { #session-plan }'",
    "session-plan": "make the Minutes column of the session plan add up to the front-matter duration",
    "duplicate-title": "give each page a unique title (parts: 'Activities: <module topic>')",
    "too-long": "split the page into parts of at most 2,500 words (CONTRIBUTING.md, Scaffolds)",
    "placeholder": "replace unfinished text with real content, or remove it",
    "citation": "register the source in data/sources/*.yml or correct the id",
    "location": "move the page: modules and guides are index.md in their own folder; parts sit beside one",
    "h1": "remove the '# ' heading: the title comes from the front matter",
    "typed-twice": "delete the list: the build lists the front-matter objectives under this heading",
}


@dataclass
class Page:
    """One Markdown page with its parsed front matter."""

    path: str  # relative to docs/, with forward slashes
    meta: dict
    body: str
    body_line: int  # file line where the body starts
    words: int = 0
    h2: list[tuple[str, int]] = field(default_factory=list)  # (heading text, line)

    @property
    def type(self) -> str:
        return str(self.meta.get("type", ""))

    @property
    def folder(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


def strip_fences(body: str) -> list[tuple[int, str]]:
    """Body lines outside fenced code blocks, numbered from 0."""
    out, fenced = [], False
    for number, line in enumerate(body.splitlines()):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            out.append((number, line))
    return out


def count_words(body: str) -> int:
    """Words a reader reads: prose outside code, HTML comments, tags and link targets."""
    text = "\n".join(line for _, line in strip_fences(body))
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"\{[:#.][^}]*\}", " ", text)  # attribute lists
    text = re.sub(r"\[@[^\]]*\]", " ", text)  # citations
    text = re.sub(r"^\*\[[^\]]*\]:.*$", " ", text, flags=re.M)  # abbreviation definitions
    return len(WORD.findall(text))


def load_page(docs: Path, path: Path) -> tuple[Page | None, list[Finding]]:
    rel = path.relative_to(docs).as_posix()
    try:
        meta, body, body_line = frontmatter.split(path.read_text(encoding="utf-8"))
    except frontmatter.FrontMatterError as error:
        return None, [Finding(f"docs/{rel}", error.line, "front-matter", str(error))]
    page = Page(rel, meta, body, body_line, words=count_words(body))
    for number, line in strip_fences(body):
        match = HEADING.match(line)
        if match and len(match.group(1)) == 2:
            page.h2.append((match.group(2).strip(), body_line + number))
    return page, []


def load_pages(docs: Path) -> tuple[list[Page], list[Finding]]:
    pages, findings = [], []
    for path in sorted(docs.rglob("*.md")):
        page, problems = load_page(docs, path)
        findings.extend(problems)
        if page:
            pages.append(page)
    return pages, findings


def _type_name(kind: type) -> str:
    return {str: "text", int: "a whole number", list: "a list", dict: "a mapping",
            datetime.date: "a date (YYYY-MM-DD)"}[kind]


def check_front_matter(page: Page) -> list[Finding]:
    where = f"docs/{page.path}"
    meta, out = page.meta, []
    kind = meta.get("type")
    if kind is None:
        return [Finding(where, 2, "field-missing", f"'type' is missing; expected one of {', '.join(PAGE_TYPES)}")]
    if kind not in PAGE_TYPES:
        return [Finding(where, 2, "field-value", f"'type' is {kind!r}; expected one of {', '.join(PAGE_TYPES)}")]
    expected = {"type": str, "title": str, **REQUIRED_FIELDS[kind]}
    if kind in CONTENT_TYPES:
        expected.update(CONTENT_FIELDS)
    for name, want in expected.items():
        value = meta.get(name)
        if value is None or value == "":
            out.append(Finding(where, 2, "field-missing", f"'{name}' is missing; expected {_type_name(want)}"))
        elif not isinstance(value, want) or isinstance(value, bool) or (want is datetime.date and isinstance(value, datetime.datetime)):
            out.append(Finding(where, 2, "field-type",
                               f"'{name}' is {value!r}; expected {_type_name(want)}"))
    for name in meta:
        if name not in expected and name not in OPTIONAL_FIELDS:
            out.append(Finding(where, 2, "field-unknown", f"'{name}' is not a field of a {kind} page"))
    if out:
        return out
    out.extend(_check_values(where, kind, meta))
    return out


def _check_values(where: str, kind: str, meta: dict) -> list[Finding]:
    out = []
    description = meta.get("description")
    if kind in CONTENT_TYPES:
        if len(description) > MAX_DESCRIPTION or not description.rstrip().endswith("."):
            out.append(Finding(where, 2, "field-value",
                               f"'description' must be one sentence of at most {MAX_DESCRIPTION} characters ending in '.'"))
        elif re.search(r"[.!?]\s+[A-Z]", description):
            out.append(Finding(where, 2, "field-value", "'description' must be one sentence, not several"))
        sectors = meta["sectors"]
        if not sectors:
            out.append(Finding(where, 2, "field-value", "'sectors' is empty; use [all] or sectors from: " + ", ".join(SECTORS)))
        elif sectors != ["all"]:
            for sector in sectors:
                if sector not in SECTORS:
                    hint = " ('all' must stand alone)" if sector == "all" else ""
                    out.append(Finding(where, 2, "field-value",
                                       f"unknown sector {sector!r}{hint}; expected [all] or any of {', '.join(SECTORS)}"))
    if kind == "module":
        low, high = OBJECTIVES_RANGE
        objectives = meta["objectives"]
        if not low <= len(objectives) <= high or not all(isinstance(o, str) and o.strip() for o in objectives):
            out.append(Finding(where, 2, "field-value",
                               f"'objectives' has {len(objectives)} items; expected {low} to {high} non-empty lines"))
        if meta["duration"] <= 0:
            out.append(Finding(where, 2, "field-value", "'duration' must be a positive number of minutes"))
    if kind == "worksheet" and not 1 <= meta["pages"] <= MAX_WORKSHEET_PAGES:
        out.append(Finding(where, 2, "field-value",
                           f"'pages' is {meta['pages']}; a worksheet prints on 1 to {MAX_WORKSHEET_PAGES} pages (advocacy worksheets on 1 or 2)"))
    if kind == "brief" and meta["sector"] not in SECTORS:
        out.append(Finding(where, 2, "field-value", f"'sector' must be one of {', '.join(SECTORS)}"))
    return out


def session_plan_minutes(page: Page) -> tuple[int | None, str]:
    """Sum of the Minutes column of the first table under '## Session plan'; (None, why) if unreadable."""
    lines = page.body.splitlines()
    start = next((i for i, line in enumerate(lines)
                  if (m := HEADING.match(line)) and len(m.group(1)) == 2 and m.group(2).strip().lower() == "session plan"), None)
    if start is None:
        return None, "no '## Session plan' section on this page"
    rows = []
    for line in lines[start + 1:]:
        if (m := HEADING.match(line)) and len(m.group(1)) <= 2:
            break
        if line.strip().startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    if len(rows) < 3:
        return None, "no table under '## Session plan'"
    header = [cell.lower() for cell in rows[0]]
    column = next((i for i, cell in enumerate(header) if "minutes" in cell or cell in ("min", "mins")), None)
    if column is None:
        return None, "the session plan table has no 'Minutes' column"
    total = 0
    for row in rows[2:]:
        if row and row[0].lower().strip("* ").startswith("total"):
            continue
        cell = row[column].strip("* ") if column < len(row) else ""
        if not cell.isdigit():
            return None, f"the Minutes cell {cell!r} is not a whole number"
        total += int(cell)
    return total, ""


def check_tree(pages: list[Page], sources: dict[str, Source] | None = None) -> list[Finding]:
    """Checks that need more than one page: scaffolds per folder, titles, locations, citations."""
    out: list[Finding] = []
    by_folder: dict[str, list[Page]] = {}
    for page in pages:
        by_folder.setdefault(page.folder, []).append(page)
    titles: dict[str, str] = {}
    for page in pages:
        where = f"docs/{page.path}"
        title = str(page.meta.get("title", "")).strip()
        if title:
            key = title.lower()
            if key in titles:
                out.append(Finding(where, 2, "duplicate-title", f"title {title!r} is also used by docs/{titles[key]}"))
            titles.setdefault(key, page.path)
        if page.words > MAX_PAGE_WORDS:
            out.append(Finding(where, 0, "too-long", f"{page.words} words; the limit is {MAX_PAGE_WORDS} per page"))
        for number, line in strip_fences(page.body):
            if PLACEHOLDER.search(line):
                out.append(Finding(where, page.body_line + number, "placeholder",
                                   f"unfinished text {PLACEHOLDER.search(line).group(0)!r}"))
            if line.startswith("# "):
                out.append(Finding(where, page.body_line + number, "h1", "a '# ' heading duplicates the page title"))
        if sources is not None:
            for citation in find_citations(page.body, page.body_line):
                if citation.source_id not in sources:
                    out.append(Finding(where, citation.line, "citation",
                                       f"unknown source id '{citation.source_id}'"))
        kind = page.type
        siblings = by_folder.get(page.folder, [])
        landing = next((p for p in siblings if p.path.endswith("index.md")), None)
        if kind in ("module", "guide") and not page.path.endswith("/index.md"):
            out.append(Finding(where, 2, "location", f"a {kind} must be the index.md of its own folder"))
        if kind == "part" and (landing is None or landing.type not in ("module", "guide")):
            out.append(Finding(where, 2, "location", "a part must sit in a module or guide folder beside its index.md"))
        if kind in SCAFFOLDS:
            group = siblings if kind in ("module", "guide") else [page]
            group = [p for p in group if p is page or p.type == "part"]
            present = {text.lower() for p in group for text, _ in p.h2}
            for section in SCAFFOLDS[kind]:
                if section.lower() not in present:
                    out.append(Finding(where, 0, "scaffold", f"missing section '## {section}'"))
        if kind == "module":
            out.extend(_objectives_typed_twice(page))
        if kind == "module" and isinstance(page.meta.get("duration"), int):
            group = [p for p in siblings if p is page or p.type == "part"]
            plan = next((p for p in group if any(t.lower() == "session plan" for t, _ in p.h2)), None)
            if plan is not None:
                total, why = session_plan_minutes(plan)
                if total is None:
                    out.append(Finding(f"docs/{plan.path}", 0, "session-plan", why))
                elif total != page.meta["duration"]:
                    out.append(Finding(f"docs/{plan.path}", 0, "session-plan",
                                       f"steps add up to {total} minutes but 'duration' is {page.meta['duration']}"))
    return out


def _objectives_typed_twice(page: Page) -> list[Finding]:
    """Objectives live in front matter only; a list under the heading would show them twice."""
    inside = False
    for number, line in strip_fences(page.body):
        match = HEADING.match(line)
        if match and len(match.group(1)) <= 2:
            inside = match.group(2).strip().lower() == "learning objectives"
        elif inside and re.match(r"^\s*(\d+\.|[-*+])\s", line):
            return [Finding(f"docs/{page.path}", page.body_line + number, "typed-twice",
                            "objectives are listed under '## Learning objectives' as well as in front matter")]
    return []


def validate(docs: Path, sources: dict[str, Source] | None = None) -> list[Finding]:
    """Every problem in the Markdown under `docs`; an empty list means the content is valid."""
    pages, findings = load_pages(docs)
    for page in pages:
        findings.extend(check_front_matter(page))
    findings.extend(check_tree(pages, sources))
    return findings
