"""Helpers for tests that start a real server process: a free loopback port, and stopping
the process (terminate, then kill if it does not exit)."""
from __future__ import annotations

import socket
import subprocess


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen, wait_s: float = 10) -> None:
    """Terminate a process and wait for it; kill it if it has not exited within wait_s."""
    proc.terminate()
    try:
        proc.wait(wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
