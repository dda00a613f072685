"""A run killed with SIGKILL in the middle of a warehouse write leaves a warehouse that opens,
and the re-run completes without duplicate or lost rows."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

from warehouse.db import connect

WRITER = textwrap.dedent(
    """
    import sys, pandas as pd
    from warehouse.db import connect, replace_rows
    con = connect(sys.argv[1])
    n = int(sys.argv[2])
    frame = pd.DataFrame({"sha256": ["f"] * n, "row_number": range(n), "outcome": ["loaded"] * n})
    print("writing", flush=True)
    for _ in range(int(sys.argv[3])):
        replace_rows(con, "intake_rows", frame, {"sha256": "f"})
    print("done", flush=True)
    """
)


def _writer(path, n, repeats):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(n), str(repeats)], stdout=subprocess.PIPE, text=True)


def test_sigkill_mid_write_then_rerun(warehouse_path):
    n = 400_000
    first = _writer(warehouse_path, n, 1)
    assert first.stdout.readline().strip() == "writing"
    assert first.stdout.readline().strip() == "done"
    first.wait()

    victim = _writer(warehouse_path, n, 1000)
    assert victim.stdout.readline().strip() == "writing"
    victim.send_signal(signal.SIGKILL)
    victim.wait()

    con = connect(warehouse_path)  # opens (replays or discards the WAL) and is usable
    assert con.execute("SELECT count(*), count(DISTINCT row_number) FROM intake_rows").fetchone() == (n, n)
    con.close()

    rerun = _writer(warehouse_path, n, 1)
    assert rerun.stdout.readline().strip() == "writing"
    assert rerun.stdout.readline().strip() == "done"
    rerun.wait()
    con = connect(warehouse_path, read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT row_number), max(row_number) FROM intake_rows").fetchone() == (n, n, n - 1)
    con.close()
