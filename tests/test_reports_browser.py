"""One rendered report page in headless Chromium: a screenshot, and not a single network request.

The page is served by a local HTTP server that records every request it receives, and loaded
through the DevTools protocol, which reports every request the page itself makes (Chromium's own
background traffic is not the page's and is not counted). Only the page may be requested; its
images and styles are inline.
"""

from __future__ import annotations

import base64
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import time
from functools import partial

import matplotlib.image
import numpy as np
import pytest
from websockets.sync.client import connect as ws_connect

import reports_data as rd
from reports.build import write_round_reports
from warehouse.db import connect

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def _find_chromium() -> str | None:
    return next((path for name in CHROMIUM_NAMES if (path := shutil.which(name))), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium; installed with apt-get where absent, else the test is skipped with the reason."""
    if found := _find_chromium():
        return found
    if not shutil.which("apt-get") or os.geteuid() != 0:
        pytest.skip("chromium is not installed and cannot be installed here (needs apt-get as root)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]):
            subprocess.run(cmd, check=True, capture_output=True, timeout=900, env=env)
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"chromium is not installed and 'apt-get install chromium' failed: {exc}")
    return _find_chromium() or pytest.skip("chromium still not found after 'apt-get install chromium'")


class _Recorder(http.server.SimpleHTTPRequestHandler):
    """Serves the report folder; records every request line it receives (also proxied ones)."""

    requests: list[tuple[str, str]]

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.requests.append((self.command, self.path))
        return ok

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    base = tmp_path_factory.mktemp("browser")
    con = connect(base / "warehouse.duckdb")
    rd.fill_round(con)
    paths = write_round_reports(con, rd.ROUND, base / "out")
    con.close()
    requests: list[tuple[str, str]] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(paths.out_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield paths, server.server_address[1], requests
    server.shutdown()
    server.server_close()


class DevTools:
    """A minimal DevTools-protocol client over the browser's websocket (one page session)."""

    def __init__(self, url: str):
        self.ws = ws_connect(url, max_size=None, open_timeout=30)
        self.next_id = 0
        self.events: list[dict] = []

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 60, **params) -> dict:
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event.get("method") == method and all(event["params"].get(k) == v for k, v in params.items()):
                    return event
            seen = len(self.events)
            self.events.append(json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1))))
        raise TimeoutError(method)


def render(chromium: str, url: str, profile) -> tuple[list[str], bytes]:
    """Load `url` in headless Chromium; return the URLs the page requested and a 1280x1600 screenshot."""
    browser = subprocess.Popen(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
         "--hide-scrollbars", "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        endpoint = None
        for line in browser.stderr:
            if m := re.search(r"DevTools listening on (ws://\S+)", line):
                endpoint = m.group(1)
                break
        assert endpoint, "chromium did not open its DevTools endpoint"
        cdp = DevTools(endpoint)
        target = cdp.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = cdp.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for method in ("Network.enable", "Page.enable"):
            cdp.send(method, session=session)
        cdp.send("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
        cdp.send("Emulation.setDeviceMetricsOverride",
                 {"width": 1280, "height": 1600, "deviceScaleFactor": 1, "mobile": False}, session=session)
        loader = cdp.send("Page.navigate", {"url": url}, session=session)["loaderId"]
        cdp.wait_for("Page.lifecycleEvent", name="networkIdle", loaderId=loader)
        shot = base64.b64decode(cdp.send("Page.captureScreenshot", {"format": "png"}, session=session)["data"])
        requested = [e["params"]["request"]["url"] for e in cdp.events
                     if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session]
        cdp.send("Browser.close")
        return requested, shot
    finally:
        browser.stderr.close()
        try:
            browser.wait(timeout=10)
        except subprocess.TimeoutExpired:
            browser.kill()
            browser.wait()


def _relative(paths, which: str) -> str:
    page = paths.overview_html if which == "overzicht" else next(g.html for g in paths.gemeenten if g.gemeentecode == rd.DEN_BOSCH)
    return page.relative_to(paths.out_dir).as_posix()


@pytest.mark.parametrize("which", ["gemeente", "overzicht"])
def test_page_renders_offline_without_any_request(chromium, served, tmp_path, which):
    paths, port, requests = served
    page = _relative(paths, which)
    url = f"http://127.0.0.1:{port}/{page}"
    requests.clear()
    requested, png = render(chromium, url, tmp_path / "profile")
    assert requests == [("GET", f"/{page}")]  # the server saw only the page itself
    assert [u for u in requested if not u.startswith("data:")] == [url]  # the page asked for nothing else
    shot = tmp_path / f"{which}.png"
    shot.write_bytes(png)
    image = matplotlib.image.imread(shot)
    assert image.shape[:2] == (1600, 1280)
    # the inline stylesheet applied: the page header is drawn in the accent colour #1f6f8b
    accent = np.array([0x1F, 0x6F, 0x8B]) / 255
    header = image[5:60, :, :3].reshape(-1, 3)
    assert (np.abs(header - accent).max(axis=1) < 0.02).mean() > 0.5
    if which == "overzicht":  # the chart and the map are drawn from data URIs: many distinct colours
        assert len(np.unique((image[:, :, :3] * 255).astype(int).reshape(-1, 3), axis=0)) > 200
