"""A local fixture site (news outlets, feeds, sitemaps, a Mastodon-shaped API) for tests, benchmark and demo."""

from scrapers.fixture_site.server import FixtureSite, serve_fixture_site

__all__ = ["FixtureSite", "serve_fixture_site"]
