"""Main text, title, date and language of a fetched page or post."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

import lxml.html
import py3langid
import trafilatura

_CONSENT_HINTS = re.compile(r"(consent|cookiewall|cookie-wall|privacy-gate|toestemming)", re.IGNORECASE)
_BLOCK_TAGS = ("p", "br", "div", "li", "h1", "h2", "h3", "blockquote")


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str
    published: datetime | None


def extract_article(html: str | bytes, url: str) -> Extracted | None:
    """The article's main text without navigation, banners, related links, comments or footer."""
    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, include_tables=False, with_metadata=True, fast=True
    )
    if doc is None or not doc.text:
        return None
    text = doc.text.strip()
    title = (doc.title or "").strip() or None
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()
    return Extracted(title=title, text=text, published=parse_date(doc.date))


def looks_like_consent_wall(url: str) -> bool:
    """A page we were redirected to for consent: we never click through it."""
    return bool(_CONSENT_HINTS.search(url))


def html_to_text(html: str) -> str:
    """Plain text of a snippet of HTML (a Mastodon status), paragraphs kept as lines."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def parse_date(value: object) -> datetime | None:
    """A timezone-aware UTC datetime from ISO 8601, RFC 822 or a feedparser time tuple; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, tuple):
        parsed = datetime(*value[:6], tzinfo=timezone.utc)
    else:
        text = str(value).strip()
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('nl', 'fy', 'en', ...)."""
    lang, _ = py3langid.classify(text[:2000])
    return lang
