"""The downloads built by `make site`: complete, within their size limits, self-describing,
verifiable, and reproducible."""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import unicodedata
import sys

import pytest
from pypdf import PdfReader

from conftest import ROOT
from kb import model

DOWNLOADS = ROOT / "build" / "downloads"
HANDOUT_MAX = 300_000  # bytes
PACK_MAX = 2_000_000  # bytes
HANDOUT_PAGES = (1, 2)
BAD_LINK = re.compile(r"localhost|127\.0\.0\.1|file://")


@pytest.fixture(scope="module")
def manifest():
    path = DOWNLOADS / "manifest.json"
    if not path.exists():
        pytest.fail("build/downloads/manifest.json is missing: run `make site`")
    return json.loads(path.read_text())


def test_every_file_in_the_manifest_exists_with_its_size_and_checksum(manifest):
    for entry in manifest["files"]:
        data = (DOWNLOADS / entry["path"]).read_bytes()
        assert len(data) == entry["size"], entry["path"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert entry["version"] == manifest["version"] and entry["build_date"] == manifest["build_date"]
        assert entry["title"] and entry["kind"]


def test_sha256sums_is_accepted_by_sha256sum(manifest):
    result = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=DOWNLOADS, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": OK") == len(manifest["files"])


def test_every_module_guide_and_worksheet_has_its_files(manifest):
    pages, _ = model.load_pages(ROOT / "docs")
    kinds = {}
    for entry in manifest["files"]:
        kinds.setdefault(entry["page"], set()).add(entry["kind"])
    expected = {"module": {"facilitator-pdf", "handout-pdf", "module-pack"}, "guide": {"guide-pdf"},
                "worksheet": {"worksheet-pdf", "worksheet-docx"}}
    for page in pages:
        if page.type in expected:
            assert expected[page.type] <= kinds.get(page.path, set()), f"{page.path} lacks {expected[page.type]}"
    whole = {e["kind"] for e in manifest["files"] if not e["page"]}
    assert whole == {"offline-zip", "toolkit-pdf", "zim"}


def test_size_limits(manifest):
    for entry in manifest["files"]:
        if entry["kind"] == "handout-pdf":
            assert entry["size"] <= HANDOUT_MAX, entry
        if entry["kind"] == "module-pack":
            assert entry["size"] <= PACK_MAX, entry


def _pdfs(manifest, kind):
    return [e for e in manifest["files"] if e["kind"] == kind]


def test_worksheets_print_on_the_pages_they_declare(manifest):
    pages = {p.path: p for p in model.load_pages(ROOT / "docs")[0]}
    for entry in _pdfs(manifest, "worksheet-pdf"):
        declared = pages[entry["page"]].meta["pages"]
        printed = len(PdfReader(DOWNLOADS / entry["path"]).pages)
        assert printed <= declared, f"{entry['path']} prints on {printed} pages; its front matter says {declared}"
        if entry["page"].startswith("worksheets/"):
            assert declared <= 2, f"{entry['page']}: an advocacy worksheet fits on one or two pages"


@pytest.mark.parametrize("kind, pages", [("handout-pdf", HANDOUT_PAGES), ("worksheet-pdf", (1, 4)),
                                         ("facilitator-pdf", (8, 60)), ("guide-pdf", (4, 40)),
                                         ("toolkit-pdf", (150, 800))])
def test_pdfs_open_with_title_bookmarks_page_range_and_public_links(manifest, kind, pages):
    entries = _pdfs(manifest, kind)
    assert entries
    for entry in entries:
        reader = PdfReader(DOWNLOADS / entry["path"])
        count = len(reader.pages)
        assert pages[0] <= count <= pages[1], f"{entry['path']}: {count} pages, expected {pages}"
        assert reader.metadata.title == entry["title"]
        first = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
        assert entry["title"].split(":")[0][:25] in " ".join(first.split()), entry["path"]
        assert "CC BY 4.0" in first and manifest["version"].split("+")[0] in first
        assert reader.outline, f"{entry['path']} has no bookmarks"
        assert "/StructTreeRoot" in reader.trailer["/Root"], f"{entry['path']} is not tagged"
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 1.5 and abs(float(box.height) - 841.9) < 1.5, "A4"
        for page in reader.pages:
            for annotation in page.get("/Annots") or []:
                uri = annotation.get_object().get("/A", {}).get("/URI", "")
                assert not BAD_LINK.search(str(uri)), f"{entry['path']}: link to {uri}"


def test_worksheets_are_editable_word_documents(manifest):
    import docx
    for entry in _pdfs(manifest, "worksheet-docx"):
        document = docx.Document(DOWNLOADS / entry["path"])
        text = "\n".join(p.text for p in document.paragraphs)
        assert document.core_properties.title and document.core_properties.title in text
        assert document.tables or "___" in text, f"{entry['path']} has no space to write"
        assert manifest["version"] in document.sections[0].footer.paragraphs[0].text


def test_zips_carry_a_readme_with_version_site_and_licence(manifest):
    import zipfile
    for entry in manifest["files"]:
        if entry["path"].endswith(".zip"):
            with zipfile.ZipFile(DOWNLOADS / entry["path"]) as archive:
                readme = next(n for n in archive.namelist() if n.endswith("README.txt"))
                text = archive.read(readme).decode()
                assert manifest["version"] in text and "CC BY 4.0" in text and "https://" in text


def test_module_pack_pages_open_from_disk_without_the_network(manifest, browser, tmp_path):
    import zipfile
    pack = next(e for e in manifest["files"] if e["kind"] == "module-pack")
    with zipfile.ZipFile(DOWNLOADS / pack["path"]) as archive:
        archive.extractall(tmp_path)
    index = next(tmp_path.rglob("pages/index.html"))
    context = browser.new_context()
    network = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                  else (network.append(r.request.url), r.abort()))
    tab = context.new_page()
    tab.goto(index.as_uri())
    tab.click("header nav a:nth-child(2)")
    assert tab.url.endswith("background.html") and tab.locator("main").inner_text()
    context.close()
    assert not network


def test_zim_reads_back_with_metadata_main_page_and_full_text_search(manifest):
    from libzim.reader import Archive
    from libzim.search import Query, Searcher
    entry = next(e for e in manifest["files"] if e["kind"] == "zim")
    archive = Archive(str(DOWNLOADS / entry["path"]))
    assert archive.has_main_entry and archive.main_entry.get_item().path == "index.html"
    assert archive.article_count > 100
    for key in ("Title", "Description", "Language", "Creator", "Date"):
        assert archive.get_metadata(key).decode().strip(), key
    assert archive.get_metadata("Language").decode() == "eng"
    assert bytes(archive.get_illustration_item(48).content).startswith(b"\x89PNG")
    assert archive.has_fulltext_index
    hits = Searcher(archive).search(Query().set_query("trafficking")).getEstimatedMatches()
    assert hits > 5


def test_two_builds_give_identical_files(manifest, tmp_path):
    """Reproducibility: build everything again elsewhere and compare every checksum."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_downloads.py"),
                             "--out", str(tmp_path / "downloads"), "--work", str(tmp_path / "work")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    again = json.loads((tmp_path / "downloads" / "manifest.json").read_text())
    first = {e["path"]: e["sha256"] for e in manifest["files"] if e["kind"] != "zim"}
    second = {e["path"]: e["sha256"] for e in again["files"] if e["kind"] != "zim"}
    differ = sorted(p for p in first if first[p] != second.get(p))
    assert not differ, f"not reproducible: {differ}"
    # The ZIM file and its full-text index carry random UUIDs that python-libzim cannot set:
    # compare every page, file and metadata value it holds instead.
    zim = next(e["path"] for e in manifest["files"] if e["kind"] == "zim")
    assert zim_contents(DOWNLOADS / zim) == zim_contents(tmp_path / "downloads" / zim)


def zim_contents(path) -> dict[str, str]:
    from libzim.reader import Archive
    archive = Archive(str(path))
    out = {f"M/{key}": archive.get_metadata(key).decode(errors="replace") for key in archive.metadata_keys}
    for index in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(index)
        # The Xapian databases (full text, titles) stamp their own UUIDs too; the test above searches them.
        if not entry.is_redirect and not entry.path.endswith("/xapian"):
            out[entry.path] = hashlib.sha256(bytes(entry.get_item().content)).hexdigest()
    return out
