"""Run every benchmark of the project and write `bench/RESULTS.md`.

Usage: `python -m bench [NAME ...]` (module names in this package; default: all). The rows of each
benchmark are kept in `bench/results.json` with when and where they ran, so running one benchmark
updates its rows in the table and keeps the others.
"""

from __future__ import annotations

import argparse
import importlib
import json
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
RESULTS_JSON = Path(__file__).with_name("results.json")


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


def target_text(row: dict) -> str:
    return "-" if row.get("target") in (None, "") else str(row["target"])


def fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    return str(value)


def write_table(stored: dict) -> list[dict]:
    """Write RESULTS.md from the stored rows of every benchmark; return all rows."""
    lines = [
        "# Benchmark results",
        "",
        "Written by `python -m bench`; each figure beside its target. Where and when each benchmark ran:",
        "",
        *(f"- `{name}`: {entry['ran']} on {entry['machine']}" for name, entry in sorted(stored.items())),
        "",
        "| benchmark | metric | value | unit | target | met |",
        "|---|---|---|---|---|---|",
    ]
    rows = [r for _, entry in sorted(stored.items()) for r in entry["rows"]]
    for r in rows:
        lines.append(
            f"| {r['benchmark']} | {r['metric']} | {fmt(r['value'])} | {r.get('unit', '')} | {target_text(r)} | "
            f"{verdict(r)} |"
        )
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default all: {', '.join(discover())})")
    parser.add_argument("--table", action="store_true", help="only rewrite RESULTS.md from results.json")
    args = parser.parse_args(argv)
    if args.table:
        write_table(json.loads(RESULTS_JSON.read_text(encoding="utf-8")))
        return 0
    names = args.names or discover()
    stored = json.loads(RESULTS_JSON.read_text(encoding="utf-8")) if RESULTS_JSON.exists() else {}
    for name in names:
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        try:
            module_rows = importlib.import_module(f"bench.{name}").run()
        except Exception:  # a failing benchmark is reported in the table, the others still run
            traceback.print_exc()
            module_rows = [{"benchmark": name, "metric": "error", "value": "failed (see log)", "target": "", "unit": "", "ok": False}]
        for row in module_rows:
            row["value"] = row["value"].item() if hasattr(row["value"], "item") else row["value"]  # numpy -> JSON
            row["ok"] = None if row.get("ok") is None else bool(row["ok"])
            print(f"   {row['metric']}: {fmt(row['value'])} {row.get('unit', '')} (target {target_text(row)}) "
                  f"{ {'yes': 'OK', 'no': 'MISSED', '-': ''}[verdict(row)] }", flush=True)
        stored[name] = {"ran": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "machine": machine(), "rows": module_rows}
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    RESULTS_JSON.write_text(json.dumps(stored, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    rows = write_table(stored)
    return 0 if all(verdict(r) != "no" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
