"""Dagster wiring of the intake: partitioned assets with metadata, the accounting check, the inbox sensor."""

from __future__ import annotations

import hashlib
import os

import dagster as dg

from pipelines.registrations import IntakeConfig, registrations_inbox_sensor, round_registrations
from pipelines.resources import WarehouseResource
from tests.intake_files import CONSULTANT_HEADER, INITIATIVE_HEADER, ROUND, consultant, initiative, make_round, write_text
from warehouse.db import connect
from warehouse.intake.summary import accounting_problems


def _instance():
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("rounds", [ROUND])
    return instance


def test_assets_take_in_files_and_report_counts_preview_and_check(warehouse_path, tmp_path):
    con = connect(warehouse_path)
    make_round(con)
    con.close()
    ini = write_text(tmp_path / "i.csv", [INITIATIVE_HEADER, initiative(titel="Buurt | *tuin*"), initiative(titel="B", gemeente="Bunnik"),
                                          initiative(titel="C", uren_gevraagd="veel")], ";")
    con_file = write_text(tmp_path / "c.csv", [CONSULTANT_HEADER, consultant(), consultant("b@zeist.nl", gemeente="Zeist", akkoord_werkgever="nee")])
    letter = tmp_path / "brief.pdf"
    letter.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = dg.materialize(
        [round_registrations],
        partition_key=ROUND,
        instance=_instance(),
        resources={"warehouse": WarehouseResource(path=str(warehouse_path))},
        run_config=dg.RunConfig(ops={"round_registrations": IntakeConfig(files=[str(ini), str(con_file), str(letter)])}),
    )
    assert result.success
    meta = {e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()}
    assert meta["round_initiatives"]["rijen"].value == 2
    assert meta["round_initiatives"]["uren"].value == 80.0
    assert (meta["round_initiatives"]["rijen_afgewezen"].value, meta["round_initiatives"]["rijen_dubbel"].value) == (1, 0)
    assert "is geen aantal uren" in meta["round_initiatives"]["afgewezen_rijen"].value  # C asked 'veel' hours
    assert meta["round_consultants"]["zonder_akkoord_werkgever"].value == 1
    preview = meta["round_initiatives"]["voorbeeld"].value
    assert "Buurt \\| \\*tuin\\*" in preview and preview.count("\n") == 3
    checks = {(c.asset_key.to_user_string(), c.check_name): c for c in result.get_asset_check_evaluations()}
    assert len(checks) == 5
    assert all(c.passed for (_, name), c in checks.items() if name == "alle_rijen_verantwoord")
    readable = checks[("round_initiatives", "alle_bestanden_leesbaar")]
    assert not readable.passed and readable.severity == dg.AssetCheckSeverity.WARN
    assert readable.metadata["onleesbare_bestanden"].value == 1 and "Dit is een PDF" in readable.metadata["redenen"].value


def test_accounting_check_notices_a_lost_row(con, tmp_path):
    from warehouse.intake import ingest_files

    make_round(con)
    path = write_text(tmp_path / "i.csv", [INITIATIVE_HEADER, initiative(titel="A"), initiative(titel="B")])
    ingest_files(con, [path], ROUND, tmp_path / "a", tmp_path / "r")
    assert accounting_problems(con, ROUND, "initiatives") == []
    con.execute("DELETE FROM intake_rows WHERE row_number = 3")
    assert accounting_problems(con, ROUND, "initiatives") == [
        "i.csv: grootboek intake_rows telt 1 rijen (1 geladen, 0 afgewezen, 0 dubbel), het bestand 2 (2, 0, 0)"
    ]


def test_inbox_sensor_requests_one_run_per_new_file(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    (inbox / ROUND).mkdir(parents=True)
    (inbox / "ONBEKEND").mkdir()
    monkeypatch.setenv("PNET_INBOX", str(inbox))
    path = write_text(inbox / ROUND / "aanmelding.csv", [INITIATIVE_HEADER, initiative()])
    fresh = write_text(inbox / ROUND / "nog_bezig.csv", [INITIATIVE_HEADER, initiative(titel="X")])
    other = write_text(inbox / "ONBEKEND" / "x.csv", [INITIATIVE_HEADER, initiative()])
    for p in (path, other):
        os.utime(p, (1_700_000_000, 1_700_000_000))
    (inbox / ROUND / "~$aanmelding.xlsx").write_bytes(b"lock")
    instance = _instance()

    result = registrations_inbox_sensor(dg.build_sensor_context(instance=instance))
    (request,) = result.run_requests
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert request.run_key == f"intake-{ROUND}-{sha}"  # per round: the same file dropped for another round also runs
    assert request.partition_key == ROUND
    assert request.run_config["ops"]["round_registrations"]["config"]["files"] == [str(path.resolve())]
    assert fresh.exists()  # too new: left for the next tick

    again = registrations_inbox_sensor(dg.build_sensor_context(instance=instance, cursor=result.cursor))
    assert not again.run_requests
    assert "ronde ONBEKEND bestaat niet" in again.skip_reason.skip_message
