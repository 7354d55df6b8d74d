"""The server under test (gunicorn) and the load tool (wrk with bench/wrk.lua)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WRK_SCRIPT = BENCH / "wrk.lua"
# gunicorn's own worker timeout: a request slower than that fails on the server too.
WRK_TIMEOUT_S = 30


class BenchError(Exception):
    pass


# --- wrk ---------------------------------------------------------------------


def ensure_wrk() -> str:
    """wrk's path, installed with apt-get when missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk, the load tool (apt-get install wrk)…", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, env=env, capture_output=True, check=False).returncode != 0:  # noqa: S603
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)  # noqa: S607
            subprocess.run(install, env=env, capture_output=True, check=False)  # noqa: S603
        found = shutil.which("wrk")
    if not found:
        raise BenchError("The bench needs wrk: install it (sudo apt-get install wrk) and run make bench again.")
    return found


@dataclass(frozen=True)
class Request:
    """One line of wrk's requests file: a signed-in user's request (or an anonymous one)."""

    method: str
    path: str
    session: str = ""
    csrf: str = ""
    body: str = ""

    def line(self) -> str:
        fields = (self.method, self.path, self.session, self.csrf, self.body)
        if any("\t" in f or "\n" in f for f in fields):
            raise ValueError(f"Tabs and newlines cannot go into wrk's requests file: {fields!r}")
        return "\t".join(fields)


def run_wrk(wrk: str, base_url: str, requests: list[Request], *, connections: int, duration: int) -> dict:
    """Load one endpoint for `duration` seconds; wrk.lua's summary as a dict."""
    threads = max(1, min(connections, os.cpu_count() or 1))
    with tempfile.TemporaryDirectory(prefix="pmplanner-bench-") as tmp:
        requests_file, out_file = Path(tmp, "requests.tsv"), Path(tmp, "out.json")
        requests_file.write_text("".join(r.line() + "\n" for r in requests))
        command = [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            f"--timeout={WRK_TIMEOUT_S}s",
            f"--script={WRK_SCRIPT}",
            base_url,
        ]
        env = {**os.environ, "BENCH_REQUESTS": str(requests_file), "BENCH_OUT": str(out_file)}
        done = subprocess.run(  # noqa: S603 - our own wrk command line
            command, env=env, capture_output=True, text=True, timeout=duration + WRK_TIMEOUT_S + 60, check=False
        )
        if done.returncode != 0 or not out_file.exists():
            raise BenchError(f"wrk failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return json.loads(out_file.read_text())


# --- gunicorn ----------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def workers_for_this_machine() -> int:
    # gunicorn's own advice for sync workers: (2 x cores) + 1.
    return 2 * (os.cpu_count() or 1) + 1


class Gunicorn:
    """gunicorn serving pmplanner.wsgi on 127.0.0.1, stopped on exit."""

    def __init__(self, env: dict[str, str], *, workers: int, log: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.workers = workers
        self.log = log
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "pmplanner.wsgi",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={workers}",
            "--log-level=warning",
            f"--error-logfile={log}",
        ]
        log.write_text("")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603

    def __enter__(self) -> Gunicorn:
        try:
            self.wait_until_up()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")

    def wait_until_idle(self, timeout: float = 120) -> None:
        """Let the workers finish requests still queued from the last run.

        wrk stops sending when its time is up, but the connections it left in
        the listen queue still get served; without this the next measurement
        pays for them. The server is idle when no connection to its port is
        open any more (the client side closed, the server side not yet)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            open_connections = self._open_connections()
            if open_connections is None:  # no /proc/net/tcp: give it a moment
                time.sleep(2)
                return
            if open_connections == 0:
                return
            time.sleep(0.2)
        raise BenchError(f"gunicorn still had requests to finish {timeout:.0f} s after the load stopped.")

    def _open_connections(self) -> int | None:
        """Server-side TCP connections on our port that are not closed yet, plus the accept queue."""
        try:
            lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
        except OSError:
            return None
        count = 0
        for line in lines:
            fields = line.split()
            local, state, queues = fields[1], fields[3], fields[4]
            if int(local.rsplit(":", 1)[1], 16) != self.port:
                continue
            if state == "0A":  # LISTEN: its receive queue is the accept backlog
                count += int(queues.split(":")[1], 16)
            elif state in ("01", "03", "08"):  # ESTABLISHED, SYN_RECV, CLOSE_WAIT
                count += 1
        return count

    def cpu_seconds(self) -> float | None:
        """CPU time the server has used so far (master and workers)."""
        ticks = self._cpu_ticks()
        return None if ticks is None else ticks / os.sysconf("SC_CLK_TCK")

    def _cpu_ticks(self) -> int | None:
        """CPU time used so far by the master and its workers (Linux /proc), in clock ticks."""
        master = self.process.pid
        try:
            children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
            total = 0
            for pid in [str(master), *children]:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])  # utime + stime
            return total
        except (OSError, ValueError, IndexError):
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
