"""The advocacy-plan builder: fills, survives a reload, exports, prints, starts again, and works
the same from the offline copy opened from disk, with nothing sent anywhere."""
from __future__ import annotations

import zipfile

import pytest

from conftest import ROOT

PLAN = {"plan-organisation": "Test Trust", "plan-problem": "Young people leave without information.",
        "plan-objective": "A referral desk in Gwanda by December 2027.", "plan-monitoring": "Quarterly log."}


def fill_and_check(tab) -> None:
    for field, value in PLAN.items():
        tab.fill(f"#{field}", value)
    tab.reload()
    for field, value in PLAN.items():
        assert tab.input_value(f"#{field}") == value, f"{field} was not kept across the reload"
    assert "restored" in tab.inner_text(".kb-builder-status")

    with tab.expect_download() as text_file:
        tab.get_by_role("button", name="Download as text (.txt)").click()
    text = open(text_file.value.path(), encoding="utf-8").read()
    assert text_file.value.suggested_filename == "advocacy-plan-test-trust.txt"
    assert "PROBLEM" in text and PLAN["plan-problem"] in text and PLAN["plan-objective"] in text

    with tab.expect_download() as word_file:
        tab.get_by_role("button", name="Download for Word (.html)").click()
    html = open(word_file.value.path(), encoding="utf-8").read()
    assert "<h2>Objective</h2>" in html and PLAN["plan-monitoring"] in html

    tab.emulate_media(media="print")
    tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    printed = tab.locator(".kb-print-value").all_inner_texts()
    assert PLAN["plan-problem"] in printed
    assert not tab.locator(".kb-builder-controls").is_visible()
    tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
    tab.emulate_media(media="screen")

    tab.once("dialog", lambda dialog: dialog.accept())
    tab.get_by_role("button", name="Start again").click()
    tab.reload()
    assert all(tab.input_value(f"#{field}") == "" for field in PLAN)


def test_builder_online_sends_nothing(browser, base_url):
    context = browser.new_context(accept_downloads=True)
    tab = context.new_page()
    requests = []
    tab.goto(base_url + "builder/")
    tab.on("request", lambda r: requests.append(r.url))
    fill_and_check(tab)
    context.close()
    # only reloads of the page itself and its own files; no request carries the plan
    assert all(r.startswith(base_url) for r in requests)
    assert not [r for r in requests if "Test" in r or "Gwanda" in r]


def test_builder_from_the_offline_copy(browser, tmp_path):
    archive = ROOT / "build" / "downloads" / "migration-governance-kb-offline.zip"
    if not archive.exists():
        pytest.fail("the offline copy is not built: run `make site`")
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(tmp_path)
    context = browser.new_context(accept_downloads=True)
    network = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else (network.append(r.request.url), r.abort()))
    tab = context.new_page()
    tab.goto((tmp_path / "migration-governance-kb" / "builder.html").as_uri())
    fill_and_check(tab)
    context.close()
    assert not network


def test_builder_without_javascript_is_a_printable_blank_form(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base_url + "builder/")
    assert tab.locator(".kb-builder-nojs").is_visible()
    assert tab.locator("textarea[data-plan]").count() >= 9
    assert not tab.locator("#kb-builder-controls").is_visible()
    context.close()
