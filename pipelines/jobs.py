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
