"""Smoke test: the coordinator's UI server starts, and a run launched through GraphQL succeeds."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import dagster as dg
import pytest
from dagster_graphql import DagsterGraphQLClient, DagsterGraphQLClientError

from pnet.settings import REPO_ROOT

STARTUP_SECONDS = 180
RUN_SECONDS = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def dagster_dev(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir(exist_ok=True)
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster_home" / "dagster.yaml").read_text())
    port = _free_port()
    env = dict(os.environ, DAGSTER_HOME=str(home), PNET_WAREHOUSE=str(tmp_path / "warehouse.duckdb"))
    dagster = Path(sys.executable).with_name("dagster")
    proc = subprocess.Popen(
        [str(dagster), "dev", "-w", str(REPO_ROOT / "workspace.yaml"), "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=open(tmp_path / "dagster_dev.log", "wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,  # own process group: we kill webserver, daemon and code server together
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("dagster dev did not start:\n" + (tmp_path / "dagster_dev.log").read_text()[-3000:])
            time.sleep(1)
        yield port, home, env
    finally:
        with contextlib.suppress(ProcessLookupError):  # the group may have exited already
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # it does not always exit on SIGTERM alone
        proc.wait(timeout=15)


def _wait_for_run(client: DagsterGraphQLClient, run_id: str) -> dg.DagsterRunStatus:
    deadline = time.monotonic() + RUN_SECONDS
    while time.monotonic() < deadline:
        status = client.get_run_status(run_id)
        if status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED):
            return status
        time.sleep(1)
    pytest.fail(f"run {run_id} did not finish in {RUN_SECONDS} s")


def _submit(client: DagsterGraphQLClient, job: str, **kwargs) -> str:
    for _ in range(60):  # the code location may still be loading right after /server_info answers
        try:
            return client.submit_job_execution(job, **kwargs)
        except DagsterGraphQLClientError:
            time.sleep(2)
    pytest.fail(f"job {job} could not be submitted")


def test_demo_round_through_graphql(dagster_dev, monkeypatch, tmp_path):
    """Reference data, then the demo round (registrations, match set, reports) launched via GraphQL."""
    from pipelines.demo import DEMO_REGISTRATIONS
    from pnet.settings import load_config
    from warehouse.db import connect
    from warehouse.rounds import create_round

    port, home, env = dagster_dev
    client = DagsterGraphQLClient("127.0.0.1", port_number=port)
    run_id = _submit(client, "referentiedata")
    assert _wait_for_run(client, run_id) == dg.DagsterRunStatus.SUCCESS

    cfg = load_config("demo")
    con = connect(env["PNET_WAREHOUSE"])
    create_round(con, cfg["round_id"], cfg["gemeenten"], cfg["open"], cfg["close"])
    con.close()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.get() as instance:
        instance.add_dynamic_partitions("rounds", [cfg["round_id"]])

    files = sorted(str(p) for p in DEMO_REGISTRATIONS.iterdir() if p.name != "README.md")
    out = tmp_path / "rapporten"
    round_run = _submit(
        client, "ronde", tags={"dagster/partition": cfg["round_id"]},
        run_config={"ops": {"round_registrations": {"config": {"files": files}},
                            "round_reports": {"config": {"out_dir": str(out)}}}},
    )
    assert _wait_for_run(client, round_run) == dg.DagsterRunStatus.SUCCESS

    with dg.DagsterInstance.get() as instance:
        for key in ("gemeenten", "woonplaatsen", "gemeente_boundaries"):
            event = instance.get_latest_materialization_event(dg.AssetKey(key))
            assert event is not None and event.run_id == run_id
        for key in ("round_initiatives", "round_consultants", "round_match_set", "gemeente_rapporten", "coordinator_overzicht"):
            event = instance.get_latest_materialization_event(dg.AssetKey(key))
            assert event is not None and event.run_id == round_run, key
        checks = [e.dagster_event.event_specific_data for e in instance.all_logs(
            round_run, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION)]
    assert len(checks) >= 7  # intake accounting on both tables, and the matcher's independent checks
    # every check passes; only the demo's deliberately unreadable PDF makes the readability check warn
    assert [c.check_name for c in checks if not c.passed] == ["alle_bestanden_leesbaar"]
    assert all(c.severity == dg.AssetCheckSeverity.WARN for c in checks if not c.passed)
    assert (out / "overzicht").is_dir()
    assert len([p for p in out.iterdir() if p.name.startswith("GM")]) == 20
