"""Reference assets: CBS municipalities, woonplaatsen and boundaries in the warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from warehouse import reference
from warehouse.db import replace_rows

GROUP = "reference"

_TABLES = {
    "gemeenten": (reference.gemeenten, "Alle 342 gemeenten met CBS-code, provincie en inwonertal (1 januari 2024). Bron: CBS."),
    "woonplaatsen": (reference.woonplaatsen, "Alle 2.501 woonplaatsen met de gemeente waar ze bij horen. Bron: CBS."),
    "gemeente_boundaries": (reference.boundaries, "Gemeentegrenzen (WGS84, vereenvoudigd) met middelpunt, voor afstanden en kaarten. Bron: CBS/PDOK."),
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(name, description=desc, group_name=GROUP, kinds={"duckdb"}, owners=["team:coordinatie"])
        for name, (_, desc) in _TABLES.items()
    ],
    pool=WAREHOUSE_POOL,
)
def reference_tables(warehouse: WarehouseResource):
    """Load the shipped CBS reference data into the warehouse."""
    with warehouse.connect() as con:
        for name, (load, _) in _TABLES.items():
            frame = load()
            rows = replace_rows(con, name, frame)
            yield dg.MaterializeResult(
                asset_key=name,
                metadata={"rijen": rows, "bron": reference.ATTRIBUTION},
            )
