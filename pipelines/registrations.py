"""Intake: the inbox sensor; the round's initiatives, consultants, meeting decisions and evaluations; the
nothing-lost check. Every file in the inbox goes through the same intake, its kind recognised from its headers."""

import hashlib
import json
import time
from pathlib import Path

import dagster as dg

from pipelines.partitions import rounds_partitions
from pipelines.resources import WAREHOUSE_POOL, WarehouseResource
from pnet.untrusted import markdown_cell
from warehouse.intake import ingest_files
from warehouse.intake.decision_summary import (
    decision_counts,
    decisions_preview,
    evaluation_counts,
    evaluations_preview,
)
from warehouse.intake.inbox import inbox_dir, inbox_files
from warehouse.intake.summary import (
    accounting_problems,
    outcome_counts,
    preview_markdown,
    received_files,
    registration_counts,
    rejections_markdown,
    unreadable_files,
)

GROUP = "registrations"  # one group: the round job selects it, and the multi-asset is materialised whole
CHECK = "alle_rijen_verantwoord"
READABLE = "alle_bestanden_leesbaar"  # on round_initiatives: an unreadable file has no kind, so no other asset sees it


def _spec(name: str, description: str) -> dg.AssetSpec:
    return dg.AssetSpec(name, description=description, group_name=GROUP, kinds={"duckdb"}, owners=["team:coordinatie"])


ASSETS = {
    "initiatives": _spec(
        "round_initiatives",
        "De aangemelde initiatieven (de vraag) van de ronde, ingelezen uit de bestanden die gemeenten "
        "aanleveren: gevalideerd, ontdubbeld en met een ontvangstbevestiging per bestand.",
    ),
    "consultants": _spec(
        "round_consultants",
        "De aangemelde consultants (het aanbod) van de ronde: medewerkers met thema's, beschikbare uren "
        "en akkoord van de werkgever, ingelezen uit de bestanden die gemeenten aanleveren.",
    ),
    "decisions": _spec(
        "round_decisions",
        "De besluiten van het gezamenlijk overleg, ingelezen uit de ingevulde rapporten: akkoord legt een "
        "koppeling met haar uren vast, afgewezen sluit haar uit; beoordelingen van kandidaat-initiatieven gaan naar de "
        "feedback van de herkenning (relevant wordt een initiatief van de ronde).",
    ),
    "evaluations": _spec(
        "round_evaluations",
        "De evaluaties na afloop: per koppeling de werkelijk bestede uren, het resultaat (zeer goed, goed, "
        "matig, onvoldoende) met toelichting en de datum van het evaluatiebezoek bij de hostgemeente.",
    ),
}
# What each asset shows: (counts, Markdown preview) of the round.
SHOWN = {
    "initiatives": (lambda con, r: registration_counts(con, r, "initiatives"),
                    lambda con, r: preview_markdown(con, r, "initiatives")),
    "consultants": (lambda con, r: registration_counts(con, r, "consultants"),
                    lambda con, r: preview_markdown(con, r, "consultants")),
    "decisions": (decision_counts, decisions_preview),
    "evaluations": (evaluation_counts, evaluations_preview),
}
# Files still being copied into the inbox are left for the next tick.
SETTLE_SECONDS = 5.0


class IntakeConfig(dg.Config):
    """Files to take in; empty: every file in the round's inbox folder (already received ones are skipped)."""

    files: list[str] = []


@dg.multi_asset(
    specs=list(ASSETS.values()),
    check_specs=[
        dg.AssetCheckSpec(
            CHECK, asset=spec.key,
            description="Elke rij van elk ontvangen bestand is geladen, afgewezen met reden of herkend als dubbel; "
            "het grootboek (intake_rows) telt hetzelfde.",
        )
        for spec in ASSETS.values()
    ] + [
        dg.AssetCheckSpec(
            READABLE, asset=ASSETS["initiatives"].key,
            description="Elk bestand in de inbox van de ronde kon worden gelezen. Waarschuwt met de reden per bestand "
            "(beschadigd, geen spreadsheet, geen herkenbare kopregel): vraag de gemeente het opnieuw te sturen.",
        )
    ],
    partitions_def=rounds_partitions,
    pool=WAREHOUSE_POOL,
)
def round_registrations(context: dg.AssetExecutionContext, config: IntakeConfig, warehouse: WarehouseResource):
    """Take in the given (or inbox) files for the round, then report each kind's records and check the accounting."""
    round_id = context.partition_key
    files = config.files or [str(p) for _, p in inbox_files(round_id)]
    with warehouse.connect() as con:
        for r in ingest_files(con, files, round_id) if files else []:
            if r.error:
                context.log.warning(f"{r.file}: niet ingelezen. {r.error}")
            elif r.already_received:
                context.log.info(f"{r.file}: al ontvangen, niet opnieuw ingelezen.")
            else:
                context.log.info(
                    f"{r.file}: {r.rows} rijen, {r.accepted} geladen, {r.rejected} afgewezen, {r.duplicates} dubbel."
                )
        for kind, spec in ASSETS.items():
            count, preview = SHOWN[kind]
            counts = count(con, round_id)
            yield dg.MaterializeResult(
                asset_key=spec.key,
                metadata={
                    **counts,
                    "dagster/row_count": counts["rijen"],
                    "bestanden": received_files(con, round_id, kind),
                    **outcome_counts(con, round_id, kind),  # after counts, so keys must differ from theirs
                    "afgewezen_rijen": dg.MetadataValue.md(rejections_markdown(con, round_id, kind)),
                    "voorbeeld": dg.MetadataValue.md(preview(con, round_id)),
                },
            )
            problems = accounting_problems(con, round_id, kind)
            yield dg.AssetCheckResult(
                asset_key=spec.key,
                check_name=CHECK,
                passed=not problems,
                metadata={"problemen": dg.MetadataValue.md("\n".join(f"- {p}" for p in problems) or "geen")},
            )
        unreadable = unreadable_files(con, round_id)
        yield dg.AssetCheckResult(
            asset_key=ASSETS["initiatives"].key,
            check_name=READABLE,
            passed=not unreadable,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={"onleesbare_bestanden": len(unreadable),
                      "redenen": dg.MetadataValue.md("\n".join(f"- {markdown_cell(u, width=300)}" for u in unreadable) or "geen")},
        )


registrations_job = dg.define_asset_job(
    "registrations_intake",
    selection=dg.AssetSelection.assets(*(spec.key for spec in ASSETS.values())),
    partitions_def=rounds_partitions,
    description="Lees aangeleverde bestanden (aanmeldingen, besluiten, evaluaties) in voor één ronde.",
)


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


@dg.sensor(
    job=registrations_job,
    description="Kijkt in de inbox (PNET_INBOX, standaard ./data/inbox; één submap per ronde-id) en leest elk nieuw "
    "bestand één keer in, herkend aan zijn SHA-256.",
    default_status=dg.DefaultSensorStatus.RUNNING,
    minimum_interval_seconds=30,
)
def registrations_inbox_sensor(context: dg.SensorEvaluationContext):
    seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
    requests, skipped = [], []
    now = time.time()
    for round_id, path in inbox_files():
        stat = path.stat()
        if now - stat.st_mtime < SETTLE_SECONDS:
            continue
        if not context.instance.has_dynamic_partition(rounds_partitions.name, round_id):
            skipped.append(f"{path.name}: ronde {round_id} bestaat niet (maak die eerst met 'pnet round create')")
            continue
        stamp = f"{stat.st_mtime_ns}:{stat.st_size}"
        if seen.get(str(path), "").startswith(stamp + ":"):
            continue
        sha = _sha256(path)
        seen[str(path)] = f"{stamp}:{sha}"
        requests.append(
            dg.RunRequest(
                run_key=f"intake-{round_id}-{sha}",  # the same file may be meant for another round too
                partition_key=round_id,
                run_config=dg.RunConfig(ops={"round_registrations": IntakeConfig(files=[str(path.resolve())])}),
                tags={"pnet/bestand": path.name, "pnet/sha256": sha},
            )
        )
    if not requests:
        reason = "; ".join(skipped) or f"Geen nieuwe bestanden in {inbox_dir()}."
        return dg.SensorResult(skip_reason=reason, cursor=json.dumps(seen))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen))
