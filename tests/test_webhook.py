"""Webhook mode end to end through the fake Bot API: setWebhook is called with the URL and the
secret, an update POSTed to the bot's own web server with that secret is answered, one with a
wrong or missing secret is refused with 403 and never reaches a handler; long polling is off."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bot.chat.webhook import webhook_path, webhook_secret
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings, SettingsError, load_settings
from tests.bot_process import BotProcess
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import TOKEN, free_port, running_bot

URL = "https://bot.example.com/tg/hook"
SECRET = "s3cret_token-from-env"


async def test_updates_come_by_webhook_with_the_secret_checked(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = replace(
        settings,
        web_port=free_port(),
        telegram_webhook_url=URL,
        telegram_webhook_secret=SECRET,
    )
    async with running_bot(tuned, clock):
        assert telegram.webhook is not None
        assert telegram.webhook["url"] == URL
        assert telegram.webhook["secret_token"] == SECRET
        assert not telegram.calls_to("getUpdates")  # no long polling
        hook = f"http://127.0.0.1:{tuned.web_port}/tg/hook"
        async with httpx.AsyncClient(timeout=10) as http:
            for chat, headers in (
                (7101, {}),
                (7102, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}),
                (7103, {"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]}),
            ):
                update = {"update_id": chat, **telegram.command_update("/help", chat_id=chat)}
                refused = await http.post(hook, json=update, headers=headers)
                assert refused.status_code == 403
            update = {"update_id": 7104, **telegram.command_update("/help", chat_id=7104)}
            good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            accepted = await http.post(hook, json=update, headers=good)
            assert accepted.status_code == 200
            (reply,) = await telegram.await_messages(7104, 1)
            assert reply.text and reply.text.startswith("I watch public counts")
            bad = await http.post(hook, content=b"{not json", headers=good)
            assert bad.status_code == 400
            assert (await http.get(hook)).status_code == 405
            await asyncio.sleep(0.3)  # a refused update would have been answered by now
        for chat in (7101, 7102, 7103):
            assert telegram.messages_to(chat) == []
        assert not telegram.calls_to("getUpdates")


async def test_a_webhook_without_a_configured_secret_gets_a_new_one(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = replace(settings, web_port=free_port(), telegram_webhook_url="https://b.example/")
    async with running_bot(tuned, clock):
        assert telegram.webhook is not None
        secret = telegram.webhook["secret_token"]
        assert isinstance(secret, str) and len(secret) >= 32
        hook = f"http://127.0.0.1:{tuned.web_port}/telegram"
        update = {"update_id": 1, **telegram.command_update("/help", chat_id=7201)}
        async with httpx.AsyncClient(timeout=10) as http:
            assert (await http.post(hook, json=update)).status_code == 403
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
            assert (await http.post(hook, json=update, headers=headers)).status_code == 200
        await telegram.await_messages(7201, 1)


def test_webhook_path_and_secret() -> None:
    assert webhook_path("https://x.example/tg/hook/") == "/tg/hook"
    assert webhook_path("https://x.example") == "/telegram"
    assert webhook_secret("given") == "given"
    assert webhook_secret(None) != webhook_secret(None)


def test_webhook_settings() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN}
    assert load_settings(env).telegram_webhook_url is None  # long polling by default
    on = load_settings({**env, "TELEGRAM_WEBHOOK_URL": URL, "TELEGRAM_WEBHOOK_SECRET": SECRET})
    assert (on.telegram_webhook_url, on.telegram_webhook_secret) == (URL, SECRET)
    for bad in (
        {"TELEGRAM_WEBHOOK_URL": "http://plain.example/hook"},
        {"TELEGRAM_WEBHOOK_URL": URL, "WEB_PORT": "0"},
        {"TELEGRAM_WEBHOOK_SECRET": "no spaces allowed"},
    ):
        with pytest.raises(SettingsError):
            load_settings({**env, **bad})


def test_run_bot_in_webhook_mode_as_a_process(
    tmp_path: Path, source_server: SourceServer, telegram: FakeTelegramAPI
) -> None:
    """run_bot.py itself: setWebhook at start, no getUpdates, an update POSTed with the secret
    answered, a wrong one refused, and SIGTERM ends it cleanly (exit 0, web server closed)."""
    port = free_port()
    bot = BotProcess(
        tmp_path,
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": telegram.root_url,
            "KAKAO_API_URL": source_server.url,
            "ALLOW_PRIVATE_SOURCES": "true",
            "DATABASE_PATH": str(tmp_path / "data" / "bot.db"),
            "WEB_PORT": str(port),
            "TELEGRAM_WEBHOOK_URL": URL,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
        },
    )
    try:
        bot.start()
        bot.wait_for_output(f"receiving updates by webhook at {URL}", timeout=30)
        assert telegram.webhook is not None and telegram.webhook["secret_token"] == SECRET
        hook = f"http://127.0.0.1:{port}/tg/hook"
        update = {"update_id": 9, **telegram.command_update("/help", chat_id=7501)}
        wrong = {"X-Telegram-Bot-Api-Secret-Token": "nope"}
        assert httpx.post(hook, json=update, headers=wrong, timeout=10).status_code == 403
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert httpx.post(hook, json=update, headers=good, timeout=10).status_code == 200
        (reply,) = telegram.wait_for_messages(7501, 1, timeout=15)
        assert reply.text and reply.text.startswith("I watch public counts")
        assert not telegram.calls_to("getUpdates")
        code, _ = bot.terminate()
        assert code == 0, bot.run_output()
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5)
        assert SECRET not in bot.output
    finally:
        bot.stop()


async def test_what_is_not_an_update_is_refused_and_a_replay_is_ignored(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = replace(
        settings, web_port=free_port(), telegram_webhook_url=URL, telegram_webhook_secret=SECRET
    )
    async with running_bot(tuned, clock):
        hook = f"http://127.0.0.1:{tuned.web_port}/tg/hook"
        good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with httpx.AsyncClient(timeout=10) as http:
            for body in (
                b"{}",
                b"[]",
                b'"text"',
                b'{"update_id": "7"}',
                b'{"update_id": true}',
                b'{"update_id": 7, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
                b'{"update_id": 7, "x": ' + b"[" * 40 + b"]" * 40 + b"}",
                b"\xff\xfe",
            ):
                got = await http.post(hook, content=body, headers=good)
                assert got.status_code == 400, (body[:40], got.status_code)
            bad_bytes = [(b"X-Telegram-Bot-Api-Secret-Token", SECRET.encode() + b"\xff")]
            got = await http.post(hook, content=b"{}", headers=bad_bytes)
            assert got.status_code == 403
            update = {"update_id": 7301, **telegram.command_update("/help", chat_id=7301)}
            for _ in range(3):
                assert (await http.post(hook, json=update, headers=good)).status_code == 200
            await telegram.await_messages(7301, 1)
            await asyncio.sleep(0.5)  # a replay handed on would have been answered by now
        assert len(telegram.messages_to(7301)) == 1
