"""The first admin: /whoami any time, and /start in private while ADMIN_USER_IDS is empty."""

from __future__ import annotations

from dataclasses import replace

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.running import running_bot

USER = 424242
CHAT = 1001

WHOAMI_EN = (
    "Your Telegram user id is 424242.\n"
    "To make yourself an admin, put this line in the bot's .env and restart the bot:\n"
    "ADMIN_USER_IDS=424242"
)
WHOAMI_KO = (
    "내 텔레그램 사용자 ID는 424242예요.\n"
    "관리자가 되려면 봇의 .env에 이 줄을 넣고 봇을 다시 시작하세요:\n"
    "ADMIN_USER_IDS=424242"
)


async def test_whoami_names_the_sender_and_the_env_line_in_both_languages(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    async with running_bot(replace(settings, admin_user_ids=frozenset({7})), clock):
        telegram.send_command("/whoami", user_id=USER)
        telegram.send_command("/whoami", user_id=USER, chat_id=-100777, chat_type="group")
        (private,) = await telegram.await_messages(CHAT, 1)
        (group,) = await telegram.await_messages(-100777, 1)
        telegram.send_command("/whoami", user_id=USER, language_code="ko")
        replies = await telegram.await_messages(CHAT, 2)
    assert private.text == WHOAMI_EN
    assert group.text == WHOAMI_EN  # the sender's id, not the group's
    assert replies[1].text == WHOAMI_KO
    menus = telegram.calls_to("setMyCommands")
    assert menus and all(any(c["command"] == "whoami" for c in call["commands"]) for call in menus)


async def test_start_in_private_without_admins_tells_how_to_become_one(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    assert not settings.admin_user_ids
    async with running_bot(settings, clock):
        telegram.send_command("/start", user_id=USER)
        (en,) = await telegram.await_messages(CHAT, 1)
        telegram.send_command("/start", user_id=USER, language_code="ko")
        ko = (await telegram.await_messages(CHAT, 2))[1]
        telegram.send_command("/start", user_id=USER, chat_id=-100778, chat_type="group")
        (group,) = await telegram.await_messages(-100778, 1)
    assert en.text is not None and en.text.endswith(
        "\n\nNo admin is set yet (ADMIN_USER_IDS is empty).\n" + WHOAMI_EN
    )
    assert ko.text is not None and ko.text.endswith(
        "\n\n아직 관리자가 없어요 (ADMIN_USER_IDS가 비어 있음).\n" + WHOAMI_KO
    )
    # In a group the hint would tell everyone; /whoami is there for that.
    assert group.text is not None and "ADMIN_USER_IDS" not in group.text


async def test_start_with_admins_set_has_no_hint(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    async with running_bot(replace(settings, admin_user_ids=frozenset({USER})), clock):
        telegram.send_command("/start", user_id=USER)
        (reply,) = await telegram.await_messages(CHAT, 1)
    assert reply.text is not None and "ADMIN_USER_IDS" not in reply.text
