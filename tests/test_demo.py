"""`run_bot.py demo` as a person uses it: in a pseudo-terminal, typing commands, reading replies."""

from __future__ import annotations

import itertools
import os
import re
import select
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bot.demo.channel import friends_at, history

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    """The master side of a pty: what the demo printed, and lines typed into it."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.seen = ""
        self.read_upto = 0

    def expect(self, text: str, timeout: float = 60.0) -> str:
        """Everything after the previous expect up to and including `text`."""
        deadline = time.monotonic() + timeout
        while text not in self.seen[self.read_upto :]:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not printed; the terminal shows:\n{self.seen}")
            ready, _, _ = select.select([self.fd], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # EIO: the demo has gone
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"the demo ended before {text!r}:\n{self.seen}")
                self.seen += chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
        end = self.seen.index(text, self.read_upto) + len(text)
        got, self.read_upto = self.seen[self.read_upto : end], end
        return got

    def type(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())


def test_demo_answers_now_and_draws_a_chart_in_a_terminal(tmp_path: Path) -> None:
    master, slave = os.openpty()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
        "PYTHONPATH": str(ROOT),
    }
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "run_bot.py"), "demo", "--simulated", "--lang", "en"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    term = Terminal(master)
    try:
        intro = term.expect("you> ")
        assert "Sampling a SIMULATED channel" in intro
        page = re.search(
            r"The status page \(the same figures, in a browser\): (http://\S+/)", intro
        )
        assert page, intro
        assert "a button's number presses it" in intro
        term.type("/now")
        now = term.expect("you> ")
        assert re.search(r"bot> 배민커넥트 \(simulated\): [\d,]+ friends\n", now), now
        assert "24 h: +" in now
        term.type("/chart 7d")
        chart = term.expect("you> ")
        found = re.search(r"\[chart saved to (\S+\.png)\]", chart)
        assert found, chart
        png = Path(found.group(1))
        assert png.is_relative_to(tmp_path)
        assert png.read_bytes().startswith(b"\x89PNG")
        assert "last 7 days" in chart
        assert "[1] 24h  [2] • 7d  [3] 30d" in chart, chart
        term.type("3")  # presses "30d": the chart is drawn again at once (no cooldown)
        pressed = term.expect("you> ")
        again = re.search(r"\[chart saved to (\S+\.png)\]", pressed)
        assert again and again.group(1) != found.group(1), pressed
        assert "last 30 days" in pressed
        with urllib.request.urlopen(page.group(1), timeout=10) as answer:
            assert answer.status == 200
        term.type("/quit")
        term.expect("Bye. The database and the charts stay in", timeout=20)
        assert proc.wait(20) == 0
        assert "Traceback" not in term.seen
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        os.close(master)


def test_the_demo_speaks_korean_throughout(tmp_path: Path) -> None:
    master, slave = os.openpty()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
        "PYTHONPATH": str(ROOT),
        "WEB_PORT": "0",
    }
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "run_bot.py"), "demo", "--simulated", "--lang", "ko"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=tmp_path,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    term = Terminal(master)
    try:
        intro = term.expect("you> ")
        assert "--simulated 옵션에 따라 " in intro, intro
        assert "시뮬레이션 채널(배민커넥트 (시뮬레이션))을 수집해요" in intro
        assert "상태 페이지" not in intro  # WEB_PORT=0: no page, and none offered
        term.type("/now")
        now = term.expect("you> ")
        assert re.search(r"bot> 배민커넥트 \(시뮬레이션\): 친구 [\d,]+\n", now), now
        term.type("9")  # no such button
        assert "9번 버튼이 없어요" in term.expect("you> ")
        term.type("/quit")
        term.expect("안녕히 가세요. 데이터베이스와 차트는", timeout=20)
        assert proc.wait(20) == 0
        said = term.seen.replace("--simulated", "")
        words = re.findall(r"\b(?:simulated|SIMULATED|Starting|Type a command|Bye)\b", said)
        assert words == [], said
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        os.close(master)


def test_the_simulated_history_ends_now_and_grows_like_a_channel() -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    rows = list(history(now))
    assert rows[-1].ts == now and rows[0].ts == now - timedelta(days=30)
    day = friends_at(now) - friends_at(now - timedelta(days=1))
    assert 60 <= day <= 110  # about 85 friends a day
    assert all(b.ts > a.ts for a, b in itertools.pairwise(rows))
