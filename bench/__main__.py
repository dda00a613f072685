"""Run every benchmark of the project and write `bench/RESULTS.md`.

Usage: `python -m bench [NAME ...]` (module names in this package; default: all).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

import bench

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def discover() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def verdict(row: dict) -> str:
    """'yes' / 'no' against the target; '-' for a figure reported without a target."""
    if row.get("target") in (None, "", "-"):
        return "-"
    return "yes" if row.get("ok") else "no"


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(discover())})")
    args = parser.parse_args(argv)
    names = args.names or discover()
    rows: list[dict] = []
    for name in names:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            module_rows = importlib.import_module(f"bench.{name}").run()
        except Exception:  # a failing benchmark is reported in the table, the others still run
            traceback.print_exc()
            module_rows = [{"benchmark": name, "metric": "error", "value": "failed (see log)", "target": "", "unit": "", "ok": False}]
        for row in module_rows:
            print(f"   {row['metric']}: {fmt(row['value'])} {row.get('unit', '')} (target {row.get('target', '') or '-'}) "
                  f"{ {'yes': 'OK', 'no': 'MISSED', '-': ''}[verdict(row)] }", flush=True)
        rows.extend(module_rows)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on: {machine()}.",
        "Written by `python -m bench`; each figure beside its target.",
        "",
        "| benchmark | metric | value | unit | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['benchmark']} | {r['metric']} | {fmt(r['value'])} | {r.get('unit', '')} | {r.get('target', '') or '-'} | "
            f"{verdict(r)} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return 0 if all(verdict(r) != "no" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
