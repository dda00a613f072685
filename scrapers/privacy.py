"""Privacy (AVG): salted author hashes and the retention purge of social posts."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb

from pnet.errors import PnetError
from pnet.settings import load_config, warehouse_path
from warehouse.db import compact, connect, transaction

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
    """Delete social posts fetched more than `retention_days` ago (UTC), with all that quotes them (see
    `_purge`). Returns the number of posts deleted. The Mastodon cursor keeps them from being fetched again."""
    cutoff = (now or datetime.now(timezone.utc).replace(tzinfo=None)) - timedelta(days=retention_days)
    return _purge(con, "fetched_at < ?", [cutoff])


def forget_author(con: duckdb.DuckDBPyConnection, handle: str, salt: str) -> int:
    """A person's request to be deleted: every stored post of `handle` goes now, as at the end of retention.
    Their addresses stay in `seen_urls` (a number on the server, no name), so no scan fetches them again."""
    return _purge(con, "author_hash = ?", [hash_author(handle, salt)], keep_seen=True)


def _workbooks_listing(con: duckdb.DuckDBPyConnection, items: set[str]) -> list[Path]:
    """Archived decision workbooks whose Kandidaten sheet lists one of `items`, decided or not."""
    from warehouse.intake.readers import UnreadableFile, read_tables  # not needed in the crawler process

    found = []
    for (name,) in con.execute(
            "SELECT archived_path FROM intake_files WHERE kind = 'decisions' AND archived_path IS NOT NULL").fetchall():
        path = Path(name)
        try:
            tables = read_tables(path)
        except (OSError, UnreadableFile):
            continue
        if any(items.intersection(map(str, t.frame["item_id"].dropna())) for t in tables if "item_id" in t.frame):
            found.append(path)
    return found


def _purge(con: duckdb.DuckDBPyConnection, where: str, params: list, keep_seen: bool = False) -> int:
    """Delete the social posts matching `where`, their seen-URL rows (unless `keep_seen`), their classifier
    scores (whose evidence quotes the post) and the archived decision workbooks that list them (their
    Kandidaten sheet quotes the post; the ledger keeps its rows). A municipality's verdict on a post
    (candidate_feedback: item id and label, no text) is kept, and so is a round initiative made of
    confirmed posts (match_initiatives), but without the posts' words: its title becomes
    `PURGED_TITLE` and its description and initiator are emptied."""
    old = f"SELECT {{col}} FROM media_items WHERE kind = 'social' AND {where}"
    with transaction(con):
        purged = [r for (r,) in con.execute(old.format(col="item_id"), params).fetchall()]
        if not purged:
            return 0
        if not keep_seen:
            con.execute(f"DELETE FROM seen_urls WHERE canonical_url IN ({old.format(col='canonical_url')})", params)
        con.execute("DELETE FROM candidates WHERE list_contains(?::VARCHAR[], item_id)", [purged])
        con.execute(
            "UPDATE match_initiatives SET titel = ?, omschrijving = NULL, initiatiefnemer = NULL "
            "WHERE origin = 'candidate' AND list_has_any(item_ids, ?::VARCHAR[])",
            [PURGED_TITLE, purged],
        )
        workbooks = _workbooks_listing(con, set(purged))
        con.execute("UPDATE intake_files SET archived_path = NULL WHERE list_contains(?::VARCHAR[], archived_path)",
                    [[str(w) for w in workbooks]])
        con.execute(f"DELETE FROM media_items WHERE kind = 'social' AND {where}", params)
    for workbook in workbooks:
        workbook.unlink(missing_ok=True)
        workbook.with_name(workbook.name + ".sha256").unlink(missing_ok=True)
    return len(purged)


def apply_retention(warehouse: str | os.PathLike[str] | None = None, retention_days: int | None = None,
                    forget: str | None = None, wait_seconds: float = 0.0) -> int:
    """The retention purge (or, with `forget`, one author's erasure) on the warehouse file, which is then
    rewritten so the deleted posts are gone from the file too (DuckDB reuses freed blocks but does not
    erase them). Returns the number of posts deleted. A rewrite that failed is tried again at the next run
    (a marker file beside the warehouse says one is due)."""
    target = warehouse_path(warehouse)
    due = target.with_name(target.name + ".compact-due")
    con = connect(warehouse, wait_seconds=wait_seconds)
    try:
        if forget is not None:
            deleted = forget_author(con, forget, author_salt(warehouse))
        else:
            days = int(load_config("scan")["retention_days"]) if retention_days is None else retention_days
            deleted = purge_social_posts(con, days)
    finally:
        con.close()
    if deleted or due.exists():
        due.touch()
        try:
            compact(warehouse)
        except duckdb.Error as exc:
            raise PnetError(f"De berichten zijn verwijderd, maar het warehousebestand kon niet worden herschreven ({exc}). "
                            "De volgende 'pnet retention' (of de nachtelijke bewaartermijn-run) probeert het opnieuw.") from exc
        due.unlink()
    return deleted
