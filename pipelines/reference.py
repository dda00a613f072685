"""Reference assets: CBS municipalities, woonplaatsen and boundaries in the warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from warehouse import reference

GROUP = "reference"

_DESCRIPTIONS = {
    "gemeenten": "Alle 342 gemeenten met CBS-code, provincie en inwonertal (1 januari 2024). Bron: CBS.",
    "woonplaatsen": "Alle 2.501 woonplaatsen met de gemeente waar ze bij horen. Bron: CBS.",
    "gemeente_boundaries": "Gemeentegrenzen (WGS84, vereenvoudigd) met middelpunt, voor afstanden en kaarten. Bron: CBS/PDOK.",
}


@dg.multi_asset(
    specs=[
        dg.AssetSpec(name, description=desc, group_name=GROUP, kinds={"duckdb"}, owners=["team:coordinatie"])
        for name, desc in _DESCRIPTIONS.items()
    ],
    pool=WAREHOUSE_POOL,
)
def reference_tables(warehouse: WarehouseResource):
    """Load the shipped CBS reference data into the warehouse."""
    with warehouse.connect() as con:
        counts = reference.load_reference(con)
    for name, rows in counts.items():
        yield dg.MaterializeResult(asset_key=name, metadata={"rijen": rows, "bron": reference.ATTRIBUTION})
