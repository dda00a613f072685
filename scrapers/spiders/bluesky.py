"""Bluesky post search (needs an app password: BLUESKY_HANDLE and BLUESKY_APP_PASSWORD)."""

from __future__ import annotations

import json
import os
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from scrapers.sources import Source
from scrapers.spiders.social import SocialSpider

SKIPPED = "overgeslagen: geen Bluesky-app-wachtwoord (zet BLUESKY_HANDLE en BLUESKY_APP_PASSWORD)"


class BlueskySpider(SocialSpider):
    """`scrapy crawl bluesky`: newest posts for each query, down to the newest post of the previous scan."""

    name = "bluesky"
    kinds = ("bluesky_search",)

    async def start(self):
        handle, password = os.environ.get("BLUESKY_HANDLE"), os.environ.get("BLUESKY_APP_PASSWORD")
        if self.sources and not (handle and password):
            self.logger.warning("Bluesky-bronnen %s", SKIPPED)
            for source in self.sources:
                self.outcome(source.name).note(SKIPPED)
            return
        for source in self.sources:
            yield scrapy.Request(
                f"{source.url}/xrpc/com.atproto.server.createSession", method="POST",
                body=json.dumps({"identifier": handle, "password": password}),
                headers={"Content-Type": "application/json"}, callback=self.parse_session, errback=self.on_error,
                meta={"source": source.name}, cb_kwargs={"source": source}, dont_filter=True,
            )

    def _search(self, source: Source, token: str, cursor: str | None, page: int) -> scrapy.Request:
        params = {"q": source.query, "limit": 100, "sort": "latest", **({"cursor": cursor} if cursor else {})}
        return self.request(
            f"{source.url}/xrpc/app.bsky.feed.searchPosts?{urlencode(params)}", source, self.parse_search,
            headers={"Authorization": f"Bearer {token}"}, cb_kwargs={"source": source, "token": token, "page": page},
        )

    def parse_session(self, response: Response, source: Source):
        yield self._search(source, response.json()["accessJwt"], None, 1)

    def parse_search(self, response: Response, source: Source, token: str, page: int):
        outcome = self.outcome(source.name)
        data = response.json()
        since = self.cursors.get(source.name) or ""
        cutoff = self.retention_cutoff().isoformat()
        done = False
        for post in data.get("posts", []):
            record = post.get("record", {})
            created = record.get("createdAt", "")
            outcome.cursor = max(outcome.cursor or since, created)
            if created <= since or created < cutoff:
                done = True
                continue
            rkey = post["uri"].rsplit("/", 1)[-1]
            url = f"https://bsky.app/profile/{post['author']['did']}/post/{rkey}"
            if not record.get("text") or not self.is_new(url):
                continue
            langs = record.get("langs") or [None]
            yield self.social_item(source, url, record["text"], created, post["author"]["handle"], langs[0])
        if not done and data.get("cursor") and page < self.settings.getint("PNET_MASTODON_MAX_PAGES"):
            yield self._search(source, token, data["cursor"], page + 1)
