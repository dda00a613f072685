"""Jobs the coordinator launches: one per stage of a round."""

import dagster as dg

reference_job = dg.define_asset_job(
    "referentiedata",
    selection=dg.AssetSelection.groups("reference"),
    description="Laadt de CBS-referentiegegevens (gemeenten, woonplaatsen, grenzen) in het warehouse.",
)
