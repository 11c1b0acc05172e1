"""Turning facts into the text people read. Pure: values in, strings out."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from telegram.constants import MessageLimit

from bot.core.days import DailyGains
from bot.core.deeplinks import share_link
from bot.core.facts import NowFacts, SourceState, SourceStatus, SummaryFacts
from bot.core.forecast import Declined, Forecast, NoForecast
from bot.core.kinds import SourceKind
from bot.core.model import FailureRecord, Sample, Source
from bot.core.reasons import Reason
from bot.core.stats import MIN_RATE_SPAN, delta, is_stale, local_midnight, rate_per_hour
from bot.presentation.texts import text
from bot.settings import Settings

LATE_FIRST_SAMPLE = timedelta(minutes=15)


def format_count(value: int) -> str:
    return f"{value:,}"


def format_delta(value: int) -> str:
    """A signed change; 0 is an answer and is shown as 0."""
    return f"{value:+,}" if value else "0"


def format_rate(value: float) -> str:
    rounded = round(value, 1)
    return f"{rounded:+,.1f}" if rounded else "0.0"


@functools.lru_cache(maxsize=8)
def _units(lang: str) -> tuple[tuple[str, ...], str]:
    """The duration units and their separator in `lang` (the catalogue is fixed): /sources
    formats a few durations for each of up to 1,000 sources."""
    return tuple(text(lang, f"unit.{u}") for u in ("d", "h", "min", "s")), text(
        lang, "unit.separator"
    )


def format_duration(seconds: float, lang: str) -> str:
    s = max(0, int(seconds))
    units, sep = _units(lang)
    days, rem = divmod(s, 86_400)
    hours, rem = divmod(rem, 3600)
    minutes, secs = divmod(rem, 60)
    if days:
        parts = [(days, units[0]), (hours, units[1])]
    elif hours:
        parts = [(hours, units[1]), (minutes, units[2])]
    elif minutes:
        parts = [(minutes, units[2])]
    else:
        parts = [(secs, units[3])]
    return " ".join(f"{n}{sep}{u}" for n, u in parts if n or len(parts) == 1)


# Each kind's words in the catalogue (`noun.<words>`, `counted.<words>`); a kind without its own
# counts as a web page's number.
_KIND_WORDS: Final[Mapping[SourceKind, str]] = {
    SourceKind.KAKAO: "kakao",
    SourceKind.TELEGRAM: "telegram",
    SourceKind.WEB: "web",
}


def noun(lang: str, kind: SourceKind) -> str:
    return text(lang, f"noun.{_KIND_WORDS.get(kind, 'web')}")


def counted(lang: str, kind: SourceKind, shown: str) -> str:
    """A count with its kind's noun ("206,912 friends", "친구 206,912"); a web source has no
    known unit, so its count is the number alone (never "count")."""
    return text(lang, f"counted.{_KIND_WORDS.get(kind, 'web')}", count=shown)


def approx(shown: str, approximate: bool) -> str:
    """A figure from a rounded source is marked "≈", and so is everything computed from it."""
    return f"≈{shown}" if approximate else shown


def shown_count(value: int, approximate: bool = False) -> str:
    return approx(format_count(value), approximate)


def _approx(*samples: Sample | None) -> bool:
    return any(s is not None and s.approximate for s in samples)


def _signed(value: int | None, approximate: bool) -> str | None:
    if value is None:
        return None
    return approx(format_delta(value), approximate)


def format_reason(lang: str, reason: Reason | None, status: int | None = None) -> str:
    """A failure's reason in plain words."""
    if reason is None:
        return "-"
    if reason is Reason.HTTP:
        if status == 429:
            return text(lang, "reason.http_429")
        key = "reason.http_5xx" if status is not None and status >= 500 else "reason.http_4xx"
        return text(lang, key, code=status if status is not None else "?")
    return text(lang, f"reason.{reason.value}")


def format_failing(failures: Sequence[FailureRecord], count: int, lang: str) -> str:
    """Why the latest samples failed: how many in a row, and the latest reason."""
    reason = format_reason(lang, failures[0].reason, failures[0].status)
    if count > 1:
        return text(lang, "now.failing.many", count=count, reason=reason)
    return text(lang, "now.failing", reason=reason)


def format_now(
    facts: NowFacts, lang: str, interval_seconds: int, *, tz: tzinfo | None = None
) -> str:
    source = facts.source
    name = source.display_name
    latest = facts.latest
    if latest is None:
        lines = [
            text(lang, "now.empty", name=name, interval=format_duration(interval_seconds, lang))
        ]
        if facts.failures:
            lines.append(format_failing(facts.failures, facts.failure_count, lang))
        return "\n".join(lines)

    count = shown_count(latest.value, latest.approximate)
    lines = [text(lang, "now.headline", name=name, counted=counted(lang, source.kind, count))]

    day = _signed(delta(latest, facts.day_ago), _approx(latest, facts.day_ago))
    lines.append(text(lang, "now.day", delta=day) if day else text(lang, "now.day.none"))

    midnight = _signed(delta(latest, facts.midnight), _approx(latest, facts.midnight))
    if midnight is None or facts.midnight is None:
        lines.append(text(lang, "now.midnight.none"))
    else:
        line = text(lang, "now.midnight", delta=midnight)
        if tz is not None and facts.midnight.ts - local_midnight(facts.now, tz) > LATE_FIRST_SAMPLE:
            # The bot was not sampling at midnight: say where "today" really starts.
            first = facts.midnight.ts.astimezone(tz).strftime("%H:%M")
            line += text(lang, "now.midnight.since", time=first)
        lines.append(line)

    rate = rate_per_hour(latest, facts.rate_from)
    if rate is None or facts.rate_from is None:
        lines.append(text(lang, "now.rate.none"))
    elif latest.ts - facts.rate_from.ts < MIN_RATE_SPAN:
        span = (latest.ts - facts.rate_from.ts).total_seconds()
        lines.append(text(lang, "now.rate.short", span=format_duration(span, lang)))
    else:
        minutes = round((latest.ts - facts.rate_from.ts).total_seconds() / 60)
        shown = approx(format_rate(rate), _approx(latest, facts.rate_from))
        lines.append(text(lang, "now.rate", rate=shown, minutes=max(1, minutes)))

    age = (facts.now - latest.ts).total_seconds()
    lines.append(text(lang, "now.age", age=format_duration(age, lang)))
    if is_stale(latest, facts.now, interval_seconds):
        lines.append(text(lang, "now.stale", age=format_duration(age, lang)))
    if facts.failures:
        lines.append(format_failing(facts.failures, facts.failure_count, lang))
    if latest.approximate:
        lines.append(text(lang, "approx"))
    return "\n".join(lines)


def format_summary(
    facts: Sequence[SummaryFacts],
    lang: str,
    local_date: date,
    *,
    bot_username: str | None = None,
) -> str:
    """The daily summary; with the bot's username, a share link under each source (a tap
    subscribes another chat)."""
    lines = [text(lang, "summary.title", date=local_date.isoformat())]
    for f in facts:
        lines.append("")
        name = f.source.display_name
        if f.latest is None:
            lines.append(text(lang, "summary.nodata", name=name))
            continue
        count = shown_count(f.latest.value, f.latest.approximate)
        lines.append(
            text(lang, "summary.count", name=name, counted=counted(lang, f.source.kind, count))
        )
        day = _signed(delta(f.latest, f.day_ago), _approx(f.latest, f.day_ago))
        lines.append(
            text(lang, "summary.day", delta=day) if day else text(lang, "summary.day.none")
        )
        week = _signed(delta(f.latest, f.week_ago), _approx(f.latest, f.week_ago))
        lines.append(
            text(lang, "summary.week", delta=week) if week else text(lang, "summary.week.none")
        )
        if f.best is None:
            lines.append(text(lang, "summary.best.none"))
        else:
            lines.append(
                text(
                    lang,
                    "summary.best",
                    start=f"{f.best.hour:02d}:00",
                    end=f"{(f.best.hour + 1) % 24:02d}:00",
                    gain=counted(lang, f.source.kind, format_rate(f.best.average_gain)),
                    days=f.best.days,
                    count=f.best.days,
                )
            )
        if bot_username:
            link = share_link(bot_username, f.source)
            lines.append(text(lang, "deeplink.share", link=link))
    return "\n".join(lines)


MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH - 96  # leave room
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH
_KEY_CHARS = 60


def source_title(source: Source) -> str:
    """`배민커넥트 (kakao)`: the page's name with the label people type, once each."""
    name = source.display_name
    return name if name.casefold() == source.label.casefold() else f"{name} ({source.label})"


def help_text(lang: str, settings: Settings, *, admin: bool = False) -> str:
    body = text(
        lang,
        "help",
        summary_time=settings.daily_summary_time.strftime("%H:%M"),
        timezone=settings.timezone.key,
    )
    return body + "\n\n" + text(lang, "help.admin") if admin else body


def whoami_text(lang: str, user_id: int) -> str:
    """/whoami: the sender's numeric id and the `.env` line that makes them an admin."""
    return text(lang, "whoami", user_id=str(user_id))


def start_text(
    tracked: Sequence[Source],
    lang: str,
    settings: Settings,
    *,
    admin: bool,
    first_admin_id: int | None = None,
) -> str:
    """/start: what is tracked, then the help; with no admin yet, how the sender becomes one."""
    lines = []
    if len(tracked) == 1:
        source = tracked[0]
        lines.append(
            text(
                lang,
                "start",
                name=source.display_name,
                noun=noun(lang, source.kind),
                interval=format_duration(source.interval_seconds, lang),
            )
        )
    elif tracked:
        lines.append(
            text(lang, "start.many", count=len(tracked), labels=format_labels(tracked, lang))
        )
    lines.append(help_text(lang, settings, admin=admin))
    if first_admin_id is not None:
        lines.append(text(lang, "whoami.no_admins") + "\n" + whoami_text(lang, first_admin_id))
    return "\n\n".join(lines)


def chart_title(chosen: Sequence[Source], lang: str) -> str:
    if len(chosen) == 1:
        return text(
            lang, "chart.title", name=chosen[0].display_name, noun=noun(lang, chosen[0].kind)
        )
    return many_title([s.display_name for s in chosen], lang)


TITLE_NAMES = 2  # names in a several-source chart's title; the rest are counted ("+2")
TITLE_NAME_CHARS = 24


def many_title(names: Sequence[str], lang: str) -> str:
    """A several-source chart titled by its sources: '배민커넥트 · 두로프 +2'."""
    if not names:
        return text(lang, "chart.title.many")
    shown = [n if len(n) <= TITLE_NAME_CHARS else n[: TITLE_NAME_CHARS - 1] + "…" for n in names]
    title = " · ".join(shown[:TITLE_NAMES])
    rest = len(names) - TITLE_NAMES
    return f"{title} +{rest}" if rest > 0 else title


def chart_caption(
    latest: Sequence[tuple[Source, Sample | None]],
    lang: str,
    range_text: str,
    *,
    left_out: int = 0,
) -> str:
    """Under a chart: each source's count now, and the range (and how many sources were left
    out of it); within Telegram's caption limit."""
    if len(latest) == 1:
        source, sample = latest[0]
        return text(
            lang,
            "chart.caption",
            name=source.display_name,
            counted=counted(lang, source.kind, format_count(sample.value) if sample else "?"),
            range=range_text,
        )
    items = [
        text(
            lang,
            "chart.caption.item",
            title=source_title(source),
            counted=counted(lang, source.kind, _count_text(sample) if sample else "?"),
        )
        for source, sample in latest
    ]
    if left_out:
        items.append(text(lang, "chart.more", count=left_out))
    return shorten("\n".join([*items, range_text]), CAPTION_LIMIT)


def shorten(body: str, limit: int) -> str:
    return body if len(body) <= limit else body[: limit - 1] + "…"


MAX_LABELS_LISTED = 30  # labels are at most 32 characters: 30 of them fit any reply


def format_labels(sources: Sequence[Source], lang: str, most: int = MAX_LABELS_LISTED) -> str:
    """The labels, comma-separated; past `most` the list ends in "… and N more"."""
    labels = [s.label for s in sources]
    if len(labels) <= most:
        return ", ".join(labels)
    return text(lang, "labels.more", labels=", ".join(labels[:most]), count=len(labels) - most)


def _count_text(sample: Sample) -> str:
    return shown_count(sample.value, sample.approximate)


def format_now_brief(facts: Sequence[NowFacts], lang: str) -> list[str]:
    """/now with several sources: one line each, then how to see one in full; as many messages
    as Telegram's length limit needs."""
    lines = [text(lang, "now.brief.title", count=len(facts))]
    for f in facts:
        title = source_title(f.source)
        if f.latest is None:
            lines.append(text(lang, "now.brief.empty", title=title))
            continue
        day = _signed(delta(f.latest, f.day_ago), _approx(f.latest, f.day_ago))
        line = text(
            lang,
            "now.brief.item",
            title=title,
            counted=counted(lang, f.source.kind, _count_text(f.latest)),
        )
        if day is not None:
            line += " · " + text(lang, "now.brief.day", delta=day)
        if is_stale(f.latest, f.now, f.source.interval_seconds):
            line += " " + text(lang, "now.brief.stale")
        lines.append(line)
    lines.append("\n" + text(lang, "now.brief.hint"))
    return pack_messages(lines, separator="\n")


def format_source_status(status: SourceStatus, lang: str, now: datetime) -> str:
    """One /sources block: label, kind:target, interval; last value and success; last error."""
    source = status.source
    key = source.key if len(source.key) <= _KEY_CHARS else source.key[: _KEY_CHARS - 1] + "…"
    lines = [
        text(
            lang,
            "sources.item",
            title=source_title(source),
            kind=source.kind,
            where=key,
            interval=format_duration(source.interval_seconds, lang),
        )
    ]
    if status.latest is None:
        lines.append(text(lang, "sources.value.none"))
    else:
        lines.append(
            text(
                lang,
                "sources.value",
                counted=counted(lang, source.kind, _count_text(status.latest)),
                age=format_duration((now - status.latest.ts).total_seconds(), lang),
            )
        )
    if status.held is not None:
        lines.append(
            text(
                lang,
                "sources.held",
                count=_count_text(status.held),
                age=format_duration((now - status.held.ts).total_seconds(), lang),
            )
        )
    failure = status.last_failure
    if failure is None:
        lines.append(text(lang, "sources.error.none"))
    else:
        lines.append(
            text(
                lang,
                "sources.error",
                reason=format_reason(lang, failure.reason, failure.status),
                age=format_duration((now - failure.ts).total_seconds(), lang),
            )
        )
    return "\n".join(lines)


def format_sources(
    statuses: Sequence[SourceStatus],
    lang: str,
    now: datetime,
    *,
    bot_username: str | None = None,
) -> list[str]:
    """/sources as one or more messages, each under Telegram's length limit; with the bot's
    username, each source's share link (it subscribes the chat that opens it)."""
    if not statuses:
        return [text(lang, "nothing_tracked")]
    blocks = [text(lang, "sources.title", count=len(statuses))]
    for status in statuses:
        block = format_source_status(status, lang, now)
        if bot_username:
            link = share_link(bot_username, status.source)
            block += "\n  " + text(lang, "deeplink.share", link=link)
        blocks.append(block)
    return pack_messages(blocks)


def pack_messages(
    blocks: Sequence[str], limit: int = MESSAGE_LIMIT, *, separator: str = "\n\n"
) -> list[str]:
    """Join blocks (with blank lines between, by default) into as few messages as fit `limit`;
    a block is never split, only cut when it alone is too long."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        if len(block) > limit:
            block = block[: limit - 1] + "…"
        joined = f"{current}{separator}{block}" if current else block
        if len(joined) <= limit:
            current = joined
        else:
            messages.append(current)
            current = block
    if current:
        messages.append(current)
    return messages


def format_status(
    states: Sequence[SourceState], db_error: str | None, unsaved: int, lang: str, now: datetime
) -> str:
    """/status: each source's health, then the database's."""
    lines = [text(lang, "status.title")]
    for state in states:
        source, health = state.source, state.health
        values = {
            "name": source.display_name,
            "label": source.label,
            "failures": health.failures,
            "count": health.failures,
            "alerted": text(lang, "status.alerted") if health.alerted else "",
        }
        if state.latest is None:
            lines.append(text(lang, "status.source.none", **values))
        else:
            age = format_duration((now - state.latest.ts).total_seconds(), lang)
            lines.append(text(lang, "status.source", age=age, **values))
        if health.failures:
            reason = format_reason(lang, health.reason, health.status)
            detail = health.detail[:200] or "-"
            lines.append(text(lang, "status.last_failure", reason=reason, detail=detail))
    if db_error is None:
        lines.append(text(lang, "status.storage.ok"))
    else:
        lines.append(
            text(lang, "status.storage.failing", error=db_error, unsaved=unsaved, count=unsaved)
        )
    return "\n".join(lines)


def format_day(day: date, lang: str, *, weekday: bool = True) -> str:
    """`Mon, Nov 30` / `11월 30일 (월)`, without the C library's locale."""
    values = {
        "month": text(lang, "date.months").split()[day.month - 1],
        "day": day.day,
        "weekday": text(lang, "date.weekdays").split()[day.weekday()],
    }
    return text(lang, "date.day" if weekday else "date.month_day", **values)


def format_days(source: Source, gains: DailyGains | None, lang: str, timezone: str) -> str:
    """/days: each day's change and the count at its end, newest first; then the week's and
    the month's totals. A day with a gap at either end says so."""
    name = source.display_name
    if gains is None:
        return text(lang, "days.empty", name=name)
    gap, none = text(lang, "days.gap"), text(lang, "days.none")
    lines = [text(lang, "days.title", name=name, timezone=timezone)]
    for row in gains.rows:
        change = _signed(row.change, row.approximate) or gap
        total = shown_count(row.total, row.approximate) if row.total is not None else gap
        key = "days.row.today" if row.today else "days.row"
        lines.append(text(lang, key, date=format_day(row.day, lang), change=change, total=total))
    lines.append("")
    week = _signed(gains.week, gains.approximate) or none
    month = _signed(gains.month, gains.approximate) or none
    lines.append(text(lang, "days.week", date=format_day(gains.week_start, lang), change=week))
    start = format_day(gains.month_start, lang, weekday=False)
    lines.append(text(lang, "days.month", date=start, change=month))
    return "\n".join(lines)


def _per_day(value: float) -> str:
    return f"{value:+,.0f}" if abs(value) >= 10 else f"{value:+.1f}"


def _days(value: float, lang: str) -> str:
    count = max(1, round(value))
    return text(lang, "forecast.days", count=count)


def format_forecast(
    source: Source, result: Forecast | NoForecast | None, lang: str, today: date
) -> str:
    """/forecast: the target, when (a range, and the date around it), and the trend it rests
    on; or why there is no date."""
    name = source.display_name
    if result is None:
        return text(lang, "days.empty", name=name)
    if isinstance(result, NoForecast):
        target = format_count(result.target) if result.target is not None else ""
        per_day = _per_day(result.per_day) if result.per_day is not None else ""
        key = {
            Declined.TOO_SHORT: "forecast.too_short",
            Declined.FLAT: "forecast.flat",
            Declined.AWAY: "forecast.away" if result.target is not None else "forecast.away.none",
            Declined.REACHED: "forecast.reached",
        }[result.reason]
        return text(lang, key, name=name, target=target, per_day=per_day, count=result.based_on)
    values: dict[str, object] = {
        "name": name,
        "target": format_count(result.target),
        "days": _days(result.days, lang),
        "soonest": _days(result.days_soonest, lang),
        "date": format_day(today + timedelta(days=round(result.days)), lang),
    }
    if result.days_latest is None:
        first = text(lang, "forecast.eta.open", **values)
    elif _days(result.days_latest, lang) == values["soonest"] == values["days"]:
        first = text(lang, "forecast.eta.one", **values)
    else:
        first = text(lang, "forecast.eta", latest=_days(result.days_latest, lang), **values)
    trend = text(
        lang,
        "forecast.trend",
        per_day=_per_day(result.per_day),
        low=_per_day(min(result.per_day_low, result.per_day_high)),
        high=_per_day(max(result.per_day_low, result.per_day_high)),
        count=result.based_on,
    )
    return f"{first}\n{trend}"
