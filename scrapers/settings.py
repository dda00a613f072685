"""Scrapy settings for the media scan; politeness values come from config/scan.yaml."""

from pnet.settings import load_config

_SCAN = load_config("scan")

BOT_NAME = "participatienetwerk"
SPIDER_MODULES = ["scrapers.spiders"]
NEWSPIDER_MODULE = "scrapers.spiders"

# Politeness: robots.txt, an honest User-Agent with a contact URL, one request per second per domain.
USER_AGENT = _SCAN["user_agent"].format(contact_url=_SCAN["contact_url"])
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0 / float(_SCAN["requests_per_second_per_domain"])
RANDOMIZE_DOWNLOAD_DELAY = False  # randomising could go below the configured minimum
AUTOTHROTTLE_ENABLED = bool(_SCAN["autothrottle"])
AUTOTHROTTLE_START_DELAY = DOWNLOAD_DELAY
AUTOTHROTTLE_MAX_DELAY = float(_SCAN["max_backoff_seconds"])
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = int(_SCAN["timeout_seconds"])
DOWNLOAD_MAXSIZE = int(_SCAN["max_response_bytes"])
DOWNLOAD_WARNSIZE = DOWNLOAD_MAXSIZE // 2
COOKIES_ENABLED = False  # consent walls are never clicked through
TELNETCONSOLE_ENABLED = False

# Retries with back-off on 429, 5xx and network errors (see scrapers.middlewares).
RETRY_ENABLED = True
RETRY_TIMES = int(_SCAN["retry_times"])
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapers.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scrapers.middlewares.StrictRobotsTxtMiddleware": 100,
}
ITEM_PIPELINES = {  # authors are hashed first: Scrapy logs a dropped item whole
    "scrapers.pipelines.AuthorPrivacyPipeline": 100,
    "scrapers.pipelines.LanguagePipeline": 200,
    "scrapers.pipelines.FingerprintPipeline": 300,
}
CLOSESPIDER_TIMEOUT = int(_SCAN["max_scan_minutes"]) * 60
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# Project settings read by the spiders and pipelines.
PNET_BACKOFF_BASE_SECONDS = max(DOWNLOAD_DELAY, 1.0)
PNET_MAX_BACKOFF_SECONDS = float(_SCAN["max_backoff_seconds"])
PNET_LANGUAGES = list(_SCAN["languages"])
PNET_MIN_TEXT_CHARS = int(_SCAN["min_text_chars"])
PNET_RETENTION_DAYS = int(_SCAN["retention_days"])
PNET_SITEMAP_MAX_DEPTH = int(_SCAN["sitemap_max_depth"])
PNET_MAX_ARTICLES_PER_SOURCE = int(_SCAN["max_articles_per_source"])
PNET_LISTING_MAX_PAGES = int(_SCAN["listing_max_pages"])
PNET_MASTODON_PAGE_SIZE = int(_SCAN["mastodon"]["page_size"])
PNET_MASTODON_MAX_PAGES = int(_SCAN["mastodon"]["max_pages"])
PNET_MASTODON_MIN_RATE_REMAINING = int(_SCAN["mastodon"]["min_rate_remaining"])
PNET_SOURCES_FILE = ""  # empty: $PNET_SOURCES or config/sources.yaml
PNET_STATE_FILE = ""  # JSON with seen URLs, feed validators and cursors (written by scrapers.run)
PNET_OUTCOMES_DIR = ""  # where each spider writes its per-source outcomes
