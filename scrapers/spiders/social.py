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


_AT = "@\uff20\ufe6b"  # the at sign, also in its full-width and small forms
_PROFILE_LINK = re.compile(r"https?://\S*?/(?:profile/|[" + _AT + r"])[^\s/?#]+\S*", re.IGNORECASE)
_ADDRESS = re.compile(r"[\w.+-]+[" + _AT + r"][\w-]+(?:\.[\w-]+)+")  # e-mail, or a handle written as user@server
_MENTION = re.compile(r"(?<![\w" + _AT + r"])[" + _AT + r"][\w.-]+(?:[" + _AT + r"][\w-]+(?:\.[\w-]+)+)?")
MENTION_PLACEHOLDER = "@gebruiker"
ADDRESS_PLACEHOLDER = "[adres]"
PROFILE_PLACEHOLDER = "[profiel]"


def pseudonymise_mentions(text: str) -> str:
    """Replace what names a person in a post: links to a profile, e-mail addresses and @handles."""
    text = _PROFILE_LINK.sub(PROFILE_PLACEHOLDER, text)
    text = _MENTION.sub(MENTION_PLACEHOLDER, text)
    return _ADDRESS.sub(ADDRESS_PLACEHOLDER, text)


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
