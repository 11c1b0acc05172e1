"""Wiring: the Application, its handlers, its jobs, and the resources it opens and closes."""

from __future__ import annotations

import logging
from typing import Any

import httpx
from telegram import BotCommand, BotCommandScopeDefault, Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot import handlers
from bot.clock import Clock, SystemClock
from bot.model import Source
from bot.redaction import install_redaction
from bot.runtime import Runtime, attach, detach, runtime
from bot.sampling import sample_once
from bot.settings import Settings
from bot.summary import send_due_summaries
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
        ("help", "What I can do"),
    ],
    "ko": [
        ("now", "현재 수치, 24시간 변화, 증가 속도"),
        ("chart", "추이 차트: /chart 24h | 7d | 30d | all"),
        ("subscribe", "이 채팅에서 일일 요약 받기"),
        ("unsubscribe", "일일 요약 그만 받기"),
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
        db = await open_database(settings.database_path)
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(settings.request_timeout_seconds),
            follow_redirects=True,
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        rt = Runtime(settings=settings, clock=the_clock, db=db, http=http)
        attach(application, rt)
        default = await source_store.ensure_source(
            db,
            kind="kakao",
            target=settings.kakao_channel_id,
            label="kakao",
            interval_seconds=settings.sample_interval_seconds,
            created_at=the_clock.now(),
        )
        log.info("tracking %s every %s s", default.key, default.interval_seconds)
        for source in await source_store.list_sources(db):
            schedule_sampling(application, source)
        schedule_summaries(application, settings)
        for lang, commands in COMMANDS.items():
            await application.bot.set_my_commands(
                [BotCommand(name, description) for name, description in commands],
                scope=BotCommandScopeDefault(),
                language_code=None if lang == "en" else lang,
            )

    async def post_shutdown(application: AnyApplication) -> None:
        rt = detach(application)
        if rt is not None:
            await rt.http.aclose()
            await rt.db.close()

    application: AnyApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter(max_retries=3))
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
    application.add_handler(MessageHandler(filters.COMMAND, handlers.unknown_command))
    application.add_error_handler(handlers.on_error)
    return application


async def _sample_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    source = next((s for s in await source_store.list_sources(rt.db) if s.id == job.data), None)
    if source is None:
        job.schedule_removal()
        return
    await sample_once(rt, source)


async def _summary_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    sent = await send_due_summaries(runtime(context), context.bot)
    if sent:
        log.info("daily summary sent to %d chats", sent)


def schedule_sampling(application: AnyApplication, source: Source) -> None:
    """One repeating job per source; a late run is still run (not APScheduler's 1 s grace)."""
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    name = f"sample:{source.id}"
    for old in queue.get_jobs_by_name(name):
        old.schedule_removal()
    queue.run_repeating(
        _sample_job,
        interval=source.interval_seconds,
        first=0.5 + ((source.id - 1) * 7.3) % min(source.interval_seconds, 30),
        data=source.id,
        name=name,
        job_kwargs={
            "misfire_grace_time": source.interval_seconds,
            "coalesce": True,
            "max_instances": 1,
        },
    )


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
        first=min(5.0, settings.summary_check_seconds),
        name="summary:check",
        job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
    )


def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; updates that arrived while the bot was down are processed."""
    application = build_application(settings)
    application.run_polling(
        allowed_updates=Update.ALL_TYPES,
        timeout=settings.poll_timeout_seconds,
        drop_pending_updates=False,
    )
