"""A reply that changes something says what changed: a summary moved to another time, an alert
that replaced another of its kind."""

from __future__ import annotations

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import running_bot

CHAT = 1001


def texts(telegram: FakeTelegramAPI) -> list[str]:
    return [m.text or "" for m in telegram.messages_to(CHAT)]


async def test_subscribe_at_another_time_says_it_moved(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    async with running_bot(settings, clock):
        for n, (command, lang) in enumerate(
            [("09:00", "en"), ("21:00", "en"), ("21:00", "en"), ("08:30", "ko")], start=1
        ):
            telegram.send_command(f"/subscribe {command}", language_code=lang)
            await telegram.await_messages(CHAT, n)
    zone = settings.timezone.key
    assert texts(telegram) == [
        f"Subscribed: a summary of kakao arrives here every day at 09:00 ({zone}).",
        f"Moved to 21:00 ({zone}): the summary of kakao now arrives every day at 21:00 "
        "instead of 09:00.",
        f"Already subscribed: the summary of kakao arrives every day at 21:00 ({zone}).",
        f"요약 시간을 옮겼어요: 이제 kakao 요약이 21:00 대신 매일 08:30({zone})에 와요.",
    ]


async def test_an_alert_of_the_same_kind_says_which_it_replaced(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    async with running_bot(settings, clock):
        for n, (command, lang) in enumerate(
            [
                ("change +50", "en"),
                ("change -10", "en"),
                ("above 2000", "ko"),
                ("above 2500", "ko"),
            ],
            start=1,
        ):
            telegram.send_command(f"/alert {command}", language_code=lang)
            await telegram.await_messages(CHAT, n)
    assert texts(telegram) == [
        "Alert set: kakao, a change of +50 in a day. It fires once each time the threshold "
        "is passed.",
        "Replaced the change alert +50 with -10 for kakao. It fires once each time the "
        "threshold is passed.",
        "알림을 설정했어요: kakao, 2,000 이상. 기준을 지날 때마다 한 번씩 알려 드려요.",
        "kakao: 이상 알림 2,000을 2,500으로 바꿨어요. 기준을 지날 때마다 한 번씩 알려 드려요.",
    ]
