"""What readers see is computed from front matter: header, objectives, citations, lists and agendas."""
from __future__ import annotations

import datetime

import pytest

from kb import render
from kb.model import Page
from kb.sources import Source

DAY = datetime.date(2026, 11, 28)


def module(slug: str, minutes: int, sectors=("all",)) -> Page:
    meta = {"type": "module", "title": f"Module {slug}", "description": "A module.", "sectors": list(sectors),
            "reviewed": DAY, "duration": minutes, "audience": "Everyone", "objectives": ["Explain A.", "List B.", "Apply C."]}
    return Page(f"modules/{slug}/index.md", meta, "## Learning objectives { #learning-objectives }\n\nText [@src].\n", 1)


def make_site(*pages: Page, agendas=None) -> render.Site:
    source = Source("src", "A title", "A publisher", 2020, "https://example.org/a", DAY, "law", "core.yml")
    return render.Site({p.path: p for p in pages}, {"src": source}, agendas=agendas or {})


def test_citations_become_numbered_links_with_a_sources_list():
    page = Page("reference/x.md", {"type": "page", "title": "X"}, "One [@src, s. 5]. Two [@src].\n`[@src]` in code.\n", 1)
    out = render.render_citations(page, make_site(page))
    assert out.count('<a class="kb-cite" href="#source-1">') == 2
    assert "[1, s. 5]" in out and "`[@src]` in code" in out
    assert '<p id="source-1" class="kb-source"' in out
    assert "(sources.md#src-src)" in out


def test_module_header_and_objectives_come_from_front_matter():
    page = module("a", 45, sectors=("youth", "women"))
    out = render.render_page(page, make_site(page))
    assert "**Time:** 45 minutes" in out and "**Last reviewed:** 28 November 2026" in out
    assert "[Youth](../../sectors/youth.md)" in out
    assert out.index("## Learning objectives") < out.index("- Explain A.") < out.index("- Apply C.")


AGENDA = {"short": {"days": [{"start": "09:00", "items": [
    {"session": "Welcome", "minutes": 15}, {"module": "a"}, {"session": "Break", "minutes": 15}, {"module": "b"}]}]}}


def test_agenda_times_follow_module_durations():
    a, b = module("a", 60), module("b", 45)
    site = make_site(a, b, agendas=AGENDA)
    rows = render.agenda_days(AGENDA["short"], site)[0]
    assert [(r[0], r[1]) for r in rows] == [("09:00", "09:15"), ("09:15", "10:15"), ("10:15", "10:30"), ("10:30", "11:15")]
    # change one module's duration: every later time moves, nothing else is edited
    a.meta["duration"] = 90
    rows = render.agenda_days(AGENDA["short"], site)[0]
    assert rows[-1][1] == "11:45"
    host = Page("workshop/agendas.md", {"type": "page", "title": "Agendas"}, "<!-- kb:agenda path=short -->\n", 1)
    assert "| 10:45–11:00 | Break | 15 |" in render.expand_markers(host, host.body, site)


def test_agenda_names_a_missing_module():
    with pytest.raises(render.RenderError, match="no module 'zzz'"):
        render.agenda_days({"days": [{"start": "09:00", "items": [{"module": "zzz"}]}]}, make_site())


def test_a_new_page_with_a_sector_appears_on_that_sector_list():
    brief_meta = {"type": "brief", "title": "Disability brief", "description": "B.", "sectors": ["disability"],
                  "reviewed": DAY, "sector": "disability"}
    brief = Page("sectors/disability.md", brief_meta, "Intro.\n", 1)
    new = module("new-topic", 30, sectors=("disability",))
    other = module("other", 30, sectors=("youth",))
    out = render.render_page(brief, make_site(brief, new, other))
    assert "## All content for this sector" in out
    assert "[Module new-topic](../modules/new-topic/index.md)" in out
    assert "Module other" not in out


def test_unknown_generated_block_is_an_error():
    page = Page("x.md", {"type": "page", "title": "X"}, "<!-- kb:nonsense -->\n", 1)
    with pytest.raises(render.RenderError, match="unknown generated block 'kb:nonsense'"):
        render.expand_markers(page, page.body, make_site(page))
