"""Bench 2: /chart all and /chart 7d, split into query, drawing and PNG encoding.

Query is what the handler asks storage (bot.services.facts.gather_chart); drawing is laying
out the figure (bot.presentation.charts.build_trend_figure) and rasterising it with Agg;
encoding is turning those pixels into PNG bytes. "End to end" is measured separately on the
bot's real path: gather_chart then render_trend_png, one after the other,
as the /chart handler does.
"""

from __future__ import annotations

import io
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path

import aiosqlite
import httpx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.image import imsave

from bench.baselines import (
    FLOOR_1500,
    NAIVE_CHART,
    TEN_MINUTE_ONLY,
    floor_1500,
    naive_gather_chart,
    ten_minute_only_rows,
)
from bench.harness import TOKEN
from bench.history import NOW, SEOUL
from bench.report import Report, Row, ms, percentile, size_label
from bot.core.model import ChartLine, Source
from bot.core.ranges import RANGES
from bot.presentation.charts import build_trend_figure, render_trend_png
from bot.services.chart_reply import ChartReplies
from bot.services.deps import Deps
from bot.services.facts import gather_chart
from bot.settings import Settings
from storage import sources as source_store
from storage.database import open_database
from storage.samples import count_samples, first_sample, rollup_for, to_ts
from tests.fakes.clock import FakeClock

TITLE = "배민커넥트 friends"
MAX_POINTS_TARGET = 1500


def naive_runs(size: int) -> int:
    return 3 if size <= 100_000 else 1


async def bench_charts(report: Report, databases: dict[int, Path], runs: int = 15) -> None:
    for size, path in databases.items():
        db = await open_database(path)
        try:
            source = (await source_store.list_sources(db))[0]
            for key in ("all", "7d"):
                await _one_range(report, db, source, key, size, runs)
        finally:
            await db.close()
    report.note(
        "2 /chart: query = bot.services.facts.gather_chart (storage.samples.series_between: ≤1,500 "
        "buckets in SQL, each its last value + min/max; ranges of 10-minute buckets or wider "
        "read the widest rollup within a step (10 min, 1 h, 6 h, 1 day), shorter ones a bounded "
        "scan of raw samples); drawing = "
        "build_trend_figure + Agg rasterising; encoding = pixels → PNG. p50 of the runs shown; "
        f"end to end = gather_chart + render_trend_png. Baseline: {NAIVE_CHART} "
        "(3 runs up to 100k, 1 at 1M)."
    )


async def _one_range(
    report: Report, db: aiosqlite.Connection, source: Source, key: str, size: int, runs: int
) -> None:
    chart_range = RANGES[key]
    query: list[float] = []
    draw: list[float] = []
    encode: list[float] = []
    total: list[float] = []
    png = b""
    points = 0
    for _ in range(runs):
        started = time.perf_counter()
        lines = await gather_chart(db, [source], chart_range, NOW)
        query.append(time.perf_counter() - started)
        points = sum(len(line.points) for line in lines)
        d, e, png = _draw_and_encode(lines)
        draw.append(d)
        encode.append(e)
        started = time.perf_counter()
        lines = await gather_chart(db, [source], chart_range, NOW)
        render_trend_png(lines, title=TITLE, subtitle=key, tz=SEOUL)
        total.append(time.perf_counter() - started)

    n_seed = naive_runs(size)
    seed_query: list[float] = []
    seed_draw: list[float] = []
    seed_encode: list[float] = []
    seed_png = b""
    seed_points = 0
    for _ in range(n_seed):
        started = time.perf_counter()
        seed_lines = await naive_gather_chart(db, source, chart_range, NOW)
        seed_query.append(time.perf_counter() - started)
        seed_points = sum(len(line.points) for line in seed_lines)
        d, e, seed_png = _draw_and_encode(seed_lines)
        seed_draw.append(d)
        seed_encode.append(e)
    seed_total = [q + d + e for q, d, e in zip(seed_query, seed_draw, seed_encode, strict=True)]

    def p50(values: list[float]) -> str:
        return ms(percentile(values, 50))

    label = f"2 /chart {key}"
    report.add(
        Row(
            f"{label}: query + draw + encode",
            size_label(size),
            f"{p50(query)} + {p50(draw)} + {p50(encode)} · {points:,} points",
            f"{p50(seed_query)} + {p50(seed_draw)} + {p50(seed_encode)} · {seed_points:,} points",
            f"≤ ~{MAX_POINTS_TARGET:,} points",
            points <= MAX_POINTS_TARGET,
        )
    )
    end_to_end = percentile(total, 50)
    report.add(
        Row(
            f"{label}: end to end · PNG",
            size_label(size),
            f"p50 {ms(end_to_end)} · max {ms(max(total))} · {len(png) / 1024:.0f} KiB",
            f"{p50(seed_total)} · {len(seed_png) / 1024:.0f} KiB",
            "< 200 ms at 1M" if key == "all" else "",
            end_to_end < 0.2 if key == "all" else None,
        )
    )
    floor = percentile([d + e for d, e in zip(draw, encode, strict=True)], 50)
    await _cached(report, db, source, key, size, end_to_end, floor)


async def _cached(
    report: Report,
    db: aiosqlite.Connection,
    source: Source,
    key: str,
    size: int,
    fresh: float,
    floor: float,
) -> None:
    """The same chart asked for again before a new sample: served from the chart cache."""
    settings = Settings(telegram_bot_token=TOKEN, timezone=SEOUL)
    async with httpx.AsyncClient() as http:
        deps = Deps(settings=settings, clock=FakeClock(NOW), db=db, http=http)
        charts = ChartReplies(deps)
        await charts.ready([source], RANGES[key], "en")
        times = []
        for _ in range(200):
            started = time.perf_counter()
            chart = await charts.ready([source], RANGES[key], "en")
            times.append(time.perf_counter() - started)
            assert chart is not None
        assert charts.cache.made == 1
    p99 = percentile(times, 99)
    report.add(
        Row(
            f"2 /chart {key}: drawn before, served from the cache (to the Bot API call)",
            size_label(size),
            f"p99 {ms(p99)} (p50 {ms(percentile(times, 50))})",
            f"fresh p50 {ms(fresh)} · bare render floor {ms(floor)}",
            "p99 < 5 ms",
            p99 < 0.005,
        )
    )


def _draw_and_encode(lines: Sequence[ChartLine]) -> tuple[float, float, bytes]:
    started = time.perf_counter()
    fig = build_trend_figure(lines, title=TITLE, subtitle="range", tz=SEOUL)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # type: ignore[no-untyped-call]
    drawn = time.perf_counter()
    buf = io.BytesIO()
    # What print_png does after drawing: the RGBA buffer through Pillow's PNG encoder.
    pixels = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    imsave(buf, pixels, format="png", origin="upper", dpi=fig.dpi)
    encoded = time.perf_counter()
    return drawn - started, encoded - drawn, buf.getvalue()


async def bench_all_query(report: Report, databases: dict[int, Path], runs: int = 40) -> None:
    """The `/chart all` query alone, across history sizes: with the coarser rollups it
    reads the widest rollup within a point step, so its cost should stay near the smallest's."""
    smallest: float | None = None
    for size, path in sorted(databases.items()):
        db = await open_database(path)
        try:
            ours, old, floor, read = await _all_query(db, runs)
        finally:
            await db.close()
        p50 = percentile(ours, 50)
        if smallest is None:
            smallest = p50
        report.add(
            Row(
                "2 /chart all: query only (gather_chart)",
                size_label(size),
                f"p50 {ms(p50)} · p99 {ms(percentile(ours, 99))} · reads {read}",
                f"10-min rollup only {ms(percentile(old, 50))} · floor {ms(percentile(floor, 50))}",
                f"≤ 1.5× the smallest's p50 ({ms(1.5 * smallest)})",
                p50 <= 1.5 * smallest,
            )
        )
    report.note(
        "2 /chart all query: p50 of gather_chart over the whole history; the coarsest rollup whose "
        "bucket fits in a point step (10 min, 1 h, 6 h, 1 UTC day) is read, raw samples below "
        "10 min. "
        f"Baseline: {TEN_MINUTE_ONLY}; {FLOOR_1500}."
    )


async def _all_query(
    db: aiosqlite.Connection, runs: int
) -> tuple[list[float], list[float], list[float], str]:
    source = (await source_store.list_sources(db))[0]
    first = await first_sample(db, source.id)
    assert first is not None
    start, end = RANGES["all"].start(NOW, first.ts), NOW + timedelta(seconds=1)
    step = -(-(to_ts(end) - to_ts(start)) // MAX_POINTS_TARGET)
    rollup = rollup_for(step)
    read = (
        f"~{(to_ts(end) - to_ts(start)) // rollup[0]:,} rows of {rollup[1]}"
        if rollup
        else f"{await count_samples(db, source.id):,} raw samples"
    )
    ours = await _timed(lambda: gather_chart(db, [source], RANGES["all"], NOW), runs)
    old = await _timed(lambda: ten_minute_only_rows(db, source.id, start, end), runs)
    floor = await _timed(lambda: floor_1500(db, source.id), runs)
    return ours, old, floor, read


async def _timed(work: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    await work()
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        out.append(time.perf_counter() - started)
    return out
