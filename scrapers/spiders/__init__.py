"""The scan spiders: `feeds` (RSS, Atom, sitemaps, listings), `mastodon`, `bluesky`."""
