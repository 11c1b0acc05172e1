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
import tempfile
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from bot.core.model import Reading, Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.demo.channel import NAME, SimulatedChannel, history
from bot.demo.sent_files import Sent, SentFiles
from bot.settings import Settings, load_settings

REAL_KAKAO = "https://pf.kakao.com"
# Only the local Bot API ever sees it.
DEMO_TOKEN = "7000000001:DEMOdemoDEMOdemoDEMOdemoDEMOdemo00"  # noqa: S105
USER_ID = 1001  # the person at the terminal; a private chat's id is the user's
FIRST_REPLY_SECONDS = 60.0  # a first chart may wait for matplotlib's font cache
QUIET_SECONDS = 0.5
PROBE_SECONDS = 8.0


class Chat:
    """Prints what the bot sends, and lets the terminal wait for the replies to a line."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._sent = 0
        self._last = 0.0

    def on_sent(self, sent: Sent) -> None:
        lines: list[str] = []
        if sent.path is not None:
            what = "chart" if sent.method == "sendPhoto" else "file"
            lines.append(f"[{what} saved to {sent.path}]")
        if sent.text:
            lines.extend(sent.text.splitlines() or [""])
        with self._cond:
            print("bot> " + "\n     ".join(lines), flush=True)
            self._sent += 1
            self._last = time.monotonic()
            self._cond.notify_all()

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
            # The status page only when asked for: the real bot may hold port 8080 already.
            "WEB_PORT": environ.get("WEB_PORT", "").strip() or "0",
        }
    )


async def probe_real_channel(settings: Settings) -> Reading | str:
    """One read of the real channel, through the bot's own client; the reason when it fails."""
    from bot.app import source_client
    from bot.sources.kakao import read_channel

    client = source_client(settings)
    try:
        got = await asyncio.wait_for(
            read_channel(client, settings.kakao_api_url, settings.kakao_channel_id),
            PROBE_SECONDS,
        )
    except TimeoutError:
        return f"no answer within {PROBE_SECONDS:.0f} s"
    except Exception as exc:  # any failure means: no internet for the demo
        return f"{type(exc).__name__}: {exc}"
    finally:
        await client.aclose()
    return got if isinstance(got, Reading) else f"{got.reason.value}: {got.detail}"


async def seed(settings: Settings, first: Reading | None) -> int:
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
            name = NAME
        if name:
            await sources.set_source_name(db, source.id, name)
        await db.commit()
        return await samples.insert_samples(db, source.id, rows)
    finally:
        await db.close()


def terminal(api: FakeTelegramAPI, chat: Chat, language: str) -> None:
    """Read lines until /quit or end of input, then stop the bot as SIGTERM would."""
    if api.polled.wait(120):
        chat.say("Type a command, e.g. /now, /chart 7d, /days, /help; /quit (or Ctrl-D) leaves.")
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
                chat.say("(no reply)")
    os.kill(os.getpid(), signal.SIGTERM)


def run_demo(environ: Mapping[str, str], *, simulated: bool = False, language: str = "en") -> int:
    workdir = Path(tempfile.mkdtemp(prefix="channel-counter-demo-"))
    chat = Chat()
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
        reading: Reading | str = "simulated on request (--simulated)"
        if not simulated:
            chat.say(f"Looking for {REAL_KAKAO}/{settings.kakao_channel_id} ...")
            reading = asyncio.run(probe_real_channel(settings))
        if isinstance(reading, Reading):
            chat.say(
                f"Sampling the REAL KakaoTalk channel {settings.kakao_channel_id} "
                f"({reading.name}: {reading.value:,} friends now) every "
                f"{settings.sample_interval_seconds} s; its history starts now."
            )
            first: Reading | None = reading
        else:
            channel = SimulatedChannel(settings.kakao_channel_id)
            channel.start()
            settings = demo_settings(environ, workdir, api.root_url, channel.url)
            chat.say(
                f"No internet for the real channel ({reading}): sampling a SIMULATED channel "
                f"({NAME}) served on {channel.url}, with 30 days of made-up history."
            )
            first = None
        added = asyncio.run(seed(settings, first))
        chat.say(
            f"Data in {workdir} ({added:,} samples to start with); "
            f"replies in {'Korean' if language == 'ko' else 'English'}. Starting the bot ..."
        )
        threading.Thread(target=terminal, args=(api, chat, language), daemon=True).start()
        from bot.app import run

        run(settings)
    finally:
        api.stop()
        if channel is not None:
            channel.stop()
    chat.say(f"Bye. The database and the charts stay in {workdir}")
    return 0
