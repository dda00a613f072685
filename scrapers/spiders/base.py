"""What every scan spider shares: sources, state from earlier scans, per-source outcomes, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scrapers.middlewares import ROBOTS_UNREACHABLE, dutch_reason
from scrapers.outcome import SourceOutcome, utcnow
from scrapers.sources import Source, load_sources
from scrapers.urls import normalize_url


def describe_failure(failure: Failure) -> str:
    """A Dutch one-line reason for a failed request."""
    url = failure.request.url if hasattr(failure, "request") else ""
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status} voor {url}"
    if failure.check(DownloadCancelledError):
        return f"antwoord te groot, niet gelezen: {url}"
    return f"{dutch_reason(failure.value)} bij {url}"


def _read_feed_again(outcome: SourceOutcome, request: scrapy.Request) -> None:
    """Drop the validators of the feed an article request came from, so the next scan reads that feed again."""
    if feed := request.cb_kwargs.get("entry", {}).get("feed"):
        outcome.validators.pop(feed, None)


class ScanSpider(scrapy.Spider):
    """Base for the scan spiders. Arguments (`-a`): sources=FILE, source=NAME[,NAME], state=FILE."""

    kinds: tuple[str, ...] = ()

    def __init__(self, sources: str | None = None, source: str | None = None, state: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._sources_arg, self._only, self._state_arg = sources, source, state
        self.outcomes: dict[str, SourceOutcome] = {}
        self.scheduled: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler, *args: Any, **kwargs: Any):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        sources = load_sources(spider._sources_arg or settings.get("PNET_SOURCES_FILE") or None)
        only = {n.strip() for n in (spider._only or "").split(",") if n.strip()}
        spider.sources = [s for s in sources if s.kind in cls.kinds and (not only or s.name in only)]
        state_file = spider._state_arg or settings.get("PNET_STATE_FILE")
        state = json.loads(Path(state_file).read_text(encoding="utf-8")) if state_file else {}
        spider.seen = set(state.get("seen", []))
        spider.validators = state.get("validators", {})
        spider.cursors = state.get("cursors", {})
        spider.outcomes = {s.name: SourceOutcome(s.name) for s in spider.sources}
        crawler.signals.connect(spider._on_response, signal=signals.response_received)
        crawler.signals.connect(spider._on_scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider._on_callback_error, signal=signals.spider_error)
        return spider

    # --- bookkeeping ---------------------------------------------------------------------------

    def outcome(self, source: str) -> SourceOutcome:
        return self.outcomes[source]

    def _on_response(self, response: Response, request: scrapy.Request, spider: scrapy.Spider) -> None:
        if source := request.meta.get("source"):
            self.outcomes[source].http_status[str(response.status)] += 1

    def _on_scraped(self, item: dict, response: Response, spider: scrapy.Spider) -> None:
        self.outcomes[item["source"]].items += 1

    def on_error(self, failure: Failure) -> None:
        """Errback: count robots.txt skips apart from real errors; never stop the scan."""
        source = failure.request.meta.get("source")
        if source is None:
            return
        outcome = self.outcomes[source]
        if failure.check(IgnoreRequest) and str(failure.value).startswith(ROBOTS_UNREACHABLE):
            outcome.error(f"{failure.value}; {failure.request.url} niet opgehaald")
            return
        if failure.check(IgnoreRequest) and "robots" in str(failure.value).lower():
            outcome.robots_skipped += 1
            outcome.note("pagina's overgeslagen volgens robots.txt")
            return
        outcome.error(describe_failure(failure))
        _read_feed_again(outcome, failure.request)  # so the article is retried

    def _on_callback_error(self, failure: Failure, response: Response, spider: scrapy.Spider) -> None:
        """An answer that could not be read (HTML instead of JSON, a malformed post) is an error of its
        source. What the answer would have led to is read again next scan: the feed's validators and the
        source's new cursor are not kept."""
        source = response.meta.get("source")
        if source not in self.outcomes:
            return
        outcome = self.outcomes[source]
        outcome.error(f"antwoord onleesbaar ({type(failure.value).__name__}) bij {response.url}")
        outcome.validators.pop(normalize_url(response.url), None)
        _read_feed_again(outcome, response.request)
        outcome.cursor = None

    def is_new(self, url: str) -> bool:
        """True once per scan for a URL not seen in an earlier scan (marks it scheduled)."""
        canonical = normalize_url(url)
        if canonical in self.seen or canonical in self.scheduled:
            return False
        self.scheduled.add(canonical)
        return True

    def request(self, url: str, source: Source, callback, **kwargs: Any) -> scrapy.Request:
        meta = {"source": source.name, **kwargs.pop("meta", {})}
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=meta, **kwargs)

    def closed(self, reason: str) -> None:
        finished = utcnow()
        for outcome in self.outcomes.values():
            outcome.finished_at = finished
            if reason not in ("finished", "shutdown"):
                outcome.note(f"scan afgebroken: {reason}")
        target = self.settings.get("PNET_OUTCOMES_DIR")
        if target:
            path = Path(target) / f"outcomes-{self.name}.json"
            path.write_text(json.dumps([o.to_json() for o in self.outcomes.values()], ensure_ascii=False), encoding="utf-8")
        for o in self.outcomes.values():
            self.logger.info("%s: %d items, %d fouten, HTTP %s, robots.txt %d; %s", o.source, o.items, o.errors,
                             dict(o.http_status), o.robots_skipped, o.message)
