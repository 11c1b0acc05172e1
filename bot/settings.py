"""Settings: read once at the entry point into one typed object, then passed down.

A wrong value stops the start with one line that names the setting; never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org"
DEFAULT_KAKAO_API_URL = "https://pf.kakao.com"
DEFAULT_KAKAO_CHANNEL_ID = "_xdhKKT"
DEFAULT_TELEGRAM_WEB_URL = "https://t.me"
DEFAULT_SUSPECT_FACTOR = 10.0
DEFAULT_SAMPLE_CONCURRENCY = 4
_URL_HELP = "must be an http(s) URL, e.g. https://example.org"
_FLAG_HELP = "must be true or false"


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it and says what would work."""


@dataclass(frozen=True, slots=True)
class Settings:
    telegram_bot_token: str
    telegram_api_url: str = DEFAULT_TELEGRAM_API_URL
    kakao_channel_id: str = DEFAULT_KAKAO_CHANNEL_ID
    kakao_api_url: str = DEFAULT_KAKAO_API_URL
    sample_interval_seconds: int = 30
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Seoul"))
    daily_summary_time: time = time(9, 0)
    database_path: Path = Path("data/channel-counter.db")
    admin_user_ids: frozenset[int] = frozenset()
    telegram_web_url: str = DEFAULT_TELEGRAM_WEB_URL  # where t.me pages are read from
    allow_private_sources: bool = False  # let sources reach loopback/private/link-local hosts
    allowed_source_ports: frozenset[int] = frozenset({80, 443})  # ports web sources may use
    suspect_factor: float = DEFAULT_SUSPECT_FACTOR  # a jump beyond ×f or ÷f is held as suspect
    sample_concurrency: int = DEFAULT_SAMPLE_CONCURRENCY  # source requests in flight at once
    alert_after_failures: int = 10  # consecutive failed samples before admins hear of it
    # /healthz answers 503 when the default source (every source with health_all_sources) has
    # had no good sample for this many of its intervals, with as many failures since; 0: never.
    health_stale_intervals: int = 3
    health_all_sources: bool = False
    chart_cooldown_seconds: float = 10.0  # per chat: one /chart per this many seconds
    log_level: str = "INFO"
    retention_raw_days: int = 30  # older samples are reduced to one per 10 minutes; 0: never
    # Telegram's paid broadcast for the daily summary: up to 1,000 msg/s, 0.1 Star a message.
    paid_broadcast: bool = False
    web_host: str = "127.0.0.1"  # the status page, API, /metrics and /healthz listen here
    web_port: int = 8080  # 0: no web server
    web_hidden: frozenset[str] = frozenset()  # labels kept off the page and the API
    # Webhook mode: Telegram POSTs updates to this public https URL (its path served by the web
    # server) instead of the bot long polling; None: long polling (the default).
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None  # None: a new one is made at each start
    # Not read from the environment: tuning knobs that tests and benchmarks set directly.
    request_timeout_seconds: float = 10.0
    summary_check_seconds: float = 60.0
    poll_timeout_seconds: int = 30
    sample_spread_seconds: float = 60.0  # first runs of the source jobs spread over this window
    fetch_deadline_seconds: float = 20.0  # one attempt at a source, all of it, however it trickles
    sample_attempts: int = 3  # tries per scheduled sample (retries only fit inside the interval)
    retry_base_seconds: float = 1.0  # first backoff step; doubles, with jitter
    db_busy_timeout_seconds: float = 5.0  # how long a write waits for a lock before it fails
    shutdown_grace_seconds: float = 2.0  # on SIGTERM, how long a broadcast may finish its message
    # Telegram's flood limits (AIORateLimiter): ~30 messages/s overall, 20/min in one group.
    telegram_messages_per_second: float = 30.0
    telegram_group_messages_per_minute: float = 20.0
    retention_check_seconds: float = 3600.0
    web_refresh_seconds: float = 30.0  # how often the page asks for new figures

    def source_ports(self) -> frozenset[int]:
        """The ports source requests may use: ALLOWED_SOURCE_PORTS, and those of the Kakao and
        t.me addresses the operator configured."""
        ports = set(self.allowed_source_ports)
        for url in (self.kakao_api_url, self.telegram_web_url):
            parts = urlsplit(url)
            try:
                ports.add(parts.port or (443 if parts.scheme == "https" else 80))
            except ValueError:
                continue
        return frozenset(ports)

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback through a repr.
        return f"Settings(database_path={self.database_path!s}, timezone={self.timezone.key})"


_CHANNEL_ID = re.compile(r"^_?[A-Za-z0-9]{1,40}$")
_WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram allows in secret_token
_WEB_HOST = re.compile(r"^[A-Za-z0-9.:_-]{1,253}$")
# A bot token as @BotFather gives it; the error below says the same rule in words.
_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")


class _InvalidError(ValueError):
    """A value a parser will not take; `shown` replaces the value in the error when the parser
    read it differently (LOG_LEVEL's upper case, the one bad id of ADMIN_USER_IDS)."""

    def __init__(self, shown: str | None = None) -> None:
        super().__init__(shown)
        self.shown = shown


@dataclass(frozen=True, slots=True)
class _Setting:
    """One environment variable: the `Settings` field it fills, how its text is read (a parser
    that knows its range and raises `_InvalidError`), its default as it would be written in .env,
    and the error's one line: `template` with the name, the value and `help` (what would work)."""

    name: str
    field: str
    parse: Callable[[str], Any]
    default: str
    help: str
    template: str = "{name}={value!r} {help}"
    shown_chars: int | None = None  # a long bad value is echoed this far


def _url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise _InvalidError
    return value.rstrip("/")


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise _InvalidError


def _whole(low: int, high: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise _InvalidError from None
        if not low <= number <= high:
            raise _InvalidError
        return number

    return parse


def _seconds(low: int, high: int) -> Callable[[str], float]:
    whole = _whole(low, high)
    return lambda value: float(whole(value))


def _factor(value: str) -> float:
    """Above 1 (a jump beyond ×f or ÷f is suspect), at most a million; 0: no check."""
    try:
        factor = float(value)
    except ValueError:
        raise _InvalidError from None
    if not (factor == 0 or 1 < factor <= 1_000_000):
        raise _InvalidError
    return factor


def _matching(pattern: re.Pattern[str]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if not pattern.match(value):
            raise _InvalidError
        return value

    return parse


def _zone(value: str) -> ZoneInfo:
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _InvalidError from None


def _summary_time(value: str) -> time:
    at = parse_hhmm(value)
    if at is None:
        raise _InvalidError
    return at


def _path(value: str) -> Path:
    return Path(value).expanduser()


def _admins(value: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in value.replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise _InvalidError(part)
        ids.add(int(part))
    return frozenset(ids)


def _log_level(value: str) -> str:
    level = value.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise _InvalidError(level)
    return level


def _ports(value: str) -> frozenset[int]:
    ports = [p.strip() for p in value.split(",") if p.strip()]
    if not ports or not all(p.isdigit() and 1 <= int(p) <= 65_535 for p in ports):
        raise _InvalidError
    return frozenset(int(p) for p in ports)


def _labels(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())


def _webhook_url(value: str) -> str | None:
    parts = urlsplit(value)
    if value and (parts.scheme != "https" or not parts.hostname):
        raise _InvalidError
    return value or None


def _webhook_secret(value: str) -> str | None:
    if value and not _WEBHOOK_SECRET.match(value):
        raise _InvalidError
    return value or None


# Every setting read from the environment but the token, in the order they are checked (the
# first bad one is reported).
SETTINGS: Final[tuple[_Setting, ...]] = (
    _Setting("TELEGRAM_API_URL", "telegram_api_url", _url, DEFAULT_TELEGRAM_API_URL, _URL_HELP),
    _Setting("KAKAO_API_URL", "kakao_api_url", _url, DEFAULT_KAKAO_API_URL, _URL_HELP),
    _Setting("TELEGRAM_WEB_URL", "telegram_web_url", _url, DEFAULT_TELEGRAM_WEB_URL, _URL_HELP),
    _Setting("ALLOW_PRIVATE_SOURCES", "allow_private_sources", _flag, "false", _FLAG_HELP),
    _Setting(
        "SUSPECT_FACTOR",
        "suspect_factor",
        _factor,
        "10",
        "must be a number above 1 (a sample that jumps by more than that factor from the last "
        "good one is held until the next confirms it), or 0 to turn the check off (default 10)",
    ),
    _Setting(
        "SAMPLE_CONCURRENCY",
        "sample_concurrency",
        _whole(1, 64),
        str(DEFAULT_SAMPLE_CONCURRENCY),
        f"must be a whole number from 1 to 64 (default {DEFAULT_SAMPLE_CONCURRENCY})",
    ),
    _Setting(
        "KAKAO_CHANNEL_ID",
        "kakao_channel_id",
        _matching(_CHANNEL_ID),
        DEFAULT_KAKAO_CHANNEL_ID,
        "is not a channel id: use the part after pf.kakao.com/, e.g. _xdhKKT",
    ),
    _Setting(
        "SAMPLE_INTERVAL_SECONDS",
        "sample_interval_seconds",
        _whole(5, 86_400),
        "30",
        "must be a whole number of seconds from 5 to 86400 (default 30)",
    ),
    _Setting(
        "TIMEZONE",
        "timezone",
        _zone,
        "Asia/Seoul",
        "is not an IANA time zone name; use e.g. Asia/Seoul or UTC",
    ),
    _Setting(
        "DAILY_SUMMARY_TIME",
        "daily_summary_time",
        _summary_time,
        "09:00",
        "must be a local time as HH:MM from 00:00 to 23:59 (default 09:00)",
    ),
    _Setting(
        "RETENTION_RAW_DAYS",
        "retention_raw_days",
        _whole(0, 36_500),
        "30",
        "must be a whole number of days from 0 to 36500: samples older than that are reduced "
        "to one per 10 minutes (0 keeps every sample; default 30)",
    ),
    _Setting("DATABASE_PATH", "database_path", _path, "data/channel-counter.db", ""),
    _Setting(
        "ADMIN_USER_IDS",
        "admin_user_ids",
        _admins,
        "",
        "use comma-separated numbers, e.g. 12345,67890 (ask @userinfobot for yours)",
        template="{name} has {value!r}, which is not a numeric Telegram user id; {help}",
    ),
    _Setting(
        "LOG_LEVEL",
        "log_level",
        _log_level,
        "INFO",
        "must be one of DEBUG, INFO, WARNING, ERROR (default INFO)",
    ),
    _Setting(
        "ALLOWED_SOURCE_PORTS",
        "allowed_source_ports",
        _ports,
        "80,443",
        "must be comma-separated port numbers from 1 to 65535 that web sources may use "
        "(default 80,443)",
    ),
    _Setting(
        "ALERT_AFTER_FAILURES",
        "alert_after_failures",
        _whole(1, 100_000),
        "10",
        "must be a whole number from 1 to 100000 (default 10)",
    ),
    _Setting(
        "HEALTH_STALE_INTERVALS",
        "health_stale_intervals",
        _whole(0, 10_000),
        "3",
        "must be a whole number from 0 to 10000 (default 3; 0 turns the check off)",
    ),
    _Setting("HEALTH_ALL_SOURCES", "health_all_sources", _flag, "false", _FLAG_HELP),
    _Setting("PAID_BROADCAST", "paid_broadcast", _flag, "false", _FLAG_HELP),
    _Setting(
        "CHART_COOLDOWN_SECONDS",
        "chart_cooldown_seconds",
        _seconds(0, 86_400),
        "10",
        "must be a whole number from 0 to 86400 (default 10)",
    ),
    _Setting(
        "WEB_PORT",
        "web_port",
        _whole(0, 65_535),
        "8080",
        "must be a whole number from 0 to 65535 (default 8080)",
    ),
    _Setting(
        "WEB_HOST",
        "web_host",
        _matching(_WEB_HOST),
        "127.0.0.1",
        "must be a host name or IP address to listen on, e.g. 127.0.0.1 (this machine only) "
        "or 0.0.0.0 (every interface); default 127.0.0.1",
        shown_chars=60,
    ),
    _Setting("WEB_HIDDEN_SOURCES", "web_hidden", _labels, "", ""),
    _Setting(
        "TELEGRAM_WEBHOOK_URL",
        "telegram_webhook_url",
        _webhook_url,
        "",
        "must be the public https:// address Telegram sends updates to, e.g. "
        "https://bot.example.com/telegram (empty: long polling, the default)",
        shown_chars=80,
    ),
    _Setting(
        "TELEGRAM_WEBHOOK_SECRET",
        "telegram_webhook_secret",
        _webhook_secret,
        "",
        "must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule); leave it "
        "empty for a new one at each start",
        template="{name} {help}",  # a secret is never echoed
    ),
)


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Build Settings from environment-like strings; raise SettingsError on the first bad one."""
    values: dict[str, Any] = {"telegram_bot_token": _token(env, require_token)}
    for setting in SETTINGS:
        raw = env.get(setting.name, "").strip() or setting.default
        try:
            values[setting.field] = setting.parse(raw)
        except _InvalidError as bad:
            shown = raw if bad.shown is None else bad.shown
            raise SettingsError(
                setting.template.format(
                    name=setting.name, value=shown[: setting.shown_chars], help=setting.help
                )
            ) from None
    if values["telegram_webhook_url"] is not None and values["web_port"] == 0:
        raise SettingsError(
            "TELEGRAM_WEBHOOK_URL needs the web server: set WEB_PORT to a port (not 0) and "
            "forward the webhook address to it"
        )
    return Settings(**values)


def _token(env: Mapping[str, str], required: bool) -> str:
    """The one setting without a default (tools that never reach Telegram go without it)."""
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not required:
        return token
    if not token:
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN is not set: talk to @BotFather in Telegram (/newbot), "
            "then put the token it gives you in .env as TELEGRAM_BOT_TOKEN=..."
        )
    if not _TOKEN.match(token):
        raise SettingsError(
            "TELEGRAM_BOT_TOKEN does not look like a bot token: expected the bot id "
            "(3 to 20 digits), a colon, then the secret (at least 20 letters, digits, "
            "_ or -), like "
            "123456789:AAH4f...; copy it again from @BotFather into .env"
        )
    return token


def parse_hhmm(text: str) -> time | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)
