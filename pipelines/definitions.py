"""The Dagster code location: every asset, check, sensor and schedule of the pipeline."""

import dagster as dg

from pipelines.jobs import candidates_after_scan_sensor, candidates_job, reference_job, round_job
from pipelines.matching import round_match_set
from pipelines.nlp import candidate_initiatives, candidates_have_gemeente, initiative_classifier
from pipelines.reference import reference_tables
from pipelines.registrations import registrations_inbox_sensor, registrations_job, round_registrations
from pipelines.reports import round_reports
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
    assets=[
        reference_tables,
        media_items,
        social_posts_retention,
        initiative_classifier,
        candidate_initiatives,
        round_registrations,
        round_match_set,
        round_reports,
    ],
    asset_checks=[media_sources_healthy, candidates_have_gemeente],
    jobs=[reference_job, candidates_job, round_job, registrations_job],
    schedules=[media_scan_schedule, retention_schedule],
    sensors=[rounds_sensor, registrations_inbox_sensor, candidates_after_scan_sensor],
    resources={"warehouse": WarehouseResource()},
)
