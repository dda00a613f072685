"""Downloader middlewares: retries that back off the whole domain, and strict robots.txt handling."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request
from twisted.internet.defer import Deferred
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached


def dutch_reason(exc: BaseException) -> str:
    """A short Dutch reason for a network failure."""
    name = type(exc).__name__.lower()
    if "timeout" in name:
        return "time-out"
    if "dns" in name or "resolve" in name:
        return "domein niet gevonden (DNS)"
    if "refused" in name:
        return "verbinding geweigerd"
    if "cancelled" in name:
        return "antwoord te groot, niet gelezen"
    if isinstance(exc, IgnoreRequest) and str(exc):
        return str(exc)
    return f"netwerkfout ({type(exc).__name__})"


def retry_after_seconds(response: Response | None) -> float | None:
    """The server's Retry-After (seconds or an HTTP date), if it sent one."""
    if response is None or not (raw := response.headers.get(b"Retry-After")):
        return None
    text = raw.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        return max(0.0, (parsedate_to_datetime(text) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, plus a per-domain pause before the retry.

    The pause is the server's Retry-After when given, else base x 2^attempt, capped; it is set as
    the domain's download delay, so every request to that domain waits (AutoThrottle lowers it again
    once responses are healthy).
    """

    def _back_off(self, request: Request, response: Response | None = None) -> None:
        settings = self.crawler.settings
        attempt = request.meta.get("retry_times", 0)
        delay = retry_after_seconds(response)
        if delay is None:
            delay = settings.getfloat("PNET_BACKOFF_BASE_SECONDS") * 2**attempt
        delay = min(delay, settings.getfloat("PNET_MAX_BACKOFF_SECONDS"))
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < delay:
            slot.delay = delay

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if response.status in self.retry_http_codes and not request.meta.get("dont_retry", False):
            self._back_off(request, response)
        return super().process_response(request, response)

    def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:
        if isinstance(exception, self.exceptions_to_retry) and not request.meta.get("dont_retry", False):
            self._back_off(request)
        return super().process_exception(request, exception)


ROBOTS_UNREACHABLE = "robots.txt onbereikbaar"


class _Unreachable:
    """Stands in for the parser of a site whose robots.txt could not be read."""

    def __init__(self, reason: str):
        self.reason = reason

    def allowed(self, url: str, user_agent: str | bytes) -> bool:
        return False


class StrictRobotsTxtMiddleware(RobotsTxtMiddleware):
    """robots.txt as RFC 9309 reads it: unreachable or a server error (5xx) means the site is off limits.

    Scrapy's own middleware allows everything when robots.txt cannot be fetched. Requests refused for
    that reason say so ("robots.txt onbereikbaar: ..."), apart from pages robots.txt forbids.

    It also closes a race in Scrapy 2.19: requests that wait for the same robots.txt download all
    await one Deferred, and `Deferred.asFuture` hands its result to the first waiter only; the others
    got None, which Scrapy reads as "allowed". They now read the settled parser instead.
    """

    async def robot_parser(self, request: Request):
        parser = await super().robot_parser(request)
        if parser is None:
            settled = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(settled, Deferred):
                return settled
        return parser

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            self._robots_error(IgnoreRequest(f"HTTP {response.status}"), netloc)
            return
        await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value("robotstxt/unreachable")
        waiting = self._parsers[netloc]
        self._parsers[netloc] = _Unreachable(dutch_reason(exc))
        if isinstance(waiting, Deferred):
            waiting.callback(self._parsers[netloc])

    def process_request_2(self, rp, request: Request) -> None:
        if isinstance(rp, _Unreachable):
            raise IgnoreRequest(f"{ROBOTS_UNREACHABLE}: {rp.reason}")
        super().process_request_2(rp, request)
