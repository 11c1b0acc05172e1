"""Milestones and chat alerts: the pure rules, and end to end through the fake Bot API with the
injected clock — a milestone crossed, dipped below and re-crossed sends one message, also across
a restart; each alert fires once per crossing and re-arms on the other side."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

import pytest

from bot.core.chat_alerts import AlertKind, AlertWords, ChatAlert, split_alert_words
from bot.core.chat_alerts import after_value as alert_step
from bot.core.milestones import (
    after_value,
    milestone_at_or_below,
    parse_milestone_step,
    with_milestone_every,
)
from bot.core.model import Sample
from bot.core.source_options import parse_source_options
from bot.demo.bot_api import FakeTelegramAPI
from bot.presentation.texts import text
from bot.settings import Settings
from storage import samples
from storage import sources as source_store
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import SEOUL, RunningBot, default_source_db, running_bot, wait_until


def milestone_every(options: str) -> int | None:
    """A source's own step, as the bot reads it from its stored options."""
    return parse_source_options(options).milestone_every


CHAT = 1001
START = datetime(2026, 11, 25, 8, 0, tzinfo=SEOUL)  # before the daily summary's 09:00


@pytest.mark.parametrize(
    ("value", "every", "expected"),
    [
        (0, None, None),
        (1, None, 1),
        (199_999, None, 100_000),
        (200_000, None, 200_000),
        (4_999_999, None, 2_000_000),
        (25_300, 10_000, 20_000),
        (9_999, 10_000, None),
    ],
)
def test_milestone_at_or_below(value: int, every: int | None, expected: int | None) -> None:
    assert milestone_at_or_below(value, every) == expected


def test_milestones_once_and_not_on_the_first_sample() -> None:
    first = after_value(None, 248_000)
    assert (first.mark, first.announce) == (200_000, None)  # tracking a 248,000 channel
    crossed = after_value(200_000, 500_100)
    assert (crossed.mark, crossed.announce) == (500_000, 500_000)
    assert after_value(500_000, 499_000).announce is None  # a dip
    assert after_value(500_000, 500_200).announce is None  # and a re-cross
    assert milestone_every('{"milestone_every": 5000}') == 5000
    assert milestone_every('{"extractor": "css"}') is None
    assert milestone_every("not json") is None
    assert milestone_every('{"milestone_every": true}') is None
    assert milestone_every('{"milestone_every": 0}') is None


def test_alerts_fire_once_per_crossing() -> None:
    alert = ChatAlert(1, 1, AlertKind.ABOVE, 100, True, "en")
    fired = []
    for value in (90, 101, 120, 99, 100, 98, 100, 150):  # 99: a wobble; 98: back by the margin
        step = alert_step(alert, value)
        fired.append(step.fire)
        alert = ChatAlert(1, 1, AlertKind.ABOVE, 100, step.armed, "en")
    assert fired == [False, True, False, False, False, False, True, False]
    down = ChatAlert(1, 1, AlertKind.CHANGE, -50, True, "en")
    assert alert_step(down, -60).fire and not alert_step(down, 10).fire
    assert not alert_step(down, None).fire


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["above", "250,000"], AlertWords(False, None, AlertKind.ABOVE, 250_000)),
        (["kakao", "below", "100"], AlertWords(False, "kakao", AlertKind.BELOW, 100)),
        (["change", "-500"], AlertWords(False, None, AlertKind.CHANGE, -500)),
        (["off"], AlertWords(True, None, None, None)),
        (["off", "kakao", "change"], AlertWords(True, "kakao", AlertKind.CHANGE, None)),
        (["above"], None),
        (["above", "-5"], None),
        (["sideways", "5"], None),
        ([], None),
    ],
)
def test_alert_words(words: list[str], expected: AlertWords | None) -> None:
    assert split_alert_words(words) == expected


async def sample_at(bot: RunningBot, clock: FakeClock, server: SourceServer, value: int) -> None:
    clock.advance(timedelta(minutes=5))
    server.set_kakao_count("_xdhKKT", value)
    source = await source_store.source_by_id(bot.deps.db, 1)
    assert source is not None
    await bot.data.sampler.sample_once(source)


async def sampled_at(bot: RunningBot, moment: datetime) -> bool:
    latest = await samples.latest_sample(bot.deps.db, 1)
    return latest is not None and latest.ts == moment


def texts(telegram: FakeTelegramAPI) -> list[str | None]:
    return [m.text for m in telegram.messages_to(CHAT)]


async def test_milestones_and_alerts_end_to_end(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(START)
    async with default_source_db(settings, START - timedelta(hours=9)) as (db, src):
        # Local midnight: today's change is counted from here.
        await samples.insert_samples(db, src.id, [Sample(START - timedelta(hours=8), 199_000)])
    source_server.set_kakao_count("_xdhKKT", 199_500)

    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled_at(bot, START))  # the first sample: the mark, silently
        telegram.send_command("/subscribe")
        await telegram.await_messages(CHAT, 1)
        telegram.send_command("/alert above 201000")
        await telegram.await_messages(CHAT, 2)
        telegram.send_command("/alert change 1500")
        await telegram.await_messages(CHAT, 3)
        telegram.send_command("/alerts")
        await telegram.await_messages(CHAT, 4)
        assert texts(telegram)[1:] == [
            "Alert set: 배민커넥트, at or above 201,000. It fires once each time the threshold "
            "is passed.",
            "Alert set: 배민커넥트, a change of +1,500 in a day. It fires once each time the "
            "threshold is passed.",
            "Alerts in this chat:\n배민커넥트: at or above 201,000\n"
            "배민커넥트: a change of +1,500 in a day\n"
            "At most 4 alert messages an hour here; more are held and told with the next.",
        ]

        await sample_at(bot, clock, source_server, 200_100)  # crosses 200,000
        assert texts(telegram)[4:] == ["🎉 배민커넥트 reached 200,000!"]
        await sample_at(bot, clock, source_server, 199_900)  # a dip
        await sample_at(bot, clock, source_server, 200_300)  # and a re-cross: nothing
        assert len(texts(telegram)) == 5

        await sample_at(bot, clock, source_server, 201_200)  # above 201,000; +2,200 today
        assert texts(telegram)[5:] == [
            "🔔 배민커넥트 is at 201,200: at or above 201,000.",
            "🔔 배민커넥트 changed +2,200 today (since local midnight), past +1,500: now 201,200.",
        ]
        await sample_at(bot, clock, source_server, 201_400)  # still above: nothing
        await sample_at(bot, clock, source_server, 200_600)  # back below: re-armed
        assert len(texts(telegram)) == 7
        await sample_at(bot, clock, source_server, 201_100)  # the second crossing
        assert texts(telegram)[7:] == ["🔔 배민커넥트 is at 201,100: at or above 201,000."]

    source_server.set_kakao_count("_xdhKKT", 199_800)
    restart = clock.now()
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled_at(bot, restart))
        await sample_at(bot, clock, source_server, 199_700)
        await sample_at(bot, clock, source_server, 200_400)  # re-crossed after a restart
        assert len(texts(telegram)) == 8
        telegram.send_command("/alert off change", language_code="ko")
        await telegram.await_messages(CHAT, 9)
        assert texts(telegram)[8] == "알림 1개를 지웠어요."
        await sample_at(bot, clock, source_server, 500_100)
        # Korean subscribers read it in Korean (tests/test_texts.py); this one is English.
        assert texts(telegram)[9:] == [
            "🎉 배민커넥트 reached 500,000!",
            "🔔 배민커넥트 is at 500,100: at or above 201,000.",  # re-armed at 199,700
        ]


def test_milestone_text_in_korean_takes_the_right_particle() -> None:
    assert text("ko", "milestone.reached", name="배민커넥트", value="500,000") == (
        "🎉 배민커넥트가 500,000에 도달했어요!"
    )
    assert (
        text("ko", "milestone.reached", name="동네", value="1,000")
        == "🎉 동네가 1,000에 도달했어요!"
    )
    assert (
        text("ko", "milestone.reached", name="카톡", value="1,000")
        == "🎉 카톡이 1,000에 도달했어요!"
    )


def test_milestone_steps_in_a_sources_options() -> None:
    options = with_milestone_every('{"extractor": "css"}', 10_000)
    assert milestone_every(options) == 10_000
    assert "css" in options
    assert milestone_every(with_milestone_every(options, None)) is None
    assert parse_milestone_step("10,000") == 10_000
    assert parse_milestone_step("default") is None
    assert parse_milestone_step("0") is False
    assert parse_milestone_step("lots") is False


async def test_an_admin_sets_a_sources_milestone_step(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    clock.set(START)
    settings = dataclasses.replace(settings, admin_user_ids=frozenset({CHAT}))
    source_server.set_kakao_count("_xdhKKT", 200_500)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled_at(bot, START))
        telegram.send_command("/subscribe")
        await telegram.await_messages(CHAT, 1)
        telegram.send_command("/milestones kakao 1000")
        await telegram.await_messages(CHAT, 2)
        assert texts(telegram)[1] == "배민커넥트: subscribers will hear of every 1,000 reached."
        await sample_at(bot, clock, source_server, 201_300)
        await sample_at(bot, clock, source_server, 203_100)  # two steps at once: one message
        assert texts(telegram)[2:] == [
            "🎉 배민커넥트 reached 201,000!",
            "🎉 배민커넥트 reached 203,000!",
        ]
        telegram.send_command("/milestones kakao default", user_id=7, chat_id=7)
        (refused,) = await telegram.await_messages(7, 1)
        assert refused.text is not None and "/milestones" not in refused.text
