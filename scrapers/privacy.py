"""Privacy (AVG): salted author hashes and the retention purge of social posts."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb

from pnet.settings import warehouse_path
from warehouse.db import transaction

SALT_ENV = "PNET_AUTHOR_SALT"


def salt_file(warehouse: str | os.PathLike[str] | None = None) -> Path:
    """The generated secret kept beside the warehouse (never in the repository)."""
    target = warehouse_path(warehouse)
    return target.with_name(target.name + ".author-salt")


def author_salt(warehouse: str | os.PathLike[str] | None = None) -> str:
    """`$PNET_AUTHOR_SALT`, else the secret file beside the warehouse (created on first use, mode 600)."""
    if env := os.environ.get(SALT_ENV):
        return env
    path = salt_file(warehouse)
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


def hash_author(handle: str, salt: str) -> str:
    """Keyed hash (HMAC-SHA256) of a normalised handle such as 'user@instance'."""
    key = handle.strip().lstrip("@").casefold()
    return hmac.new(salt.encode("utf-8"), key.encode("utf-8"), hashlib.sha256).hexdigest()


PURGED_TITLE = "Initiatief uit een bericht op sociale media (tekst verwijderd na de bewaartermijn)"


def purge_social_posts(con: duckdb.DuckDBPyConnection, retention_days: int, now: datetime | None = None) -> int:
    """Delete social posts fetched more than `retention_days` ago (UTC), with their seen-URL rows and
    their classifier scores (whose evidence quotes the post).

    Returns the number of posts deleted. The Mastodon cursor keeps them from being fetched again.
    A municipality's verdict on a post (candidate_feedback: item id and label, no text) is kept, and so
    is a round initiative made of confirmed posts (match_initiatives), but without the posts' words:
    its title becomes `PURGED_TITLE` and its description is emptied.
    """
    cutoff = (now or datetime.now(timezone.utc).replace(tzinfo=None)) - timedelta(days=retention_days)
    old = "SELECT {col} FROM media_items WHERE kind = 'social' AND fetched_at < ?"
    with transaction(con):
        con.execute(f"DELETE FROM seen_urls WHERE canonical_url IN ({old.format(col='canonical_url')})", [cutoff])
        con.execute(f"DELETE FROM candidates WHERE item_id IN ({old.format(col='item_id')})", [cutoff])
        purged = [r for (r,) in con.execute(old.format(col="item_id"), [cutoff]).fetchall()]
        con.execute(
            "UPDATE match_initiatives SET titel = ?, omschrijving = NULL "
            "WHERE origin = 'candidate' AND list_has_any(item_ids, ?::VARCHAR[])",
            [PURGED_TITLE, purged],
        )
        deleted = con.execute(
            "DELETE FROM media_items WHERE kind = 'social' AND fetched_at < ?", [cutoff]
        ).fetchone()[0]
    return int(deleted)
