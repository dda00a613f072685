"""Benchmark: scan throughput on a local fixture site of >= 2,000 articles, against `scrapy bench`.

Both figures are pages per minute from Scrapy's own final stats (responses received / elapsed
time), measured in the same run on the same machine. The scan runs with extraction on (trafilatura,
language detection, author hashing, SimHash) and every politeness rule except the delay: the
per-domain delay and AutoThrottle are lifted for the loopback fixture site only
(`scrapers.run.loopback_unthrottled`), as `scrapy bench` has none against its own local server.
Target: the scan reaches at least half the pages per minute of `scrapy bench`.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scrapers.fixture_site import serve_fixture_site
from scrapers.run import loopback_unthrottled, run_scan
from scrapers.sources import write_sources

N_ARTICLES = 2000
TARGET_RATIO = 0.5
_STATS = re.compile(r"Dumping Scrapy stats:\n(\{.*?\})\n", re.DOTALL)


def crawl_stats(log: str) -> list[dict]:
    """Every final stats dump in a Scrapy log (one per spider)."""
    return [ast.literal_eval(re.sub(r"datetime\.datetime\([^)]*\)", "None", m)) for m in _STATS.findall(log)]


def pages_per_minute(stats: list[dict]) -> tuple[int, float]:
    pages = sum(s.get("response_received_count", 0) for s in stats)
    seconds = max(s.get("elapsed_time_seconds", 0.0) for s in stats)
    return pages, pages / seconds * 60


def scrapy_bench(seconds: int = 20) -> tuple[int, float]:
    """`scrapy bench` with Scrapy's default settings (run outside this project)."""
    env = {k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"}
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"],
                              cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return pages_per_minute(crawl_stats(proc.stderr))


def scan_fixture_site(n_articles: int = N_ARTICLES) -> tuple[int, int, float, float]:
    """Scan the news outlets of a fixture site once; returns (articles stored, pages, pages/min, wall s)."""
    with tempfile.TemporaryDirectory() as tmp, serve_fixture_site(n_articles=n_articles, seed=1) as site:
        sources = [s for s in site.sources() if not s.is_social]
        path = write_sources(sources, Path(tmp) / "sources.yaml")
        log = Path(tmp) / "scrapy.log"
        started = time.perf_counter()
        summary = run_scan(path, Path(tmp) / "bench.duckdb", "bench", scrapy_log=log, settings_overrides={
            **loopback_unthrottled(), "PNET_MAX_ARTICLES_PER_SOURCE": 100_000, "PNET_LISTING_MAX_PAGES": 1000})
        wall = time.perf_counter() - started
        pages, ppm = pages_per_minute(crawl_stats(log.read_text(encoding="utf-8")))
        return len(summary.new_items), pages, ppm, wall


def run() -> list[dict]:
    articles, pages, scan_ppm, wall = scan_fixture_site()
    _, bench_ppm = scrapy_bench()
    ratio = scan_ppm / bench_ppm
    return [
        {"benchmark": "scan", "metric": "articles stored (fixture site)", "value": articles, "target": f">= {N_ARTICLES}",
         "unit": "articles", "ok": articles >= N_ARTICLES},
        {"benchmark": "scan", "metric": "pages per minute, extraction on", "value": scan_ppm, "target": "",
         "unit": "pages/min", "ok": True},
        {"benchmark": "scan", "metric": "scrapy bench, same machine and run", "value": bench_ppm, "target": "",
         "unit": "pages/min", "ok": True},
        {"benchmark": "scan", "metric": "ratio scan / scrapy bench", "value": ratio, "target": f">= {TARGET_RATIO}",
         "unit": "", "ok": ratio >= TARGET_RATIO},
        {"benchmark": "scan", "metric": "wall time incl. start-up and storage", "value": wall, "target": "",
         "unit": "s", "ok": True},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
