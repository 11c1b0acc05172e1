"""Wiring: the Application, its handlers, its jobs, and the resources it opens and closes."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.chat import handlers, source_commands, status
from bot.chat.jobs import schedule_sampling
from bot.chat.ratelimit import Cooldown, telegram_buckets
from bot.chat.runtime import Runtime, attach, detach, runtime
from bot.chat.shutdown import install_stop_signals
from bot.core.clock import Clock, SystemClock
from bot.redaction import install_redaction
from bot.services.default_source import ensure_default_source
from bot.services.retention import reduce_old_samples
from bot.services.summary import send_due_summaries
from bot.settings import Settings
from bot.sources.transport import SourceTransport
from storage import sources as source_store
from storage.database import open_database

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

COMMANDS = {
    "en": [
        ("now", "Current count, 24 h change, rate"),
        ("chart", "Trend chart: /chart 24h | 7d | 30d | all"),
        ("subscribe", "Daily summary in this chat"),
        ("unsubscribe", "Stop the daily summary"),
        ("sources", "What is tracked, and how each source is doing"),
        ("help", "What I can do"),
    ],
    "ko": [
        ("now", "현재 수치, 24시간 변화, 증가 속도"),
        ("chart", "추이 차트: /chart 24h | 7d | 30d | all"),
        ("subscribe", "이 채팅에서 일일 요약 받기"),
        ("unsubscribe", "일일 요약 그만 받기"),
        ("sources", "추적 중인 출처와 수집 상태"),
        ("help", "도움말"),
    ],
}


def quiet_noisy_loggers() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the token."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def build_application(settings: Settings, *, clock: Clock | None = None) -> AnyApplication:
    quiet_noisy_loggers()
    install_redaction(settings.telegram_bot_token)
    the_clock: Clock = clock or SystemClock()

    async def post_init(application: AnyApplication) -> None:
        db = await open_database(
            settings.database_path, busy_timeout_seconds=settings.db_busy_timeout_seconds
        )
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.request_timeout_seconds),
            follow_redirects=True,
            transport=SourceTransport(
                httpx.AsyncHTTPTransport(
                    limits=httpx.Limits(max_connections=20, max_keepalive_connections=10)
                ),
                allow_private=settings.allow_private_sources,
                concurrency=settings.sample_concurrency,
                deadline_seconds=settings.request_timeout_seconds,
            ),
        )
        rt = Runtime(
            settings=settings,
            clock=the_clock,
            db=db,
            http=http,
            member_count=application.bot.get_chat_member_count,
            bot=application.bot,
            chart_cooldown=Cooldown(settings.chart_cooldown_seconds),
        )
        attach(application, rt)
        await track_default_source(rt)
        for source in await source_store.list_sources(db):
            schedule_sampling(application, source, settings.sample_spread_seconds)
        schedule_summaries(application, settings)
        schedule_retention(application, settings)
        try:
            for lang, commands in COMMANDS.items():
                await application.bot.set_my_commands(
                    [BotCommand(name, description) for name, description in commands],
                    scope=BotCommandScopeDefault(),
                    language_code=None if lang == "en" else lang,
                )
        except TelegramError as exc:  # the menu is a nicety; it is set again at the next start
            log.warning("could not set the command menu: %s", exc)

    async def post_shutdown(application: AnyApplication) -> None:
        rt = detach(application)
        if rt is not None:
            await rt.http.aclose()
            await rt.db.close()

    overall, group = telegram_buckets(
        settings.telegram_messages_per_second, settings.telegram_group_messages_per_minute
    )
    application: AnyApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .concurrent_updates(True)
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=overall.max_rate,
                overall_time_period=overall.time_period,
                group_max_rate=group.max_rate,
                group_time_period=group.time_period,
                max_retries=3,
            )
        )
        .get_updates_read_timeout(settings.poll_timeout_seconds + 10)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("now", handlers.now))
    application.add_handler(CommandHandler("chart", handlers.chart))
    application.add_handler(CommandHandler("subscribe", handlers.subscribe))
    application.add_handler(CommandHandler("unsubscribe", handlers.unsubscribe))
    application.add_handler(CommandHandler("track", source_commands.track))
    application.add_handler(CommandHandler("untrack", source_commands.untrack))
    application.add_handler(CommandHandler("sources", source_commands.list_sources))
    application.add_handler(CommandHandler("status", status.status))
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    application.add_error_handler(handlers.on_error)
    return application


async def _summary_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    if rt.stopping.is_set():
        return
    async with rt.job():
        sent = await send_due_summaries(rt, context.bot)
        if sent:
            log.info("daily summary sent to %d chats", sent)


async def track_default_source(rt: Runtime) -> None:
    """The .env Kakao channel is tracked at first start; after that, /track and /untrack rule.

    (Re-adding it at every start would bring back a channel an admin untracked.)
    """
    settings = rt.settings
    if await source_store.count_sources(rt.db) == 0:
        default = await ensure_default_source(rt.db, settings, rt.clock.now())
        log.info("first start: tracking %s every %s s", default.key, default.interval_seconds)
    elif await source_store.source_by_key(rt.db, "kakao", settings.kakao_channel_id) is None:
        log.info(
            "KAKAO_CHANNEL_ID=%s is not tracked; sources are managed in the chat with /track",
            settings.kakao_channel_id,
        )


async def _retention_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    if rt.stopping.is_set():
        return
    async with rt.job():
        await reduce_old_samples(rt)


def schedule_summaries(application: AnyApplication, settings: Settings) -> None:
    """At the set local time, and every minute after as a catch-up (it sends each chat once)."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    at = settings.daily_summary_time.replace(tzinfo=settings.timezone)
    queue.run_daily(
        _summary_job, time=at, name="summary:daily", job_kwargs={"misfire_grace_time": 3600}
    )
    queue.run_repeating(
        _summary_job,
        interval=settings.summary_check_seconds,
        first=min(2.0, settings.summary_check_seconds),  # after the first sample, promptly
        name="summary:check",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )


def schedule_retention(application: AnyApplication, settings: Settings) -> None:
    """Reduce old samples soon after the start (whole history) and then every hour (the new day)."""
    if settings.retention_raw_days <= 0:
        return
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    queue.run_repeating(
        _retention_job,
        interval=settings.retention_check_seconds,
        first=min(60.0, settings.retention_check_seconds),
        name="retention",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )


def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; updates that arrived while the bot was down are processed.

    Starting while the Bot API is unreachable waits for it (bootstrap retries without end)
    rather than exiting into a restart loop. A stop signal first lets running jobs end
    (bot/shutdown.py), so SIGTERM is quick even while a source hangs.
    """
    application = build_application(settings)
    install_stop_signals(application, settings.shutdown_grace_seconds)
    application.run_polling(
        allowed_updates=Update.ALL_TYPES,
        timeout=settings.poll_timeout_seconds,
        drop_pending_updates=False,
        bootstrap_retries=-1,
        stop_signals=None,
    )
