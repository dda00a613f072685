"""The Dagster code location: every asset, check, sensor and schedule of the pipeline."""

import dagster as dg

from pipelines.jobs import reference_job
from pipelines.reference import reference_tables
from pipelines.registrations import registrations_inbox_sensor, registrations_job, round_registrations
from pipelines.reports import round_reports
from pipelines.resources import WarehouseResource
from pipelines.rounds import rounds_sensor

defs = dg.Definitions(
    assets=[reference_tables, round_registrations, round_reports],
    jobs=[reference_job, registrations_job],
    sensors=[rounds_sensor, registrations_inbox_sensor],
    resources={"warehouse": WarehouseResource()},
)
