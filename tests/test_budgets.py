"""Byte budgets on the built site. Bytes are deterministic, so they are tests; speed is `make bench`.

Method: gzip level 6 (what common static hosts serve) of every file a page loads. The budgets
are on the overhead we control: everything except the page's own article and content images."""
from __future__ import annotations

import re

import pytest

from conftest import ROOT
from kb import weight

FIRST_VIEW_BUDGET = 72_000  # bytes: HTML shell, CSS, JavaScript, icons (no web fonts)
REPEAT_VIEW_BUDGET = 6_000  # bytes: the HTML shell of another page once shared files are cached
SEARCH_FIRST_BUDGET = 160_000  # bytes: opening search and running the first query
SEARCH_NEXT_BUDGET = 100_000  # bytes: each later query
IMAGE_BUDGET = 30_000  # bytes per content image
# Content images allowed over IMAGE_BUDGET, each with the reason. Keep it short.
IMAGE_ALLOWLIST: dict[str, str] = {}
IMG = re.compile(r"<img\b[^>]*>")


@pytest.fixture(scope="module")
def weights(site):
    return [weight.measure(site, page) for page in weight.site_pages(site)]


def test_first_view_overhead_of_every_page_is_within_budget(weights):
    heavy = [f"{w.page}: {w.first_view:,} B > {FIRST_VIEW_BUDGET:,} B ({w.explain()})"
             for w in weights if w.first_view > FIRST_VIEW_BUDGET]
    assert len(weights) > 100
    assert not heavy, "\n".join(heavy)


def test_repeat_view_overhead_of_every_page_is_within_budget(weights):
    heavy = [f"{w.page}: HTML beyond its article is {w.repeat_view:,} B > {REPEAT_VIEW_BUDGET:,} B "
             f"(whole page {w.html:,} B, article {w.article:,} B)" for w in weights if w.repeat_view > REPEAT_VIEW_BUDGET]
    assert not heavy, "\n".join(heavy)


def test_no_web_fonts_and_no_search_index_in_the_page(weights):
    for w in weights:
        assert not [a for a in w.assets if a.endswith((".woff", ".woff2", ".ttf"))], w.page
        assert not [a for a in w.assets if "search" in a and "worker" in a], w.page


def test_content_images_are_small_sized_and_lazy(site):
    problems = []
    for page in weight.site_pages(site):
        text = (site / page).read_text(encoding="utf-8")
        article = weight.ARTICLE.search(text)
        for number, tag in enumerate(IMG.findall(article.group(0) if article else "")):
            src = re.search(r'src="([^"]+)"', tag).group(1)
            path = (site / page).parent / src
            if path.is_file() and path.stat().st_size > IMAGE_BUDGET and src not in IMAGE_ALLOWLIST:
                problems.append(f"{page}: {src} is {path.stat().st_size:,} B > {IMAGE_BUDGET:,} B")
            if 'width="' not in tag or 'height="' not in tag:
                problems.append(f"{page}: {src} has no width and height (the page would jump while loading)")
            if number > 0 and 'loading="lazy"' not in tag:
                problems.append(f"{page}: {src} is below the first image but not loading=\"lazy\"")
    assert not problems, "\n".join(problems)


def test_the_browser_loads_exactly_what_the_budget_counts(browser, server, base_url, site):
    """The static count above matches what Chromium really fetches on a first view."""
    context = browser.new_context()
    tab = context.new_page()
    server.take_log()
    tab.goto(base_url + "modules/migration-basics/", wait_until="networkidle")
    fetched = {path.lstrip("/") for path, _ in server.take_log()}
    context.close()
    counted = set(weight.measure(site, "modules/migration-basics/index.html").assets)
    assert fetched - {"modules/migration-basics/"} == counted | {"assets/favicon.svg"} or \
        fetched - {"modules/migration-basics/"} == counted


# --- search ------------------------------------------------------------------------------------

def _search(tab, query: str) -> None:
    tab.fill("#kb-search-input", "")
    tab.type("#kb-search-input", query)
    tab.wait_for_function("q => document.querySelector('.kb-search__status').textContent.includes(q)", arg=query)
    tab.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def search_tab(browser, base_url):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def test_search_loads_nothing_until_used_then_stays_within_budget(search_tab, server, base_url):
    tab = search_tab
    server.take_log()
    tab.goto(base_url + "reference/glossary/", wait_until="networkidle")
    before = server.take_log()
    assert not [p for p, _ in before if "pagefind" in p or "search" in p.replace("site.js", "")], before
    tab.keyboard.press("/")
    _search(tab, "trafficking")
    first = server.take_log()
    first_bytes = sum(size for _, size in first)
    assert first_bytes <= SEARCH_FIRST_BUDGET, f"open + first query: {first_bytes:,} B: {first}"
    for query in ("GCM", "stakeholder mapping", "remittances"):
        _search(tab, query)
        later = server.take_log()
        later_bytes = sum(size for _, size in later)
        assert later_bytes <= SEARCH_NEXT_BUDGET, f"query '{query}': {later_bytes:,} B: {later}"


@pytest.mark.parametrize("query, expected_first, anywhere_in_top", [
    ("trafficking", "Trafficking in persons and migrant smuggling", None),
    ("GCM", None, "migration governance"),  # the module that teaches the Global Compact
    ("ZEP", None, "labour migration"),
    ("Kampala Convention", None, "regional frameworks"),
    ("NANGO", None, None),
])
def test_search_finds_the_right_pages(search_tab, base_url, query, expected_first, anywhere_in_top):
    tab = search_tab
    if not tab.url.startswith(base_url):
        tab.goto(base_url)
    if not tab.evaluate("!!(document.querySelector('dialog.kb-search') || {}).open"):
        tab.keyboard.press("/")
    _search(tab, query)
    titles = tab.eval_on_selector_all(".kb-search__result a", "els => els.map(e => e.textContent)")
    marks = tab.eval_on_selector_all(".kb-search__result mark", "els => els.length")
    assert titles, f"no result for {query}"
    assert marks > 0, "results must show a snippet with the term marked"
    if expected_first:
        assert titles[0] == expected_first, titles
    if anywhere_in_top:
        assert any(anywhere_in_top.lower() in t.lower() for t in titles[:5]), titles
