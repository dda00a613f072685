"""The item every spider yields: one news article or social post."""

import scrapy


class MediaItem(scrapy.Item):
    url = scrapy.Field()
    canonical_url = scrapy.Field()
    also_seen = scrapy.Field()  # other normalised URLs of the same page (redirect target, rel=canonical)
    source = scrapy.Field()
    kind = scrapy.Field()  # 'news' | 'social'
    title = scrapy.Field()
    text = scrapy.Field()
    published = scrapy.Field()  # ISO 8601 (UTC) or None
    fetched_at = scrapy.Field()  # ISO 8601 (UTC)
    language = scrapy.Field()
    language_hint = scrapy.Field()  # language the platform states (Mastodon), checked by the pipeline
    fingerprint = scrapy.Field()
    author = scrapy.Field()  # handle; replaced by author_hash in the privacy pipeline, never exported
    author_hash = scrapy.Field()
    organisation = scrapy.Field()
    gemeenten = scrapy.Field()
