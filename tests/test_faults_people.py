"""People misbehave: thousands of generated commands (empty, huge, unicode, emoji, control
characters, @otherbot, edited, in groups and channels) go through the real handlers of one
running bot via the fake Bot API; each gets a short answer or is ignored, and none raises.
/chart is rate-limited per chat, and admin commands follow the sender, not the chat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.chat.ratelimit import Cooldown, telegram_buckets
from bot.core.kinds import SourceKind
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.catalogue.en import EN
from bot.presentation.catalogue.ko import KO
from bot.settings import Settings
from storage import samples, sources
from storage.database import open_database
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, TOKEN, running_bot

ADMIN = 4242
BOT_NAME = "counter_test_bot"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=SEOUL)
GENERIC_ERRORS = {EN["error.generic"], KO["error.generic"]}

# ---------------------------------------------------------------- pure limits


def test_cooldown_lets_one_through_per_period_per_chat() -> None:
    cooldown = Cooldown(10)
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    assert cooldown.try_take(1, t0) == 0
    assert cooldown.try_take(1, t0 + timedelta(seconds=3)) == 7
    assert cooldown.try_take(2, t0 + timedelta(seconds=3)) == 0  # another chat is not held up
    assert cooldown.try_take(1, t0 + timedelta(seconds=9.5)) == 0.5
    assert cooldown.try_take(1, t0 + timedelta(seconds=10)) == 0
    assert Cooldown(0).try_take(1, t0) == Cooldown(0).try_take(1, t0) == 0


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 30)), max_size=300))
def test_cooldown_memory_stays_bounded(takes: list[tuple[int, int]]) -> None:
    cooldown = Cooldown(5, max_keys=8)
    t = datetime(2026, 1, 1, tzinfo=UTC)
    for key, step in takes:
        t += timedelta(seconds=step)
        cooldown.try_take(key, t)
        assert len(cooldown._last) <= 8


@given(per_second=st.floats(1, 1000), per_minute=st.integers(1, 1000))
def test_buckets_never_exceed_telegrams_limits_in_any_window(
    per_second: float, per_minute: int
) -> None:
    overall, group = telegram_buckets(per_second, per_minute)
    # A full bucket bursts max_rate, then leaks max_rate / time_period per second.
    assert overall.max_rate + overall.max_rate / overall.time_period <= per_second * 1.0001
    assert group.max_rate + 60 * group.max_rate / group.time_period <= per_minute * 1.0001
    assert telegram_buckets(0, 0)[0].max_rate == 0  # 0 disables


# ---------------------------------------------------------------- one bot for thousands of inputs


@dataclass
class LiveBot:
    """A real Application on its own event loop in a thread, fed through the fake Bot API."""

    telegram: FakeTelegramAPI
    loop: asyncio.AbstractEventLoop
    app: Any
    errors: list[logging.LogRecord] = field(default_factory=list)
    updates_sent: int = 0
    replies_seen: int = 0

    def wait_idle(self, timeout: float = 30.0) -> None:
        asyncio.run_coroutine_threadsafe(self._idle(), self.loop).result(timeout)

    async def _idle(self) -> None:
        quiet = 0
        while quiet < 4:
            busy = (
                self.telegram.pending_updates()
                or self.app.update_queue.qsize()
                or self.app.update_processor.current_concurrent_updates
            )
            quiet = 0 if busy else quiet + 1
            await asyncio.sleep(0.01)


class _Collect(logging.Handler):
    def __init__(self, into: list[logging.LogRecord]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record)


@pytest.fixture(scope="module")
def live_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBot]:
    with live_bot_in(tmp_path_factory.mktemp("people")) as live:
        yield live


@contextlib.contextmanager
def live_bot_in(tmp: Path, *, inline: bool = False) -> Iterator[LiveBot]:
    """One running bot for a module's many inputs (`inline`: inline mode on at @BotFather)."""
    with SourceServer() as source_server, FakeTelegramAPI(TOKEN) as telegram:
        telegram.supports_inline_queries = inline
        source_server.set_kakao_count("_xdhKKT", 123_456)
        tuned = Settings(
            telegram_bot_token=TOKEN,
            telegram_api_url=telegram.root_url,
            kakao_api_url=source_server.url,
            allow_private_sources=True,  # the fake source is on loopback
            database_path=tmp / "people.db",
            admin_user_ids=frozenset({ADMIN}),
            poll_timeout_seconds=1,
            summary_check_seconds=3600,
            sample_interval_seconds=3600,
            # Flood limits are tested elsewhere; here they would only make the run slow.
            telegram_messages_per_second=0,
            telegram_group_messages_per_minute=0,
        )
        asyncio.run(_seed_history(tuned.database_path))
        clock = FakeClock(NOW)
        loop = asyncio.new_event_loop()
        started = threading.Event()
        stop = asyncio.Event()
        holder: dict[str, Any] = {}

        async def main() -> None:
            async with running_bot(tuned, clock) as bot:
                holder["app"] = bot.application
                started.set()
                await stop.wait()

        thread = threading.Thread(target=loop.run_until_complete, args=(main(),), daemon=True)
        thread.start()
        assert started.wait(20)
        live = LiveBot(telegram, loop, holder["app"])
        handler = _Collect(live.errors)
        logging.getLogger().addHandler(handler)
        try:
            yield live
        finally:
            logging.getLogger().removeHandler(handler)
            loop.call_soon_threadsafe(stop.set)
            thread.join(20)
            print(f"\n[people] {live.updates_sent} generated updates, {live.replies_seen} replies")


async def _seed_history(path: Path) -> None:
    db = await open_database(path)
    try:
        src = await sources.ensure_source(
            db,
            kind=SourceKind.KAKAO,
            target="_xdhKKT",
            label="kakao",
            interval_seconds=3600,
            created_at=NOW,
        )
        start = NOW - timedelta(days=3)
        await samples.insert_samples(
            db,
            src.id,
            [Sample(start + timedelta(minutes=30 * k), 1000 + 3 * k) for k in range(144)],
        )
    finally:
        await db.close()


NASTY = [
    "",
    " ",
    "24h",
    "7D",
    "all",
    "forever",
    "24h 7d",
    "x" * 4000,
    "🙂" * 1000,
    "👨‍👩‍👧‍👦🏳️‍🌈",
    "\x00\x01\x02\x1b[31m",
    "\u202e\u200b\u2066",
    "차트 7일",
    "\n\n\t",
    "<b>bold</b> *md* _x_ [a](b)",
    "%s %d {} {0} {name}",
    "'; DROP TABLE samples; --",
    "../../etc/passwd",
    "@counter_test_bot",
    "1e309",
    "-1",
    "٣٠d",
]
COMMANDS = [
    "start",
    "help",
    "now",
    "chart",
    "days",
    "forecast",
    "why",
    "compare",
    "alert",
    "alerts",
    "subscribe",
    "unsubscribe",
    "status",
    "sources",
    "track",
    "untrack",
    "milestones",
    "unknown",
    "",
    "NOW",
    "Chart",
    "chart_",
    "차트",
    "now" * 20,
]
SUFFIXES = ["", f"@{BOT_NAME}", f"@{BOT_NAME.upper()}", "@otherbot", "@", "@@x"]
USERS = [1001, 1002, 1003, ADMIN]
CHATS = {
    "private": [0],  # the private chat is the user's own id
    "group": [-501, -502],
    "supergroup": [-1_000_000_000_601],
    "channel": [-1_000_000_000_701],
}


@dataclass(frozen=True)
class Input:
    text: str
    chat_type: str
    chat_id: int
    user_id: int
    language: str | None
    edited: bool


@st.composite
def inputs(draw: st.DrawFn) -> Input:
    command = draw(st.sampled_from(COMMANDS)) + draw(st.sampled_from(SUFFIXES))
    args = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=60)))
    sep = draw(st.sampled_from([" ", "  ", "\n", "\t", ""]))
    body = draw(st.sampled_from(["/"] * 6 + ["", " /"])) + command + (sep + args if args else "")
    chat_type = draw(st.sampled_from(sorted(CHATS)))
    user = draw(st.sampled_from(USERS))
    if "track" in command and user == ADMIN:
        # An admin's /track would fetch whatever URL was generated (tests never touch the
        # internet), and /untrack could remove the source; everyone else is refused first.
        user = USERS[0]
    chat_id = user if chat_type == "private" else draw(st.sampled_from(CHATS[chat_type]))
    return Input(
        text=body[:4096],
        chat_type=chat_type,
        chat_id=chat_id,
        user_id=user,
        language=draw(st.sampled_from([None, "en", "ko", "ko-KR", "zz"])),
        edited=draw(st.booleans()),
    )


@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(batch=st.lists(inputs(), min_size=15, max_size=60))
def test_any_command_gets_a_short_answer_or_is_ignored(
    live_bot: LiveBot, batch: list[Input]
) -> None:
    telegram = live_bot.telegram
    live_bot.errors.clear()  # each example stands alone, so hypothesis can shrink a failure
    seen = len(telegram.sent)
    for item in batch:
        telegram.send_command(
            item.text,
            chat_id=item.chat_id,
            user_id=item.user_id,
            chat_type=item.chat_type,
            language_code=item.language,
            edited=item.edited,
        )
    live_bot.updates_sent += len(batch)
    live_bot.wait_idle()
    replies = telegram.sent[seen:]
    live_bot.replies_seen += len(replies)
    assert not live_bot.errors, [r.getMessage() for r in live_bot.errors]
    assert not telegram.errors
    assert len(replies) <= len(batch)
    # In a private chat every new command is answered, exactly once (groups ignore what is not
    # theirs; channels only their own commands; an edited command is not asked again).
    for chat in {i.chat_id for i in batch if i.chat_type == "private"}:
        asked = sum(
            1 for i in batch if i.chat_id == chat and i.text.startswith("/") and not i.edited
        )
        assert sum(1 for r in replies if r.chat_id == chat) == asked, chat
    for reply in replies:
        body = reply.text or ""
        assert body not in GENERIC_ERRORS
        assert reply.method == "sendPhoto" or 0 < len(body) <= 1024, reply
        assert TOKEN not in body
        if reply.chat_id in CHATS["channel"]:  # a channel's posts run only its own commands
            posted = [i.text for i in batch if i.chat_type == "channel" and not i.edited]
            assert any(_channel_command(t) for t in posted), f"answered a channel post: {reply}"


CHANNEL_COMMANDS = frozenset({"now", "subscribe", "unsubscribe", "settings", "subscriptions"})


def _channel_command(text: str) -> bool:
    """Whether a channel post is one of the commands a channel may use (as Telegram parses it:
    a leading /command, optionally @this_bot)."""
    if not text.startswith("/"):
        return False
    word = text[1:].split(maxsplit=1)[0] if text[1:].strip() else ""
    name, _, bot = word.partition("@")
    return name.lower() in CHANNEL_COMMANDS and bot.lower() in ("", BOT_NAME.lower())


def test_the_nastiest_inputs_one_by_one(live_bot: LiveBot) -> None:
    """Every NASTY argument with every command, in a private chat, each answered or ignored."""
    telegram = live_bot.telegram
    seen = len(telegram.sent)
    count = 0
    for command in COMMANDS:
        for args in NASTY:
            telegram.send_command(f"/{command} {args}"[:4096], chat_id=2002, user_id=2002)
            count += 1
    # The admin commands as an admin: none of NASTY names a source kind, so nothing is fetched.
    for command in ("track", "untrack", "status", "sources"):
        for args in NASTY:
            telegram.send_command(f"/{command} {args}"[:4096], chat_id=ADMIN, user_id=ADMIN)
            count += 1
    live_bot.updates_sent += count
    live_bot.wait_idle()
    replies = telegram.sent[seen:]
    assert not live_bot.errors, [r.getMessage() for r in live_bot.errors]
    # /compare answers with its table and, when there is something to draw, its chart.
    assert 0 < len(replies) <= count + len(NASTY)
    assert all(r.text not in GENERIC_ERRORS for r in replies)


# ---------------------------------------------------------------- /chart cooldown, admin rights


async def test_chart_is_rate_limited_per_chat_and_says_when_to_retry(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    await _seed_history(settings.database_path)
    clock.set(NOW)
    async with running_bot(replace(settings, chart_cooldown_seconds=10), clock):
        telegram.send_command("/chart 7d")
        (first,) = await telegram.await_messages(1001, 1)
        clock.advance(timedelta(seconds=3))
        telegram.send_command("/chart")
        replies = await telegram.await_messages(1001, 2)
        telegram.send_command("/chart", language_code="ko")
        replies = await telegram.await_messages(1001, 3)
        telegram.send_command("/chart", chat_id=-777, chat_type="group")  # another chat: fine
        (other,) = await telegram.await_messages(-777, 1)
        telegram.send_command("/chart forever")  # a usage error does not count or wait
        replies = await telegram.await_messages(1001, 4)
        clock.advance(timedelta(seconds=7))
        telegram.send_command("/chart 24h")
        replies = await telegram.await_messages(1001, 5)
    assert first.method == other.method == "sendPhoto"
    assert replies[1].text == "One chart per 10 s in each chat, please. Try again in 7 s."
    assert replies[2].text == (
        "차트는 채팅마다 10초에 한 번만 그릴 수 있어요. 7초 후에 다시 시도해 주세요."
    )
    assert replies[3].text is not None and replies[3].text.startswith("Usage: /chart")
    assert replies[4].method == "sendPhoto"


def _group_message(text: str, *, user_id: int, chat_id: int, anonymous: bool) -> dict[str, Any]:
    chat = {"id": chat_id, "type": "supergroup", "title": "Team"}
    message: dict[str, Any] = {
        "message_id": 1,
        "date": 0,
        "chat": chat,
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        "from": {"id": user_id, "is_bot": anonymous, "first_name": "x"},
    }
    if anonymous:  # a group's anonymous admin: Telegram sends GroupAnonymousBot + sender_chat
        message["sender_chat"] = chat
    return {"message": message}


async def test_admin_commands_follow_the_sender_not_the_chat(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    group = -1_000_000_000_900
    tuned = replace(settings, admin_user_ids=frozenset({ADMIN}))
    source_server.set_kakao_count("_xdhKKT", 99)
    async with running_bot(tuned, clock):
        telegram.send_command("/status", chat_id=1001, user_id=1001)
        (refused,) = await telegram.await_messages(1001, 1)
        # In a group the admin sits in, a non-admin still gets nothing; the admin gets the status.
        telegram.send_command("/status", chat_id=group, user_id=1001, chat_type="supergroup")
        telegram.send_raw_update(
            _group_message("/status", user_id=1087968824, chat_id=group, anonymous=True)
        )
        telegram.send_command("/status", chat_id=group, user_id=ADMIN, chat_type="supergroup")
        (status,) = await telegram.await_messages(group, 1)
        telegram.send_command("/status", chat_id=ADMIN, user_id=ADMIN, language_code="ko")
        (ko,) = await telegram.await_messages(ADMIN, 1)
        # A later command answered: the two refused /status in the group were handled before.
        telegram.send_command("/help", chat_id=group - 1, chat_type="supergroup")
        await telegram.await_messages(group - 1, 1)
    assert (
        refused.text == "Sorry, only the bot's admins can do that. /sources shows what is tracked."
    )
    assert len(telegram.messages_to(group)) == 1
    assert status.text is not None and status.text.startswith("Status\n")
    assert "Database: writable." in status.text
    assert ko.text is not None and ko.text.startswith("상태\n")
