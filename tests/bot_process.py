"""run_bot.py as a real child process, configured through environment variables like the
operator's, talking to the fake servers: so it can be killed, terminated and starved for real."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BotProcess:
    def __init__(self, workdir: Path, env: dict[str, str]) -> None:
        self.workdir = workdir
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.runs = 0
        self._chunks: list[str] = []
        self._lock = threading.Lock()
        self._readers: list[threading.Thread] = []

    def start(self) -> BotProcess:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        self.runs += 1
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.workdir),
            "MPLCONFIGDIR": str(self.workdir / "mpl"),
            "PYTHONUNBUFFERED": "1",
            "PYTHONPATH": str(ROOT),
            "WEB_PORT": "0",  # parallel bot processes must not fight over port 8080
            **self.env,
        }
        with self._lock:
            self._chunks.append(f"----- run {self.runs}\n")
        # Output goes through a pipe, as to journald under systemd: a full disk does not stop it.
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / "run_bot.py")],
            cwd=self.workdir,  # no .env here: settings come from the environment only
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            preexec_fn=lambda: os.umask(0o022),
        )
        reader = threading.Thread(target=self._read, args=(self.proc,), daemon=True)
        reader.start()
        self._readers.append(reader)
        return self

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            with self._lock:
                self._chunks.append(line.decode("utf-8", errors="replace"))

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def output(self) -> str:
        """Everything every run printed (stdout and stderr)."""
        with self._lock:
            return "".join(self._chunks)

    def run_output(self) -> str:
        """The output of the latest run only."""
        return self.output.rsplit(f"----- run {self.runs}\n", 1)[-1]

    def wait_for_output(self, text: str, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.run_output():
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"bot exited ({self.proc.returncode}):\n{self.run_output()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} not in the bot's output:\n{self.run_output()}")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no handler, no cleanup, no last write."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)
        self._drain()

    def terminate(self, timeout: float = 15.0) -> tuple[int, float]:
        """SIGTERM; return the exit code and how long the process took to go."""
        assert self.proc is not None
        started = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        took = time.monotonic() - started
        self._drain()
        return code, took

    def wait(self, timeout: float = 15.0) -> int:
        assert self.proc is not None
        code = self.proc.wait(timeout)
        self._drain()
        return code

    def _drain(self) -> None:
        """After an exit: wait until everything the process printed has been read."""
        for reader in self._readers:
            reader.join(5)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)
        self._drain()
