"""Jobs the coordinator launches: one per stage that has its own partitioning."""

import dagster as dg

from pipelines.partitions import rounds_partitions

reference_job = dg.define_asset_job(
    "referentiedata",
    selection=dg.AssetSelection.groups("reference"),
    description="Laadt de CBS-referentiegegevens (gemeenten, woonplaatsen, grenzen) in het warehouse.",
)

round_job = dg.define_asset_job(
    "ronde",
    selection=dg.AssetSelection.groups("registrations", "matching", "reports"),
    partitions_def=rounds_partitions,
    description="Verwerkt één ronde: aanmeldingen inlezen, consultants koppelen en de rapporten maken.",
)

candidates_job = dg.define_asset_job(
    "kandidaten",
    selection=dg.AssetSelection.assets("initiative_classifier", "candidate_initiatives"),
    description="Traint de classifier opnieuw als er nieuwe beoordelingen van coördinatoren zijn (anders blijft het "
    "model staan) en beoordeelt daarmee de nieuwe mediaberichten: kandidaat-initiatieven met gemeente en thema's. "
    "Start vanzelf na elke mediascan.",
)


@dg.asset_sensor(
    asset_key=dg.AssetKey("media_items"),
    job=candidates_job,
    description="Start de job kandidaten zodra een mediascan nieuwe berichten heeft opgeslagen.",
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def candidates_after_scan_sensor(context: dg.SensorEvaluationContext, asset_event: dg.EventLogEntry):
    """One kandidaten run per media scan materialization, unless the candidates were made after it
    (as `pnet demo` does in one go: opening the UI afterwards must not start a run of its own)."""
    done = context.instance.get_latest_materialization_event(dg.AssetKey("candidate_initiatives"))
    if done is not None and done.timestamp >= asset_event.timestamp:
        return dg.SkipReason("De kandidaten zijn na deze scan al bijgewerkt.")
    return dg.RunRequest(run_key=f"{asset_event.run_id}:{asset_event.timestamp}")
