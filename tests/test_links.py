"""The link checker over built HTML, the external-link record, and the opt-in online mode."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import FIXTURES, ROOT, expected_lines
from kb import external, links

LINKS = FIXTURES / "links"


def test_each_kind_of_problem_is_found_and_nothing_else():
    record = links.read_record(LINKS / "external-links.tsv")
    findings = links.check_site(LINKS / "site", LINKS / "docs", record)
    got = sorted(f"{f.path} [{f.label}] {f.detail}" for f in findings)
    want = expected_lines(LINKS / "expected.txt")
    assert len(got) == len(want), "\n".join(got)
    for line in want:
        assert any(g.startswith(line) for g in got), f"missing: {line}\n got: {got}"
    assert {f.label for f in findings} <= set(links.REMEDIES)


def test_cli_reports_one_line_per_finding_with_remedies_and_fails(capsys):
    from check_links import main
    code = main(["--site", str(LINKS / "site"), "--docs", str(LINKS / "docs"),
                 "--record", str(LINKS / "external-links.tsv")])
    out = capsys.readouterr().out
    assert code == 1
    assert "missing-page/index.html:1: [missing-page] ../nowhere/ does not exist in the built site" in out
    assert "How to fix:" in out and "[absolute-link] use a relative link" in out


def test_update_record_adds_new_urls_without_the_network(tmp_path):
    record_file = tmp_path / "external-links.tsv"
    record_file.write_text((LINKS / "external-links.tsv").read_text())
    used = links.external_links(LINKS / "site")
    links.write_record(record_file, links.update_record(links.read_record(record_file), used))
    record = links.read_record(record_file)
    assert record["https://example.org/new"]["last_status"] == "unchecked"
    assert record["https://example.org/known"]["last_status"] == "200"  # history kept
    assert "http://127.0.0.1:8000/good/" not in record


def test_the_real_site_has_no_link_problems(site):
    findings = links.check_site(site, ROOT / "docs", links.read_record(ROOT / "data" / "external-links.tsv"))
    assert not findings, "\n".join(map(str, findings))


# --- online mode, against a local server ------------------------------------------------------

class _Answers(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _reply(self, body: bool):
        if self.path == "/hang":
            time.sleep(3)
        codes = {"/ok": 200, "/moved": 301, "/missing": 404, "/gone": 410, "/broken": 500, "/hang": 200,
                 "/no-head": 200}
        code = codes.get(self.path, 404)
        if self.path == "/no-head" and self.command == "HEAD":
            code = 405
        self.send_response(code)
        if code == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._reply(False)

    def do_GET(self):
        self._reply(True)


@pytest.fixture(scope="module")
def answers():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize("path, status, broken", [
    ("/ok", "200", False),
    ("/moved", "301 -> 200", False),
    ("/no-head", "200", False),
    ("/missing", "404", True),
    ("/gone", "410", True),
    ("/broken", "500", True),
    ("/hang", "timeout", True),
])
def test_online_statuses(answers, path, status, broken):
    result = external.check_url(answers + path, timeout=0.5, retries=1)
    assert result == status
    assert external.is_broken(result) is broken


def test_online_check_runs_concurrently_and_politely(answers):
    urls = [answers + p for p in ("/ok", "/moved", "/missing", "/gone", "/broken")]
    started = time.monotonic()
    results = external.check_all(urls, timeout=1, retries=0, concurrency=4, host_interval=0.1)
    assert [results[u] for u in urls] == ["200", "301 -> 200", "404", "410", "500"]
    # six requests to one host (the redirect costs two), each at least 0.1 s after the last,
    # although four workers ran at once: the per-host pacing held
    assert time.monotonic() - started >= 0.5
