"""Two replicas behind a proxy, one store: Caddy (Debian's package) with deploy/Caddyfile's cookie affinity in front
of two `streamlit run app.py` on loopback, both on one SeaweedFS bucket (PEKALONGAN_STORE=s3://...).

An official uploads through the proxy and lands on one replica; a colleague in a fresh browser, pinned by the
proxy's cookie to the other replica, opens the share link and sees the same figures; the uploader revokes on their
replica, and the colleague's replica refuses the link on the very next page view.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from pekalongan import format as fmt
from pekalongan.ingest import load_paths
from pekalongan.shared import SharedStore

from .conftest import (
    DATA,
    DIE_WITH_PARENT,
    ROOT,
    STARTUP_TIMEOUT_S,
    _free_port,
    _stop,
    card_texts,
    metric_value,
    new_context,
    open_sidebar_expander,
    upload_files,
    wait_for_app,
    wait_for_drawn,
)

pytestmark = pytest.mark.slow
SKA_2020 = DATA / "ska_2020.xlsx"
CADDYFILE = ROOT / "deploy" / "Caddyfile"
COOKIE = "pekalongan_replica"  # deploy/Caddyfile's lb_policy cookie name
SHARE = "Bagikan tampilan ini"
NOT_VALID = '[data-testid="stAlertContentWarning"]:has-text("tidak berlaku")'


@dataclass(frozen=True)
class Deployment:
    proxy: str  # the address officials use
    replicas: tuple[str, str]  # each replica's host:port, as the Caddyfile dials it
    prefix: str  # the store's prefix in the bucket


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, what: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)  # polling for readiness, not a timed assertion
    pytest.fail(f"{what} did not answer {url} within {STARTUP_TIMEOUT_S} s:\n{log.read_text(errors='replace')}")


def _launch(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=DIE_WITH_PARENT)


@pytest.fixture(scope="module")
def deployment(s3_server, tmp_path_factory) -> Iterator[Deployment]:
    caddy = shutil.which("caddy")
    if caddy is None:
        pytest.skip("Debian's caddy is not installed: apt-get install caddy (.ci/run does)")
    folder = tmp_path_factory.mktemp("replicas")
    prefix = uuid.uuid4().hex
    # Every replica signs its cookies (XSRF included) with the same secret, or an upload fails on the other.
    env = {**os.environ, **s3_server.env(prefix), "STREAMLIT_SERVER_COOKIE_SECRET": uuid.uuid4().hex}
    processes = []
    try:
        ports = []
        for n in (1, 2):
            port = _free_port()
            command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                       "--server.address", "127.0.0.1", "--server.headless", "true",
                       "--browser.gatherUsageStats", "false"]
            log = folder / f"replica-{n}.log"
            processes.append(_launch(command, env, log))
            _wait_healthy(f"http://127.0.0.1:{port}/_stcore/health", processes[-1], log, f"replica {n}")
            ports.append(port)
        proxy_port, admin_port = _free_port(), _free_port()
        caddy_env = {**os.environ, "PEKALONGAN_SITE": f"http://127.0.0.1:{proxy_port}",
                     "PEKALONGAN_BIND": "127.0.0.1", "PEKALONGAN_CADDY_ADMIN": f"127.0.0.1:{admin_port}",
                     "PEKALONGAN_REPLICA_1": f"127.0.0.1:{ports[0]}", "PEKALONGAN_REPLICA_2": f"127.0.0.1:{ports[1]}",
                     "XDG_DATA_HOME": str(folder / "caddy-data"), "XDG_CONFIG_HOME": str(folder / "caddy-config")}
        log = folder / "caddy.log"
        processes.append(_launch([caddy, "run", "--config", str(CADDYFILE), "--adapter", "caddyfile"],
                                 caddy_env, log))
        proxy = f"http://127.0.0.1:{proxy_port}"
        _wait_healthy(f"{proxy}/_stcore/health", processes[-1], log, "caddy")
        yield Deployment(proxy, (f"127.0.0.1:{ports[0]}", f"127.0.0.1:{ports[1]}"), prefix)
    finally:
        for process in reversed(processes):
            _stop(process)


def replica_cookie(dial: str) -> str:
    """What Caddy's cookie policy stores for an upstream: the HMAC-SHA256 of its dial address (no secret set)."""
    return hmac.new(b"", dial.encode(), hashlib.sha256).hexdigest()


def test_a_link_opens_on_the_other_replica_and_its_revocation_holds_there_at_once(
    browser: Browser, deployment: Deployment, s3_server
) -> None:
    owner = new_context(browser)
    colleague = None
    try:
        page = owner.new_page()
        page.goto(deployment.proxy)
        wait_for_app(page)
        pinned = {c["name"]: c["value"] for c in owner.cookies()}.get(COOKIE)
        by_cookie = {replica_cookie(d): d for d in deployment.replicas}
        assert pinned in by_cookie, f"the proxy set no replica cookie: {owner.cookies()}"
        other = next(d for d in deployment.replicas if d != by_cookie[pinned])

        upload_files(page, SKA_2020)  # the upload only works on the session's own replica: affinity holds
        total = load_paths([SKA_2020]).records.get_column("value_usd").sum()
        expect(metric_value(page, "Nilai ekspor 2020")).to_have_text(fmt.usd(total))
        wait_for_drawn(page)
        cards = card_texts(page)
        codes = open_sidebar_expander(page, SHARE).locator('[data-testid="stCode"]')
        expect(codes).to_have_count(3)
        full, _public, _key = (code.inner_text().strip() for code in codes.all())
        assert full.startswith(deployment.proxy)
        token = full.split("data=", 1)[1].split("&", 1)[0]
        shared = SharedStore(s3_server.backend(deployment.prefix))
        assert shared.open(token).dataset.records.get_column("value_usd").sum() == pytest.approx(total)

        # A colleague's fresh browser, pinned by the proxy's own cookie to the other replica.
        colleague = new_context(browser)
        colleague.add_cookies([{"name": COOKIE, "value": replica_cookie(other), "url": deployment.proxy}])
        seen = colleague.new_page()
        seen.goto(full)
        wait_for_app(seen)
        expect(metric_value(seen, "Nilai ekspor 2020")).to_have_text(fmt.usd(total))
        wait_for_drawn(seen)
        assert card_texts(seen) == cards
        assert {c["name"]: c["value"] for c in colleague.cookies()}[COOKIE] == replica_cookie(other)

        # The uploader revokes on their replica; the colleague's replica (which has the dataset cached) refuses
        # the link on the next page view.
        panel = open_sidebar_expander(page, SHARE)
        panel.get_by_role("button", name="Cabut tautan").click()
        panel.get_by_role("button", name="Ya, cabut").click()
        expect(page.locator('[data-testid="stAlertContentSuccess"]', has_text="Tautan sudah dicabut")).to_have_count(1)
        seen.reload()
        wait_for_app(seen)
        expect(seen.locator(NOT_VALID)).to_have_count(1)
        assert "Sumber data: ska_2020" not in seen.locator("body").inner_text()
        assert shared.backend.listing("tokens/") == []
    finally:
        owner.close()
        if colleague is not None:
            colleague.close()
