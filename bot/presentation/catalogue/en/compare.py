"""/compare (issue 22): sources side by side, ranks, who catches whom; its chart and the page's
table, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "compare.usage": "Usage: /compare [label …] [24h|7d|30d|all], e.g. /compare baemin coupang",
    "compare.title": "Compared ({how}) · {timezone}",
    "compare.how.named": "as named",
    "compare.how.named_first": "the first {count} named; at most 4",
    "compare.how.all": "all {count}",
    "compare.how.most_followed": "the {count} most followed of {total}",
    "compare.how.largest": "the {count} largest of {total}",
    "compare.source": "{place}. {name} {count}",
    "compare.changes": "24 h {day} · 7 d {week} · 30 d {month}",
    "compare.rate": "{per_day}/day ({growth}/day) over 30 d",
    "compare.rate.short": "{per_day}/day ({growth}/day) over {days} d",
    "compare.ranks": "rank: {ranks}",
    "compare.rank": "#{place}",
    "compare.rank.tied": "#{place}=",
    "compare.measure.name": "Source",
    "compare.measure.count": "count",
    "compare.measure.24h": "24 h",
    "compare.measure.7d": "7 d",
    "compare.measure.30d": "30 d",
    "compare.measure.per_day": "a day",
    "compare.measure.growth": "growth",
    "compare.date": "{day} {month} {year}",
    "compare.catch": "{chaser} catches {leader} in about {days} (likely {soonest}–{latest}), around {date}",
    "compare.catch.one": "{chaser} catches {leader} in about {days}, around {date}",
    "compare.catch.open": (
        "{chaser} catches {leader} in about {days} (at the soonest {soonest}; at the slow end of "
        "the trend, not at all), around {date}"
    ),
    "compare.not.not_closing": "{chaser} does not catch {leader} at this pace (the gap is not closing)",
    "compare.not.too_far": "{chaser} does not catch {leader} within two years at this pace",
    "compare.not.too_short": "{chaser} and {leader}: not enough shared days yet ({count} of 3)",
    "compare.not.level": "{chaser} and {leader}: too close to call (the counts are rounded)",
    "compare.no_pairs": "Nobody behind grows faster: no one catches up at this pace.",
    "compare.range_note": "Ranges are the middle half of the day-to-day trends: likely, not certain.",
    "compare.unknown": "Not tracked: {labels}. Tracked: {tracked}.",
    "compare.nothing": "Nothing to compare yet: no source has a sample.",
    "compare.chart.indexed": "Compared: 100 = the range's start",
    "compare.chart.index_axis": "100 = start",
    "compare.chart.caption": "Lines indexed to 100 at the range's start; the ends say the change and the count.",
    "compare.web.title": "Side by side ({how}); the rank in brackets",
    "compare.inline.title": "Compare {names}",
}
