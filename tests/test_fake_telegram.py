"""The fake Telegram Bot API must be good enough for the real PTB stack to run against it.

Why these tests exist: every end-to-end test trusts the fake. If it de-jsons wrongly,
long-polls wrongly or maps errors differently from Telegram, those tests prove nothing.
So here a real ``Application`` (HTTPXRequest, Updater, CommandHandler) talks to it.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import pytest
from telegram import Update
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from bot.demo.bot_api import FakeTelegramAPI, UploadedFile

TOKEN = "123456:TEST-fake-token"


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """A valid RGB PNG built with the stdlib, so the upload is a real image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


PNG = tiny_png()


@pytest.fixture
def api() -> Iterator[FakeTelegramAPI]:
    with FakeTelegramAPI(TOKEN) as fake:
        yield fake


def build_app(api: FakeTelegramAPI) -> Application[Any, Any, Any, Any, Any, Any]:
    return (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(f"{api.root_url}/bot")
        .base_file_url(f"{api.root_url}/file/bot")
        .build()
    )


@pytest.fixture
async def bot_app(api: FakeTelegramAPI) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """An initialised (getMe done) but not polling Application, for direct bot calls."""
    app = build_app(api)
    await app.initialize()
    try:
        yield app
    finally:
        await app.shutdown()


def seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def test_polling_app_answers_commands_and_photos(api: FakeTelegramAPI) -> None:
    app = build_app(api)

    async def ping(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("pong")

    async def pic(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        sent = await message.reply_photo(photo=PNG, caption="chart")
        # the file_id Telegram hands back must be reusable without re-uploading
        await context.bot.send_photo(message.chat_id, photo=sent.photo[-1].file_id)

    app.add_handler(CommandHandler("ping", ping))
    app.add_handler(CommandHandler("pic", pic))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    try:
        api.send_command("/ping", chat_id=1001)
        (reply,) = await api.await_messages(1001, 1, timeout=5)
        assert (reply.method, reply.text) == ("sendMessage", "pong")

        # group chat, addressed command with @botname suffix
        api.send_command(
            "/ping@counter_test_bot now",
            chat_id=-100200,
            user_id=55,
            chat_type="supergroup",
            chat_title="Fans",
        )
        (group_reply,) = await api.await_messages(-100200, 1, timeout=5)
        assert group_reply.text == "pong"

        api.send_command("/pic", chat_id=1002, user_id=1002)
        upload, resend = await api.await_messages(1002, 2, timeout=5)
        assert upload.method == resend.method == "sendPhoto"
        assert upload.photo == PNG
        assert upload.text == "chart"
        assert isinstance(upload.params["photo"], UploadedFile)
        assert upload.params["photo"].data == PNG  # PTB labels bytes application/octet-stream
        assert resend.photo is None
        assert resend.photo_file_id == upload.photo_file_id
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    names = [name for name, _ in api.calls]
    assert names[0] == "getMe"
    assert "deleteWebhook" in names and "getUpdates" in names
    # PTB encodes chat_id as a form string; the fake decodes it back to an int
    assert api.calls_to("sendMessage")[0]["chat_id"] == 1001


async def test_documents_arrive_whole_or_as_size_and_sha256(
    bot_app: Any, api: FakeTelegramAPI
) -> None:
    """A multi-MB upload arrives byte for byte (a boundary-like line inside it included); a
    bench that turns `keep_documents` off gets its size and SHA-256, and no bytes anywhere."""
    data = os.urandom(3 << 20) + b"\r\n--not-the-boundary--\r\n" + os.urandom(100)
    digest = hashlib.sha256(data).hexdigest()
    await bot_app.bot.send_document(7, data, filename="history.csv.gz", caption="1,000 rows")
    (kept,) = api.messages_to(7)
    assert kept.photo == data and (kept.size, kept.sha256) == (len(data), digest)
    assert kept.text == "1,000 rows" and kept.params["document"].filename == "history.csv.gz"

    api.keep_documents = False
    message = await bot_app.bot.send_document(8, data, filename="history.csv.gz")
    assert message.document.file_size == len(data)
    (summed,) = api.messages_to(8)
    assert summed.photo is None and (summed.size, summed.sha256) == (len(data), digest)
    (_, params) = api.calls[-1]
    assert params["document"].data == b"" and params["document"].filename == "history.csv.gz"


async def test_message_payloads_de_json_in_ptb(bot_app: Any, api: FakeTelegramAPI) -> None:
    api.send_command("/start", chat_id=-42, chat_type="group", chat_title="Team")
    message = await bot_app.bot.send_message(-42, "<b>hi</b> &amp; bye", parse_mode="HTML")
    assert message.chat.type == "group" and message.chat.title == "Team"
    assert message.from_user.id == api.bot_id and message.from_user.is_bot
    assert message.text == "hi & bye"
    assert api.sent[-1].text == "<b>hi</b> &amp; bye"
    photo_message = await bot_app.bot.send_photo(-42, photo=tiny_png(640, 400))
    assert [(p.width, p.height) for p in photo_message.photo][-1] == (640, 400)
    assert len({p.file_unique_id for p in photo_message.photo}) == len(photo_message.photo)

    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot_app.bot.send_message(-42, "1 < 2", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)reserved"):
        await bot_app.bot.send_message(-42, "v1.2", parse_mode="MarkdownV2")
    with pytest.raises(BadRequest, match=r"(?i)wrong file identifier"):
        await bot_app.bot.send_photo(-42, photo="no-such-file-id")


async def test_commands_and_member_counts(bot_app: Any, api: FakeTelegramAPI) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot_app.bot.set_my_commands([BotCommand("ping", "Check"), BotCommand("pic", "Chart")])
    assert api.my_commands == [
        {"command": "ping", "description": "Check"},
        {"command": "pic", "description": "Chart"},
    ]
    # PTB sends `commands` as a JSON string inside the form body
    assert isinstance(api.calls_to("setMyCommands")[0]["commands"], list)
    assert [c.command for c in await bot_app.bot.get_my_commands()] == ["ping", "pic"]
    assert await bot_app.bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()
    await bot_app.bot.delete_my_commands()
    assert await bot_app.bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot_app.bot.set_my_commands([BotCommand("Bad-Name", "x")])

    api.chat_member_counts["@somechannel"] = 1234
    api.chat_member_counts["-100777"] = 56
    assert await bot_app.bot.get_chat_member_count("@somechannel") == 1234
    assert await bot_app.bot.get_chat_member_count(-100777) == 56
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot_app.bot.get_chat_member_count("@unknown")
    chat = await bot_app.bot.get_chat("@somechannel")
    assert chat.type == "channel" and chat.username == "somechannel"
    assert await bot_app.bot.send_chat_action(1001, "typing") is True


async def test_faults_map_to_ptb_exceptions(
    bot_app: Any, api: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # opt in: retry_after is a timedelta
    bot = bot_app.bot
    api.fail_next(
        "sendMessage", status=429, description="Too Many Requests: retry after 7", retry_after=7
    )
    with pytest.raises(RetryAfter) as retry:
        await bot.send_message(1001, "x")
    assert seconds(retry.value.retry_after) == 7
    await bot.send_message(1001, "fine again")  # `times` defaults to one failure

    api.fail_next("sendMessage", status=502, description="Bad Gateway", times=2)
    for _ in range(2):
        with pytest.raises(NetworkError, match=r"(?i)Bad Gateway"):
            await bot.send_message(1001, "x")

    api.block_chat(2002)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(2002, "x")

    api.forget_chat(3003)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(3003, "x")

    api.migrate_chat(-4004, -1004004)
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_message(-4004, "x")
    assert migrated.value.new_chat_id == -1004004
    assert (await bot.send_message(-1004004, "moved")).chat.type == "supergroup"

    api.set_unreachable(True)
    with pytest.raises(NetworkError):
        await bot.send_message(1001, "x")
    api.set_unreachable(False)
    await bot.send_message(1001, "back")
    assert [m.text for m in api.messages_to(1001)] == ["fine again", "back"]


async def test_rate_limits_answer_429(
    bot_app: Any, api: FakeTelegramAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    bot = bot_app.bot
    api.set_rate_limits(global_per_second=None, per_chat_per_minute=3)
    for i in range(3):
        await bot.send_message(-500, f"m{i}")
    with pytest.raises(RetryAfter) as limited:
        await bot.send_message(-500, "one too many")
    assert seconds(limited.value.retry_after) >= 1
    for i in range(5):  # private chats are exempt from the per-group limit by default
        await bot.send_message(600, f"p{i}")

    api.set_rate_limits(global_per_second=2, per_chat_per_minute=None)
    await bot.send_message(601, "a")
    await bot.send_message(602, "b")
    with pytest.raises(RetryAfter):
        await bot.send_message(603, "c")
    assert api.rate_limited == 2


def _post(url: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    body = json.dumps(data or {}).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_http_errors_and_long_poll(api: FakeTelegramAPI) -> None:
    assert _post(f"{api.root_url}/bot999:WRONG/getMe") == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    assert _post(f"{api.root_url}/bot{TOKEN}/noSuchMethod") == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    status, me = _post(f"{api.root_url}/bot{TOKEN}/getMe")
    assert status == 200 and me["result"]["username"] == "counter_test_bot"

    # empty long poll waits for `timeout`
    started = time.monotonic()
    status, empty = _post(f"{api.root_url}/bot{TOKEN}/getUpdates", {"timeout": "0.3"})
    assert empty["result"] == [] and time.monotonic() - started >= 0.25

    first = api.send_command("/ping@counter_test_bot hello", edited=True)
    second = api.send_raw_update({"message": {"message_id": 1, "date": 0, "chat": {}}})
    _, got = _post(f"{api.root_url}/bot{TOKEN}/getUpdates", {"timeout": "5"})
    assert [u["update_id"] for u in got["result"]] == [first, second]
    edited = got["result"][0]["edited_message"]
    assert edited["entities"] == [{"type": "bot_command", "offset": 0, "length": 22}]
    # offset confirms everything below it
    _, rest = _post(f"{api.root_url}/bot{TOKEN}/getUpdates", {"offset": str(second)})
    assert [u["update_id"] for u in rest["result"]] == [second]

    api.send_command("post", chat_id=-100900, chat_type="channel", chat_title="News")
    _, chan = _post(f"{api.root_url}/bot{TOKEN}/getUpdates", {"offset": str(second + 1)})
    post = chan["result"][0]["channel_post"]
    assert post["sender_chat"]["title"] == "News" and "from" not in post


def test_stop_wakes_blocked_long_poll() -> None:
    import threading

    fake = FakeTelegramAPI(TOKEN)
    fake.start()
    results: list[tuple[int, dict[str, Any]]] = []
    poller = threading.Thread(
        target=lambda: results.append(
            _post(f"{fake.root_url}/bot{TOKEN}/getUpdates", {"timeout": "30"})
        )
    )
    poller.start()
    time.sleep(0.2)
    started = time.monotonic()
    fake.stop()
    poller.join(timeout=5)
    assert not poller.is_alive()
    assert time.monotonic() - started < 3


def test_wait_for_messages_reports_what_was_sent(api: FakeTelegramAPI) -> None:
    _post(f"{api.root_url}/bot{TOKEN}/sendMessage", {"chat_id": "7", "text": "other"})
    with pytest.raises(AssertionError, match="'other'"):
        api.wait_for_messages(8, timeout=0.1)
    assert api.wait_for_messages(7)[0].text == "other"
    api.clear()
    assert api.sent == [] and api.calls == []


async def test_buttons_edits_and_queries_as_telegram_documents_them(
    bot_app: Any, api: FakeTelegramAPI
) -> None:
    from telegram import (
        InlineKeyboardButton,
        InlineKeyboardMarkup,
        InlineQueryResultCachedPhoto,
        InputMediaPhoto,
    )

    bot = bot_app.bot
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="x|1")]])
    sent = await bot.send_photo(-42, photo=tiny_png(), caption="one", reply_markup=keyboard)
    assert sent.reply_markup == keyboard
    file_id = sent.photo[-1].file_id

    edited = await bot.edit_message_media(
        InputMediaPhoto(tiny_png(8, 8), caption="two"), chat_id=-42, message_id=sent.message_id
    )
    assert edited.message_id == sent.message_id and edited.caption == "two"
    assert edited.reply_markup is None  # an edit without a keyboard removes it
    again = await bot.edit_message_media(
        InputMediaPhoto(file_id, caption="one"),
        chat_id=-42,
        message_id=sent.message_id,
        reply_markup=keyboard,
    )
    assert again.photo[-1].file_id == file_id and again.reply_markup == keyboard
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_media(
            InputMediaPhoto(file_id, caption="one"),
            chat_id=-42,
            message_id=sent.message_id,
            reply_markup=keyboard,
        )
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        big = InlineKeyboardMarkup([[InlineKeyboardButton("b", callback_data="x" * 65)]])
        await bot.send_message(-42, "hi", reply_markup=big)

    query_id = api.press_button(-42, sent.message_id, "x|1")
    assert await bot.answer_callback_query(query_id, text="ok")
    assert api.callback_answers[query_id] == {"callback_query_id": query_id, "text": "ok"}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query_id)

    api.supports_inline_queries = True
    inline_id = api.send_inline_query("kakao")
    with pytest.raises(BadRequest, match=r"(?i)photo_invalid"):
        await bot.answer_inline_query(inline_id, [InlineQueryResultCachedPhoto("p", "nope")])
    assert await bot.answer_inline_query(inline_id, [InlineQueryResultCachedPhoto("p", file_id)])
    updates = await bot.get_updates()
    assert updates[0].callback_query.data == "x|1"
    assert updates[0].callback_query.message.caption == "one"
    assert updates[1].inline_query.query == "kakao"
