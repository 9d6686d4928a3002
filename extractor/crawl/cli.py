"""`notice-extract crawl`: fetch notices from site definitions or start URLs into the crawl store."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from typing import TYPE_CHECKING

from extractor.crawl.store import DEFAULT_STORE, Store, StoreBusy, crawl_lock

if TYPE_CHECKING:  # the crawler and its HTTP stack load only when `crawl` runs, not for every command
    from extractor.crawl.crawler import CrawlReport, Outcome
    from extractor.crawl.sites import SiteDef
from extractor.model import ExtractorError

_EPILOG = """\
A re-run sends If-None-Match / If-Modified-Since and compares sha256, so only changed pages count as
"fetched"; `notice-extract run --from-store` then extracts only documents not yet extracted.
An interrupted crawl (Ctrl-C, kill) resumes from its saved frontier on the next run.
Site definitions: see docs/crawling.md and gazetteers/sites/*.toml.
Exit status: 0 every URL fetched, unchanged or skipped by a rule (robots.txt, --since, allowed hosts);
1 some URLs failed (listed with the reason: HTTP errors, timeouts, "cannot connect to HOST: connection
refused", a corrupt gzip body); 2 bad arguments or site file, or the store is in use by another crawl
(STORE.lock); 130 interrupted."""


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive integer: {text!r}")
    return int(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if value < 0:
        raise argparse.ArgumentTypeError(f"not a number of seconds >= 0: {text!r}")
    return value


def _timeout(text: str) -> float:
    value = _seconds(text)
    if value == 0:
        raise argparse.ArgumentTypeError("timeout must be more than 0 seconds")
    return value


def register(subparsers: Any) -> None:
    """Add the `crawl` subcommand; its handler is `args.func(args) -> int`."""
    p = subparsers.add_parser(
        "crawl", help="fetch policy notices from government sites into a local store",
        description="Crawl notice list pages politely (robots.txt, per-host rate limit, retries) and store "
                    "every notice and attachment (HTML, PDF, DOC/DOCX) with its HTTP metadata.",
        epilog=_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("start_urls", nargs="*", metavar="START_URL",
                   help="list page URL to crawl with the generic link finder (anchors containing 通知/意见/方案/"
                        "规划/办法/决定/细则, dates nearby, '下一页' pagination); only its own host is followed")
    p.add_argument("--sites", metavar="FILE_OR_DIR",
                   help="site definition TOML file, or a directory of *.toml files (e.g. gazetteers/sites)")
    p.add_argument("--store", default=str(DEFAULT_STORE), metavar="PATH",
                   help="SQLite store; raw bytes go to raw/ beside it (default: %(default)s)")
    p.add_argument("--since", type=_iso_date, metavar="DATE",
                   help="skip notices whose list date is before DATE (YYYY-MM-DD) and stop paging past them; "
                        "undated notices are still fetched")
    p.add_argument("--max-pages", type=_positive_int, metavar="N",
                   help="list pages to follow per start URL, overriding each site's pagination.max_pages "
                        "(default: the site's value, 5 for start URLs)")
    p.add_argument("--rate", type=_seconds, default=1.0, metavar="SECONDS",
                   help="minimum seconds between requests to one host; a larger robots.txt Crawl-delay wins "
                        "(default: %(default)s)")
    p.add_argument("--timeout", type=_timeout, default=20.0, metavar="S",
                   help="seconds to wait for a connection or for each read; a whole download is capped at "
                        "10x this (default: %(default)s)")
    p.add_argument("--max-bytes", type=_positive_int, default=20_000_000, metavar="N",
                   help="abort and record a failure for responses larger than N bytes (default: %(default)s)")
    p.add_argument("--retries", type=int, default=3, metavar="N",
                   help="retries after a 5xx/429, timeout or connection error, with exponential backoff "
                        "from 1 s (default: %(default)s)")
    p.set_defaults(func=run_crawl)


def run_crawl(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from extractor.crawl.crawler import FAILED, Crawler
    from extractor.net.fetch import Fetcher
    from extractor.crawl.sites import load_sites

    """Handler for `crawl`: returns the process exit code."""
    if not args.start_urls and not args.sites:
        print("crawl: give START_URL(s) or --sites FILE_OR_DIR", file=sys.stderr)
        return 2
    bad = [u for u in args.start_urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname]
    if bad:
        print(f"crawl: not an http(s) URL: {bad[0]}", file=sys.stderr)
        return 2
    try:
        sites: list[SiteDef] = load_sites(args.sites) if args.sites else []
    except ExtractorError as exc:
        print(f"crawl: {exc}", file=sys.stderr)
        return 2
    fetcher = Fetcher(rate=args.rate, timeout=args.timeout, retries=max(0, args.retries), max_bytes=args.max_bytes)
    bar = tqdm(desc="crawl", unit="url", file=sys.stderr, total=0)

    def progress(outcome: Outcome, pending: int) -> None:
        bar.total = bar.n + 1 + pending
        bar.set_postfix_str(outcome.status, refresh=False)
        bar.update(1)

    try:
        with crawl_lock(args.store), Store(args.store) as store:
            crawler = Crawler(store, fetcher, sites, since=args.since, max_pages=args.max_pages, on_result=progress)
            report = crawler.run(args.start_urls)
    except StoreBusy as exc:
        print(f"crawl: {exc}", file=sys.stderr)
        return 2
    finally:
        bar.close()
        fetcher.close()
    print(summary(report, args.store))
    if report.interrupted:
        return 130
    return 1 if report.counts()[FAILED] else 0


def summary(report: CrawlReport, store: str) -> str:
    from extractor.crawl.crawler import DUPLICATE, FAILED, FETCHED, SKIPPED, UNCHANGED

    """Counts per outcome, skipped reasons grouped, and every failure with its reason."""
    c = report.counts()
    head = "interrupted; run the same command again to resume" if report.interrupted else "done"
    lines = [f"crawl {head}{' (resumed)' if report.resumed else ''}: {c[FETCHED]} fetched, {c[UNCHANGED]} "
             f"unchanged, {c[DUPLICATE]} duplicate, {c[SKIPPED]} skipped, {c[FAILED]} failed -> {store}"]
    skipped = [o for o in report.outcomes if o.status == SKIPPED]
    example = {o.reason: o.url for o in reversed(skipped)}
    if skipped:
        lines.append("skipped:")
        lines += [f"  {n:4d}  {reason}  (e.g. {example[reason]})"
                  for reason, n in Counter(o.reason for o in skipped).most_common()]
    failed = [o for o in report.outcomes if o.status == FAILED]
    if failed:
        lines.append("failed:")
        lines += [f"  {o.url}  {o.reason}" for o in failed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (`python -m extractor.crawl.cli crawl …`) until the main CLI wires `register`."""
    parser = argparse.ArgumentParser(prog="notice-extract")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
