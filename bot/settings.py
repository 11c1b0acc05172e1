"""Settings: read once at the entry point into one typed object, then passed down.

A wrong value stops the start with one line that names the setting; never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TELEGRAM_API_URL = "https://api.telegram.org"
DEFAULT_KAKAO_API_URL = "https://pf.kakao.com"
DEFAULT_KAKAO_CHANNEL_ID = "_xdhKKT"
DEFAULT_TELEGRAM_WEB_URL = "https://t.me"
DEFAULT_SUSPECT_FACTOR = 10.0
DEFAULT_SAMPLE_CONCURRENCY = 4


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


def load_settings(env: Mapping[str, str], *, require_token: bool = True) -> Settings:
    """Build Settings from environment-like strings; raise SettingsError on the first bad one."""

    def get(name: str, default: str) -> str:
        value = env.get(name, "").strip()
        return value if value else default

    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token:
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

    api_url = _url("TELEGRAM_API_URL", get("TELEGRAM_API_URL", DEFAULT_TELEGRAM_API_URL))
    kakao_url = _url("KAKAO_API_URL", get("KAKAO_API_URL", DEFAULT_KAKAO_API_URL))
    telegram_web_url = _url("TELEGRAM_WEB_URL", get("TELEGRAM_WEB_URL", DEFAULT_TELEGRAM_WEB_URL))
    allow_private = _flag("ALLOW_PRIVATE_SOURCES", get("ALLOW_PRIVATE_SOURCES", "false"))

    raw_factor = get("SUSPECT_FACTOR", "10")
    try:
        factor = float(raw_factor)
    except ValueError:
        factor = -1.0
    if not (factor == 0 or 1 < factor <= 1_000_000):
        raise SettingsError(
            f"SUSPECT_FACTOR={raw_factor!r} must be a number above 1 (a sample that jumps by more "
            "than that factor from the last good one is held until the next confirms it), "
            "or 0 to turn the check off (default 10)"
        )

    raw_concurrency = get("SAMPLE_CONCURRENCY", str(DEFAULT_SAMPLE_CONCURRENCY))
    concurrency = int(raw_concurrency) if raw_concurrency.isdigit() else 0
    if not 1 <= concurrency <= 64:
        raise SettingsError(
            f"SAMPLE_CONCURRENCY={raw_concurrency!r} must be a whole number from 1 to 64 "
            f"(default {DEFAULT_SAMPLE_CONCURRENCY})"
        )

    channel = get("KAKAO_CHANNEL_ID", DEFAULT_KAKAO_CHANNEL_ID)
    if not _CHANNEL_ID.match(channel):
        raise SettingsError(
            f"KAKAO_CHANNEL_ID={channel!r} is not a channel id: use the part after "
            "pf.kakao.com/, e.g. _xdhKKT"
        )

    raw_interval = get("SAMPLE_INTERVAL_SECONDS", "30")
    try:
        interval = int(raw_interval)
    except ValueError:
        interval = 0
    if not 5 <= interval <= 86_400:
        raise SettingsError(
            f"SAMPLE_INTERVAL_SECONDS={raw_interval!r} must be a whole number of seconds "
            "from 5 to 86400 (default 30)"
        )

    tz_name = get("TIMEZONE", "Asia/Seoul")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"TIMEZONE={tz_name!r} is not an IANA time zone name; use e.g. Asia/Seoul or UTC"
        ) from None

    raw_time = get("DAILY_SUMMARY_TIME", "09:00")
    summary_time = parse_hhmm(raw_time)
    if summary_time is None:
        raise SettingsError(
            f"DAILY_SUMMARY_TIME={raw_time!r} must be a local time as HH:MM from 00:00 to 23:59 "
            "(default 09:00)"
        )

    raw_retention = get("RETENTION_RAW_DAYS", "30")
    retention = int(raw_retention) if raw_retention.isdigit() else -1
    if not 0 <= retention <= 36_500:
        raise SettingsError(
            f"RETENTION_RAW_DAYS={raw_retention!r} must be a whole number of days from 0 to 36500: "
            "samples older than that are reduced to one per 10 minutes (0 keeps every sample; "
            "default 30)"
        )

    db_path = Path(get("DATABASE_PATH", "data/channel-counter.db")).expanduser()

    admins: set[int] = set()
    for part in env.get("ADMIN_USER_IDS", "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise SettingsError(
                f"ADMIN_USER_IDS has {part!r}, which is not a numeric Telegram user id; "
                "use comma-separated numbers, e.g. 12345,67890 (ask @userinfobot for yours)"
            )
        admins.add(int(part))

    log_level = get("LOG_LEVEL", "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise SettingsError(
            f"LOG_LEVEL={log_level!r} must be one of DEBUG, INFO, WARNING, ERROR (default INFO)"
        )
    raw_ports = get("ALLOWED_SOURCE_PORTS", "80,443")
    ports = [p.strip() for p in raw_ports.split(",") if p.strip()]
    if not ports or not all(p.isdigit() and 1 <= int(p) <= 65_535 for p in ports):
        raise SettingsError(
            f"ALLOWED_SOURCE_PORTS={raw_ports!r} must be comma-separated port numbers from 1 to "
            "65535 that web sources may use (default 80,443)"
        )
    alert_after = _whole_number(env, "ALERT_AFTER_FAILURES", "10", 1, 100_000)
    paid_broadcast = _flag("PAID_BROADCAST", get("PAID_BROADCAST", "false"))
    chart_cooldown = _whole_number(env, "CHART_COOLDOWN_SECONDS", "10", 0, 86_400)
    web_port = _whole_number(env, "WEB_PORT", "8080", 0, 65_535)
    web_host = get("WEB_HOST", "127.0.0.1")
    if not _WEB_HOST.match(web_host):
        raise SettingsError(
            f"WEB_HOST={web_host[:60]!r} must be a host name or IP address to listen on, "
            "e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface); default 127.0.0.1"
        )

    hidden = frozenset(
        part.strip() for part in env.get("WEB_HIDDEN_SOURCES", "").split(",") if part.strip()
    )
    webhook_url = env.get("TELEGRAM_WEBHOOK_URL", "").strip() or None
    if webhook_url is not None:
        parts = urlsplit(webhook_url)
        if parts.scheme != "https" or not parts.hostname:
            raise SettingsError(
                f"TELEGRAM_WEBHOOK_URL={webhook_url[:80]!r} must be the public https:// address "
                "Telegram sends updates to, e.g. https://bot.example.com/telegram (empty: long "
                "polling, the default)"
            )
        if web_port == 0:
            raise SettingsError(
                "TELEGRAM_WEBHOOK_URL needs the web server: set WEB_PORT to a port (not 0) and "
                "forward the webhook address to it"
            )
    webhook_secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip() or None
    if webhook_secret is not None and not _WEBHOOK_SECRET.match(webhook_secret):
        raise SettingsError(
            "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - "
            "(Telegram's rule); leave it empty for a new one at each start"
        )

    return Settings(
        telegram_bot_token=token,
        telegram_api_url=api_url,
        kakao_channel_id=channel,
        kakao_api_url=kakao_url,
        sample_interval_seconds=interval,
        timezone=tz,
        daily_summary_time=summary_time,
        database_path=db_path,
        admin_user_ids=frozenset(admins),
        telegram_web_url=telegram_web_url,
        allow_private_sources=allow_private,
        allowed_source_ports=frozenset(int(p) for p in ports),
        suspect_factor=factor,
        sample_concurrency=concurrency,
        alert_after_failures=alert_after,
        chart_cooldown_seconds=float(chart_cooldown),
        log_level=log_level,
        retention_raw_days=retention,
        paid_broadcast=paid_broadcast,
        web_host=web_host,
        web_port=web_port,
        web_hidden=hidden,
        telegram_webhook_url=webhook_url,
        telegram_webhook_secret=webhook_secret,
    )


def _whole_number(env: Mapping[str, str], name: str, default: str, low: int, high: int) -> int:
    raw = env.get(name, "").strip() or default
    try:
        value = int(raw)
    except ValueError:
        value = low - 1
    if not low <= value <= high:
        raise SettingsError(
            f"{name}={raw!r} must be a whole number from {low} to {high} (default {default})"
        )
    return value


def parse_hhmm(text: str) -> time | None:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _flag(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name}={value!r} must be true or false")


def _url(name: str, value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise SettingsError(f"{name}={value!r} must be an http(s) URL, e.g. https://example.org")
    return value.rstrip("/")
