"""Check external links for real (opt-in, needs a network): concurrent, polite, with a timeout and a retry."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

TIMEOUT = 15.0  # seconds before a slow server counts as down
RETRIES = 1  # one more try after a timeout, a connection error or a 5xx answer
CONCURRENCY = 8  # requests in flight at once, across all hosts
HOST_INTERVAL = 1.0  # seconds between two requests to the same host: be polite
USER_AGENT = "MigrationGovernanceKB-linkcheck/1.0 (+https://creativecommons.org/licenses/by/4.0/)"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class _Pacer:
    """Waits so that one host is asked at most once per `interval` seconds."""

    def __init__(self, interval: float):
        self.interval, self.last, self.lock = interval, {}, threading.Lock()

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.last.get(host, 0.0) + self.interval)
            self.last[host] = start
        time.sleep(max(0.0, start - now))


def _fetch(url: str, timeout: float, method: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "") if error.headers else ""


def check_url(url: str, timeout: float = TIMEOUT, retries: int = RETRIES, pacer: _Pacer | None = None,
              max_redirects: int = 5) -> str:
    """A short status: '200', '301 -> 200', '404', 'timeout', 'error: …'."""
    hops, current = [], url
    for attempt in range(retries + 1):
        hops, current = [], url
        try:
            for _ in range(max_redirects + 1):
                if pacer:
                    pacer.wait(urlsplit(current).hostname or "")
                status, location = _fetch(current, timeout, "HEAD")
                if status in (403, 405, 501):  # some servers refuse HEAD: ask again with GET
                    status, location = _fetch(current, timeout, "GET")
                hops.append(str(status))
                if status in (301, 302, 303, 307, 308) and location:
                    current = urllib.parse.urljoin(current, location)
                    continue
                break
            if int(hops[-1]) < 500 or attempt == retries:
                return " -> ".join(hops)
        except (TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            if attempt == retries:
                return "timeout" if "timed out" in str(reason) or isinstance(reason, TimeoutError) else f"error: {reason}"
    return " -> ".join(hops)


def is_broken(status: str) -> bool:
    last = status.split(" -> ")[-1]
    return not last.isdigit() or int(last) >= 400


def check_all(urls: list[str], timeout: float = TIMEOUT, retries: int = RETRIES,
              concurrency: int = CONCURRENCY, host_interval: float = HOST_INTERVAL) -> dict[str, str]:
    pacer = _Pacer(host_interval)
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = pool.map(lambda u: check_url(u, timeout, retries, pacer), urls)
        return dict(zip(urls, results))
