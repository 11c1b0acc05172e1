"""The command menu through the fake Bot API: everyone sees the public commands; each admin, in
their chat with the bot, also sees track, untrack and status, in English and Korean."""

from __future__ import annotations

import json
from dataclasses import replace

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.running import running_bot

PUBLIC = [
    "now",
    "chart",
    "days",
    "forecast",
    "compare",
    "why",
    "alert",
    "subscribe",
    "unsubscribe",
    "subscriptions",
    "settings",
    "sources",
    "export",
    "whoami",
    "help",
]


def scope(kind: str, **more: int) -> str:
    return json.dumps({"type": kind, **more}, sort_keys=True)


def names(commands: list[dict[str, str]]) -> list[str]:
    return [c["command"] for c in commands]


async def test_admin_commands_only_in_admins_menus(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    telegram.fail_next("setMyCommands", status=400, description="Bad Request: chat not found")
    async with running_bot(replace(settings, admin_user_ids=frozenset({42, 43})), clock):
        pass
    menus = telegram.commands_by_scope
    # The first call failed (as for an admin who never opened the bot): the rest still went.
    assert (scope("default"), "") not in menus
    assert names(menus[(scope("default"), "ko")]) == PUBLIC
    for admin in (42, 43):
        english = menus[(scope("chat", chat_id=admin), "")]
        korean = menus[(scope("chat", chat_id=admin), "ko")]
        assert names(english) == [*PUBLIC, "track", "untrack", "status"]
        assert names(korean) == names(english)
        assert english[-1]["description"] == "Admin: health of every source"
        assert korean[-1]["description"] == "관리자: 모든 출처의 상태"
    assert not any("track" in names(c) for k, c in menus.items() if "chat_id" not in k[0])
