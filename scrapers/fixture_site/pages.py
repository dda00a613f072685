"""HTML, feeds, sitemaps and Mastodon JSON for the fixture site, rendered from the corpus."""

from __future__ import annotations

import re
import zlib
from datetime import datetime
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from scrapers.fixture_site.content import Article, Outlet, Post

NAV = ["Nieuws", "Sport", "Cultuur", "112", "Weer", "Verkeer", "Columns", "Video", "Contact", "Adverteren"]
TRACKING_SCRIPT = "<script>window.dataLayer=window.dataLayer||[];" + "dataLayer.push({'event':'pageview','section':'nieuws'});" * 20 + "</script>"


def article_url(base: str, a: Article) -> str:
    return f"{base}/{a.outlet}/nieuws/{a.slug}"


def _chrome(outlet_name: str, title: str, body: str, head: str = "") -> str:
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>{escape(title)} | {escape(outlet_name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">{head}
<style>body{{font-family:sans-serif}} .cookie-banner{{position:fixed;bottom:0}} nav li{{display:inline}}</style>
{TRACKING_SCRIPT}</head>
<body>
<header class="site-header"><a class="logo" href="/">{escape(outlet_name)}</a>
<nav class="main-menu"><ul>{nav}</ul></nav>
<form class="search"><input name="q" placeholder="Zoeken in het nieuws"></form></header>
<div class="cookie-banner" id="cookie-consent"><p>Wij gebruiken cookies om de site te verbeteren en advertenties te tonen.
Lees meer in onze cookieverklaring.</p><button>Accepteer alle cookies</button><button>Alleen noodzakelijke cookies</button></div>
{body}
<footer class="site-footer"><p>Tips? Mail de redactie via tips@example.invalid of bel ons.</p>
<ul><li><a href="/colofon">Colofon</a></li><li><a href="/privacy">Privacyverklaring</a></li><li><a href="/adverteren">Adverteren</a></li></ul>
<p>&copy; {escape(outlet_name)}. Alle rechten voorbehouden.</p></footer>
</body></html>"""


def article_page(base: str, outlet: Outlet, a: Article, related: list[Article]) -> str:
    url = article_url(base, a)
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
    rel = "".join(f'<li><a href="{article_url(base, r)}">{escape(r.title)}</a></li>' for r in related)
    comments = "".join(
        f'<div class="comment"><span class="comment-author">Lezer{i}</span><p>{escape(c)}</p></div>'
        for i, c in enumerate(a.comments, start=1)
    )
    head = (
        f'<link rel="canonical" href="{url}"><meta property="og:title" content="{escape(a.title)}">'
        f'<meta property="article:published_time" content="{a.published.isoformat()}">'
    )
    body = f"""<main><div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/{a.outlet}/nieuws/">Nieuws</a></div>
<article class="article"><h1>{escape(a.title)}</h1>
<p class="byline">Door de redactie &middot; <time datetime="{a.published.isoformat()}">{a.published:%d-%m-%Y %H:%M}</time></p>
{paras}
<div class="share"><a href="#">Deel op Facebook</a> <a href="#">Deel via WhatsApp</a></div>
</article>
<aside class="related"><h2>Meer nieuws uit de regio</h2><ul>{rel}</ul></aside>
<section class="comments"><h2>Reacties ({len(a.comments)})</h2>{comments}
<p class="comment-form">Log in om te reageren.</p></section>
<div class="newsletter">Schrijf je in voor onze nieuwsbrief en mis niets uit de buurt.</div></main>"""
    return _chrome(outlet.name, a.title, body, head)


def listing_page(base: str, outlet: Outlet, articles: list[Article], page: int, has_next: bool) -> str:
    teasers = "".join(
        f'<div class="teaser"><a href="{article_url(base, a)}"><h2>{escape(a.title)}</h2></a>'
        f"<p>{escape(a.summary[:140])}</p></div>"
        for a in articles
    )
    nxt = f'<a rel="next" class="next" href="/{outlet.key}/nieuws/?pagina={page + 1}">Volgende pagina</a>' if has_next else ""
    return _chrome(outlet.name, "Nieuws", f'<main><h1>Laatste nieuws</h1><div class="teasers">{teasers}</div>{nxt}</main>')


def rss_feed(base: str, outlet: Outlet, articles: list[Article], extra: str = "") -> str:
    items = "".join(
        rss_item(a.title, f"{article_url(base, a)}?utm_source=rss&utm_medium=feed", a.summary, a.published,
                 guid=f"{a.outlet}-{a.id}")
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{xml_escape(outlet.name)}</title><link>{base}/{outlet.key}/</link>"
        f"<description>Nieuws van {xml_escape(outlet.name)}</description>{items}{extra}</channel></rss>"
    )


def rss_item(title: str, link: str, summary: str, published: datetime, guid: str | None = None) -> str:
    guid_tag = f'<guid isPermaLink="false">{xml_escape(guid)}</guid>' if guid else ""
    return (
        f"<item><title>{xml_escape(title)}</title><link>{xml_escape(link)}</link>{guid_tag}"
        f"<description>{xml_escape(summary)}</description><pubDate>{format_datetime(published)}</pubDate></item>"
    )


def atom_feed(base: str, outlet: Outlet, articles: list[Article]) -> str:
    entries = "".join(
        f"<entry><title>{xml_escape(a.title)}</title><link rel=\"alternate\" href=\"{xml_escape(article_url(base, a))}\"/>"
        f"<id>tag:{outlet.key},2026:{a.id}</id><updated>{a.published.isoformat()}</updated>"
        f"<published>{a.published.isoformat()}</published><summary>{xml_escape(a.summary)}</summary></entry>"
        for a in articles
    )
    updated = max((a.published for a in articles), default=None)
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{xml_escape(outlet.name)}</title><id>{base}/{outlet.key}/</id>"
        f"<updated>{updated.isoformat() if updated else ''}</updated>{entries}</feed>"
    )


def sitemap_index(base: str, outlet: Outlet) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{base}/{outlet.key}/news-sitemap.xml</loc></sitemap></sitemapindex>"
    )


def news_sitemap(base: str, outlet: Outlet, articles: list[Article]) -> str:
    urls = "".join(
        f"<url><loc>{xml_escape(article_url(base, a))}</loc><news:news><news:publication>"
        f"<news:name>{xml_escape(outlet.name)}</news:name><news:language>nl</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{xml_escape(a.title)}</news:title></news:news></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def account_id(username: str) -> str:
    return str(zlib.crc32(username.encode()))


def status_json(base: str, p: Post) -> dict:
    return {
        "id": str(p.id),
        "created_at": p.created_at.isoformat().replace("+00:00", "Z"),
        "visibility": "public",
        "language": "nl",
        "url": f"{base}/@{p.username}/{p.id}",
        "uri": f"{base}/users/{p.username}/statuses/{p.id}",
        "content": p.content,
        "reblog": None,
        "account": {
            "id": account_id(p.username),
            "username": p.username,
            "acct": p.username,
            "display_name": p.display_name,
            "url": f"{base}/@{p.username}",
        },
        "tags": [{"name": t, "url": f"{base}/tags/{t}"} for t in p.tags],
    }


def bluesky_post(p: Post) -> dict:
    """A post as app.bsky.feed.searchPosts returns it (the text without Mastodon's HTML)."""
    did = f"did:plc:{account_id(p.username)}"
    text = re.sub(r"<[^>]+>", "", p.content)
    return {
        "uri": f"at://{did}/app.bsky.feed.post/{p.id:013d}",
        "author": {"did": did, "handle": f"{p.username}.bsky.social", "displayName": p.display_name},
        "record": {"text": text, "createdAt": p.created_at.isoformat().replace("+00:00", "Z"), "langs": ["nl"]},
    }
