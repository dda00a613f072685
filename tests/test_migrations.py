import duckdb
import pandas as pd
import pytest

from warehouse.db import SchemaTooNewError, WarehouseLockedError, connect, latest_version, replace_rows, schema_version


def test_fresh_file_gets_every_migration(warehouse_path):
    con = connect(warehouse_path)
    assert schema_version(con) == latest_version()
    applied = con.execute("SELECT count(*) FROM schema_version").fetchone()[0]
    con.close()
    assert applied == latest_version() or applied >= 1


def test_rerun_applies_nothing_twice(warehouse_path):
    connect(warehouse_path).close()
    con = connect(warehouse_path)
    versions = [v for (v,) in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    con.close()
    assert len(versions) == len(set(versions))
    assert versions[-1] == latest_version()


def test_newer_schema_is_refused(warehouse_path):
    connect(warehouse_path).close()
    raw = duckdb.connect(str(warehouse_path))
    raw.execute("INSERT INTO schema_version (version, name) VALUES (?, 'from_the_future')", [latest_version() + 1])
    raw.close()
    with pytest.raises(SchemaTooNewError, match="Werk de software bij"):
        connect(warehouse_path)
    with pytest.raises(SchemaTooNewError):
        connect(warehouse_path, read_only=True)


def test_locked_file_gives_clear_message(warehouse_path):
    import subprocess
    import sys
    import time

    connect(warehouse_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb,time; c=duckdb.connect({str(warehouse_path)!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        start = time.monotonic()
        with pytest.raises(WarehouseLockedError, match="in gebruik"):
            connect(warehouse_path, wait_seconds=0.5)
        assert time.monotonic() - start >= 0.5
    finally:
        holder.kill()
        holder.wait()


def test_replace_rows_replaces_scope_only(con):
    con.execute("INSERT INTO rounds VALUES ('A', DATE '2027-01-01', DATE '2027-02-01', now()), ('B', DATE '2027-01-01', DATE '2027-02-01', now())")
    frame = pd.DataFrame({"round_id": ["A", "A"], "gemeentecode": ["GM0363", "GM0034"]})
    replace_rows(con, "round_gemeenten", frame, {"round_id": "A"})
    replace_rows(con, "round_gemeenten", pd.DataFrame({"round_id": ["B"], "gemeentecode": ["GM0014"]}), {"round_id": "B"})
    replace_rows(con, "round_gemeenten", frame, {"round_id": "A"})
    counts = dict(con.execute("SELECT round_id, count(*) FROM round_gemeenten GROUP BY 1").fetchall())
    assert counts == {"A": 2, "B": 1}


def test_replace_rows_is_all_or_nothing(con):
    good = pd.DataFrame({"round_id": ["A"], "gemeentecode": ["GM0363"]})
    replace_rows(con, "round_gemeenten", good, {"round_id": "A"})
    duplicate_key = pd.DataFrame({"round_id": ["A", "A"], "gemeentecode": ["GM0034", "GM0034"]})
    with pytest.raises(duckdb.ConstraintException):
        replace_rows(con, "round_gemeenten", duplicate_key, {"round_id": "A"})
    assert con.execute("SELECT gemeentecode FROM round_gemeenten").fetchall() == [("GM0363",)]
