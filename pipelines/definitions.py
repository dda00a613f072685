"""The Dagster code location: every asset, check, sensor and schedule of the pipeline."""

import dagster as dg

from pipelines.jobs import reference_job
from pipelines.reference import reference_tables
from pipelines.reports import round_reports
from pipelines.resources import WarehouseResource
from pipelines.rounds import rounds_sensor

defs = dg.Definitions(
    assets=[reference_tables, round_reports],
    jobs=[reference_job],
    sensors=[rounds_sensor],
    resources={"warehouse": WarehouseResource()},
)
