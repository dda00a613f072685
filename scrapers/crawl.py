"""Run the scan spiders once in this process (`python -m scrapers.crawl WORKDIR`).

`scrapers.run` starts this as a subprocess, since a Twisted reactor cannot restart in one process.
WORKDIR holds sources.yaml, state.json and settings.json (overrides); the spiders write
items-<spider>.jsonl and outcomes-<spider>.json there.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from scrapers.sources import load_sources
from scrapers.spiders.bluesky import BlueskySpider
from scrapers.spiders.feeds import FeedsSpider
from scrapers.spiders.mastodon import MastodonSpider

SPIDERS = (FeedsSpider, MastodonSpider, BlueskySpider)


def crawl(workdir: Path) -> None:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "scrapers.settings")
    settings = get_project_settings()
    overrides = json.loads((workdir / "settings.json").read_text(encoding="utf-8"))
    settings.setdict(overrides, priority="cmdline")
    settings.set("PNET_SOURCES_FILE", str(workdir / "sources.yaml"), priority="cmdline")
    settings.set("PNET_STATE_FILE", str(workdir / "state.json"), priority="cmdline")
    settings.set("PNET_OUTCOMES_DIR", str(workdir), priority="cmdline")
    settings.set("FEEDS", {str(workdir / "items-%(name)s.jsonl"): {"format": "jsonlines", "encoding": "utf8"}},
                 priority="cmdline")
    kinds = {s.kind for s in load_sources(workdir / "sources.yaml")}
    process = CrawlerProcess(settings, install_root_handler=True)
    for spider in SPIDERS:
        if kinds & set(spider.kinds):
            process.crawl(spider)
    process.start()


if __name__ == "__main__":
    crawl(Path(sys.argv[1]))
