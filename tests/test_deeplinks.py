"""Share links through the fake Bot API: `/start sub_<label>` subscribes a private chat at once,
and a group after its confirmation button; an unknown label gets a polite word."""

from __future__ import annotations

from bot.core.deeplinks import find_for_word, share_link, start_parameter, subscribe_word
from bot.core.kinds import SourceKind
from bot.core.model import Source
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import subscriptions as subs
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import running_bot, wait_until
from tests.test_buttons import NOW, data_of, labels, sampled, seed

GROUP = -100777


def test_links_use_the_label_or_else_the_id() -> None:
    kakao = Source(1, SourceKind.KAKAO, "_x", "kakao", None, 30)
    korean = Source(7, SourceKind.WEB, "https://example.com", "배민", None, 30)
    assert share_link("bot", kakao) == "https://t.me/bot?start=sub_kakao"
    assert start_parameter(korean) == "sub_7"
    assert subscribe_word("sub_kakao") == "kakao"
    assert subscribe_word("sub_") is None
    assert subscribe_word("kakao") is None
    assert subscribe_word("sub_a b") is None
    assert find_for_word([kakao, korean], "KAKAO") == kakao
    assert find_for_word([kakao, korean], "7") == korean
    assert find_for_word([kakao, korean], "8") is None


async def chats_of(bot: object, source_id: int) -> set[int]:
    rows = await subs.subscriptions(bot.deps.db)  # type: ignore[attr-defined]
    return {s.chat_id for s in rows if s.source_id == source_id}


async def test_start_sub_label_subscribes(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    clock.set(NOW)
    await seed(settings, second=False)
    source_server.set_kakao_count("_xdhKKT", 206_912)
    async with running_bot(settings, clock) as bot:
        await wait_until(lambda: sampled(bot, 1))  # the source's name is known
        telegram.send_command("/start sub_kakao")
        (reply,) = await telegram.await_messages(1001, 1)
        assert reply.text == (
            "Subscribed: a summary of 배민커넥트 arrives here every day at 09:00 (Asia/Seoul)."
        )
        assert await chats_of(bot, 1) == {1001}

        telegram.send_command("/start sub_nosuch")
        replies = await telegram.await_messages(1001, 2)
        assert replies[1].text == (
            "That link is for a source I no longer track. /sources lists what is."
        )

        # In a group: a question with a button first, then the subscription.
        telegram.send_command("/start sub_kakao", chat_id=GROUP, chat_type="supergroup")
        (question,) = await telegram.await_messages(GROUP, 1)
        assert question.text == "Subscribe this group to the daily summary of 배민커넥트?"
        assert await chats_of(bot, 1) == {1001}
        markup = telegram.message(GROUP, question.message_id)["reply_markup"]
        assert labels(markup) == [["✅ Subscribe this chat"]]
        # A member's press is the group's choice only if they run the group.
        press = data_of(markup, "✅ Subscribe this chat")
        query = telegram.press_button(GROUP, question.message_id, press, user_id=5)
        answered = await telegram.await_answer(telegram.callback_answers, query)
        assert answered.get("text", "").startswith("In this group only its admins")
        assert await chats_of(bot, 1) == {1001}
        telegram.set_role(GROUP, 6, "administrator")
        query = telegram.press_button(
            GROUP, question.message_id, press, user_id=6, first_name="Alice"
        )
        await telegram.await_answer(telegram.callback_answers, query)
        await wait_until(lambda: len(telegram.calls_to("editMessageText")) == 1)
        assert await chats_of(bot, 1) == {1001, GROUP}
        edited = telegram.message(GROUP, question.message_id)
        assert edited["text"].startswith("Subscribed: a summary of 배민커넥트")
        assert edited["text"].endswith("\nChanged by Alice.")
        assert "reply_markup" not in edited
        assert telegram.errors == []
