"""Open the warehouse, apply migrations, and write in transactions."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from pnet.errors import PnetError
from pnet.settings import warehouse_path

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class WarehouseError(PnetError):
    """A problem with the warehouse file that the user can act on (message in Dutch)."""


class WarehouseLockedError(WarehouseError):
    """Another process holds the write lock on the warehouse file."""


class SchemaTooNewError(WarehouseError):
    """The file was written by a newer version of this software."""


def migrations() -> list[tuple[int, str, str]]:
    """All known migrations as (version, name, sql), in order."""
    found = []
    for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
        m = _MIGRATION_NAME.match(path.name)
        if not m:
            raise RuntimeError(f"badly named migration: {path.name}")
        found.append((int(m.group(1)), m.group(2), path.read_text(encoding="utf-8")))
    versions = [v for v, _, _ in found]
    if len(versions) != len(set(versions)):
        raise RuntimeError("two migrations share a version number")
    return found


def latest_version() -> int:
    return max(v for v, _, _ in migrations())


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The highest applied migration, 0 for an empty file."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the pending migrations, each in its own transaction; return the versions applied."""
    current = schema_version(con)
    if current > latest_version():
        raise SchemaTooNewError(
            f"Het warehouse heeft schemaversie {current}, deze software kent tot en met "
            f"{latest_version()}. Werk de software bij voordat u dit bestand gebruikt."
        )
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    applied = []
    for version, name, sql in migrations():
        if version <= current:
            continue
        with transaction(con):
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, name])
        applied.append(version)
    return applied


def _is_lock_error(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def connect(
    path: str | os.PathLike[str] | None = None,
    *,
    read_only: bool = False,
    wait_seconds: float = 0.0,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse (creating it and applying migrations when writable).

    When another process holds the file, retry for `wait_seconds`, then raise
    `WarehouseLockedError` with a clear message.
    """
    target = warehouse_path(path)
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.exists():
        raise WarehouseError(f"Warehouse {target} bestaat nog niet. Draai eerst 'pnet demo' of een pipeline-stap.")
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(target), read_only=read_only)
            break
        except duckdb.Error as exc:
            if not _is_lock_error(exc):
                raise WarehouseError(f"Warehouse {target} kan niet worden geopend: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"Warehouse {target} is in gebruik door een ander proces (bijvoorbeeld een lopende "
                    "Dagster-run). Wacht tot die klaar is en probeer het opnieuw."
                ) from exc
            time.sleep(0.2)
    try:
        if read_only:
            if schema_version(con) > latest_version():
                raise SchemaTooNewError(
                    f"Het warehouse heeft schemaversie {schema_version(con)}, deze software kent tot en met "
                    f"{latest_version()}. Werk de software bij voordat u dit bestand gebruikt."
                )
        else:
            apply_migrations(con)
    except BaseException:
        con.close()
        raise
    return con


def compact(path: str | os.PathLike[str] | None = None) -> None:
    """Rewrite the warehouse file from its live rows (COPY FROM DATABASE), so deleted rows are gone from
    the file itself: DuckDB reuses the blocks of deleted rows but does not erase them. Call it with no
    connection open in this process; a reader elsewhere keeps the old file until it reconnects."""
    target = warehouse_path(path)
    fresh = target.with_name(target.name + ".compact")
    leftovers = (fresh, fresh.with_name(fresh.name + ".wal"))
    for path in leftovers:
        path.unlink(missing_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"ATTACH {_quoted(target)} AS old (READ_ONLY)")
        con.execute(f"ATTACH {_quoted(fresh)} AS fresh")
        con.execute("COPY FROM DATABASE old TO fresh")
    except BaseException:
        con.close()
        for path in leftovers:
            path.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(fresh, target)


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: all of it is written, or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def replace_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    scope: Mapping[str, Any] | None = None,
) -> int:
    """Replace the rows of `table` within `scope` (e.g. {"round_id": "2027-R1"}) by `frame`.

    Runs in one transaction, so a re-run of a step replaces that step's rows and never doubles them.
    Columns are matched by name; table columns missing from `frame` take their defaults.
    """
    scope = dict(scope or {})
    where = " AND ".join(f"{col} = ?" for col in scope) or "true"
    con.register("_replace_frame", frame)
    try:
        with transaction(con):
            con.execute(f"DELETE FROM {table} WHERE {where}", list(scope.values()))
            if len(frame):
                con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _replace_frame")
    finally:
        con.unregister("_replace_frame")
    return len(frame)
