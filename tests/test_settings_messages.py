# ruff: noqa: E501  (the expected lines are written whole, as an operator reads them)
"""Every way a setting can be wrong, and the one line that says so, word for word: the table
in bot/settings.py must say exactly what the hand-written checks before it said."""

from __future__ import annotations

import pytest

from bot.settings import SETTINGS, Settings, SettingsError, load_settings

TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOpp"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "TELEGRAM_API_URL",
            "ftp://x",
            "TELEGRAM_API_URL='ftp://x' must be an http(s) URL, e.g. https://example.org",
        ),
        (
            "KAKAO_API_URL",
            "pf.kakao.com",
            "KAKAO_API_URL='pf.kakao.com' must be an http(s) URL, e.g. https://example.org",
        ),
        (
            "TELEGRAM_WEB_URL",
            "t.me",
            "TELEGRAM_WEB_URL='t.me' must be an http(s) URL, e.g. https://example.org",
        ),
        ("ALLOW_PRIVATE_SOURCES", "maybe", "ALLOW_PRIVATE_SOURCES='maybe' must be true or false"),
        (
            "SUSPECT_FACTOR",
            "1",
            "SUSPECT_FACTOR='1' must be a number above 1 (a sample that jumps by more than that factor from the last good one is held until the next confirms it), or 0 to turn the check off (default 10)",
        ),
        (
            "SUSPECT_FACTOR",
            "ten",
            "SUSPECT_FACTOR='ten' must be a number above 1 (a sample that jumps by more than that factor from the last good one is held until the next confirms it), or 0 to turn the check off (default 10)",
        ),
        (
            "SUSPECT_FACTOR",
            "1000001",
            "SUSPECT_FACTOR='1000001' must be a number above 1 (a sample that jumps by more than that factor from the last good one is held until the next confirms it), or 0 to turn the check off (default 10)",
        ),
        (
            "SUSPECT_FACTOR",
            "nan",
            "SUSPECT_FACTOR='nan' must be a number above 1 (a sample that jumps by more than that factor from the last good one is held until the next confirms it), or 0 to turn the check off (default 10)",
        ),
        (
            "SAMPLE_CONCURRENCY",
            "0",
            "SAMPLE_CONCURRENCY='0' must be a whole number from 1 to 64 (default 4)",
        ),
        (
            "SAMPLE_CONCURRENCY",
            "65",
            "SAMPLE_CONCURRENCY='65' must be a whole number from 1 to 64 (default 4)",
        ),
        (
            "KAKAO_CHANNEL_ID",
            "../etc",
            "KAKAO_CHANNEL_ID='../etc' is not a channel id: use the part after pf.kakao.com/, e.g. _xdhKKT",
        ),
        (
            "SAMPLE_INTERVAL_SECONDS",
            "4",
            "SAMPLE_INTERVAL_SECONDS='4' must be a whole number of seconds from 5 to 86400 (default 30)",
        ),
        (
            "SAMPLE_INTERVAL_SECONDS",
            "86401",
            "SAMPLE_INTERVAL_SECONDS='86401' must be a whole number of seconds from 5 to 86400 (default 30)",
        ),
        (
            "SAMPLE_INTERVAL_SECONDS",
            "half a minute",
            "SAMPLE_INTERVAL_SECONDS='half a minute' must be a whole number of seconds from 5 to 86400 (default 30)",
        ),
        (
            "TIMEZONE",
            "Mars/Base",
            "TIMEZONE='Mars/Base' is not an IANA time zone name; use e.g. Asia/Seoul or UTC",
        ),
        (
            "TIMEZONE",
            "../etc/passwd",
            "TIMEZONE='../etc/passwd' is not an IANA time zone name; use e.g. Asia/Seoul or UTC",
        ),
        (
            "DAILY_SUMMARY_TIME",
            "24:00",
            "DAILY_SUMMARY_TIME='24:00' must be a local time as HH:MM from 00:00 to 23:59 (default 09:00)",
        ),
        (
            "DAILY_SUMMARY_TIME",
            "9am",
            "DAILY_SUMMARY_TIME='9am' must be a local time as HH:MM from 00:00 to 23:59 (default 09:00)",
        ),
        (
            "RETENTION_RAW_DAYS",
            "36501",
            "RETENTION_RAW_DAYS='36501' must be a whole number of days from 0 to 36500: samples older than that are reduced to one per 10 minutes (0 keeps every sample; default 30)",
        ),
        (
            "RETENTION_RAW_DAYS",
            "-1",
            "RETENTION_RAW_DAYS='-1' must be a whole number of days from 0 to 36500: samples older than that are reduced to one per 10 minutes (0 keeps every sample; default 30)",
        ),
        (
            "ADMIN_USER_IDS",
            "12,alice,34",
            "ADMIN_USER_IDS has 'alice', which is not a numeric Telegram user id; use comma-separated numbers, e.g. 12345,67890 (ask @userinfobot for yours)",
        ),
        (
            "ADMIN_USER_IDS",
            "12,-",
            "ADMIN_USER_IDS has '-', which is not a numeric Telegram user id; use comma-separated numbers, e.g. 12345,67890 (ask @userinfobot for yours)",
        ),
        (
            "LOG_LEVEL",
            "loud",
            "LOG_LEVEL='LOUD' must be one of DEBUG, INFO, WARNING, ERROR (default INFO)",
        ),
        (
            "ALLOWED_SOURCE_PORTS",
            "80,0",
            "ALLOWED_SOURCE_PORTS='80,0' must be comma-separated port numbers from 1 to 65535 that web sources may use (default 80,443)",
        ),
        (
            "ALLOWED_SOURCE_PORTS",
            "80,http",
            "ALLOWED_SOURCE_PORTS='80,http' must be comma-separated port numbers from 1 to 65535 that web sources may use (default 80,443)",
        ),
        (
            "ALLOWED_SOURCE_PORTS",
            ",,",
            "ALLOWED_SOURCE_PORTS=',,' must be comma-separated port numbers from 1 to 65535 that web sources may use (default 80,443)",
        ),
        (
            "ALLOWED_SOURCE_PORTS",
            "65536",
            "ALLOWED_SOURCE_PORTS='65536' must be comma-separated port numbers from 1 to 65535 that web sources may use (default 80,443)",
        ),
        (
            "ALERT_AFTER_FAILURES",
            "0",
            "ALERT_AFTER_FAILURES='0' must be a whole number from 1 to 100000 (default 10)",
        ),
        (
            "ALERT_AFTER_FAILURES",
            "100001",
            "ALERT_AFTER_FAILURES='100001' must be a whole number from 1 to 100000 (default 10)",
        ),
        (
            "ALERT_AFTER_FAILURES",
            "many",
            "ALERT_AFTER_FAILURES='many' must be a whole number from 1 to 100000 (default 10)",
        ),
        ("PAID_BROADCAST", "sometimes", "PAID_BROADCAST='sometimes' must be true or false"),
        (
            "CHART_COOLDOWN_SECONDS",
            "-1",
            "CHART_COOLDOWN_SECONDS='-1' must be a whole number from 0 to 86400 (default 10)",
        ),
        (
            "CHART_COOLDOWN_SECONDS",
            "1.5",
            "CHART_COOLDOWN_SECONDS='1.5' must be a whole number from 0 to 86400 (default 10)",
        ),
        (
            "WEB_PORT",
            "65536",
            "WEB_PORT='65536' must be a whole number from 0 to 65535 (default 8080)",
        ),
        (
            "WEB_PORT",
            "http",
            "WEB_PORT='http' must be a whole number from 0 to 65535 (default 8080)",
        ),
        (
            "WEB_HOST",
            "127.0.0.1 8080",
            "WEB_HOST='127.0.0.1 8080' must be a host name or IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface); default 127.0.0.1",
        ),
        (
            "WEB_HOST",
            "h" * 300,
            "WEB_HOST='hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh' must be a host name or IP address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface); default 127.0.0.1",
        ),
        (
            "TELEGRAM_WEBHOOK_URL",
            "http://bot.example.com/telegram",
            "TELEGRAM_WEBHOOK_URL='http://bot.example.com/telegram' must be the public https:// address Telegram sends updates to, e.g. https://bot.example.com/telegram (empty: long polling, the default)",
        ),
        (
            "TELEGRAM_WEBHOOK_URL",
            "https:///telegram" + "x" * 100,
            "TELEGRAM_WEBHOOK_URL='https:///telegramxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' must be the public https:// address Telegram sends updates to, e.g. https://bot.example.com/telegram (empty: long polling, the default)",
        ),
        (
            "TELEGRAM_WEBHOOK_SECRET",
            "not secret!",
            "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); leave it empty for a new one at each start",
        ),
        (
            "TELEGRAM_WEBHOOK_SECRET",
            "s" * 257,
            "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); leave it empty for a new one at each start",
        ),
    ],
)
def test_each_wrong_value_has_its_one_line(name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})
    assert str(caught.value) == message


def test_a_webhook_needs_the_web_server() -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_WEBHOOK_URL": "https://bot.example.com/t"}
    with pytest.raises(SettingsError) as caught:
        load_settings({**env, "WEB_PORT": "0"})
    assert str(caught.value) == (
        "TELEGRAM_WEBHOOK_URL needs the web server: set WEB_PORT to a port (not 0) and forward "
        "the webhook address to it"
    )


def test_the_table_fills_every_field_from_the_environment_once() -> None:
    fields = [s.field for s in SETTINGS]
    assert len(fields) == len(set(fields))
    assert set(fields) <= set(Settings.__dataclass_fields__)
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))


def test_defaults_are_what_the_table_says_and_whole_numbers_read_as_python_does() -> None:
    s = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert s.telegram_webhook_url is None and s.telegram_webhook_secret is None
    assert s.allowed_source_ports == frozenset({80, 443}) and s.web_hidden == frozenset()
    assert s.paid_broadcast is False and s.chart_cooldown_seconds == 10.0
    assert isinstance(s.chart_cooldown_seconds, float)
    # A sign is read as int() reads it, for every whole number alike.
    assert (
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "SAMPLE_CONCURRENCY": "+4"}).sample_concurrency
        == 4
    )
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "WEB_PORT": "+80"}).web_port == 80
    # Without a required token (import, export), whatever is there is kept unchecked.
    assert load_settings({}, require_token=False).telegram_bot_token == ""
