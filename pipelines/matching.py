"""Matching assets: the round's match set, with blocking checks by the independent checker."""

import dagster as dg

from matching.round import check_round, match_round
from pipelines.partitions import rounds_partitions
from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from pnet.formatting import hours
from pnet.settings import load_config
from reports.present import solver_status
from warehouse.resolver import default_resolver

GROUP = "matching"

# check name -> (checker rules it covers, Dutch description)
CHECKS = {
    "geen_eigen_gemeente": (("eigen_gemeente",), "Geen enkele consultant is gekoppeld aan een initiatief in de eigen (werkgevers)gemeente."),
    "uren_niet_overschreden": (("uren_consultant", "uren_initiatief", "uren"),
                               "Geen consultant krijgt meer uren dan beschikbaar, geen initiatief meer dan gevraagd; alleen hele uren."),
    "teamgrootte": (("teamgrootte",), "Geen initiatief krijgt meer consultants dan het maximum per team."),
    "blokgrootte": (("blokgrootte",), "Elke koppeling heeft minstens het minimale blok aan uren (behalve door het overleg vastgelegde)."),
    "besluiten_gevolgd": (("vastgelegd", "afgewezen", "akkoord_werkgever", "min_score", "onbekend"),
                          "Akkoord-paren houden hun uren, afgewezen paren komen niet terug, alleen consultants met akkoord van de werkgever."),
}


def _markdown(per_gemeente) -> str:
    resolver = default_resolver()
    lines = ["| gemeente | uren gekoppeld | uren gevraagd | uren beschikbaar | uren uitgeleend |", "|---|---:|---:|---:|---:|"]
    for r in sorted(per_gemeente.itertuples(), key=lambda r: resolver.get(r.gemeentecode).naam):
        lines.append(f"| {resolver.get(r.gemeentecode).naam} ({r.gemeentecode}) | {hours(r.uren_gekoppeld)} | "
                     f"{hours(r.uren_gevraagd)} | {hours(r.uren_beschikbaar)} | {hours(r.uren_uitgeleend)} |")
    return "\n".join(lines)


@dg.asset(
    partitions_def=rounds_partitions,
    # confirmed candidates become initiatives of the round (merge), so the scored candidates are an input
    deps=[dg.AssetKey("round_initiatives"), dg.AssetKey("round_consultants"), dg.AssetKey("round_decisions"),
          dg.AssetKey("candidate_initiatives")],
    group_name=GROUP,
    kinds={"duckdb"},
    owners=["team:coordinatie"],
    pool=WAREHOUSE_POOL,
    description=(
        "De koppelingen van een ronde: consultants aan initiatieven (aanmeldingen plus door gemeenten bevestigde "
        "kandidaten), nooit in de eigen gemeente, met hele uren, maximaal teamgrootte, minimaal blok, en de besluiten "
        "van het overleg. Met doelwaarde, bewezen bovengrens en optimaliteitsmarge (hoeveel procent de matchset hooguit "
        f"onder het optimum ligt), en per initiatief {load_config('matching')['alternates']} alternatieven."
    ),
    check_specs=[
        dg.AssetCheckSpec(name, asset="round_match_set", description=desc, blocking=True)
        for name, (_, desc) in CHECKS.items()
    ],
)
def round_match_set(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    round_id = context.partition_key
    with warehouse.connect() as con:
        result = match_round(con, round_id)
        violations = check_round(con, round_id, result.params)
    summary = result.summary()
    yield dg.MaterializeResult(
        metadata={
            "koppelingen": summary["matches"],
            "uren_gekoppeld": summary["hours_matched"],
            "uren_gevraagd": summary["hours_needed"],
            "uren_beschikbaar": summary["hours_available"],
            "doelwaarde": summary["objective"],
            "bovengrens": summary["bound"],
            "optimaliteitsmarge_pct": dg.MetadataValue.float(round(summary["gap"] * 100, 3)),
            "status": solver_status(summary["status"]),
            "methode": summary["method"],
            "per_gemeente": dg.MetadataValue.md(_markdown(result.per_gemeente)),
            "waarschuwingen": dg.MetadataValue.md("\n".join(f"- {w}" for w in result.warnings) or "geen"),
        }
    )
    for name, (rules, _) in CHECKS.items():
        found = [v.message for v in violations if v.rule in rules]
        yield dg.AssetCheckResult(
            check_name=name,
            passed=not found,
            severity=dg.AssetCheckSeverity.ERROR,
            metadata={"overtredingen": len(found), "voorbeelden": dg.MetadataValue.md("\n".join(f"- {m}" for m in found[:10]) or "geen")},
        )
