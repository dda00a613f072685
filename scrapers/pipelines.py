"""Item pipelines: keep Dutch and Frisian, replace authors by salted hashes, fingerprint the text."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from scrapers.extract import detect_language
from scrapers.fingerprint import simhash
from scrapers.items import MediaItem
from scrapers.privacy import author_salt, hash_author


class _CrawlerPipeline:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)


class LanguagePipeline(_CrawlerPipeline):
    """Detect the language; items outside PNET_LANGUAGES (default nl, fy) are dropped and counted."""

    def process_item(self, item: MediaItem) -> MediaItem:
        keep = set(self.crawler.settings.getlist("PNET_LANGUAGES"))
        hint = item.get("language_hint")
        text = f"{item.get('title') or ''}\n{item['text']}"
        # Short posts fool statistical detection; the platform's stated language is used when kept.
        language = hint if hint in keep and len(text) < 400 else detect_language(text)
        if language not in keep:
            self.crawler.spider.outcome(item["source"]).note("items in een andere taal overgeslagen")
            raise DropItem(f"taal {language}")
        item["language"] = language
        item.pop("language_hint", None)
        return item


class AuthorPrivacyPipeline(_CrawlerPipeline):
    """Never keep a private person's handle: a salted hash instead, unless the source is an organisation."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.salt = author_salt()

    def process_item(self, item: MediaItem) -> MediaItem:
        author = item.pop("author", None)
        if author:
            item["author_hash"] = author if item.get("organisation") else hash_author(author, self.salt)
        item.pop("organisation", None)
        return item


class FingerprintPipeline(_CrawlerPipeline):
    def process_item(self, item: MediaItem) -> MediaItem:
        item["fingerprint"] = simhash(f"{item.get('title') or ''}\n{item['text']}")
        return item
