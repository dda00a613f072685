"""The Dagster code location: every asset, check, sensor and schedule of the pipeline."""

import dagster as dg

from pipelines.matching import round_match_set
from pipelines.reference import reference_tables
from pipelines.resources import WarehouseResource
from pipelines.rounds import rounds_sensor

defs = dg.Definitions(
    assets=[reference_tables, round_match_set],
    sensors=[rounds_sensor],
    resources={"warehouse": WarehouseResource()},
)
