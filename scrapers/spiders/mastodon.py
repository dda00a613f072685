"""Public Mastodon statuses for a hashtag or an account, paged with max_id/min_id."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

from scrapy.http import Response

from scrapers.extract import html_to_text, parse_date
from scrapers.sources import Source
from scrapers.spiders.social import SocialSpider

_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="(\w+)"')


def link_header(response: Response) -> dict[str, str]:
    """rel -> URL from the Link header Mastodon sends for paging."""
    raw = (response.headers.get(b"Link") or b"").decode("latin-1")
    return {rel: url for url, rel in _LINK.findall(raw)}


def status_address(server: str, status_id: str) -> str:
    """A private person's status by its id on the scanned server: opens the post without naming the author."""
    return f"{server.rstrip('/')}/web/statuses/{status_id}"


class MastodonSpider(SocialSpider):
    """`scrapy crawl mastodon [-a sources=FILE] [-a source=NAME] [-a state=FILE]`.

    A first scan reads the newest pages backwards (max_id); later scans read forward from the
    newest status seen before (min_id), so nothing is fetched twice. When the instance's
    X-RateLimit-Remaining runs low, paging stops and continues at the next scan.
    """

    name = "mastodon"
    kinds = ("mastodon_tag", "mastodon_account")

    async def start(self):
        for source in self.sources:
            if source.kind == "mastodon_tag":
                yield self._first_page(source, f"{source.url}/api/v1/timelines/tag/{quote(source.tag)}")
            else:
                lookup = f"{source.url}/api/v1/accounts/lookup?{urlencode({'acct': source.account})}"
                yield self.request(lookup, source, self.parse_account, cb_kwargs={"source": source})

    def _first_page(self, source: Source, endpoint: str, **extra: str):
        params = {"limit": self.settings.getint("PNET_MASTODON_PAGE_SIZE"), **extra}
        if cursor := self.cursors.get(source.name):
            params["min_id"] = cursor
        return self.request(f"{endpoint}?{urlencode(params)}", source, self.parse_statuses,
                            cb_kwargs={"source": source, "page": 1})

    def parse_account(self, response: Response, source: Source):
        account_id = response.json().get("id")
        if not account_id:
            self.outcome(source.name).error(f"account {source.account} niet gevonden")
            return
        yield self._first_page(source, f"{source.url}/api/v1/accounts/{account_id}/statuses", exclude_reblogs="true")

    def parse_statuses(self, response: Response, source: Source, page: int):
        outcome = self.outcome(source.name)
        statuses = response.json()
        if not isinstance(statuses, list):
            outcome.error(f"onverwacht antwoord van {response.url}")
            return
        cutoff = self.retention_cutoff()
        forward = source.name in self.cursors
        host = urlsplit(source.url).hostname
        reached_old = False
        for status in statuses:
            try:
                status_id, acct = int(status["id"]), status["account"]["acct"]
                if not isinstance(acct, str) or not acct:
                    raise ValueError(acct)
            except (KeyError, TypeError, ValueError):
                outcome.error(f"onvolledig bericht overgeslagen bij {response.url}")
                continue
            outcome.cursor = str(max(status_id, int(outcome.cursor or self.cursors.get(source.name) or 0)))
            created = parse_date(status.get("created_at"))
            if created is not None and created < cutoff:
                reached_old = True
                continue
            if status.get("reblog") or status.get("visibility") != "public":
                continue
            author = acct if "@" in acct else f"{acct}@{host}"
            url = (status.get("url") or status.get("uri")) if source.organisation else status_address(source.url, status["id"])
            text = html_to_text(status.get("content") or "")
            if not url or not text:
                continue
            if not self.is_new(url):
                outcome.already_seen += 1
                continue
            yield self.social_item(source, url, text, status.get("created_at"), author, status.get("language"))

        remaining = response.headers.get(b"X-RateLimit-Remaining")
        if remaining is not None and int(remaining) < self.settings.getint("PNET_MASTODON_MIN_RATE_REMAINING"):
            outcome.note("limiet van de Mastodon-server bijna bereikt; verder bij de volgende scan")
            return
        links = link_header(response)
        nxt = links.get("prev" if forward else "next")
        if statuses and nxt and not reached_old and page < self.settings.getint("PNET_MASTODON_MAX_PAGES"):
            yield self.request(nxt, source, self.parse_statuses, cb_kwargs={"source": source, "page": page + 1})
