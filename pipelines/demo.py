"""The demo round, run through the same Dagster jobs the coordinator's UI shows.

Stages, each a Dagster run recorded in the persistent instance ($DAGSTER_HOME):
reference data -> media scan of the bundled fixture site (served on 127.0.0.1) -> candidates ->
the round: registrations, match set, reports -> the joint meeting (each municipality's workbook
filled in by `pipelines.demo_meeting`) -> the round again: the decisions taken in, the confirmed
candidates merged as initiatives, agreed pairs kept, rejected ones replaced, reports rewritten.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import dagster as dg

from nlp.candidates import candidate_initiative_count
from pipelines.definitions import defs
from pipelines.demo_meeting import fill_in_packages
from pipelines.partitions import rounds_partitions
from pipelines.scan import ScanConfig, scan_partitions
from pnet.errors import PnetError
from pnet.settings import REPO_ROOT, load_config, warehouse_path
from scrapers.fixture_site import FixtureSite, serve_fixture_site
from warehouse.db import connect
from warehouse.intake.decision_summary import decision_counts
from warehouse.intake.summary import registration_counts, unreadable_files
from warehouse.rounds import Round, clear_round, create_round

DEMO_REGISTRATIONS = REPO_ROOT / "demo_data" / "registrations"
DEMO_ARTICLES = 120
# A fixed port keeps the fixture site's URLs the same from one demo run to the next, so a second run
# recognises the articles it already has (seen-URL store) instead of storing them again.
DEMO_SITE_PORT = 8765


class DemoError(PnetError):
    """A demo stage failed; the message names the run and the step."""


@dataclass
class StageRun:
    job: str
    run_id: str
    checks: dict[str, bool]  # asset:check -> passed
    warnings: list[str]  # the checks among them that did not pass but only warn (e.g. the demo's unreadable PDF)


@dataclass
class DemoSummary:
    warehouse: Path
    dagster_home: Path
    out_dir: Path
    round: Round
    stages: list[StageRun] = field(default_factory=list)
    figures: dict[str, int | float | str] = field(default_factory=dict)  # after the meeting
    first_figures: dict[str, int | float | str] = field(default_factory=dict)  # the first match set


def demo_instance() -> dg.DagsterInstance:
    """A persistent instance ($DAGSTER_HOME, else the repo's dagster_home/) so runs show in `dagster dev`."""
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / "dagster_home"))).resolve()
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():  # a new home gets the example instance config
        shutil.copyfile(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    return dg.DagsterInstance.get()


def _run(instance: dg.DagsterInstance, job: str, partition: str | None = None, run_config: dict | None = None) -> StageRun:
    config = {**(run_config or {}), "loggers": {"console": {"config": {"log_level": "INFO"}}}}
    result = defs.resolve_job_def(job).execute_in_process(
        instance=instance, partition_key=partition, run_config=config, raise_on_error=False,
        tags={"pnet/demo": "true"},
    )
    if not result.success:
        failed = [e.step_key for e in result.all_events if e.is_step_failure]
        raise DemoError(
            f"Demo-stap '{job}' is mislukt (run {result.run_id}, stap {', '.join(failed) or '?'}). "
            "Bekijk de run in de Dagster-UI voor details."
        )
    evaluations = {
        f"{e.asset_check_evaluation_data.asset_key.to_user_string()}:{e.asset_check_evaluation_data.check_name}":
        e.asset_check_evaluation_data
        for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }
    return StageRun(
        job=job,
        run_id=result.run_id,
        checks={name: c.passed for name, c in evaluations.items()},
        warnings=[name for name, c in evaluations.items() if not c.passed and c.severity == dg.AssetCheckSeverity.WARN],
    )


def _figures(path: Path, round_id: str) -> dict[str, int | float | str]:
    con = connect(path, read_only=True)
    try:
        one = lambda sql: con.execute(sql, [round_id] * sql.count("?")).fetchone()[0]  # noqa: E731
        registrations = "coalesce(kind, '') NOT IN ('decisions', 'evaluations')"  # unreadable files count as sent
        run = json.loads(one("SELECT params FROM match_runs WHERE round_id = ?"))  # the match set's own summary
        decided = decision_counts(con, round_id)
        return {
            "media_items": one("SELECT count(*) FROM media_items"),
            "candidates": candidate_initiative_count(con),
            "initiatives": registration_counts(con, round_id, "initiatives")["rijen"],
            "consultants": registration_counts(con, round_id, "consultants")["rijen"],
            "files": one(f"SELECT count(*) FROM intake_files WHERE round_id = ? AND {registrations}"),
            "unreadable_files": len(unreadable_files(con, round_id)),
            "rejected_rows": one(f"SELECT coalesce(sum(rejected), 0) FROM intake_files WHERE round_id = ? AND {registrations}"),
            "matches": run["matches"],
            "hours_matched": run["hours_matched"],
            "hours_needed": run["hours_needed"],
            "gap": run["gap"],
            "agreed": decided["akkoord"],
            "rejected_pairs": decided["afgewezen"],
            "confirmed": decided["kandidaten_relevant"],
            "scan_initiatives": one("SELECT count(*) FROM match_initiatives WHERE round_id = ? AND origin = 'candidate'"),
            "scan_hours_matched": one("SELECT coalesce(sum(hours), 0) FROM match_set WHERE round_id = ? "
                                      "AND initiative_id IN (SELECT initiative_id FROM match_initiatives "
                                      "WHERE round_id = ? AND origin = 'candidate')"),
        }
    finally:
        con.close()


def _fixture_site(n_articles: int) -> FixtureSite:
    try:
        return serve_fixture_site(n_articles=n_articles, port=DEMO_SITE_PORT)
    except OSError:  # port taken: any free port (the articles then count as new)
        return serve_fixture_site(n_articles=n_articles)


def run_demo(warehouse: str | None = None, out_dir: str | os.PathLike[str] = "data/demo", n_articles: int = DEMO_ARTICLES) -> DemoSummary:
    """Run a complete round for the 20 demo municipalities, offline, and return what was made."""
    cfg = load_config("demo")
    path = warehouse_path(warehouse).resolve()
    out = Path(out_dir).resolve()
    os.environ["PNET_WAREHOUSE"] = str(path)  # the jobs' warehouse resource reads it, as in the UI
    instance = demo_instance()
    stages = [_run(instance, "referentiedata")]

    con = connect(path)
    try:
        demo_round = create_round(
            con, cfg["round_id"], cfg["gemeenten"],
            date.fromisoformat(str(cfg["open"])), date.fromisoformat(str(cfg["close"])), replace=True,
        )
        clear_round(con, demo_round.round_id)  # each demo runs its round from the start
    finally:
        con.close()
    instance.add_dynamic_partitions(rounds_partitions.name, [demo_round.round_id])

    with _fixture_site(n_articles) as site, tempfile.TemporaryDirectory(prefix="pnet-demo-") as tmp:
        sources = site.write_sources(Path(tmp) / "demo-sources.yaml")
        stages.append(_run(
            instance, "media_scan", scan_partitions.get_last_partition_key(),
            {"ops": {"media_items": {"config": ScanConfig(sources=str(sources), loopback_test_site=True).model_dump()}}},
        ))

    stages.append(_run(instance, "kandidaten"))

    files = sorted(str(p) for p in DEMO_REGISTRATIONS.iterdir() if p.name != "README.md")
    stages.append(_round_run(instance, demo_round.round_id, files, out))
    first_figures = _figures(path, demo_round.round_id)
    with tempfile.TemporaryDirectory(prefix="pnet-demo-overleg-") as tmp:
        filled = fill_in_packages(out, Path(tmp))
        stages.append(_round_run(instance, demo_round.round_id, [str(p) for p in filled], out))
    return DemoSummary(
        warehouse=path, dagster_home=Path(os.environ["DAGSTER_HOME"]), out_dir=out, round=demo_round,
        stages=stages, figures=_figures(path, demo_round.round_id), first_figures=first_figures,
    )


def _round_run(instance: dg.DagsterInstance, round_id: str, files: list[str], out: Path) -> StageRun:
    return _run(instance, "ronde", round_id, {"ops": {
        "round_registrations": {"config": {"files": files}},
        "round_reports": {"config": {"out_dir": str(out)}},
    }})
