from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOpp"


def test_defaults() -> None:
    s = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert s.telegram_api_url == "https://api.telegram.org"
    assert s.kakao_channel_id == "_xdhKKT"
    assert s.kakao_api_url == "https://pf.kakao.com"
    assert s.sample_interval_seconds == 30
    assert s.timezone.key == "Asia/Seoul"
    assert s.daily_summary_time == time(9, 0)
    assert s.database_path == Path("data/channel-counter.db")
    assert s.admin_user_ids == frozenset()
    assert s.retention_raw_days == 30


def test_values_are_read() -> None:
    s = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "TIMEZONE": "UTC",
            "DAILY_SUMMARY_TIME": "7:30",
            "ADMIN_USER_IDS": "12, 34",
            "SAMPLE_INTERVAL_SECONDS": "60",
            "RETENTION_RAW_DAYS": "0",
        }
    )
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert s.daily_summary_time == time(7, 30)
    assert s.admin_user_ids == frozenset({12, 34})
    assert s.sample_interval_seconds == 60
    assert s.retention_raw_days == 0


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "nope"}, "TELEGRAM_BOT_TOKEN"),
        ({"TIMEZONE": "Mars/Base"}, "TIMEZONE"),
        ({"DAILY_SUMMARY_TIME": "25:00"}, "DAILY_SUMMARY_TIME"),
        ({"DAILY_SUMMARY_TIME": "9am"}, "DAILY_SUMMARY_TIME"),
        ({"SAMPLE_INTERVAL_SECONDS": "0"}, "SAMPLE_INTERVAL_SECONDS"),
        ({"SAMPLE_INTERVAL_SECONDS": "abc"}, "SAMPLE_INTERVAL_SECONDS"),
        ({"ADMIN_USER_IDS": "alice"}, "ADMIN_USER_IDS"),
        ({"RETENTION_RAW_DAYS": "-1"}, "RETENTION_RAW_DAYS"),
        ({"RETENTION_RAW_DAYS": "a month"}, "RETENTION_RAW_DAYS"),
        ({"RETENTION_RAW_DAYS": "99999"}, "RETENTION_RAW_DAYS"),
        ({"KAKAO_CHANNEL_ID": "../etc"}, "KAKAO_CHANNEL_ID"),
        ({"KAKAO_API_URL": "ftp://x"}, "KAKAO_API_URL"),
    ],
)
def test_a_wrong_value_names_the_setting(env: dict[str, str], names: str) -> None:
    full = {"TELEGRAM_BOT_TOKEN": TOKEN, **env} if names != "TELEGRAM_BOT_TOKEN" else env
    with pytest.raises(SettingsError) as caught:
        load_settings(full)
    message = str(caught.value)
    assert message.startswith(names)
    assert "\n" not in message


def test_missing_token_says_where_to_get_one() -> None:
    with pytest.raises(SettingsError, match="@BotFather"):
        load_settings({})


def test_token_not_in_repr() -> None:
    s = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert TOKEN not in repr(s)
    assert TOKEN.split(":")[1] not in str(s)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ALERT_AFTER_FAILURES", "0"),
        ("ALERT_AFTER_FAILURES", "many"),
        ("CHART_COOLDOWN_SECONDS", "-1"),
        ("LOG_LEVEL", "LOUD"),
        ("TELEGRAM_WEB_URL", "t.me"),
        ("ALLOW_PRIVATE_SOURCES", "maybe"),
        ("SUSPECT_FACTOR", "1"),
        ("SUSPECT_FACTOR", "-3"),
        ("SUSPECT_FACTOR", "ten"),
        ("SAMPLE_CONCURRENCY", "0"),
        ("SAMPLE_CONCURRENCY", "100"),
        ("SAMPLE_CONCURRENCY", "two"),
        ("WEB_PORT", "65536"),
        ("WEB_PORT", "-1"),
        ("WEB_PORT", "http"),
        ("WEB_HOST", "127.0.0.1 8080"),
        ("WEB_HOST", "http://x/"),
    ],
)
def test_each_bad_setting_names_itself(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, name: value})
    assert str(caught.value).startswith(name)
    assert str(caught.value).startswith(f"{name}=")


def test_optional_settings_defaults_and_values() -> None:
    s = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert (s.alert_after_failures, s.chart_cooldown_seconds, s.log_level) == (10, 10.0, "INFO")
    s = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "ALERT_AFTER_FAILURES": "3",
            "CHART_COOLDOWN_SECONDS": "0",
            "LOG_LEVEL": "debug",
        }
    )
    assert (s.alert_after_failures, s.chart_cooldown_seconds, s.log_level) == (3, 0.0, "DEBUG")
    default = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert default.telegram_web_url == "https://t.me"
    assert default.allow_private_sources is False
    assert default.suspect_factor == 10.0
    assert default.sample_concurrency == 4
    s = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_WEB_URL": "http://127.0.0.1:9000/",
            "ALLOW_PRIVATE_SOURCES": "TRUE",
            "SUSPECT_FACTOR": "5.5",
            "SAMPLE_CONCURRENCY": "16",
        }
    )
    assert s.telegram_web_url == "http://127.0.0.1:9000"
    assert s.allow_private_sources is True
    assert s.suspect_factor == 5.5
    assert s.sample_concurrency == 16
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "SUSPECT_FACTOR": "0"}).suspect_factor == 0


TOKEN_RULE = (
    "TELEGRAM_BOT_TOKEN does not look like a bot token: expected the bot id (3 to 20 digits), "
    "a colon, then the secret (at least 20 letters, digits, _ or -), like 123456789:AAH4f...; "
    "copy it again from @BotFather into .env"
)


@pytest.mark.parametrize(
    ("token", "accepted"),
    [
        ("123:" + "a" * 20, True),  # the shortest: 3 digits, 20 secret characters
        ("1" * 20 + ":" + "A-_9" * 5, True),  # 20 digits; letters, digits, _ and -
        (TOKEN, True),
        ("123456:TEST", False),  # the example: a secret of 4
        ("12:" + "a" * 20, False),  # a bot id of 2 digits
        ("1" * 21 + ":" + "a" * 20, False),  # of 21
        ("123:" + "a" * 19, False),  # a secret of 19
        ("123:" + "a" * 19 + ".", False),  # a character outside letters, digits, _ and -
        ("abc:" + "a" * 20, False),  # a bot id that is not digits
        ("123" + "a" * 20, False),  # no colon
    ],
)
def test_the_token_check_is_the_rule_its_error_states(token: str, accepted: bool) -> None:
    if accepted:
        assert load_settings({"TELEGRAM_BOT_TOKEN": token}).telegram_bot_token == token
        return
    with pytest.raises(SettingsError) as caught:
        load_settings({"TELEGRAM_BOT_TOKEN": token})
    assert str(caught.value) == TOKEN_RULE
    assert token not in str(caught.value)


def test_web_server_settings() -> None:
    default = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert (default.web_host, default.web_port) == ("127.0.0.1", 8080)
    s = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "WEB_HOST": "0.0.0.0", "WEB_PORT": "0"})
    assert (s.web_host, s.web_port) == ("0.0.0.0", 0)
    assert load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "WEB_HOST": "::1"}).web_host == "::1"
    hidden = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "WEB_HIDDEN_SOURCES": " durov, Kakao2 ,"})
    assert hidden.web_hidden == frozenset({"durov", "Kakao2"})
