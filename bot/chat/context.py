"""What handlers and jobs share, typed the way python-telegram-bot carries it: `ContextTypes`
with our `BotContext` and `BotData`, so `context.bot_data.deps` is checked, not looked up by a
string key.

The services are opened in the Application's post_init and closed in post_shutdown
(bot/app.py); each feature keeps its own state in its own object.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.chat.ratelimit import Cooldown
from bot.core.expiring import Expiring
from bot.services.chart_reply import ChartReplies
from bot.services.chat_settings import ChatBook, ChatPrefs
from bot.services.compare_charts import CompareCharts
from bot.services.deps import Deps
from bot.services.export_turns import ExportTurns
from bot.services.metrics import Metrics
from bot.services.retention import Retention
from bot.services.sampling import Sampler
from bot.services.summary import Summaries
from bot.services.tracking import SamplingSchedule
from bot.sources.parsing import ParsePool

GROUP_ADMIN_TTL = timedelta(seconds=60)  # a demoted admin may change things for up to a minute


class NotOpenError(RuntimeError):
    """A handler ran before post_init opened the bot's resources (or after they closed)."""


class BotData:
    """The bot's open resources and features; one per Application."""

    def __init__(self) -> None:
        self._deps: Deps | None = None
        # Counted from the start (updates, sends, 429s), before and after the services open.
        self.metrics = Metrics()
        # Worker processes that parse what sources send; they start with the first page.
        self.parsers = ParsePool()
        # /export's turns: one per chat, a few at once (the rest told they are queued).
        self.exports = ExportTurns()
        self.sampler: Sampler
        self.retention: Retention
        self.summaries: Summaries
        self.schedule: SamplingSchedule
        self.charts: ChartReplies
        self.compare_charts: CompareCharts
        # Each chat's own settings (/settings), loaded in post_init, kept current by /settings.
        self.chats = ChatBook()
        # Who is a group's admin, per (chat, user), as getChatMember said a moment ago.
        self.group_admins: Expiring[tuple[int, int], bool] = Expiring(GROUP_ADMIN_TTL)

    def open(self, deps: Deps, schedule: SamplingSchedule, chart_cooldown: Cooldown) -> None:
        self._deps = deps
        self.sampler = Sampler(deps)
        self.retention = Retention(deps)
        self.charts = ChartReplies(deps, chart_cooldown)
        self.compare_charts = CompareCharts(deps, chart_cooldown)  # one chart per chat, either
        self.summaries = Summaries(deps, self.charts)
        self.schedule = schedule

    def close(self) -> Deps | None:
        deps, self._deps = self._deps, None
        return deps

    def prefs(self, chat_id: int | None) -> ChatPrefs:
        """The chat's time zone, language and summary time, the bot's defaults filled in."""
        return self.chats.prefs(chat_id, self.deps.settings)

    @property
    def is_open(self) -> bool:
        return self._deps is not None

    @property
    def deps(self) -> Deps:
        if self._deps is None:
            raise NotOpenError("the bot's resources are not open (post_init has not run)")
        return self._deps


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler and job of ours receives."""

    @property
    def deps(self) -> Deps:
        return self.bot_data.deps


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)

# The job queue's type parameter is left open: PTB's builder does not carry our context type there.
BotApplication = Application[ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
