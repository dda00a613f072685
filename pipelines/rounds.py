"""Rounds: keep the Dagster partitions in step with the rounds in the warehouse."""

from __future__ import annotations

import dagster as dg

from pipelines.partitions import rounds_partitions
from pipelines.resources import WarehouseResource
from warehouse.db import WarehouseError
from warehouse.rounds import list_rounds


@dg.sensor(
    description="Voegt nieuwe rondes uit het warehouse toe als partitie, zodat ze in de UI te kiezen zijn.",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=60,
)
def rounds_sensor(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    try:
        with warehouse.connect(read_only=True) as con:
            ids = [r.round_id for r in list_rounds(con)]
    except WarehouseError as exc:
        return dg.SkipReason(str(exc))
    new = [r for r in ids if not context.instance.has_dynamic_partition(rounds_partitions.name, r)]
    if not new:
        return dg.SkipReason("Geen nieuwe rondes.")
    return dg.SensorResult(dynamic_partitions_requests=[rounds_partitions.build_add_request(new)])
