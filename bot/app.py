"""Wiring: the Application, its handlers, its jobs, and the resources it opens and closes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx
from telegram import (
    BotCommand,
    BotCommandScope,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    Update,
)
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder

from bot.chat import (
    alerts,
    basics,
    buttons,
    chart,
    chart_buttons,
    compare,
    days,
    deeplinks,
    export,
    forecast,
    inline,
    milestones,
    now,
    sources,
    status,
    subscriptions,
    whoami,
    why,
)
from bot.chat import (
    settings as chat_settings,
)
from bot.chat.admins import tell_admins
from bot.chat.context import CONTEXT_TYPES, BotApplication
from bot.chat.counting import COUNT_GROUP, COUNT_UPDATES, CountingRateLimiter
from bot.chat.jobs import JobSchedule, sampling_job_ids, schedule_retention, schedule_summaries
from bot.chat.outbox import TelegramOutbox
from bot.chat.ratelimit import Cooldown, telegram_buckets
from bot.chat.shutdown import STOP_SIGNALS, end_jobs, install_stop_signals
from bot.chat.startup import reach_telegram
from bot.chat.webhook import receiver, set_webhook, webhook_path, webhook_secret
from bot.core.clock import Clock, SystemClock
from bot.core.lang import DEFAULT_LANG, LANGS
from bot.core.model import Source
from bot.presentation.numbers import format_duration
from bot.presentation.texts import text
from bot.redaction import install_redaction
from bot.services.default_source import track_default_source
from bot.services.deps import Deps
from bot.services.metrics import Metrics
from bot.services.watch import Watch
from bot.settings import Settings
from bot.sources.kinds import KINDS
from bot.sources.transport import SourceTransport
from bot.web.server import Webhook, WebServer
from storage import sources as source_store
from storage.database import open_database

log = logging.getLogger(__name__)


# The public commands, in the order of the command menu; each has "menu.<name>" in the catalogue.
MENU = (
    "now",
    "chart",
    "days",
    "forecast",
    "compare",
    "why",
    "alert",
    "subscribe",
    "unsubscribe",
    "subscriptions",
    "settings",
    "sources",
    "export",
    "whoami",
    "help",
)
ADMIN_MENU = ("track", "untrack", "status")  # shown to admins only, in their chat with the bot


def quiet_noisy_loggers() -> None:
    """httpx logs every request URL at INFO, and Bot API URLs contain the token."""
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def source_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client every source request goes through (bot/sources/transport.py)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(settings.request_timeout_seconds),
        follow_redirects=True,
        transport=SourceTransport(
            httpx.AsyncHTTPTransport(
                limits=httpx.Limits(max_connections=20, max_keepalive_connections=10)
            ),
            allow_private=settings.allow_private_sources,
            concurrency=settings.sample_concurrency,
            deadline_seconds=settings.request_timeout_seconds,
            allowed_ports=settings.source_ports(),
        ),
    )


def file_size(size: int) -> str:
    """A byte count as an operator reads it: 512 B, 4.0 KiB, 3.9 MiB."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def where_from(source: Source) -> str:
    """What a source reads, for the log: a web source's host only (a URL may carry a key)."""
    kind = KINDS.get(source.kind)
    if kind is not None and kind.url:
        return f"{source.kind}:{urlsplit(source.target).hostname}"
    return source.key


def start_lines(settings: Settings, username: str, tracked: Sequence[Source]) -> list[str]:
    """What a successful start logs at INFO: who the bot is, what it samples, when, where."""
    path = settings.database_path
    # The file and its write-ahead log: what the database takes on disk until a checkpoint.
    files = [f for f in (path, path.with_name(path.name + "-wal")) if f.exists()]
    size = file_size(sum(f.stat().st_size for f in files)) if files else "not created yet"
    lines = [f"started as @{username}"]
    lines += [
        f"source {s.label} ({where_from(s)}) every {format_duration(s.interval_seconds, 'en')}"
        for s in tracked
    ]
    if not tracked:
        lines.append("no source tracked yet: an admin adds one with /track")
    lines.append(f"daily summary at {settings.daily_summary_time:%H:%M} {settings.timezone.key}")
    lines.append(f"database {path.resolve()} ({size})")
    return lines


async def open_resources(application: BotApplication, settings: Settings, clock: Clock) -> None:
    """Open the database and the sources' client, and start sampling: the source jobs and
    retention need no Bot API, so they run even while Telegram cannot be reached. Once only."""
    if application.bot_data.is_open:
        return
    db = await open_database(
        settings.database_path, busy_timeout_seconds=settings.db_busy_timeout_seconds
    )
    bot = application.bot

    async def to_admins(body: str) -> int:
        return await tell_admins(bot, settings.admin_user_ids, body)

    deps = Deps(
        settings=settings,
        clock=clock,
        db=db,
        http=source_client(settings),
        member_count=bot.get_chat_member_count,
        tell_admins=to_admins,
        metrics=application.bot_data.metrics,
        parse=application.bot_data.parsers,
    )
    schedule = JobSchedule(application, settings.sample_spread_seconds)
    application.bot_data.open(deps, schedule, Cooldown(settings.chart_cooldown_seconds))
    await application.bot_data.chats.load(db)
    # Milestones and a chat's own alerts are checked after each stored sample.
    watch = Watch(deps, TelegramOutbox(bot, paid=settings.paid_broadcast))
    application.bot_data.sampler.after_stored.append(watch.after_sample)
    await track_default_source(deps)
    # The parse workers before the first sample: their start is not a source's slowness.
    await application.bot_data.parsers.warm()
    for source in await source_store.list_sources(db):
        schedule.start(source)
    schedule_retention(application, settings)


async def close_resources(application: BotApplication) -> None:
    deps = application.bot_data.close()
    if deps is not None:
        await deps.http.aclose()
        await deps.db.close()
        deps.csv.close()
    await application.bot_data.parsers.close()


def build_application(settings: Settings, *, clock: Clock | None = None) -> BotApplication:
    quiet_noisy_loggers()
    install_redaction(settings.telegram_bot_token)
    the_clock: Clock = clock or SystemClock()
    metrics = Metrics()
    web_server: WebServer | None = None

    async def post_init(application: BotApplication) -> None:
        await open_resources(application, settings, the_clock)  # already open under run()
        application.bot_data.summaries.bot_username = application.bot.username
        tracked = await source_store.list_sources(application.bot_data.deps.db)
        for line in start_lines(settings, application.bot.username, tracked):
            log.info("%s", line)
        schedule_summaries(application, settings)
        await set_command_menu(application)
        hook_url = settings.telegram_webhook_url
        if settings.web_port:
            nonlocal web_server
            deps = application.bot_data.deps
            hook = None
            if hook_url is not None:
                secret = webhook_secret(settings.telegram_webhook_secret)
                hook = Webhook(webhook_path(hook_url), secret, receiver(application))
            web_server = WebServer(deps, lambda: sampling_job_ids(application), hook)
            try:
                await web_server.start(settings.web_host, settings.web_port)
            except OSError as exc:  # the port is taken: the bot itself goes on without the page
                if hook is not None:
                    raise  # in webhook mode no update could arrive: stop rather than go deaf
                log.error(
                    "the status page cannot listen on %s:%s (%s); set WEB_PORT to a free port, "
                    "or 0 for no web server",
                    settings.web_host,
                    settings.web_port,
                    exc.strerror or exc,
                )
                web_server = None
            if hook_url is not None and hook is not None:
                await set_webhook(application, hook_url, hook.secret)
                log.info("receiving updates by webhook at %s", hook_url)

    async def post_shutdown(application: BotApplication) -> None:
        nonlocal web_server
        if web_server is not None:
            await web_server.stop()
            web_server = None
        await close_resources(application)

    # Paid broadcasts (allow_paid_broadcast) go at Telegram's paid rate apart (bot/chat/lanes.py).
    overall, group = telegram_buckets(
        settings.telegram_messages_per_second, settings.telegram_group_messages_per_minute
    )
    application: BotApplication = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(f"{settings.telegram_api_url}/bot")
        .base_file_url(f"{settings.telegram_api_url}/file/bot")
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(True)
        .rate_limiter(CountingRateLimiter(metrics, overall, group, max_retries=3))
        .get_updates_read_timeout(settings.poll_timeout_seconds + 10)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    for feature in (
        basics,
        now,
        chart,
        chart_buttons,
        days,
        forecast,
        compare,
        why,
        alerts,
        milestones,
        subscriptions,
        chat_settings,
        sources,
        status,
        export,
        whoami,
        inline,
        deeplinks,
    ):
        application.add_handlers(feature.HANDLERS)
    application.bot_data.metrics = metrics
    application.add_handler(COUNT_UPDATES, group=COUNT_GROUP)
    application.add_handlers(basics.FALLBACK)
    application.add_handlers(buttons.FALLBACK)
    application.add_error_handler(basics.on_error)
    return application


async def set_command_menu(application: BotApplication) -> None:
    """The menu in each language the bot speaks; admins also see theirs, in their own chat with
    the bot (their language is not known: English by default, Korean for Korean clients).
    A nicety, set again at the next start; each menu that Telegram refuses is only logged."""
    scopes: list[tuple[BotCommandScope, Sequence[str]]] = [(BotCommandScopeDefault(), MENU)]
    for admin_id in sorted(application.bot_data.deps.settings.admin_user_ids):
        scopes.append((BotCommandScopeChat(admin_id), MENU + ADMIN_MENU))
    for scope, names in scopes:
        for lang in LANGS:
            try:
                await application.bot.set_my_commands(
                    menu(names, lang),
                    scope=scope,
                    language_code=None if lang == DEFAULT_LANG else lang,
                )
            except TelegramError as exc:  # e.g. an admin who never started the bot
                log.warning("could not set the command menu (%s, %s): %s", scope.type, lang, exc)


def menu(names: Sequence[str], lang: str) -> list[BotCommand]:
    return [BotCommand(name, text(lang, f"menu.{name}")) for name in names]


async def sample_until_telegram_answers(application: BotApplication, settings: Settings) -> bool:
    """Open resources and start sampling, then reach the Bot API (bot/chat/startup.py); False
    when a stop signal came first (everything is closed again then)."""
    await open_resources(application, settings, SystemClock())
    queue = application.job_queue
    assert queue is not None, "install python-telegram-bot[job-queue]"
    await queue.start()  # Application.start() starts it again: a no-op then
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        reached = await reach_telegram(application, stop)
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
    if not reached:
        log.info("stopped before Telegram's Bot API answered")
        await end_jobs(application.bot_data.deps, settings.shutdown_grace_seconds)
        await queue.stop(wait=False)
        await close_resources(application)
    return reached


def run(settings: Settings) -> None:
    """Run until SIGINT/SIGTERM; updates that arrived while the bot was down are processed.

    Sampling starts at once; while the Bot API cannot be reached, each try is logged at WARNING
    and the next one follows (1 s, 2 s, ... up to 30 s) rather than exiting into a restart loop.
    A stop signal first lets running jobs end (bot/chat/shutdown.py), so SIGTERM is quick even
    while a source hangs.
    """
    application = build_application(settings)
    install_stop_signals(application, settings.shutdown_grace_seconds)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # run_polling goes on on this loop, with the jobs running
    if not loop.run_until_complete(sample_until_telegram_answers(application, settings)):
        loop.close()
        return
    if settings.telegram_webhook_url is not None:
        run_webhook_mode(application, loop)
        return
    application.run_polling(
        allowed_updates=Update.ALL_TYPES,
        timeout=settings.poll_timeout_seconds,
        drop_pending_updates=False,
        bootstrap_retries=-1,  # initialized already; this covers deleteWebhook
        stop_signals=None,
    )


def run_webhook_mode(application: BotApplication, loop: asyncio.AbstractEventLoop) -> None:
    """run_polling's lifecycle without the Updater: post_init starts the web server (which
    receives the updates) and calls setWebhook; a stop signal's stop_running() stops the loop."""
    try:
        if application.post_init:
            loop.run_until_complete(application.post_init(application))
        loop.run_until_complete(application.start())
        loop.run_forever()
    except (KeyboardInterrupt, SystemExit):
        log.info("stopping")
    finally:
        try:
            if application.running:
                loop.run_until_complete(application.stop())
            loop.run_until_complete(application.shutdown())
            if application.post_shutdown:
                loop.run_until_complete(application.post_shutdown(application))
        finally:
            loop.close()
