"""The demo round, run through the same Dagster asset graph the coordinator's UI shows."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from pipelines.partitions import rounds_partitions
from pipelines.resources import WarehouseResource
from pipelines.scan import materialize_demo_scan
from pnet.settings import REPO_ROOT, load_config, warehouse_path
from warehouse.db import connect
from warehouse.rounds import Round, create_round


@dataclass
class DemoSummary:
    warehouse: Path
    dagster_home: Path
    round: Round
    runs: list[str] = field(default_factory=list)
    materialized: list[str] = field(default_factory=list)


def demo_instance() -> dg.DagsterInstance:
    """A persistent instance ($DAGSTER_HOME, else the repo's dagster_home/) so runs show in `dagster dev`."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / "dagster_home"))).resolve()
    home.mkdir(parents=True, exist_ok=True)
    return dg.DagsterInstance.get()


def run_demo(warehouse: str | None = None) -> DemoSummary:
    """Build the warehouse with the reference data and the demo round of 20 municipalities."""
    cfg = load_config("demo")
    path = warehouse_path(warehouse).resolve()
    instance = demo_instance()
    resources = {"warehouse": WarehouseResource(path=str(path))}

    result = dg.materialize(
        [defs.get_assets_def(k) for k in ("gemeenten",)], instance=instance, resources=resources
    )
    con = connect(path)
    try:
        demo_round = create_round(
            con,
            cfg["round_id"],
            cfg["gemeenten"],
            date.fromisoformat(str(cfg["open"])),
            date.fromisoformat(str(cfg["close"])),
            replace=True,
        )
    finally:
        con.close()
    instance.add_dynamic_partitions(rounds_partitions.name, [demo_round.round_id])
    scan = materialize_demo_scan(instance, resources)
    return DemoSummary(
        warehouse=path,
        dagster_home=Path(os.environ["DAGSTER_HOME"]),
        round=demo_round,
        runs=[result.run_id, scan.run_id],
        materialized=sorted(
            e.asset_key.to_user_string() for r in (result, scan) for e in r.get_asset_materialization_events()
        ),
    )
