"""The demo's terminal chat: typed lines go to the real bot, what it sends is printed.

`run_demo` sets up a data folder in a temporary directory, the local Bot API, the channel (the
real one when pf.kakao.com answers, else the simulated one), then runs the bot exactly as
`run_bot.py` does (`bot.app.run`) while a thread reads the terminal.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from bot.core.model import Failure, Reading, Sample
from bot.core.reasons import Reason
from bot.demo.bot_api import FakeTelegramAPI
from bot.demo.channel import SimulatedChannel, channel_name, history
from bot.demo.sent_files import Sent, SentFiles
from bot.presentation.reasons import format_reason
from bot.presentation.texts import text
from bot.settings import Settings, load_settings

REAL_KAKAO = "https://pf.kakao.com"
# Only the local Bot API ever sees it.
DEMO_TOKEN = "7000000001:DEMOdemoDEMOdemoDEMOdemoDEMOdemo00"  # noqa: S105
USER_ID = 1001  # the person at the terminal; a private chat's id is the user's
FIRST_REPLY_SECONDS = 60.0  # a first chart may wait for matplotlib's font cache
QUIET_SECONDS = 0.5
PROBE_SECONDS = 8.0


class Chat:
    """Prints what the bot sends (its buttons as numbered choices), and lets the terminal wait
    for the replies to a line."""

    def __init__(self, language: str = "en") -> None:
        self.language = language
        self._cond = threading.Condition()
        self._sent = 0
        self._last = 0.0
        # The buttons of the newest message that has any: its id and each button's data.
        self.choices: tuple[int, tuple[str, ...]] = (0, ())

    def on_sent(self, sent: Sent) -> None:
        lines: list[str] = []
        if sent.path is not None:
            what = "demo.saved.chart" if "Photo" in sent.method or "Media" in sent.method else ""
            lines.append(text(self.language, what or "demo.saved.file", path=sent.path))
        if sent.text:
            lines.extend(sent.text.splitlines() or [""])
        if sent.buttons:
            lines.append(
                "  ".join(f"[{n}] {label}" for n, (label, _) in enumerate(sent.buttons, 1))
            )
        with self._cond:
            if sent.buttons:
                self.choices = (sent.message_id, tuple(data for _, data in sent.buttons))
            print("bot> " + "\n     ".join(lines), flush=True)
            self._sent += 1
            self._last = time.monotonic()
            self._cond.notify_all()

    def choice(self, line: str) -> tuple[int, str] | None:
        """The message and button data a typed number presses, or None when it names none."""
        if not line.isdigit():
            return None
        with self._cond:
            message_id, buttons = self.choices
        n = int(line)
        return (message_id, buttons[n - 1]) if 1 <= n <= len(buttons) else None

    def say(self, body: str) -> None:
        with self._cond:
            print(body, flush=True)

    def mark(self) -> int:
        with self._cond:
            return self._sent

    def wait_for_replies(self, since: int, first: float) -> bool:
        """Until a reply came and the bot has been quiet a moment; False if none came."""
        deadline = time.monotonic() + first
        with self._cond:
            while self._sent == since:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(remaining)
            while (quiet := time.monotonic() - self._last) < QUIET_SECONDS:
                self._cond.wait(QUIET_SECONDS - quiet)
        return True


def demo_settings(
    environ: Mapping[str, str], workdir: Path, api_url: str, kakao_url: str
) -> Settings:
    simulated = kakao_url != REAL_KAKAO
    return load_settings(
        {
            "TELEGRAM_BOT_TOKEN": DEMO_TOKEN,
            "TELEGRAM_API_URL": api_url,
            "KAKAO_CHANNEL_ID": environ.get("KAKAO_CHANNEL_ID", "").strip() or "_xdhKKT",
            "KAKAO_API_URL": kakao_url,
            "TIMEZONE": environ.get("TIMEZONE", "").strip() or "Asia/Seoul",
            "DATABASE_PATH": str(workdir / "data" / "channel-counter.db"),
            "ADMIN_USER_IDS": str(USER_ID),  # the person at the terminal may /track and /untrack
            "ALLOW_PRIVATE_SOURCES": "true" if simulated else "false",
            "LOG_LEVEL": "WARNING",
            # The status page on a free port unless WEB_PORT names one (the real bot may hold
            # 8080 already); WEB_PORT=0 turns it off.
            "WEB_PORT": environ.get("WEB_PORT", "").strip() or str(free_port()),
            "CHART_COOLDOWN_SECONDS": "0",  # trying ranges one after another is the point
        }
    )


def free_port() -> int:
    """A loopback port nothing listens on now, for the demo's status page."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def probe_real_channel(settings: Settings) -> Reading | Failure:
    """One read of the real channel, through the bot's own client; the failure when it fails."""
    from bot.app import source_client
    from bot.sources.kakao import read_channel

    client = source_client(settings)
    try:
        got = await asyncio.wait_for(
            read_channel(client, settings.kakao_api_url, settings.kakao_channel_id),
            PROBE_SECONDS,
        )
    except TimeoutError:
        return Failure(Reason.TIMEOUT, f"no answer within {PROBE_SECONDS:.0f} s")
    except Exception as exc:  # any failure means: no internet for the demo
        return Failure(Reason.UNREACHABLE, f"{type(exc).__name__}: {exc}")
    finally:
        await client.aclose()
    return got


async def seed(settings: Settings, first: Reading | None, language: str = "en") -> int:
    """The `.env` channel's source with its past: the probe's real sample, or a simulated month."""
    from bot.services.default_source import ensure_default_source
    from storage import samples, sources
    from storage.database import open_database

    now = datetime.now(UTC)
    db = await open_database(settings.database_path)
    try:
        source = await ensure_default_source(db, settings, now)
        if first is not None:
            rows = [Sample(now, first.value, first.approximate)]
            name = first.name
        else:
            rows = list(history(now))
            name = channel_name(language)
        if name:
            await sources.set_source_name(db, source.id, name)
        await db.commit()
        return await samples.insert_samples(db, source.id, rows)
    finally:
        await db.close()


def terminal(api: FakeTelegramAPI, chat: Chat, language: str) -> None:
    """Read lines until /quit or end of input, then stop the bot as SIGTERM would."""
    if api.polled.wait(120):
        chat.say(text(language, "demo.prompt"))
        while True:
            try:
                line = input("you> ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if line in ("/quit", "/exit"):
                break
            if not line:
                continue
            since = chat.mark()
            pressed = chat.choice(line)
            if pressed is None and line.isdigit():
                chat.say(text(language, "demo.no_button", number=line))
                continue
            if pressed is not None:  # a number presses the button it names
                api.press_button(
                    USER_ID,
                    pressed[0],
                    pressed[1],
                    user_id=USER_ID,
                    language_code=language,
                    first_name="You",
                )
                if not chat.wait_for_replies(since, FIRST_REPLY_SECONDS):
                    chat.say(text(language, "demo.no_reply"))
                continue
            api.send_command(
                line,
                chat_id=USER_ID,
                user_id=USER_ID,
                language_code=language,
                first_name="You",
                username=None,
            )
            waited = FIRST_REPLY_SECONDS if line.startswith("/") else 2.0
            if not chat.wait_for_replies(since, waited):
                chat.say(text(language, "demo.no_reply"))
    os.kill(os.getpid(), signal.SIGTERM)


def run_demo(environ: Mapping[str, str], *, simulated: bool = False, language: str = "en") -> int:
    workdir = Path(tempfile.mkdtemp(prefix="channel-counter-demo-"))
    chat = Chat(language)
    api = FakeTelegramAPI(
        DEMO_TOKEN,
        bot_id=int(DEMO_TOKEN.split(":", 1)[0]),
        bot_username="channel_counter_demo_bot",
        bot_name="Channel Counter (demo)",
    )
    api.watchers.append(SentFiles(workdir, chat.on_sent))
    api.start()
    channel: SimulatedChannel | None = None
    logging.basicConfig(level="WARNING", format="(log) %(levelname)s %(name)s: %(message)s")
    try:
        settings = demo_settings(environ, workdir, api.root_url, REAL_KAKAO)
        say = chat.say
        reading: Reading | Failure | None = None
        if not simulated:
            say(text(language, "demo.looking", url=f"{REAL_KAKAO}/{settings.kakao_channel_id}"))
            reading = asyncio.run(probe_real_channel(settings))
        if isinstance(reading, Reading):
            say(
                text(
                    language,
                    "demo.real",
                    channel=settings.kakao_channel_id,
                    name=reading.name or settings.kakao_channel_id,
                    count=f"{reading.value:,}",
                    seconds=settings.sample_interval_seconds,
                )
            )
            first: Reading | None = reading
        else:
            channel = SimulatedChannel(settings.kakao_channel_id, channel_name(language))
            channel.start()
            settings = demo_settings(environ, workdir, api.root_url, channel.url)
            name = channel_name(language)
            if reading is None:
                say(text(language, "demo.simulated.asked", name=name, url=channel.url))
            else:
                why = format_reason(language, reading.reason, reading.status)
                say(text(language, "demo.simulated", why=why, name=name, url=channel.url))
            first = None
        added = asyncio.run(seed(settings, first, language))
        say(text(language, "demo.data", folder=workdir, count=f"{added:,}"))
        if settings.web_port:
            say(text(language, "demo.page", url=f"http://127.0.0.1:{settings.web_port}/"))
        threading.Thread(target=terminal, args=(api, chat, language), daemon=True).start()
        from bot.app import run

        run(settings)
    finally:
        api.stop()
        if channel is not None:
            channel.stop()
    chat.say(text(language, "demo.bye", folder=workdir))
    return 0
