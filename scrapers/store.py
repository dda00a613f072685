"""Read the scan state from the warehouse and store a scan's items, outcomes and state."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from typing import Any

import duckdb
import pandas as pd

from scrapers.fingerprint import assign_clusters, join_same_headlines
from scrapers.outcome import SourceOutcome
from scrapers.urls import item_id
from warehouse.db import transaction


HEADLINE_WINDOW = timedelta(days=30)  # a copy under the same headline appears within days, not months


def load_state(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Seen URLs, feed validators and social cursors, as the spiders read them (state.json)."""
    rows = con.execute("SELECT canonical_url, etag, last_modified FROM seen_urls").fetchall()
    return {
        "seen": [url for url, _, _ in rows],
        "validators": {url: {"etag": e or "", "last_modified": m or ""} for url, e, m in rows if e or m},
        "cursors": dict(con.execute("SELECT source, cursor FROM scan_cursors").fetchall()),
    }


def _utc_naive(value: str | None) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _new_items(con: duckdb.DuckDBPyConnection, items: Iterable[dict]) -> list[dict]:
    """Items whose URL is unknown, each URL once (the first wins)."""
    seen = {url for (url,) in con.execute("SELECT canonical_url FROM seen_urls").fetchall()}
    fresh = []
    for item in items:
        if item["canonical_url"] in seen:
            continue
        seen.add(item["canonical_url"])
        seen.update(item.get("also_seen") or [])
        fresh.append(item)
    return fresh


def store_scan(
    con: duckdb.DuckDBPyConnection,
    scan_id: str,
    items: Iterable[dict],
    outcomes: list[SourceOutcome],
    max_distance: int,
) -> list[dict]:
    """Store new items (with cluster ids), seen URLs, validators, cursors and outcomes in one transaction.

    Sets each outcome's `items` to the number of new items stored for it. Returns the new items,
    with `item_id` and `cluster_id` set.
    """
    with transaction(con):
        fresh = _new_items(con, items)
        existing = con.execute(
            "SELECT fingerprint, cluster_id FROM media_items WHERE fingerprint IS NOT NULL AND cluster_id IS NOT NULL"
        ).fetchall()
        for item in fresh:
            item["item_id"] = item_id(item["canonical_url"])
        clusters = assign_clusters(((i["item_id"], int(i["fingerprint"])) for i in fresh), existing, max_distance)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        headlines = con.execute(
            "SELECT title, gemeenten, cluster_id FROM media_items WHERE title IS NOT NULL AND cluster_id IS NOT NULL"
            " AND fetched_at >= ?", [now - HEADLINE_WINDOW]
        ).fetchall()
        clusters = join_same_headlines(clusters, ((i["item_id"], i.get("title"), i.get("gemeenten")) for i in fresh), headlines)
        for item in fresh:
            item["cluster_id"] = clusters[item["item_id"]]
        if fresh:
            frame = pd.DataFrame(
                {
                    "item_id": [i["item_id"] for i in fresh],
                    "url": [i["url"] for i in fresh],
                    "canonical_url": [i["canonical_url"] for i in fresh],
                    "source": [i["source"] for i in fresh],
                    "kind": [i["kind"] for i in fresh],
                    "title": [i.get("title") for i in fresh],
                    "text": [i["text"] for i in fresh],
                    "published": pd.Series([_utc_naive(i.get("published")) for i in fresh], dtype="datetime64[us]"),
                    "fetched_at": pd.Series([_utc_naive(i["fetched_at"]) for i in fresh], dtype="datetime64[us]"),
                    "language": [i.get("language") for i in fresh],
                    "fingerprint": pd.Series([int(i["fingerprint"]) for i in fresh], dtype="uint64"),
                    "cluster_id": [i["cluster_id"] for i in fresh],
                    "author_hash": [i.get("author_hash") for i in fresh],
                    "gemeenten": [list(i.get("gemeenten") or []) for i in fresh],
                }
            )
            con.register("_new_media", frame)
            con.execute("INSERT INTO media_items BY NAME SELECT * FROM _new_media")
            con.unregister("_new_media")
            urls = sorted({u for i in fresh for u in [i["canonical_url"], *(i.get("also_seen") or [])]})
            con.executemany(
                "INSERT INTO seen_urls (canonical_url, last_fetched) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(u, now) for u in urls],
            )
        for outcome in outcomes:
            for url, v in outcome.validators.items():
                con.execute(
                    "INSERT INTO seen_urls (canonical_url, last_fetched, etag, last_modified) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (canonical_url) DO UPDATE SET last_fetched = excluded.last_fetched, "
                    "etag = excluded.etag, last_modified = excluded.last_modified",
                    [url, now, v.get("etag") or None, v.get("last_modified") or None],
                )
            if outcome.cursor:
                con.execute(
                    "INSERT INTO scan_cursors (source, cursor, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at",
                    [outcome.source, outcome.cursor, now],
                )
        counts = Counter(i["source"] for i in fresh)
        for outcome in outcomes:
            outcome.items = counts[outcome.source]
        con.execute("DELETE FROM scan_sources WHERE scan_id = ?", [scan_id])
        con.executemany(
            "INSERT INTO scan_sources (scan_id, source, started_at, finished_at, items, errors, http_status,"
            " robots_skipped, message, already_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    scan_id, o.source, _utc_naive(o.started_at.isoformat()),
                    _utc_naive(o.finished_at.isoformat()) if o.finished_at else None,
                    o.items, o.errors, json.dumps(dict(o.http_status)), o.robots_skipped, o.message or None, o.already_seen,
                )
                for o in outcomes
            ],
        )
    return fresh


def latest_scan_outcomes(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, int, str | None]]:
    """(source, items, errors, message) of the most recent scan; empty before the first scan."""
    return con.execute(
        "SELECT source, items, errors, message FROM scan_sources WHERE scan_id = ("
        " SELECT scan_id FROM scan_sources GROUP BY scan_id ORDER BY max(started_at) DESC LIMIT 1)"
        " ORDER BY source"
    ).fetchall()
