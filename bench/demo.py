"""Benchmark: `pnet demo` on a fresh warehouse, wall time and peak memory (target < 2 min, < 2 GB)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 120
TARGET_PEAK_MB = 2048


def run() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PNET_WAREHOUSE=str(Path(tmp) / "warehouse.duckdb"), DAGSTER_HOME=str(Path(tmp) / "dagster_home"))
        Path(env["DAGSTER_HOME"]).mkdir()
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pnet", "demo", "--out", str(Path(tmp) / "out")], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
    # ru_maxrss of children is the largest single process (KiB on Linux): the demo's own process tree peak.
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return [
        {"benchmark": "demo", "metric": "wall time", "value": seconds, "target": f"< {TARGET_SECONDS}", "unit": "s",
         "ok": seconds < TARGET_SECONDS},
        {"benchmark": "demo", "metric": "peak memory (largest process)", "value": peak_mb, "target": f"< {TARGET_PEAK_MB}",
         "unit": "MB", "ok": peak_mb < TARGET_PEAK_MB},
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
