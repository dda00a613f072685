"""NLP assets: the initiative classifier (retrained with feedback) and the scored candidate list."""

from __future__ import annotations

import dagster as dg

from nlp.candidates import candidate_initiative_count, score_media_items, scored_without_gemeente
from nlp.model import current_model_path, load_classifier
from nlp.retrain import retrain
from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from pnet.settings import load_config
from warehouse.resolver import default_resolver

GROUP = "nlp"


@dg.asset(
    group_name=GROUP,
    kinds={"spacy", "duckdb"},
    owners=["team:coordinatie"],
    pool=WAREHOUSE_POOL,
    description=(
        "De classifier die herkent of een tekst over een burgerinitiatief gaat. Wordt opnieuw getraind op "
        "het eigen corpus plus de beoordelingen van coördinatoren ('relevant' / 'niet relevant') wanneer de "
        "job kandidaten loopt (na elke mediascan) en daar iets aan veranderd is; anders blijft het huidige "
        "model in gebruik. Elke versie wordt met haar scores bewaard in model_versions."
    ),
)
def initiative_classifier(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        result = retrain(con, warehouse.path or None)
    m = result.metrics
    return dg.MaterializeResult(
        metadata={
            "modelversie": result.model_version,
            "opnieuw_getraind": result.retrained,
            "pad": str(result.path),
            "trainingsvoorbeelden": result.n_train,
            "uit_feedback": result.n_feedback,
            "precisie": m["precision"],
            "recall": m["recall"],
            "f1": m["f1"],
        }
    )


@dg.asset(
    group_name=GROUP,
    kinds={"spacy", "duckdb"},
    owners=["team:coordinatie"],
    pool=WAREHOUSE_POOL,
    deps=[initiative_classifier, dg.AssetKey("media_items")],
    description=(
        "Kandidaat-initiatieven: elk gevonden mediabericht beoordeeld door de nieuwste classifier, met "
        "gemeente (of onbekend), thema's, de zinsdelen die de doorslag gaven en de modelversie."
    ),
)
def candidate_initiatives(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        classifier = load_classifier(current_model_path(warehouse.path or None))
        stats = score_media_items(con, classifier)
        without, total = scored_without_gemeente(con)
        initiatives = candidate_initiative_count(con)
    resolver = default_resolver()
    per_gemeente = "\n".join(f"| {resolver.get(code).naam} ({code}) | {n} |" for code, n in stats.per_gemeente.most_common())
    histogram = "\n".join(
        f"| {i / 10:.1f}–{(i + 1) / 10:.1f} | {n} |" for i, n in enumerate(stats.histogram)
    )
    return dg.MaterializeResult(
        metadata={
            "modelversie": stats.model_version,
            "beoordeeld": stats.scored,
            "zonder_tekst": stats.empty,
            "initiatieven": stats.initiatives,
            "kandidaten_totaal": total,
            "kandidaat_initiatieven": initiatives,  # berichten over één initiatief tellen als één, zoals in de rapporten
            "zonder_gemeente": without,
            "per_gemeente": dg.MetadataValue.md("| gemeente | kandidaten |\n|---|---|\n" + per_gemeente),
            "scoreverdeling": dg.MetadataValue.md("| score | berichten |\n|---|---|\n" + histogram),
        }
    )


@dg.asset_check(
    asset=candidate_initiatives,
    description="Waarschuwt als te veel kandidaat-initiatieven geen gemeente hebben (drempel in config/nlp.yaml).",
    pool=WAREHOUSE_POOL,  # even reading needs the file free of a writer
)
def candidates_have_gemeente(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    limit = float(load_config("nlp")["candidates"]["max_share_without_gemeente"])
    with warehouse.connect(read_only=True) as con:
        without, total = scored_without_gemeente(con)
    share = without / total if total else 0.0
    return dg.AssetCheckResult(
        passed=share <= limit,
        severity=dg.AssetCheckSeverity.WARN,
        description=f"{without} van de {total} kandidaten zonder gemeente ({share:.0%}); drempel {limit:.0%}.",
        metadata={"zonder_gemeente": without, "kandidaten": total, "aandeel": round(share, 4), "drempel": limit},
    )
