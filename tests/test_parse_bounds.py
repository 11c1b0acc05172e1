"""Bounds on parsing what a source serves (issue 9): nesting, patterns, the worker's budgets."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading, Source
from bot.core.reasons import Reason
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from bot.sources.kakao import parse_profile_html
from bot.sources.nesting import MAX_HTML_DEPTH, html_depth
from bot.sources.parsing import ParsePool
from bot.sources.telegram import parse_channel_page, parse_preview_page
from bot.sources.web import ExtractorError, extract_count, extractor_options, parse_extractor
from storage import failures as failure_store
from storage import sources
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import Response, SourceServer
from tests.running import RunningBot, running_bot, wait_until

NESTED = "<div>" * 100_000 + "1" + "</div>" * 100_000


@pytest.mark.parametrize(
    ("page", "depth"),
    [
        ("<html><body><div><p>1<p>2<br><img src=x></div></body></html>", 1),
        ("<ul>" + "<li>x" * 5_000 + "</ul>", 1),  # end tags left out are not nesting
        ("<div><script>'<div>'.repeat(9)</script><!-- <div><div> --></div>", 1),
        ("<div>" * 50 + "</div>" * 50 + "<span>", 50),
        ("<b>" * 5_000, MAX_HTML_DEPTH + 1),  # the scan stops once past the limit
        ("<!--" + "<div>" * 10, 0),  # an unclosed comment ends the scan
        ("<div></x>" * 30, 30),  # a stray end tag closes nothing, as in a parser
        ("<div><span><b></div>" * 3, 3),  # an end tag closes what was opened inside it
        ("<div>" * 3 + "</span>" * 9 + "</div>" * 3 + "<i>", 3),
        ("<div></x>" * 5_000, MAX_HTML_DEPTH + 1),
    ],
)
def test_html_depth(page: str, depth: int) -> None:
    assert html_depth(page) == depth


def test_deeply_nested_pages_are_refused_before_parsing() -> None:
    why = f"the page nests more than {MAX_HTML_DEPTH:,} elements deep"
    started = time.perf_counter()
    assert extract_count(NESTED, parse_extractor("css:div")) == Failure(Reason.TOO_COMPLEX, why)
    assert parse_profile_html(NESTED) == Failure(Reason.TOO_COMPLEX, why)
    assert parse_channel_page(NESTED, "durov") == Failure(Reason.TOO_COMPLEX, why)
    assert parse_preview_page(NESTED, "durov") == Failure(Reason.TOO_COMPLEX, why)
    assert time.perf_counter() - started < 1.0  # parsed, this page takes ~55 s
    stray = "<div></x>" * 100_000 + "1"
    assert parse_profile_html(stray) == Failure(Reason.TOO_COMPLEX, why)
    fine = "<div>" * MAX_HTML_DEPTH + "<p id=n>42</p>" + "</div>" * MAX_HTML_DEPTH
    assert extract_count(fine, parse_extractor("css:#n")) == Reading(42)


def test_admin_patterns_run_in_linear_time() -> None:
    started = time.perf_counter()
    got = extract_count("a" * 1_000_000 + "b", parse_extractor("regex:(a+)+$"))
    assert isinstance(got, Failure) and got.tag == "no_match"
    assert time.perf_counter() - started < 1.0  # Python's re: ~1.3 s at 24 `a`s, doubling


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"(\d+)(?= members)", "invalid perl operator: (?="),
        (r"(\d)\1", "invalid escape sequence: \\1"),
    ],
)
def test_patterns_re2_cannot_run_are_refused_with_the_reason(pattern: str, why: str) -> None:
    with pytest.raises(ExtractorError) as refused:
        parse_extractor(f"regex:{pattern}")
    assert str(refused.value) == (
        f"{pattern!r} is not a regular expression I can run ({why}); patterns run on RE2, "
        "which has no lookarounds or backreferences"
    )


# Module-level, so a parse worker process can import and run them.
def spin(text: str, *_: object) -> Reading | Failure:
    while True:
        pass


def hog(text: str, *_: object) -> Reading | Failure:
    held = [bytes(64 << 20) for _ in range(64)]  # 4 GiB, past the worker's address space
    return Reading(len(held))


def nap(text: str, *_: object) -> Reading | Failure:
    time.sleep(60)
    return Reading(0)


def count_chars(text: str) -> Reading | Failure:
    return Reading(len(text))


def oops(text: str) -> Reading | Failure:
    raise KeyError(text)


async def test_the_pool_bounds_cpu_memory_and_time_and_replaces_its_workers() -> None:
    pool = ParsePool(1, cpu_seconds=1, wall_seconds=30)  # room for a loaded machine
    napping = ParsePool(1, cpu_seconds=1, wall_seconds=2)
    try:
        assert await pool(count_chars, "abc") == Reading(3)
        started = time.perf_counter()
        assert await pool(spin, "x") == Failure(
            Reason.TOO_COMPLEX, "reading the page took more than 1 s of CPU"
        )
        assert time.perf_counter() - started < 30
        assert await pool(hog, "x") == Failure(
            Reason.TOO_COMPLEX, "the page needs too much memory to be read"
        )
        assert await napping(nap, "x") == Failure(
            Reason.TOO_COMPLEX, "reading the page took longer than 2 s"
        )
        assert await pool(oops, "boom") == Failure(Reason.INTERNAL, "KeyError: 'boom'")
        assert await pool(extract_count, NESTED, parse_extractor("css:div")) == Failure(
            Reason.TOO_COMPLEX, f"the page nests more than {MAX_HTML_DEPTH:,} elements deep"
        )
        assert await pool(count_chars, "x" * 2_000_000) == Reading(2_000_000)
        assert pool.replaced == 1  # the CPU hog; the rest kept their worker
        assert napping.replaced == 1
    finally:
        await pool.close()
        await napping.close()


async def test_a_cancelled_parse_kills_its_worker() -> None:
    pool = ParsePool(1, cpu_seconds=5)
    try:
        await pool.warm()  # the parse is cancelled, not the worker's start (seconds under load)
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(1.5):
                await pool(spin, "x")
        assert pool.replaced == 1
        assert await pool(count_chars, "ok") == Reading(2)
    finally:
        await pool.close()


async def test_a_start_the_caller_gave_up_on_serves_the_next_parse() -> None:
    """A sample's deadline may end while its worker is still starting: the start is kept."""
    pool = ParsePool(1)
    try:
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.01):
                await pool(count_chars, "ok")
        await wait_until(lambda: pool.ready == 1, timeout=60)
        assert await pool(count_chars, "ok") == Reading(2)
        assert pool.replaced == 0
    finally:
        await pool.close()


NOW_CHAT = 777
NOW_CALLS = 40


async def _now_round_trips_while_sampling(
    bot: RunningBot, telegram: FakeTelegramAPI, hostile: list[Source]
) -> list[float]:
    """/now from another chat, NOW_CALLS times, while the hostile sources are sampled over and
    over; the seconds from each command to its reply through the fake Bot API."""
    done = asyncio.Event()

    async def keep_sampling(source: Source) -> None:
        while not done.is_set():
            await bot.data.sampler.sample_once(source)

    samplers = [asyncio.create_task(keep_sampling(s)) for s in hostile]
    delays: list[float] = []
    try:
        await asyncio.sleep(0.5)  # the samplers are parsing by now
        for i in range(NOW_CALLS):
            started = time.perf_counter()
            telegram.send_command("/now", chat_id=NOW_CHAT, user_id=NOW_CHAT)
            await telegram.await_messages(NOW_CHAT, i + 1, timeout=30)
            delays.append(time.perf_counter() - started)
            await asyncio.sleep(0.05)
    finally:
        done.set()
        await asyncio.gather(*samplers)
    return sorted(delays)


def p99(delays: list[float]) -> float:
    return delays[min(len(delays) - 1, round(0.99 * (len(delays) - 1)))]


HOSTILE_PAGES = {
    # 100,000 nested <div>: ~55 s in lexbor, refused by the nesting scan.
    "nested": (NESTED.encode(), "css:div", "too_complex", "nests more than 1,000 elements deep"),
    # Catastrophic for a backtracking engine (Python's re: ~5 s here, doubling per `a`).
    "pattern": (b"a" * 25 + b"b", "regex:(a+)+$", "no_match", "does not match the page"),
    "json": (b"[" * 100_000, "json:$.count", "too_complex", "the JSON nests too deep"),
}


async def test_now_answers_quickly_while_hostile_pages_are_sampled(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    for path, (body, *_) in HOSTILE_PAGES.items():
        source_server.set(f"/{path}", Response(body=body))
    async with running_bot(settings, clock) as bot:
        hostile = [
            await sources.add_source(
                bot.deps.db,
                kind=SourceKind.WEB,
                target=f"{source_server.url}/{path}",
                label=path,
                interval_seconds=3600,
                created_at=clock.now(),
                options=extractor_options(parse_extractor(extractor)),
            )
            for path, (_, extractor, *_) in HOSTILE_PAGES.items()
        ]
        delays = await _now_round_trips_while_sampling(bot, telegram, hostile)
        assert p99(delays) < 0.5, f"/now p99 {p99(delays) * 1000:.0f} ms: {delays}"
        for source, (_, _, tag, words) in zip(hostile, HOSTILE_PAGES.values(), strict=True):
            (row, *_) = await failure_store.recent_failures(bot.deps.db, source.id)
            assert row.tag == tag and words in row.detail, (source.label, row)
            health = await bot.data.sampler.current_health(source)
            assert health.failures >= 1 and health.reason == tag


async def test_now_answers_quickly_while_a_parse_burns_its_cpu_budget(
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever gets past the scans and RE2 still runs out its budget in a worker process."""
    source_server.set_kakao_count("_xdhKKT", 1_234)
    source_server.set("/page", Response(body=b"<p id=n>12</p>"))
    monkeypatch.setattr("bot.sources.web.extract_count", spin)
    async with running_bot(settings, clock) as bot:
        page = await sources.add_source(
            bot.deps.db,
            kind=SourceKind.WEB,
            target=f"{source_server.url}/page",
            label="page",
            interval_seconds=3600,
            created_at=clock.now(),
            options=extractor_options(parse_extractor("css:#n")),
        )
        delays = await _now_round_trips_while_sampling(bot, telegram, [page])
        assert p99(delays) < 0.5, f"/now p99 {p99(delays) * 1000:.0f} ms: {delays}"
        (row, *_) = await failure_store.recent_failures(bot.deps.db, page.id)
        assert row.tag == "too_complex"
        assert row.detail in (  # the wall-clock backstop, where the machine is very busy
            "reading the page took more than 2 s of CPU",
            "reading the page took longer than 9 s",
        )
