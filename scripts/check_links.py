#!/usr/bin/env python3
"""Check every link, anchor and asset in the built site; record, and optionally check, external links."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from kb import external, links  # noqa: E402
from kb.findings import report  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="sources, to tell excluded pages apart")
    parser.add_argument("--record", type=Path, default=ROOT / "data" / "external-links.tsv",
                        help="the record of external links")
    parser.add_argument("--update-record", action="store_true",
                        help="add new external links to the record and refresh where each is used (no network)")
    parser.add_argument("--online", action="store_true",
                        help="also request every external link and save its status in the record (needs a network)")
    parser.add_argument("--timeout", type=float, default=external.TIMEOUT)
    parser.add_argument("--host-interval", type=float, default=external.HOST_INTERVAL)
    args = parser.parse_args(argv)

    if not (args.site / "index.html").exists():
        print(f"{args.site}: no built site here; run `make site` first.")
        return 2
    started = time.monotonic()
    record = links.read_record(args.record)
    if args.update_record or args.online:
        record = links.update_record(record, links.external_links(args.site))
        links.write_record(args.record, record)
        print(f"Recorded {len(record)} external links in {args.record}.")
    findings = links.check_site(args.site, args.docs, record)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    if findings:
        print(report(findings, links.REMEDIES))
        print(f"\n{len(findings)} problem(s) in {pages} pages ({time.monotonic() - started:.1f} s).")
        return 1
    print(f"Links OK: {pages} pages, {len(record)} recorded external links ({time.monotonic() - started:.1f} s).")
    if args.online:
        return check_online(args, record)
    return 0


def check_online(args: argparse.Namespace, record: dict) -> int:
    print(f"Checking {len(record)} external links (timeout {args.timeout:g} s, one retry)…")
    results = external.check_all(sorted(record), timeout=args.timeout, host_interval=args.host_interval)
    broken = 0
    for url, status in sorted(results.items()):
        record[url].update(last_checked=links.today(), last_status=status)
        if external.is_broken(status):
            broken += 1
            print(f"{url}: [external-broken] {status} (used on {record[url]['used_on']})")
    links.write_record(args.record, record)
    print(f"{len(results) - broken} of {len(results)} external links answered; record updated.")
    if broken:
        print("How to fix:\n  [external-broken] find the document's new address at its publisher, "
              "update data/sources/*.yml, rebuild and check again")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
