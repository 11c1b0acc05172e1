"""/why's quality and cost: events planted in simulated organic histories, and the detector timed.

An organic history is hourly: a daily cycle (quiet nights), a weekly one (weekends ±25 %), a slow
trend, Poisson joins and leaves, day-to-day swings, bursts after 0–2 posts a day, and gaps of
1–6 hours (sometimes a day). A fifth of the sources are rounded ("12.3만": a step of 1,000).
Into each planted history goes one event of one kind; organic histories get none. The detector
then runs as /why would, at the end and at the moments a prompt answer is owed.
"""

from __future__ import annotations

import asyncio
import math
import random
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from bench.report import Report, Row, ms, percentile, size_label
from bot.core.kinds import SourceKind
from bot.core.unusual import (
    EventKind,
    Movement,
    NotEnoughHistory,
    PaceChange,
    Stop,
    Unusual,
    UnusualEvent,
    detect_unusual,
    rows_since,
)
from bot.core.unusual_series import HOUR, HourRow
from bot.presentation.why import format_why
from bot.services.why import explain
from storage import sources
from storage.database import open_database
from storage.rollups import hourly_rows

SEOUL = ZoneInfo("Asia/Seoul")
END = datetime(2026, 11, 25, 0, 0, tzinfo=SEOUL).astimezone(UTC)
DAYS = 42  # history length; the last JUDGED_DAYS are judged
JUDGED_DAYS = 14
KINDS = (EventKind.JUMP, EventKind.LOSS, EventKind.STEP, EventKind.PACE_CHANGE, EventKind.STOP)
GOAL_SHARE = 0.9
GOAL_FALSE_PER_4W = 1.0
GOAL_P99 = 0.050


@dataclass(frozen=True, slots=True)
class Planted:
    kind: EventKind
    hour: int  # UTC hour number of its start
    sign: int = 1  # pace: +1 faster, -1 slower


@dataclass
class History:
    rows: list[HourRow]
    rounded: bool
    planted: Planted | None
    per_day: float = 0.0
    extra: dict[str, float] = field(default_factory=dict)


def _profile(hod: int) -> float:
    """Joins by local hour: quiet nights, a broad day (mean ≈ 1)."""
    return 0.25 + 1.5 * max(0.0, math.sin(math.pi * (hod - 7) / 16))


def simulate(rng: random.Random, kind: EventKind | None, *, rounded: bool) -> History:
    end_hour = int(END.timestamp()) // HOUR
    h0 = end_hour - DAYS * 24
    per_day = math.exp(rng.uniform(math.log(150), math.log(8000)))
    if rounded:
        per_day = rng.uniform(4000, 20000)
    weekend = rng.choice((0.75, 1.25))
    trend = rng.uniform(-0.2, 0.2)
    value = float(rng.randint(10_000, 90_000) if not rounded else rng.randint(100, 900) * 1000)
    planted = _plan(rng, kind, h0)
    pace_by = rng.uniform(1.4, 1.9)
    if planted and planted.kind is EventKind.PACE_CHANGE and planted.sign < 0:
        pace_by = rng.uniform(0.35, 0.65)
    size = per_day * rng.uniform(0.5, 1.5)
    if planted and planted.kind is EventKind.LOSS:
        size = per_day * rng.uniform(0.2, 0.8)
    size = max(size, 100.0, 5000.0 if rounded else 0.0)
    revert = rng.randint(1, 12)
    stop_hours = rng.randint(4, 16) if not rounded else rng.randint(20, 30)
    gaps = _gaps(rng, h0, end_hour)
    posts: dict[int, float] = {}
    day_swing = 1.0
    rows: list[HourRow] = []
    for h in range(h0, end_hour):
        local = datetime.fromtimestamp(h * HOUR, UTC).astimezone(SEOUL)
        if local.hour == 0:
            day_swing = math.exp(rng.gauss(0, 0.08))
            for _ in range(rng.choice((0, 1, 1, 2))):
                posts[h + rng.randint(9, 22)] = rng.uniform(0.5, 2.0)
        t = (h - h0) / (DAYS * 24)
        rate = per_day / 24 * _profile(local.hour) * (1 + trend * t) * day_swing
        rate *= weekend if local.weekday() >= 5 else 1.0
        if planted and planted.kind is EventKind.PACE_CHANGE and h >= planted.hour:
            rate *= pace_by
        burst = posts.get(h, 0.0) + posts.get(h - 1, 0.0) / 2
        change = float(np.random.default_rng(rng.getrandbits(32)).poisson(rate * (1.1 + burst)))
        change -= float(np.random.default_rng(rng.getrandbits(32)).poisson(rate * 0.1))
        if planted is not None:
            change += _planted_change(planted, h, size, revert, stop_hours, rate)
            if planted.kind is EventKind.STOP and 0 <= h - planted.hour < stop_hours:
                change = 0.0
        low = min(value, value + change)
        value += change
        if h in gaps:
            continue
        shown = _round(value) if rounded else int(value)
        rows.append(HourRow(h, shown, _round(low) if rounded else int(low), shown))
    return History(rows, rounded, planted, per_day, {"size": size})


def _round(v: float) -> int:
    return int(round(v / 1000) * 1000)


def _plan(rng: random.Random, kind: EventKind | None, h0: int) -> Planted | None:
    if kind is None:
        return None
    if kind is EventKind.PACE_CHANGE:
        day = rng.randint(DAYS - JUDGED_DAYS + 1, DAYS - 6)
        midnight = datetime.fromtimestamp((h0 + day * 24) * HOUR, UTC).astimezone(SEOUL)
        midnight = midnight.replace(hour=0)
        return Planted(kind, int(midnight.timestamp()) // HOUR, rng.choice((1, -1)))
    day = rng.randint(DAYS - JUDGED_DAYS + 1, DAYS - 3)
    hour = rng.randint(9, 18) if kind is EventKind.STOP else rng.randint(0, 23)
    local = datetime.fromtimestamp((h0 + day * 24) * HOUR, UTC).astimezone(SEOUL)
    return Planted(kind, int(local.replace(hour=hour).timestamp()) // HOUR)


def _planted_change(
    p: Planted, h: int, size: float, revert: int, stop_hours: int, rate: float
) -> float:
    k = h - p.hour
    if p.kind in (EventKind.JUMP, EventKind.STEP) and k == 0:
        return size
    if p.kind is EventKind.JUMP and 1 <= k <= revert:
        return -size * 0.9 / revert
    if p.kind is EventKind.LOSS and k == 0:
        return -size
    return 0.0


def _gaps(rng: random.Random, h0: int, end_hour: int) -> set[int]:
    gaps: set[int] = set()
    for day in range(DAYS):
        if rng.random() < 0.2:
            start = h0 + day * 24 + rng.randint(0, 23)
            gaps.update(range(start, start + rng.randint(1, 6)))
        if rng.random() < 0.02:
            start = h0 + day * 24 + rng.randint(0, 23)
            gaps.update(range(start, start + rng.randint(12, 30)))
    return {g for g in gaps if g < end_hour - 1}


def _detect(history: History, at: datetime, window: timedelta) -> tuple[UnusualEvent, ...]:
    answer = detect_unusual(history.rows, SEOUL, at, window=window, rounded=history.rounded)
    assert not isinstance(answer, NotEnoughHistory), answer
    return answer.events


def _matches(event: UnusualEvent, p: Planted, kinds: tuple[EventKind, ...]) -> bool:
    """The same kind, starting where it was planted: ±1 h (a stop ±2 h; a rounded source's stop
    ±6 h, as its last tick can come hours before growth stopped), a pace change ±1 day."""
    if event.kind not in kinds:
        return False
    start = int(event.start.timestamp()) // HOUR
    if isinstance(event, PaceChange):
        return abs(start - p.hour) <= 24 and (event.direction == "faster") == (p.sign > 0)
    if isinstance(event, Movement) and event.span == "day":
        return start <= p.hour < start + event.hours
    if isinstance(event, Stop):
        return abs(start - p.hour) <= (6 if event.approximate else 2)
    return abs(start - p.hour) <= 1


@dataclass
class Tally:
    planted: int = 0
    found: int = 0
    detected: int = 0
    true: int = 0
    delays: list[float] = field(default_factory=list)  # hours (pace: days) until first named
    missed_delay: int = 0


def _first_named(history: History, p: Planted, now_hour: int) -> float | None:
    """Hours after the planted hour closes (pace: days after its third day) until it is named."""
    window = timedelta(days=JUDGED_DAYS)
    if p.kind is EventKind.PACE_CHANGE:
        for extra in range(4):
            at = datetime.fromtimestamp((p.hour + (3 + extra) * 24) * HOUR + 60, UTC)
            if at.timestamp() >= now_hour * HOUR:
                return None
            if any(_matches(e, p, (p.kind,)) for e in _detect(history, at, window)):
                return float(extra)
        return None
    kinds = (EventKind.JUMP, EventKind.STEP) if p.kind is EventKind.STEP else (p.kind,)
    first = 1 if p.kind is not EventKind.STOP else 3
    for k in range(first, 25):
        at = datetime.fromtimestamp((p.hour + k) * HOUR + 60, UTC)
        if any(_matches(e, p, kinds) for e in _detect(history, at, window)):
            return float(k - 1)
    return None


def bench_quality(report: Report, *, per_kind: int = 40, organic: int = 60, seed: int = 21) -> None:
    rng = random.Random(seed)
    tallies = {k: Tally() for k in KINDS}
    false_organic = 0
    window = timedelta(days=JUDGED_DAYS)
    plan: list[EventKind | None] = [k for k in KINDS for _ in range(per_kind)]
    plan += [None] * organic
    now_hour = int(END.timestamp()) // HOUR
    for i, kind in enumerate(plan):
        history = simulate(rng, kind, rounded=i % 5 == 4)
        events = _detect(history, END + timedelta(minutes=1), window)
        p = history.planted
        for e in events:
            tallies[e.kind].detected += 1
            if p is not None and e.kind is p.kind and _matches(e, p, (p.kind,)):
                tallies[e.kind].true += 1
            elif p is None:
                false_organic += 1
        if p is None:
            continue
        t = tallies[p.kind]
        t.planted += 1
        t.found += any(_matches(e, p, (p.kind,)) for e in events)
        delay = _first_named(history, p, now_hour)
        if delay is None:
            t.missed_delay += 1
        else:
            t.delays.append(delay)
    weeks4 = organic * JUDGED_DAYS / 28
    for kind in KINDS:
        t = tallies[kind]
        precision = t.true / t.detected if t.detected else 1.0
        recall = t.found / t.planted if t.planted else 1.0
        unit = "days after its 3rd day" if kind is EventKind.PACE_CHANGE else "h after its hour"
        limit = 2.0 if kind is EventKind.PACE_CHANGE else 1.0
        late = [d for d in t.delays if d > limit] if kind is not EventKind.STOP else []
        named = (
            f"named ≤{limit:g} {unit.split()[0]}: {len(t.delays) - len(late)}/{t.planted}"
            f" (median {np.median(t.delays) if t.delays else float('nan'):.0f} {unit})"
        )
        report.add(
            Row(
                f"21 /why quality: {kind.value}",
                f"{t.planted} planted",
                f"precision {precision:.2f} · recall {recall:.2f} · {named}",
                target="P, R ≥ 0.9",
                ok=precision >= GOAL_SHARE and recall >= GOAL_SHARE,
            )
        )
    rate = false_organic / weeks4
    report.add(
        Row(
            "21 /why quality: false events",
            f"{organic} organic × {JUDGED_DAYS} d",
            f"{false_organic} events = {rate:.2f} per 4 weeks",
            target=f"≤ {GOAL_FALSE_PER_4W:g} / 4 weeks",
            ok=rate <= GOAL_FALSE_PER_4W,
        )
    )


def _long_rows(years: float, rng: random.Random) -> Iterator[tuple[int, ...]]:
    end_hour = int(END.timestamp()) // HOUR
    hours = int(years * 365 * 24)
    value = 10_000
    for h in range(end_hour - hours, end_hour):
        value += rng.randint(0, 40)
        yield (1, h, h * HOUR + 3590, value, value, value)


async def bench_cost(
    report: Report, *, calls: int = 200, years: tuple[float, ...] = (1, 10)
) -> None:
    """p99 of reading a 7d window's rows (35 days) and of judging them, at 1M and 10M samples
    (a year and ten years of 30 s samples: their hourly rollup rows, written directly)."""
    rng = random.Random(3)
    history = simulate(rng, None, rounded=False)
    with tempfile.TemporaryDirectory(prefix="why-bench-") as tmp:
        for y in years:
            db = await open_database(Path(tmp) / f"r{y}.db")
            try:
                await sources.add_source(
                    db,
                    kind=SourceKind.KAKAO,
                    target="_x",
                    label="x",
                    interval_seconds=30,
                    created_at=END,
                )
                await db.executemany(
                    "INSERT INTO sample_buckets_hourly (source_id, bucket, last_ts, last_value,"
                    " low, high) VALUES (?, ?, ?, ?, ?, ?)",
                    _long_rows(y, rng),
                )
                await db.commit()
                reads, judges, whys, why_cpu = [], [], [], []
                now = END + timedelta(minutes=1)
                window = timedelta(days=7)
                source = await sources.source_by_id(db, 1)
                assert source is not None
                for _ in range(calls):
                    began = time.perf_counter()
                    rows = await hourly_rows(db, 1, rows_since(now, window), now)
                    read = time.perf_counter()
                    answer = detect_unusual(rows, SEOUL, now, window=window)
                    judged, cpu = time.perf_counter(), time.process_time()
                    # /why as the command runs it: the service (read, judge in a thread), text.
                    found = await explain(db, source, now, SEOUL, window)
                    format_why(source, found.result, "ko", SEOUL, window.days)
                    whys.append(time.perf_counter() - judged)
                    why_cpu.append(time.process_time() - cpu)  # all threads: the load aside
                    judges.append(judged - read)
                    reads.append(read - began)
                    assert isinstance(answer, Unusual)
            finally:
                await db.close()
            samples = f"{size_label(int(y * 365 * 2880))} samples"
            both = [a + b for a, b in zip(reads, judges, strict=True)]
            total = percentile(both, 99)
            report.add(
                Row(
                    "21 /why 7d: read + judge",
                    samples,
                    f"p50 {ms(percentile(both, 50))} · p99 {ms(total)} "
                    f"(judge p99 {ms(percentile(judges, 99))}, "
                    f"{len(rows)} hourly rows)",
                    baseline=f"reading the rollup rows alone: p50 {ms(percentile(reads, 50))}"
                    f" · p99 {ms(percentile(reads, 99))}",
                    target="p99 < 50 ms, flat",
                    ok=total < GOAL_P99,
                )
            )
            why = percentile(whys, 99)
            report.add(
                Row(
                    "21 /why 7d: the service + its text",
                    samples,
                    f"p50 {ms(percentile(whys, 50))} · p99 {ms(why)} "
                    f"(CPU p50 {ms(percentile(why_cpu, 50))} · p99 {ms(percentile(why_cpu, 99))})",
                    baseline=f"reading its rollup rows: p99 {ms(percentile(reads, 99))}",
                    target="p99 < 50 ms, flat",
                    ok=why < GOAL_P99,
                )
            )
    del history


async def bench_unusual(report: Report, *, quick: bool = False) -> None:
    bench_quality(report, per_kind=3 if quick else 40, organic=4 if quick else 60)
    await bench_cost(report, calls=5 if quick else 200, years=(0.05,) if quick else (1, 10))


if __name__ == "__main__":
    r = Report()
    asyncio.run(bench_unusual(r))
    print(r.render())
