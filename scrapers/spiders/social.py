"""What the social spiders share: the retention cut-off, author handles and the social item."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from scrapers.extract import parse_date
from scrapers.items import MediaItem
from scrapers.outcome import utcnow
from scrapers.sources import Source
from scrapers.spiders.base import ScanSpider
from scrapers.urls import normalize_url


_MENTION = re.compile(r"(?<![\w@])@[\w.-]+(?:@[\w-]+(?:\.[\w-]+)+)?")
MENTION_PLACEHOLDER = "@gebruiker"


def pseudonymise_mentions(text: str) -> str:
    """Replace @handles of other people in a post by a placeholder (e-mail addresses stay as they are)."""
    return _MENTION.sub(MENTION_PLACEHOLDER, text)


class SocialSpider(ScanSpider):
    def retention_cutoff(self) -> datetime:
        """Posts older than the retention period are not collected at all."""
        return utcnow() - timedelta(days=self.settings.getint("PNET_RETENTION_DAYS"))

    def social_item(self, source: Source, url: str, text: str, created: str | None, author: str,
                    language: str | None) -> MediaItem:
        published = parse_date(created)
        return MediaItem(
            url=url,
            canonical_url=normalize_url(url),
            also_seen=[],
            source=source.name,
            kind="social",
            title=None,
            text=pseudonymise_mentions(text),
            published=published.isoformat() if published else None,
            fetched_at=utcnow().isoformat(),
            language_hint=language,
            author=author,
            organisation=source.organisation,
            gemeenten=list(source.gemeenten),
        )
