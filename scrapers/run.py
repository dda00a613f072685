"""One media scan: Scrapy in a subprocess, then dedup, clustering and storage in the warehouse."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pnet.errors import PnetError
from pnet.settings import REPO_ROOT, load_config
from scrapers.outcome import SourceOutcome
from scrapers.privacy import SALT_ENV, author_salt
from scrapers.sources import Source, load_sources, write_sources
from scrapers.store import load_state, store_scan
from warehouse.db import connect

JSONL_FIELDS = ("url", "source", "kind", "title", "text", "published")


class ScanError(PnetError):
    """The scanner process itself failed (not one source: those are reported per source)."""


@dataclass
class ScanSummary:
    scan_id: str
    outcomes: list[SourceOutcome]
    new_items: list[dict] = field(default_factory=list)
    duplicates: int = 0  # new items that joined the cluster of an earlier or other item

    @property
    def errors(self) -> int:
        return sum(o.errors for o in self.outcomes)


def loopback_unthrottled(host: str = "127.0.0.1") -> dict[str, Any]:
    """Settings that lift the politeness delay for a loopback test site only (tests, benchmark, demo).

    The delay is set per download slot (the host), so any other domain keeps the configured rate;
    AutoThrottle is switched off because it would raise the loopback slot's delay again.
    """
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("the politeness delay may only be lifted for a loopback host")
    return {
        "DOWNLOAD_SLOTS": {host: {"concurrency": 16, "delay": 0, "randomize_delay": False}},
        "AUTOTHROTTLE_ENABLED": False,
        "PNET_BACKOFF_BASE_SECONDS": 0.05,
    }


def _run_crawler(workdir: Path, salt: str, timeout: float) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env[SALT_ENV] = salt
    env["SCRAPY_SETTINGS_MODULE"] = "scrapers.settings"
    log = workdir / "scrapy.log"
    with open(log, "w", encoding="utf-8") as fh:
        try:
            proc = subprocess.run([sys.executable, "-m", "scrapers.crawl", str(workdir)], cwd=REPO_ROOT, env=env,
                                  stdout=fh, stderr=subprocess.STDOUT, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise ScanError(f"De scanner reageerde na {timeout:.0f} seconden niet meer en is gestopt.") from exc
    if proc.returncode != 0:
        tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:])
        raise ScanError(f"De scanner stopte onverwacht (code {proc.returncode}). Laatste regels:\n{tail}")


def _read_results(workdir: Path, sources: list[Source]) -> tuple[list[dict], list[SourceOutcome]]:
    items: list[dict] = []
    for path in sorted(workdir.glob("items-*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            items.extend(json.loads(line) for line in fh if line.strip())
    by_name: dict[str, SourceOutcome] = {}
    for path in sorted(workdir.glob("outcomes-*.json")):
        for d in json.loads(path.read_text(encoding="utf-8")):
            by_name[d["source"]] = SourceOutcome.from_json(d)
    outcomes = []
    for s in sources:
        if s.name not in by_name:
            by_name[s.name] = SourceOutcome(s.name)
            by_name[s.name].error("geen resultaat van de scanner voor deze bron")
        outcomes.append(by_name[s.name])
    return items, outcomes


def write_jsonl(items: list[dict], path: str | os.PathLike[str]) -> Path:
    """One JSON object per item with the fields url, source, kind, title, text, published."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps({k: item.get(k) for k in JSONL_FIELDS}, ensure_ascii=False) + "\n")
    return target


def run_scan(
    sources_path: str | os.PathLike[str] | None = None,
    warehouse_path: str | os.PathLike[str] | None = None,
    scan_id: str | None = None,
    out_jsonl: str | os.PathLike[str] | None = None,
    settings_overrides: Mapping[str, Any] | None = None,
    scrapy_log: str | os.PathLike[str] | None = None,
) -> ScanSummary:
    """Scan every source once, store what is new, and return per-source outcomes.

    A failing source is reported in its outcome and never stops the others. `settings_overrides`
    are Scrapy settings for this run (e.g. `loopback_unthrottled()` for the fixture site);
    `scrapy_log` keeps a copy of the crawler's log.
    """
    cfg = load_config("scan")
    sources = load_sources(sources_path)
    scan_id = scan_id or datetime.now(timezone.utc).strftime("%Y-%m-%dT%H%M%S")
    con = connect(warehouse_path, wait_seconds=60)
    try:
        state = load_state(con)
    finally:
        con.close()
    salt = author_salt(warehouse_path)
    with tempfile.TemporaryDirectory(prefix="pnet-scan-") as tmp:
        workdir = Path(tmp)
        write_sources(sources, workdir / "sources.yaml")
        (workdir / "state.json").write_text(json.dumps(state), encoding="utf-8")
        (workdir / "settings.json").write_text(json.dumps(dict(settings_overrides or {})), encoding="utf-8")
        _run_crawler(workdir, salt, timeout=float(cfg["max_scan_minutes"]) * 60 + 120)
        items, outcomes = _read_results(workdir, sources)
        if scrapy_log:
            Path(scrapy_log).write_text((workdir / "scrapy.log").read_text(encoding="utf-8"), encoding="utf-8")
    con = connect(warehouse_path, wait_seconds=60)
    try:
        fresh = store_scan(con, scan_id, items, outcomes, max_distance=int(cfg["duplicate_max_distance"]))
    finally:
        con.close()
    if out_jsonl:
        write_jsonl(fresh, out_jsonl)
    duplicates = sum(1 for i in fresh if i.get("cluster_id") != i["item_id"])
    return ScanSummary(scan_id=scan_id, outcomes=outcomes, new_items=fresh, duplicates=duplicates)
