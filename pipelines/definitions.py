"""The Dagster code location: every asset, check, sensor and schedule of the pipeline."""

import dagster as dg

from pipelines.reference import reference_tables
from pipelines.resources import WarehouseResource
from pipelines.rounds import rounds_sensor
from pipelines.scan import (
    media_items,
    media_scan_schedule,
    media_sources_healthy,
    retention_schedule,
    social_posts_retention,
)

defs = dg.Definitions(
    assets=[reference_tables, media_items, social_posts_retention],
    asset_checks=[media_sources_healthy],
    schedules=[media_scan_schedule, retention_schedule],
    sensors=[rounds_sensor],
    resources={"warehouse": WarehouseResource()},
)
