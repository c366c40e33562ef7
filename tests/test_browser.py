"""Real-browser quality gates on every page: accessibility, privacy, mobile layout, keyboard,
reading without JavaScript, print, and the offline copy opened from disk."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, page_urls

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Rules that truly cannot apply, each with its reason. Keep this empty unless a rule is
# impossible to satisfy; fix causes in the theme, overrides and content instead.
AXE_EXCEPTIONS: dict[str, str] = {}
MOBILE = {"width": 360, "height": 640}
DESKTOP = {"width": 1280, "height": 800}
MIN_TEXT_PX = 16
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MAIN_PAGES = {"home": "", "module": "modules/migration-basics/", "guide": "guides/advocacy-strategy/",
              "worksheet": "worksheets/advocacy-plan/", "glossary": "reference/glossary/", "downloads": "downloads/"}
AXE = Axe()

SMALL_TEXT = """() => { const out = []; const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) { const node = walk.currentNode; if (!node.textContent.trim()) continue;
    const el = node.parentElement; if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el); if (style.visibility === 'hidden') continue;
    if (parseFloat(style.fontSize) < %d) out.push(el.tagName.toLowerCase() + '.' + el.className + ' (' +
      style.fontSize + '): ' + node.textContent.trim().slice(0, 30)); }
  return [...new Set(out)]; }""" % MIN_TEXT_PX


def axe_violations(page) -> list[str]:
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    out = []
    for violation in results.response["violations"]:
        if violation["id"] in AXE_EXCEPTIONS:
            continue
        targets = "; ".join(str(node["target"]) for node in violation["nodes"][:3])
        out.append(f"[{violation['id']}] {violation['help']} ({len(violation['nodes'])}×: {targets})")
    return out


@pytest.fixture(scope="module")
def all_pages(site):
    return page_urls(site)


def test_every_page_passes_axe_and_requests_nothing_from_other_hosts(browser, base_url, all_pages):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    foreign, failures = set(), []
    origin = urlsplit(base_url).netloc
    tab.on("request", lambda r: foreign.add(r.url) if urlsplit(r.url).netloc not in (origin, "") and not r.url.startswith("data:") else None)
    for url in all_pages:
        tab.goto(base_url + url, wait_until="load")
        failures += [f"{url}: {v}" for v in axe_violations(tab)]
    context.close()
    assert len(all_pages) > 100
    assert not foreign, f"requests to other hosts: {sorted(foreign)}"
    assert not failures, "\n".join(failures)


def test_every_page_fits_a_small_phone_with_16px_text(browser, base_url, all_pages):
    context = browser.new_context(viewport=MOBILE)
    tab = context.new_page()
    problems = []
    for url in all_pages:
        tab.goto(base_url + url, wait_until="load")
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > MOBILE["width"]:
            problems.append(f"{url}: scrolls sideways ({width} px wide)")
        small = tab.evaluate(SMALL_TEXT)
        if small:
            problems.append(f"{url}: text under {MIN_TEXT_PX} px: {small[:3]}")
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", sorted(MAIN_PAGES))
def test_main_page_types_pass_axe_on_a_phone_including_tap_targets(browser, base_url, kind):
    context = browser.new_context(viewport=MOBILE)
    tab = context.new_page()
    tab.goto(base_url + MAIN_PAGES[kind])
    violations = axe_violations(tab)
    context.close()
    assert not violations, "\n".join(violations)


def test_search_and_navigation_stay_on_the_site(browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    hosts = set()
    tab.on("request", lambda r: hosts.add(urlsplit(r.url).netloc))
    tab.goto(base_url + "modules/migration-basics/")
    tab.keyboard.press("/")
    tab.keyboard.type("trafficking")
    tab.wait_for_selector(".kb-search__result a")
    tab.click(".kb-search__result a")
    tab.wait_for_load_state("load")
    tab.click("nav.md-footer__inner a, .md-footer__link")
    tab.wait_for_load_state("load")
    context.close()
    assert hosts == {urlsplit(base_url).netloc}


@pytest.mark.parametrize("kind", ["home", "module", "guide", "worksheet"])
def test_keyboard_skip_link_visible_focus_and_search(browser, base_url, kind):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(base_url + MAIN_PAGES[kind])
    tab.keyboard.press("Tab")
    first = tab.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent.trim(),"
                         " outline: getComputedStyle(document.activeElement).outlineStyle,"
                         " visible: document.activeElement.getBoundingClientRect().height > 0})")
    assert "md-skip" in first["cls"] and first["visible"] and first["outline"] != "none"
    for _ in range(6):  # the search button is among the first few stops in the header
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Search":
            break
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "kb-search-input"
    tab.keyboard.type("migration")
    tab.wait_for_selector(".kb-search__result a")
    tab.keyboard.press("Tab")  # the Close button
    tab.keyboard.press("Tab")  # the first result
    assert tab.evaluate("document.activeElement.closest('.kb-search__result') !== null")
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.querySelector('dialog.kb-search').open")
    assert tab.evaluate("document.activeElement.getAttribute('aria-label')") == "Search"
    context.close()


def test_navigation_drawer_opens_and_closes_from_the_keyboard(browser, base_url):
    context = browser.new_context(viewport=MOBILE)
    tab = context.new_page()
    tab.goto(base_url + MAIN_PAGES["module"])
    tab.focus("button.kb-drawer-button")
    assert tab.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(400)
    assert tab.evaluate("document.getElementById('__drawer').checked")
    assert tab.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert tab.evaluate("getComputedStyle(document.activeElement).visibility") == "visible"
    tab.keyboard.press("Escape")
    assert not tab.evaluate("document.getElementById('__drawer').checked")
    assert tab.evaluate("document.activeElement.classList.contains('kb-drawer-button')")
    context.close()


def test_every_page_reads_and_navigates_without_javascript(browser, base_url, all_pages):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    tab = context.new_page()
    problems = []
    for url in all_pages:
        tab.goto(base_url + url)
        words = tab.evaluate("document.querySelector('article').innerText.split(/\\s+/).length")
        links = tab.evaluate("document.querySelectorAll('.md-sidebar--primary a[href], .md-header a[href]').length")
        if words < 40 or links < 2:
            problems.append(f"{url}: {words} words, {links} navigation links without JavaScript")
    tab.goto(base_url + "modules/migration-basics/knowledge-check/")
    answer = tab.locator("article details").first
    assert not answer.evaluate("d => d.open")
    answer.locator("summary").click()
    assert answer.evaluate("d => d.open") and answer.locator("p").first.is_visible()
    context.close()
    assert not problems, "\n".join(problems)


def test_printing_a_module_gives_content_without_navigation_and_with_answers(browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(base_url + "modules/migration-basics/knowledge-check/")
    tab.emulate_media(media="print")
    hidden = tab.evaluate("""['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
    assert hidden and all(display == "none" for display in hidden)
    answers = tab.evaluate("Array.from(document.querySelectorAll('article details > :not(summary)'))"
                           ".map(e => e.getBoundingClientRect().height > 0)")
    assert answers and all(answers)
    context.close()


def test_screenshots_for_reviewers(browser, base_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        for kind, url in MAIN_PAGES.items():
            tab.goto(base_url + url)
            path = SCREENSHOTS / f"{kind}-{size}.png"
            tab.screenshot(path=str(path))
            assert path.stat().st_size > 1000
        context.close()


# --- the offline copy, opened from disk -------------------------------------------------------

@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory):
    archive = ROOT / "build" / "downloads" / "migration-governance-kb-offline.zip"
    if not archive.exists():
        pytest.fail("the offline copy is not built: run `make site`")
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(target)
    return target / "migration-governance-kb"


def test_offline_copy_passes_axe_and_makes_no_network_request(browser, offline_copy):
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    network = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (network.append(route.request.url), route.abort()))
    failures = []
    pages = sorted(p for p in offline_copy.rglob("*.html") if p.name != "404.html")
    for page in pages:
        tab.goto(page.as_uri())
        failures += [f"{page.relative_to(offline_copy)}: {v}" for v in axe_violations(tab)]
    context.close()
    assert len(pages) > 100
    assert not network, f"network requests from the offline copy: {network[:5]}"
    assert not failures, "\n".join(failures)


def test_offline_copy_navigates_and_searches_from_disk(browser, offline_copy):
    context = browser.new_context(viewport=DESKTOP)
    network = []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                  else (network.append(route.request.url), route.abort()))
    tab = context.new_page()
    tab.goto((offline_copy / "index.html").as_uri())
    tab.click("a.md-nav__link[href$='modules/index.html']")
    tab.wait_for_load_state("load")
    assert tab.url.endswith("modules/index.html")
    tab.click(".md-search__input")  # the theme's own search, which works from disk
    tab.keyboard.type("trafficking")
    tab.wait_for_selector(".md-search-result__item", timeout=10000)
    first = tab.locator(".md-search-result__item a").first
    assert "trafficking" in first.inner_text().lower()
    first.click()
    tab.wait_for_load_state("load")
    assert tab.url.startswith("file:") and urlsplit(tab.url).path.endswith(".html")
    context.close()
    assert not network


def test_pages_work_under_the_published_security_policy(browser, server, base_url):
    """The local server sends site/_headers like a static host: nothing the pages do is blocked."""
    assert "Content-Security-Policy" in server.headers
    context = browser.new_context()
    context.add_init_script("window.__violations = []; document.addEventListener('securitypolicyviolation',"
                            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));")
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    for url in list(MAIN_PAGES.values()) + ["builder/"]:
        tab.goto(base_url + url, wait_until="networkidle")
        assert tab.evaluate("window.__violations") == [], url
    tab.keyboard.press("/")
    tab.keyboard.type("remittances")
    tab.wait_for_selector(".kb-search__result")
    assert tab.evaluate("window.__violations") == [] and not errors, errors
    context.close()
