"""A threaded HTTP server on 127.0.0.1 serving the fixture corpus, plus misbehaving test routes."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from scrapers.fixture_site import pages
from scrapers.fixture_site.content import ORGANISATION_ACCOUNT, SOCIAL_TAG, Article, Corpus, Post, build_corpus
from scrapers.sources import Source, write_sources

ROBOTS = "User-agent: *\nDisallow: /prive/\n"
LISTING_PAGE_SIZE = 20
BLUESKY_LOGIN = ("scanner.example", "app-wachtwoord")  # (BLUESKY_HANDLE, BLUESKY_APP_PASSWORD) the fixture accepts
BLUESKY_TOKEN = "fixture-token"
OVERSIZED_BYTES = 3_000_000
BROKEN_TAG, HTML_TAG = "kapotbericht", "onderhoud"  # test timelines: a post without its account; HTML, not JSON
FRISIAN = (
    "Bewenners fan Grou hawwe harren doarpshûs sels opknapt.",
    ["De bewenners fan Grou hawwe de lêste moannen hurd wurke oan harren doarpshûs. Mei help fan tritich "
     "frijwilligers is it âlde gebou hielendal opknapt, en no kinne de ferieningen der wer gebrûk fan meitsje.",
     "\"Wy woene net dat it doarp syn gearkomstplak kwytrekke\", seit ien fan de inisjatyfnimmers. De gemeente "
     "hat in lyts bedrach bydroegen, mar it measte jild kaam fan de mienskip sels."],
)
ENGLISH = (
    "Residents open a community garden",
    ["Residents of the neighbourhood have opened a community garden on an empty plot behind the school. "
     "Volunteers built raised beds and a small shed, and the local council provided a water connection.",
     "The organisers hope that more people will join in the spring, when the first vegetables are planted."],
)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up (a scanner refusing an oversized body) are expected here."""


class FixtureSite:
    """The fixture site, started on a loopback port (`port=0`: a free one); use as a context manager.

    `requests` logs every requested path (with query), so tests can see what a scan fetched.
    """

    def __init__(self, n_articles: int = 120, seed: int = 7, n_posts: int = 24, slow_seconds: float = 3.0,
                 mastodon_rate_limit: int = 300, robots_delay: float = 0.0, now: datetime | None = None,
                 port: int = 0):
        self.corpus: Corpus = build_corpus(n_articles, seed, now=now, n_posts=n_posts)
        self.slow_seconds = slow_seconds
        self.robots_delay = robots_delay
        self.request_times: list[float] = []  # time.monotonic() of each logged request
        self._busy_once: set[str] = set()
        self.mastodon_rate_limit = mastodon_rate_limit
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._page_cache: dict[str, bytes] = {}
        self._mastodon_calls = 0
        self._server = _QuietServer(("127.0.0.1", port), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FixtureSite:
        if self._thread is not None:
            return self
        self._thread = threading.Thread(target=self._server.serve_forever, name="fixture-site", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FixtureSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- what a scan should read -------------------------------------------------------------

    def sources(self, include_tests: bool = False) -> list[Source]:
        """The outlets and Mastodon feeds as sources; with `include_tests` also the misbehaving ones."""
        b = self.base_url
        paths = {"rss": "rss.xml", "atom": "atom.xml", "sitemap": "sitemap.xml", "listing": "nieuws/"}
        result = [Source(o.name, o.kind, f"{b}/{o.key}/{paths[o.kind]}", gemeenten=o.gemeenten) for o in self.corpus.outlets]
        codes = self.corpus.outlets[-1].gemeenten
        result += [
            Source(f"Mastodon #{SOCIAL_TAG} (lokaal)", "mastodon_tag", b, tag=SOCIAL_TAG, gemeenten=codes),
            Source("Mastodon Gemeente Eemland", "mastodon_account", b, account=ORGANISATION_ACCOUNT,
                   gemeenten=self.corpus.outlets[0].gemeenten, organisation=True),
        ]
        if include_tests:
            result += [
                Source("Testfeed", "rss", f"{b}/test/rss.xml"),
                Source("Ontbrekende feed", "rss", f"{b}/fout/404.xml"),
                Source("Kapotte server", "rss", f"{b}/fout/500.xml"),
                Source("Trage feed", "rss", f"{b}/traag/rss.xml"),
                Source("Kapotte feed", "rss", f"{b}/kapot/rss.xml"),
                Source("Te grote feed", "rss", f"{b}/groot/rss.xml"),
                Source("Verboden feed", "rss", f"{b}/prive/rss.xml"),
                Source("Mastodon onvolledig bericht", "mastodon_tag", b, tag=BROKEN_TAG),
                Source("Mastodon zonder JSON", "mastodon_tag", b, tag=HTML_TAG),
            ]
        return result

    def write_sources(self, path: str | Path, include_tests: bool = False) -> Path:
        return write_sources(self.sources(include_tests), path)

    def add_article(self, outlet: str, title: str, paragraphs: list[str]) -> Article:
        """Publish a new article (it appears at the top of the outlet's feed)."""
        with self._lock:
            a = Article(len(self.corpus.articles) + 1, outlet, title, paragraphs,
                        datetime.now(timezone.utc).replace(microsecond=0), "", "", "initiatief")
            self.corpus.articles.append(a)
        return a

    def requested(self, pattern: str) -> list[str]:
        """Logged request paths matching the regular expression."""
        with self._lock:
            return [p for p in self.requests if re.search(pattern, p)]

    # --- rendering ---------------------------------------------------------------------------

    def _newest(self, outlet: str) -> list[Article]:
        return sorted(self.corpus.by_outlet(outlet), key=lambda a: a.published, reverse=True)

    def _article(self, outlet_key: str, slug: str) -> bytes | None:
        key = f"{outlet_key}/{slug}"
        if key in self._page_cache:
            return self._page_cache[key]
        m = re.match(r"(\d+)-", slug)
        articles = self.corpus.articles
        if not m or not (0 < int(m.group(1)) <= len(articles)):
            return None
        a = articles[int(m.group(1)) - 1]
        if a.outlet != outlet_key or a.slug != slug:
            return None
        same = [r for r in articles[max(0, a.id - 8) : a.id + 8] if r.outlet == a.outlet and r.id != a.id][:4]
        body = pages.article_page(self.base_url, self.corpus.outlet(outlet_key), a, same).encode()
        self._page_cache[key] = body
        return body

    def _test_feed(self) -> str:
        b = self.base_url
        now = datetime.now(timezone.utc)
        first = self._newest("eemland")[0]
        items = "".join([
            pages.rss_item(first.title, pages.article_url(b, first) + "/?fbclid=abc123#reacties", first.summary, first.published),
            pages.rss_item("Geheim artikel", f"{b}/prive/geheim-artikel", "Mag niet gelezen worden.", now),
            pages.rss_item("Verdwenen artikel", f"{b}/test/bestaat-niet", "Deze pagina is weg.", now),
            pages.rss_item("Artikel achter cookiemuur", f"{b}/test/toestemming",
                           "Bewoners van Woudenberg richten een energiecoöperatie op en zoeken leden.", now),
            pages.rss_item("Te groot artikel", f"{b}/test/groot", "Veel te groot.", now),
            pages.rss_item("Artikel met serverfout", f"{b}/test/fout", "Server faalt.", now),
            pages.rss_item(FRISIAN[0], f"{b}/test/frysk", "", now),
            pages.rss_item(ENGLISH[0], f"{b}/test/english", "", now),
            pages.rss_item("Script in plaats van link", "javascript:alert(1)", "Geen artikel.", now + timedelta(days=1)),
        ])
        return pages.rss_feed(b, self.corpus.outlet("eemland"), [], extra=items)

    def _statuses(self, posts: list[Post], query: dict[str, list[str]], path: str) -> tuple[list[Post], dict[str, str]]:
        limit = min(int(query.get("limit", ["20"])[0]), 40)
        ordered = sorted(posts, key=lambda p: p.id, reverse=True)
        if "max_id" in query:
            ordered = [p for p in ordered if p.id < int(query["max_id"][0])]
        if "since_id" in query:
            ordered = [p for p in ordered if p.id > int(query["since_id"][0])]
        if "min_id" in query:
            ordered = [p for p in ordered if p.id > int(query["min_id"][0])]
            page = ordered[-limit:]
        else:
            page = ordered[:limit]
        headers = {}
        if page:
            headers["Link"] = (
                f'<{self.base_url}{path}?limit={limit}&max_id={page[-1].id}>; rel="next", '
                f'<{self.base_url}{path}?limit={limit}&min_id={page[0].id}>; rel="prev"'
            )
        return page, headers


def _handler_for(site: FixtureSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes | str = b"", ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _send_feed(self, body: str, ctype: str, modified: datetime | None) -> None:
            etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
            headers = {"ETag": etag}
            if modified:
                headers["Last-Modified"] = format_datetime(modified, usegmt=True)
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self._send(200, body, ctype, headers)

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            with site._lock:
                site.requests.append(self.path)
                site.request_times.append(time.monotonic())
            parts = urlsplit(self.path)
            path, query = parts.path, parse_qs(parts.query)
            try:
                self._route(path, query)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_POST(self) -> None:  # noqa: N802
            with site._lock:
                site.requests.append(self.path)
                site.request_times.append(time.monotonic())
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path != "/xrpc/com.atproto.server.createSession":
                return self._send(405, "Niet toegestaan")
            login = json.loads(body or b"{}")
            if (login.get("identifier"), login.get("password")) != BLUESKY_LOGIN:
                return self._send(401, json.dumps({"error": "AuthenticationRequired"}), "application/json")
            return self._send(200, json.dumps({"accessJwt": BLUESKY_TOKEN, "did": "did:plc:fixture"}), "application/json")

        def _bluesky_search(self, query: dict[str, list[str]]) -> None:
            if self.headers.get("Authorization") != f"Bearer {BLUESKY_TOKEN}":
                return self._send(401, json.dumps({"error": "AuthenticationRequired"}), "application/json")
            words = query.get("q", [""])[0].casefold()
            found = sorted((p for p in site.corpus.posts if not p.organisation and words in p.content.casefold()),
                           key=lambda p: p.created_at, reverse=True)
            start, limit = int(query.get("cursor", ["0"])[0]), min(int(query.get("limit", ["25"])[0]), 100)
            page = found[start : start + limit]
            result = {"posts": [pages.bluesky_post(p) for p in page]}
            if start + limit < len(found):
                result["cursor"] = str(start + limit)
            return self._send(200, json.dumps(result), "application/json")

        def _route(self, path: str, query: dict[str, list[str]]) -> None:
            b = site.base_url
            if path == "/robots.txt":
                time.sleep(site.robots_delay)
                return self._send(200, ROBOTS, "text/plain")
            if path == "/druk/rss.xml":  # busy: 429 with Retry-After once, then the feed
                with site._lock:
                    first = path not in site._busy_once
                    site._busy_once.add(path)
                if first:
                    return self._send(429, "Te veel verzoeken", headers={"Retry-After": "1"})
                return self._send_feed(pages.rss_feed(b, site.corpus.outlet("eemland"), site._newest("eemland")[:2]),
                                       "application/rss+xml", None)
            if path.startswith("/api/v1/"):
                return self._mastodon(path, query)
            if path == "/xrpc/app.bsky.feed.searchPosts":
                return self._bluesky_search(query)
            if m := re.fullmatch(r"/(\w+)/nieuws/([\w-]+)/?", path):
                body = site._article(m.group(1), m.group(2))
                return self._send(200, body) if body else self._send(404, "<h1>Pagina niet gevonden</h1>")
            if m := re.fullmatch(r"/(\w+)/(rss\.xml|atom\.xml|sitemap\.xml|news-sitemap\.xml|nieuws/)", path):
                key, what = m.groups()
                if key in {o.key for o in site.corpus.outlets}:
                    return self._outlet(key, what, query)
            if path == "/test/rss.xml":
                return self._send_feed(site._test_feed(), "application/rss+xml", None)
            if path == "/test/toestemming":
                return self._send(302, "", headers={"Location": f"{b}/consent?return=/test/toestemming"})
            if path == "/consent":
                return self._send(200, "<html><body><h1>Wij vragen uw toestemming</h1><p>Deze site gebruikt "
                                       "cookies.</p><button>Akkoord</button></body></html>")
            if path in ("/test/frysk", "/test/english"):
                title, paras = FRISIAN if path.endswith("frysk") else ENGLISH
                a = Article(0, "eemland", title, paras, datetime.now(timezone.utc), "", "", "initiatief")
                return self._send(200, pages.article_page(b, site.corpus.outlet("eemland"), a, []))
            if path in ("/test/groot", "/groot/rss.xml"):
                return self._send(200, b"<html><body>" + b"<p>opvulling</p>" * (OVERSIZED_BYTES // 15) + b"</body></html>")
            if path in ("/test/fout", "/fout/500.xml"):
                return self._send(500, "<h1>Interne serverfout</h1>")
            if path == "/traag/rss.xml":
                time.sleep(site.slow_seconds)
                return self._send(200, pages.rss_feed(b, site.corpus.outlet("eemland"), []), "application/rss+xml")
            if path == "/kapot/rss.xml":
                return self._send(200, "<?xml version='1.0'?><rss><channel><item><title>Half", "application/rss+xml")
            return self._send(404, "<h1>Pagina niet gevonden</h1>")

        def _outlet(self, key: str, what: str, query: dict[str, list[str]]) -> None:
            b, outlet, newest = site.base_url, site.corpus.outlet(key), site._newest(key)
            modified = newest[0].published if newest else None
            if what == "rss.xml" and outlet.kind == "rss":
                return self._send_feed(pages.rss_feed(b, outlet, newest), "application/rss+xml", modified)
            if what == "atom.xml" and outlet.kind == "atom":
                return self._send_feed(pages.atom_feed(b, outlet, newest), "application/atom+xml", modified)
            if what == "sitemap.xml" and outlet.kind == "sitemap":
                return self._send_feed(pages.sitemap_index(b, outlet), "application/xml", None)
            if what == "news-sitemap.xml" and outlet.kind == "sitemap":
                return self._send_feed(pages.news_sitemap(b, outlet, newest), "application/xml", modified)
            if what == "nieuws/" and outlet.kind == "listing":
                page = int(query.get("pagina", ["1"])[0])
                chunk = newest[(page - 1) * LISTING_PAGE_SIZE : page * LISTING_PAGE_SIZE]
                has_next = page * LISTING_PAGE_SIZE < len(newest)
                return self._send(200, pages.listing_page(b, outlet, chunk, page, has_next))
            return self._send(404, "<h1>Pagina niet gevonden</h1>")

        def _mastodon(self, path: str, query: dict[str, list[str]]) -> None:
            with site._lock:
                site._mastodon_calls += 1
                remaining = site.mastodon_rate_limit - site._mastodon_calls
            reset = (datetime.now(timezone.utc) + timedelta(minutes=5)).isoformat()
            headers = {"X-RateLimit-Limit": str(site.mastodon_rate_limit),
                       "X-RateLimit-Remaining": str(max(remaining, 0)), "X-RateLimit-Reset": reset}
            if remaining < 0:
                return self._send(429, json.dumps({"error": "Too many requests"}), "application/json",
                                  {**headers, "Retry-After": "1"})
            posts = site.corpus.posts
            if path == f"/api/v1/timelines/tag/{HTML_TAG}":
                return self._send(200, "<html><body>Onderhoud</body></html>", headers=headers)
            if path == f"/api/v1/timelines/tag/{BROKEN_TAG}":  # three posts, the middle one without its account
                shown = [pages.status_json(site.base_url, p) for p in posts if SOCIAL_TAG in p.tags][:3]
                del shown[1]["account"]
                return self._send(200, json.dumps(shown), "application/json", headers)
            if m := re.fullmatch(r"/api/v1/timelines/tag/(\w+)", path):
                selected = [p for p in posts if m.group(1) in p.tags]
            elif path == "/api/v1/accounts/lookup":
                acct = query.get("acct", [""])[0]
                if not any(p.username == acct for p in posts):
                    return self._send(404, json.dumps({"error": "Record not found"}), "application/json", headers)
                return self._send(200, json.dumps({"id": pages.account_id(acct), "acct": acct}), "application/json", headers)
            elif m := re.fullmatch(r"/api/v1/accounts/(\d+)/statuses", path):
                selected = [p for p in posts if pages.account_id(p.username) == m.group(1)]
            else:
                return self._send(404, json.dumps({"error": "Not found"}), "application/json", headers)
            page, link = site._statuses(selected, query, path)
            body = json.dumps([pages.status_json(site.base_url, p) for p in page])
            return self._send(200, body, "application/json", {**headers, **link})

    return Handler


def serve_fixture_site(n_articles: int = 120, seed: int = 7, **kwargs: object) -> FixtureSite:
    """Start the fixture site on a free loopback port; stop it with `.stop()` or use `with`."""
    return FixtureSite(n_articles=n_articles, seed=seed, **kwargs).start()
