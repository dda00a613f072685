"""News: RSS/Atom feeds, (news) sitemaps and listing pages, each leading to article pages."""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import feedparser
import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from scrapers.extract import extract_article, html_to_text, looks_like_consent_wall, parse_date
from scrapers.items import MediaItem
from scrapers.outcome import utcnow
from scrapers.sources import Source
from scrapers.spiders.base import ScanSpider
from scrapers.urls import normalize_url

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}", re.IGNORECASE)


class FeedsSpider(ScanSpider):
    """`scrapy crawl feeds [-a sources=FILE] [-a source=NAME] [-a state=FILE]`."""

    name = "feeds"
    kinds = ("rss", "atom", "sitemap", "listing")

    async def start(self):
        self.budget = {s.name: self.settings.getint("PNET_MAX_ARTICLES_PER_SOURCE") for s in self.sources}
        for source in self.sources:
            if source.kind in ("rss", "atom"):
                yield self._conditional(source.url, source, self.parse_feed)
            elif source.kind == "sitemap":
                yield self._conditional(source.url, source, self.parse_sitemap, depth=0)
            else:
                yield self.request(source.url, source, self.parse_listing, cb_kwargs={"source": source, "page": 1})

    def _conditional(self, url: str, source: Source, callback, **kwargs) -> scrapy.Request:
        """A feed request with If-None-Match / If-Modified-Since from the previous scan."""
        headers = {}
        known = self.validators.get(normalize_url(url), {})
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("last_modified"):
            headers["If-Modified-Since"] = known["last_modified"]
        return self.request(url, source, callback, headers=headers, meta={"handle_httpstatus_list": [304]},
                            cb_kwargs={"source": source, **kwargs})

    def _unchanged(self, response: Response, source: Source) -> bool:
        outcome = self.outcome(source.name)
        if response.status == 304:
            outcome.note("feed ongewijzigd sinds vorige scan (304)")
            return True
        etag, modified = response.headers.get(b"ETag"), response.headers.get(b"Last-Modified")
        if etag or modified:
            outcome.validators[normalize_url(response.url)] = {
                "etag": etag.decode("latin-1") if etag else "",
                "last_modified": modified.decode("latin-1") if modified else "",
            }
        return False

    def _articles(self, source: Source, entries: list[dict], feed_url: str) -> Iterator[scrapy.Request]:
        """Requests for the newest unseen entries ({'url', 'title', 'summary', 'published'}).

        At most PNET_MAX_ARTICLES_PER_SOURCE per source and scan. When entries are left over, or an
        article fails (see `on_error`), the feed's validators are dropped, so the next scan reads the
        feed again instead of getting 304 and missing them.
        """
        outcome = self.outcome(source.name)
        feed = normalize_url(feed_url)
        entries = sorted(entries, key=lambda e: e.get("published") or "", reverse=True)
        for entry in entries:
            if not entry.get("url"):
                continue
            if urlsplit(entry["url"]).scheme not in ("http", "https"):  # the feed's odd entry, not a failed fetch
                outcome.note(f"link zonder http(s) overgeslagen: {entry['url'][:80]}")
                continue
            if not self.is_new(entry["url"]):
                outcome.already_seen += 1
                continue
            if self.budget[source.name] <= 0:
                outcome.note("maximum aantal artikelen per scan bereikt; de rest volgt bij de volgende scan")
                outcome.validators.pop(feed, None)
                self.scheduled.discard(normalize_url(entry["url"]))
                continue
            self.budget[source.name] -= 1
            yield self.request(entry["url"], source, self.parse_article,
                               cb_kwargs={"source": source, "entry": {**entry, "feed": feed}})

    # --- feeds, sitemaps, listings ---------------------------------------------------------------

    def parse_feed(self, response: Response, source: Source):
        if self._unchanged(response, source):
            return
        parsed = feedparser.parse(response.body)
        if not any(e.get("link") for e in parsed.entries):
            reason = getattr(parsed, "bozo_exception", None) or "geen berichten"
            self.outcome(source.name).error(f"feed onleesbaar of leeg: {reason}")
            return
        if parsed.bozo:
            self.outcome(source.name).note(f"feed bevat fouten, het leesbare deel is gebruikt: {parsed.bozo_exception}")
        entries = []
        for e in parsed.entries:
            published = parse_date(e.get("published_parsed") or e.get("updated_parsed"))
            entries.append({
                "url": response.urljoin(e.get("link", "")) if e.get("link") else None,
                "title": e.get("title"),
                "summary": html_to_text(e.get("summary", "")),
                "published": published.isoformat() if published else None,
            })
        yield from self._articles(source, entries, response.url)

    def parse_sitemap(self, response: Response, source: Source, depth: int):
        if self._unchanged(response, source):
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # lxml raises several types for broken XML
            self.outcome(source.name).error(f"sitemap onleesbaar: {exc}")
            return
        entries = list(sitemap)
        if sitemap.type == "sitemapindex":
            if depth >= self.settings.getint("PNET_SITEMAP_MAX_DEPTH"):
                self.outcome(source.name).note("sitemap-index dieper dan ingesteld; niet verder gevolgd")
                return
            for entry in sorted(entries, key=lambda e: e.get("lastmod", ""), reverse=True):
                yield self._conditional(entry["loc"], source, self.parse_sitemap, depth=depth + 1)
            return
        yield from self._articles(
            source,
            [{"url": e["loc"], "published": (d.isoformat() if (d := parse_date(e.get("lastmod"))) else None)} for e in entries],
            response.url,
        )

    def parse_listing(self, response: Response, source: Source, page: int):
        host = urlsplit(response.url).hostname
        links = response.css("main a::attr(href), article a::attr(href)").getall() or response.css("a::attr(href)").getall()
        entries = []
        for href in dict.fromkeys(links):
            url = response.urljoin(href)
            parts = urlsplit(url)
            last = parts.path.rstrip("/").rsplit("/", 1)[-1]
            if parts.hostname == host and parts.path.count("/") >= 2 and _SLUG.search(last):
                entries.append({"url": url})
        new = list(self._articles(source, entries, response.url))
        yield from new
        nxt = response.css("a[rel=next]::attr(href)").get()
        if new and nxt and page < self.settings.getint("PNET_LISTING_MAX_PAGES"):
            yield self.request(response.urljoin(nxt), source, self.parse_listing, cb_kwargs={"source": source, "page": page + 1})

    # --- articles ----------------------------------------------------------------------------------

    def parse_article(self, response: Response, source: Source, entry: dict):
        outcome = self.outcome(source.name)
        summary = entry.get("summary") or ""
        min_chars = self.settings.getint("PNET_MIN_TEXT_CHARS")
        extracted = None
        if looks_like_consent_wall(response.url):
            outcome.note("cookiemuur: samenvatting uit de feed gebruikt")
        elif hasattr(response, "text"):
            extracted = extract_article(response.text, response.url)
        if extracted and len(extracted.text) >= min_chars:
            title, text, published = extracted.title or entry.get("title"), extracted.text, extracted.published
        elif summary:
            title, text, published = entry.get("title"), summary, None
        else:
            outcome.error(f"geen artikeltekst gevonden: {response.url}")
            return
        also = {normalize_url(response.url)}
        canonical = response.css("link[rel=canonical]::attr(href)").get() if hasattr(response, "css") else None
        if canonical:
            also.add(normalize_url(response.urljoin(canonical)))
        published_iso = entry.get("published") or (published.isoformat() if published else None)
        yield MediaItem(
            url=entry["url"],
            canonical_url=normalize_url(entry["url"]),
            also_seen=sorted(also - {normalize_url(entry["url"])}),
            source=source.name,
            kind="news",
            title=title,
            text=text,
            published=published_iso,
            fetched_at=utcnow().isoformat(),
            gemeenten=list(source.gemeenten),
            organisation=source.organisation,
        )
