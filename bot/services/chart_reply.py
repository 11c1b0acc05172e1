"""One chart answer for /chart, its buttons, inline mode and the daily summary: the cooldown, the
choice of sources, the drawing, the caption, what the buttons need, and what Telegram already has.

A chart is drawn once per key (sources, range, language, zone, title and each source's latest
sample; the daily bars also the local day): a new sample, another language or another zone is
another key, so nothing stale is served, and requests for a key being drawn wait for that drawing
(`Once`: single flight, bounded by bytes). Once Telegram has a chart it is sent by its file id;
until then, one send uploads it and the ones that waited send the file id.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.core.model import Source
from bot.core.ranges import DAYS_CHART, DEFAULT_RANGE, ChartRange
from bot.core.source_choice import CHART_MAX_SOURCES, ChartWords, most_followed
from bot.presentation.captions import chart_caption
from bot.services import sources_query
from bot.services.charts import Chart, Latest, make_chart
from bot.services.deps import Deps
from bot.services.facts import latest_of
from bot.services.once import Once
from bot.services.sources_query import Chosen, NothingTracked, UnknownLabel
from storage import subscriptions as subs

ChartKey = tuple[Hashable, ...]
MAX_CHART_BYTES = 8 * 1024 * 1024  # ~40-100 KB a chart: a hundred or more
# Sends the photo (a PNG or a file id); returns Telegram's file id of what it sent, if any.
SendPhoto = Callable[[bytes | str], Awaitable[str | None]]


class Cooldown(Protocol):
    """One chart per chat per period (bot/chat/ratelimit.py); the caller passes the time."""

    seconds: float

    def try_take(self, key: Hashable, now: datetime) -> float: ...


@dataclass(frozen=True, slots=True)
class Wait:
    seconds: float  # until this chat may have another chart
    cooldown: float


@dataclass(frozen=True, slots=True)
class Gone:
    """A button of a source no longer tracked."""


@dataclass(frozen=True, slots=True)
class Empty:
    sources: list[Source]  # none of them has a sample yet


@dataclass(frozen=True, slots=True)
class Ready:
    key: ChartKey
    chart: Chart


@dataclass(frozen=True, slots=True)
class Drawn:
    ready: Ready
    caption: str
    tracked: list[Source]  # the keyboard: a button per source when there are several
    source_id: int | None  # the one shown (None: all of them)
    range_key: str


CommandOutcome = NothingTracked | UnknownLabel | Wait | Empty | Drawn
PressOutcome = Gone | Wait | Empty | Drawn


class _NothingToDrawError(Exception):
    """No source in the chart has a sample in its range: nothing kept, every waiter told."""


def _size(chart: Chart) -> int:
    return len(chart.png) + 256


def _version(latest: Latest) -> tuple[Hashable, ...]:
    return tuple((s.id, s.display_name, None if x is None else x.ts) for s, x in latest)


class ChartReplies:
    """The bot's charts: what each answer with a chart asks here, and what is kept for it."""

    def __init__(
        self, deps: Deps, cooldown: Cooldown | None = None, *, max_bytes: int = MAX_CHART_BYTES
    ) -> None:
        self.deps = deps
        self.cooldown = cooldown
        self.cache: Once[ChartKey, Chart] = Once(max_bytes=max_bytes, size_of=_size)
        self._uploads: dict[ChartKey, asyncio.Lock] = {}

    async def for_command(
        self,
        chat_id: int,
        words: ChartWords,
        lang: str,
        tz: ZoneInfo,
        before_drawing: Callable[[], Awaitable[object]] | None = None,
    ) -> CommandOutcome:
        """/chart [label] [range]."""
        choice = await sources_query.choose(self.deps, words.label)
        if not isinstance(choice, Chosen):
            return choice
        wait = self._wait(chat_id)
        if wait is not None:
            return wait
        chosen, left_out = await self._at_most(choice.sources, len(choice.sources))
        chart_range = words.chart_range or DEFAULT_RANGE
        ready = await self.ready(chosen, chart_range, lang, tz=tz, before_drawing=before_drawing)
        if ready is None:
            return Empty(chosen)
        source_id = chosen[0].id if words.label is not None else None
        tracked = await sources_query.tracked(self.deps)
        return self._drawn(ready, lang, left_out, tracked, source_id, chart_range)

    async def for_press(
        self,
        chat_id: int,
        source_id: int | None,
        chart_range: ChartRange,
        lang: str,
        tz: ZoneInfo,
        before_drawing: Callable[[], Awaitable[object]] | None = None,
    ) -> PressOutcome:
        """A range or source button under a chart (or /days' "as bars")."""
        chosen, tracked = await sources_query.chosen_by_id(self.deps, source_id)
        if not chosen:
            return Gone()
        wait = self._wait(chat_id)
        if wait is not None:
            return wait
        chosen, left_out = await self._at_most(chosen, len(tracked))
        ready = await self.ready(chosen, chart_range, lang, tz=tz, before_drawing=before_drawing)
        if ready is None:
            return Empty(chosen)
        return self._drawn(ready, lang, left_out, tracked, source_id, chart_range)

    async def ready(
        self,
        chosen: Sequence[Source],
        chart_range: ChartRange,
        lang: str,
        *,
        tz: ZoneInfo | None = None,
        title: str | None = None,
        latest: Latest | None = None,
        before_drawing: Callable[[], Awaitable[object]] | None = None,
        occasion: str = "reply",
    ) -> Ready | None:
        """The chart, drawn now or earlier (or by a request still drawing it); None when nothing
        in it has a sample yet. `latest`, when the caller has read it, saves a read. Charts of
        another `occasion` (the daily summary's: the week up to its time) are drawn apart."""
        tz = tz or self.deps.settings.timezone
        if latest is None:
            latest = await latest_of(self.deps.db, chosen)
        key = (occasion, *self._key(chart_range, lang, tz, title, latest))

        async def draw() -> Chart:
            chart = await make_chart(
                self.deps,
                chosen,
                chart_range,
                lang,
                title=title,
                before_drawing=before_drawing,
                tz=tz,
                latest=latest,
            )
            if chart is None:
                raise _NothingToDrawError
            return chart

        try:
            return Ready(key, await self.cache.get(key, draw))
        except _NothingToDrawError:
            return None

    async def kept(
        self, chosen: Sequence[Source], chart_range: ChartRange, lang: str
    ) -> Chart | None:
        """The up-to-date chart /chart would send in the bot's zone, if kept; never draws."""
        latest = await latest_of(self.deps.db, chosen)
        tz = self.deps.settings.timezone
        return self.cache.peek(("reply", *self._key(chart_range, lang, tz, None, latest)))

    async def deliver(self, ready: Ready, send: SendPhoto) -> None:
        """Send the chart with `send`: by file id when Telegram has it; else one send at a time
        uploads it, and the ones that waited send the file id it gave."""
        known = self._file_id(ready.key)
        if known is None:
            lock = self._uploads.setdefault(ready.key, asyncio.Lock())
            async with lock:
                known = self._file_id(ready.key)
                if known is None:
                    try:
                        self._sent(ready, await send(ready.chart.png))
                    finally:  # only uploads under way are kept here, whatever their outcome
                        self._uploads.pop(ready.key, None)
                    return
        await send(known)

    def _file_id(self, key: ChartKey) -> str | None:
        kept = self.cache.peek(key)
        return kept.file_id if kept is not None else None

    def _sent(self, ready: Ready, file_id: str | None) -> None:
        """Telegram has the picture now: later sends of this chart go by file id."""
        if file_id:
            self.cache.put(ready.key, replace(ready.chart, file_id=file_id))

    def _wait(self, chat_id: int) -> Wait | None:
        """One chart per chat per cooldown, so nobody can keep the CPU drawing."""
        if self.cooldown is None:
            return None
        wait = self.cooldown.try_take(chat_id, self.deps.clock.now())
        return Wait(wait, self.cooldown.seconds) if wait > 0 else None

    async def _at_most(self, chosen: list[Source], asked: int) -> tuple[list[Source], int]:
        """The sources to draw (the most followed when there are too many) and how many of the
        `asked` are left out."""
        if len(chosen) <= CHART_MAX_SOURCES:
            return chosen, 0
        drawn = most_followed(chosen, await subs.subscriber_counts(self.deps.db))
        return drawn, asked - len(drawn)

    def _key(
        self, chart_range: ChartRange, lang: str, tz: ZoneInfo, title: str | None, latest: Latest
    ) -> ChartKey:
        # The daily bars start a new day at local midnight, sample or not.
        day = self.deps.clock.now().astimezone(tz).date() if chart_range == DAYS_CHART else None
        return (chart_range.key, lang, tz.key, title, _version(latest), day)

    @staticmethod
    def _drawn(
        ready: Ready,
        lang: str,
        left_out: int,
        tracked: list[Source],
        source_id: int | None,
        chart_range: ChartRange,
    ) -> Drawn:
        chart = ready.chart
        caption = chart_caption(chart.counts, lang, chart.range_text, left_out=left_out)
        return Drawn(ready, caption, tracked, source_id, chart_range.key)
