"""Sources misbehave: every fault comes from a real local HTTP server over real sockets (slow,
refusing, rate limiting, erroring, sending nothing, 50 MB, trickling forever, dropping the
connection), through the real fetch, retry, storage and alert code."""

from __future__ import annotations

import asyncio
import time
import tracemalloc
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.alert_rules import after_sample
from bot.core.model import Failure, Reading, Sample, Source, SourceHealth
from bot.core.reasons import Reason, parse_reason_tag
from bot.core.retry import RetryPolicy, backoff_seconds, is_transient, next_delay
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from bot.sources.http import get_text, retry_after_seconds
from storage import failures as failure_store
from storage import samples, sources
from tests.fakes.clock import FakeClock
from tests.fakes.sleeper import FakeSleeper
from tests.fakes.source_server import Response, SourceServer, kakao_profile_json, refused_url
from tests.running import RunningBot, running_bot, wait_until

JSON_PATH = "/rocket-web/web/v2/profiles/_xdhKKT"
HTML_PATH = "/_xdhKKT"
ADMIN = 4242
OTHER_USER = 1001

# Each fault a source can throw at the shared GET, and the reason it must come back as.
WIRE_FAULTS: list[tuple[str, Response, str]] = [
    ("slow answer", Response(body=b"{}", delay=1.5), "timeout"),
    (
        "rate limited",
        Response(status=429, body=b"slow down", headers={"Retry-After": "7"}),
        "http_429",
    ),
    (
        "server error",
        Response(status=503, body=b"<html><h1>Service Unavailable</h1></html>"),
        "http_503",
    ),
    ("bad gateway", Response(status=502, body=b""), "http_502"),
    ("empty body", Response(body=b""), "empty_body"),
    ("whitespace body", Response(body=b" \r\n\t "), "empty_body"),
    ("50 MB body", Response(body_size=50 * 1024 * 1024), "too_large"),
    ("never finishes", Response(body=b"x" * 10_000, trickle=0.05), "too_slow"),
    ("stops sending", Response(body=b'{"cards": []}', stall=True), "timeout"),
    ("drops before answering", Response(drop="before_headers"), "dropped"),
    ("drops mid-body", Response(body=b"y" * 200_000, drop="mid_body"), "dropped"),
]


@pytest.mark.parametrize(
    ("name", "response", "reason"), WIRE_FAULTS, ids=[f[0] for f in WIRE_FAULTS]
)
async def test_the_shared_get_turns_every_wire_fault_into_a_reason(
    source_server: SourceServer, name: str, response: Response, reason: str
) -> None:
    source_server.set("/page", response)
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=0.5) as client:
        got = await get_text(client, f"{source_server.url}/page", deadline=1.0)
    elapsed = time.monotonic() - started
    assert isinstance(got, Failure), name
    assert got.tag == reason, got
    assert elapsed < 2.0, f"{name} held the fetch for {elapsed:.1f} s"


async def test_connection_refused_is_a_reason() -> None:
    async with httpx.AsyncClient(timeout=0.5) as client:
        got = await get_text(client, f"{refused_url()}/page")
    assert isinstance(got, Failure)
    assert got.tag == "connection_refused"


async def test_error_answers_carry_retry_after_and_a_quote(source_server: SourceServer) -> None:
    source_server.set(
        "/busy",
        Response(status=503, body=b"<p>Back   soon</p>", headers={"Retry-After": "12"}),
    )
    source_server.set(
        "/dated",
        Response(
            status=429,
            headers={
                "Retry-After": "Wed, 25 Nov 2026 00:01:30 GMT",
                "Date": "Wed, 25 Nov 2026 00:00:00 GMT",
            },
        ),
    )
    async with httpx.AsyncClient(timeout=1) as client:
        busy = await get_text(client, f"{source_server.url}/busy")
        dated = await get_text(client, f"{source_server.url}/dated")
    assert isinstance(busy, Failure) and busy.retry_after == 12.0
    assert busy.detail.endswith("answered HTTP 503: <p>Back soon</p>")
    assert isinstance(dated, Failure) and dated.retry_after == 90.0


def test_retry_after_parsing() -> None:
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("0") == 0.0
    assert retry_after_seconds("99999999999999") == 3600.0  # capped
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 25 Nov 2026 00:01:30 GMT") is None  # no Date to measure by
    past = retry_after_seconds("Wed, 25 Nov 2026 00:00:00 GMT", "Wed, 25 Nov 2026 00:10:00 GMT")
    assert past == 0.0


async def test_a_huge_body_is_not_read_into_memory(source_server: SourceServer) -> None:
    source_server.set("/huge", Response(body_size=50 * 1024 * 1024))
    tracemalloc.start()
    try:
        async with httpx.AsyncClient(timeout=2) as client:
            tracemalloc.reset_peak()
            got = await get_text(client, f"{source_server.url}/huge", max_bytes=64 * 1024)
            _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(got, Failure) and got.tag == "too_large"
    # Measured: what was allocated at the peak while reading stays far below the 50 MB body
    # (reading it whole would peak above 50 MB).
    assert peak < 4 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB while reading a 50 MB page"


async def test_an_unknown_charset_still_decodes(source_server: SourceServer) -> None:
    source_server.set("/odd", Response(body=b"ok", content_type="text/html; charset=klingon"))
    async with httpx.AsyncClient(timeout=1) as client:
        got = await get_text(client, f"{source_server.url}/odd")
    assert not isinstance(got, Failure) and got.text == "ok"


# ---------------------------------------------------------------- retry policy (pure)


def failure_of(tag: str) -> Failure:
    reason, status = parse_reason_tag(tag)
    return Failure(reason, status=status)


def test_only_transient_failures_are_retried() -> None:
    for reason in ("timeout", "too_slow", "unreachable", "dropped", "http_429", "http_503"):
        assert is_transient(failure_of(reason))
    for reason in ("layout_changed", "count_hidden", "too_large", "not_json", "http_404"):
        assert not is_transient(failure_of(reason))


@given(retry=st.integers(0, 10), jitter=st.floats(0, 1, exclude_max=True))
def test_backoff_doubles_with_bounded_jitter(retry: int, jitter: float) -> None:
    policy = RetryPolicy(attempts=20, base_seconds=1.0, cap_seconds=60.0)
    step = min(60.0, 2.0**retry)
    assert step / 2 <= backoff_seconds(policy, retry, jitter) < step + 1e-9


@given(
    retry_after=st.none() | st.floats(0, 4000),
    elapsed=st.floats(0, 100),
    interval=st.integers(5, 3600),
    deadline=st.floats(0.1, 30),
    jitter=st.floats(0, 1, exclude_max=True),
)
def test_a_retry_never_overruns_the_next_sample(
    retry_after: float | None, elapsed: float, interval: int, deadline: float, jitter: float
) -> None:
    failure = Failure(Reason.HTTP, retry_after=retry_after, status=503)
    delay = next_delay(
        RetryPolicy(attempts=5),
        failure,
        retry=0,
        elapsed=elapsed,
        budget=interval * 0.9,
        attempt_deadline=deadline,
        jitter=jitter,
    )
    if delay is not None:
        assert elapsed + delay + deadline <= interval * 0.9
        if retry_after is not None:
            assert delay >= retry_after


# ---------------------------------------------------------------- through the running bot


def quiet_scheduler(bot: RunningBot) -> None:
    """Tests below take samples by hand; the scheduled ones would race them."""
    queue = bot.application.job_queue
    for job in queue.jobs():
        if job.name and job.name.startswith("sample:"):
            job.schedule_removal()


def fault_settings(settings: Settings, **changes: Any) -> Settings:
    defaults: dict[str, Any] = {
        "admin_user_ids": frozenset({ADMIN}),
        "request_timeout_seconds": 0.5,
        "fetch_deadline_seconds": 1.0,
    }
    return replace(settings, **{**defaults, **changes})


async def failures_stored(bot: RunningBot) -> list[str]:
    rows = await failure_store.recent_failures(bot.deps.db, 1, limit=1000)
    return [r.tag for r in reversed(rows)]


# In the bot every source request also goes through SourceTransport, whose one deadline per
# request (request_timeout_seconds) cuts a page that never finishes first: "timeout".
SOURCE_FAULTS: list[tuple[str, Response, str]] = [
    *[(n, r, "timeout" if n == "never finishes" else reason) for n, r, reason in WIRE_FAULTS],
    (
        "200 with an HTML error page",
        Response(body="<html><p>점검 중입니다</p></html>".encode()),
        "not_json",
    ),
    (
        "JSON without the field",
        Response(body=kakao_profile_json(None), content_type="application/json"),
        "count_hidden",
    ),
    (
        "JSON of another shape",
        Response(body=b'{"error": "gone"}', content_type="application/json"),
        "layout_changed",
    ),
]


async def test_every_source_fault_is_a_failed_sample_with_a_reason_and_nothing_is_lost(
    settings: Settings,
    source_server: SourceServer,
    clock: FakeClock,
) -> None:
    # The JSON and the HTML page each time out after 0.5 s; the whole attempt after 1.5 s.
    tuned = fault_settings(settings, sample_attempts=1, fetch_deadline_seconds=1.5)
    async with running_bot(tuned, clock) as bot:
        quiet_scheduler(bot)
        rt = bot.deps
        source = (await _sources(bot))[0]
        stored = 0
        for k, (name, response, reason) in enumerate(SOURCE_FAULTS):
            source_server.set(JSON_PATH, response)
            source_server.set(HTML_PATH, response)
            clock.advance(timedelta(seconds=30))
            outcome = await bot.data.sampler.sample_once(source)
            assert isinstance(outcome, Failure), name
            assert outcome.tag == reason, (name, outcome)
            # Between faults a good sample: it is stored, and a failure never is.
            source_server.set_kakao_count("_xdhKKT", 200_000 + k)
            clock.advance(timedelta(seconds=30))
            assert await bot.data.sampler.sample_once(source) == Reading(
                200_000 + k, name="배민커넥트"
            )
            stored += 1
        assert await failures_stored(bot) == [reason for _, _, reason in SOURCE_FAULTS]
        assert await samples.count_samples(rt.db, source.id) == stored
        latest = await samples.latest_sample(rt.db, source.id)
        assert latest is not None and latest.value == 200_000 + len(SOURCE_FAULTS) - 1


async def test_transient_failures_are_retried_with_backoff_and_jitter(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    good = Response(body=kakao_profile_json(123_456), content_type="application/json")
    source_server.set_sequence(
        JSON_PATH, [Response(status=503), Response(drop="before_headers"), good]
    )
    async with running_bot(fault_settings(settings), clock) as bot:
        quiet_scheduler(bot)
        sleeper = FakeSleeper(clock)
        bot.deps.sleep, bot.deps.monotonic, bot.deps.jitter = (
            sleeper,
            sleeper.monotonic,
            lambda: 0.5,
        )
        source = (await _sources(bot))[0]
        outcome = await bot.data.sampler.sample_once(source)
        assert outcome == Reading(123_456, name="배민커넥트")
        assert sleeper.waits == [0.75, 1.5]  # 1 s then 2 s steps, half fixed, half jitter
        assert source_server.requests_to(JSON_PATH) == 3
        assert await failures_stored(bot) == []  # a retry that worked is not a failure
        assert await samples.count_samples(bot.deps.db, source.id) == 1

        # A layout change is not retried: another try would find the same page.
        source_server.set(JSON_PATH, Response(body=b'{"x": 1}', content_type="application/json"))
        outcome = await bot.data.sampler.sample_once(source)
        assert isinstance(outcome, Failure) and outcome.tag == "layout_changed"
        assert source_server.requests_to(JSON_PATH) == 4
        assert sleeper.waits == [0.75, 1.5]


async def test_retry_after_is_waited_out_but_never_past_the_next_sample(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    good = Response(body=kakao_profile_json(5), content_type="application/json")
    source_server.set_sequence(
        JSON_PATH, [Response(status=429, headers={"Retry-After": "5"}), good]
    )
    async with running_bot(fault_settings(settings), clock) as bot:
        quiet_scheduler(bot)
        sleeper = FakeSleeper(clock)
        bot.deps.sleep, bot.deps.monotonic, bot.deps.jitter = (
            sleeper,
            sleeper.monotonic,
            lambda: 0.0,
        )
        source = (await _sources(bot))[0]  # sampled every 30 s: retries must fit in 27 s
        assert isinstance(await bot.data.sampler.sample_once(source), Reading)
        assert sleeper.waits == [5.0]  # Retry-After wins over the 0.5 s backoff

        # Asked to wait two minutes: no retry inside this interval...
        source_server.set(JSON_PATH, Response(status=429, headers={"Retry-After": "120"}))
        outcome = await bot.data.sampler.sample_once(source)
        assert isinstance(outcome, Failure) and outcome.tag == "http_429"
        assert sleeper.waits == [5.0]
        asked = source_server.requests_to(JSON_PATH)
        # ...and the next scheduled samples leave the source alone until then, saying why.
        clock.advance(timedelta(seconds=30))
        outcome = await bot.data.sampler.sample_once(source)
        assert isinstance(outcome, Failure) and outcome.tag == "rate_limited"
        assert source_server.requests_to(JSON_PATH) == asked
        clock.advance(timedelta(seconds=91))
        source_server.set(JSON_PATH, good)
        assert isinstance(await bot.data.sampler.sample_once(source), Reading)
        assert await failures_stored(bot) == ["http_429", "rate_limited"]


async def test_sampling_keeps_its_schedule_while_the_source_hangs(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    # A page that trickles forever, sampled every second: each sample (its retries included)
    # must end before the next is due, so none is skipped or late.
    source_server.set(JSON_PATH, Response(body=b"{" * 10_000, trickle=0.05))
    tuned = fault_settings(
        settings,
        sample_interval_seconds=1,
        fetch_deadline_seconds=0.35,
        retry_base_seconds=0.05,
    )
    async with running_bot(tuned, clock) as bot:
        await wait_until(lambda: source_server.requests_to(JSON_PATH) >= 1)
        first = time.monotonic()
        await asyncio.sleep(3.9)
        ran = time.monotonic() - first
        reasons = await failures_stored(bot)
    starts = [t for p, t in source_server.request_times if p == JSON_PATH]
    assert reasons and set(reasons) == {"too_slow"}
    # One failure per interval: none skipped because the last one was still running.
    assert len(reasons) in (int(ran), int(ran) + 1), (ran, reasons)
    # Every sample started on its tick (k seconds after the first), retries in between.
    for k in range(len(reasons)):
        assert any(abs(t - starts[0] - k) < 0.2 for t in starts), (k, starts)


async def test_now_says_the_figure_is_stale_and_why(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    async with running_bot(fault_settings(settings, sample_attempts=1), clock) as bot:
        quiet_scheduler(bot)
        source = (await _sources(bot))[0]
        await samples.insert_sample(bot.deps.db, source.id, Sample(clock.now(), 1_000))
        clock.advance(timedelta(minutes=10))
        source_server.set(JSON_PATH, Response(status=503, body=b"down"))
        for _ in range(3):
            await bot.data.sampler.sample_once(source)
        telegram.send_command("/now")
        (reply,) = await telegram.await_messages(OTHER_USER, 1)
        assert reply.text is not None
        assert reply.text.endswith(
            "Last sample: 10 min ago\n"
            "⚠️ This figure is stale: no good sample for 10 min.\n"
            "Why: the last 3 attempts failed — latest: the source had a server error (HTTP 503)."
        )
        source_server.set(JSON_PATH, Response(body=b"<html>oops</html>"))
        await bot.data.sampler.sample_once(source)
        telegram.send_command("/now", language_code="ko")
        replies = await telegram.await_messages(OTHER_USER, 2)
        assert replies[1].text is not None
        assert replies[1].text.endswith(
            "⚠️ 오래된 수치예요: 10분 동안 정상 수집이 없었어요.\n"
            "이유: 수집이 4회 연속 실패했어요 — 마지막 이유: 출처가 데이터 대신 오류 페이지를 "
            "보냈어요."
        )


# ---------------------------------------------------------------- admin alerts


async def test_admins_get_one_alert_per_outage_and_one_recovery_across_restarts(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = fault_settings(settings, sample_attempts=1, alert_after_failures=4)
    source_server.set(JSON_PATH, Response(status=503, body=b"<h1>maintenance</h1>"))
    async with running_bot(tuned, clock) as bot:
        quiet_scheduler(bot)
        source = (await _sources(bot))[0]
        for _ in range(3):
            await bot.data.sampler.sample_once(source)
        assert telegram.messages_to(ADMIN) == []  # three in a row: not yet
        await bot.data.sampler.sample_once(source)
        (alert,) = await telegram.await_messages(ADMIN, 1)
        for _ in range(5):
            await bot.data.sampler.sample_once(source)
    assert alert.text is not None
    assert alert.text.startswith(
        "⚠️ kakao: sampling has failed 4 times in a row since 2026-11-25 08:00.\n"
        "Reason: the source had a server error (HTTP 503).\n"
        "What came back: "
    )
    assert "answered HTTP 503: <h1>maintenance</h1>" in alert.text
    assert "연속 실패했어요" in alert.text  # the same in Korean, in the same message

    # A restart remembers that the admins were told: still no second alert.
    async with running_bot(tuned, clock) as bot:
        quiet_scheduler(bot)
        source = (await _sources(bot))[0]
        for _ in range(5):
            await bot.data.sampler.sample_once(source)
        # sample_once has returned: any alert it decided on was sent (it awaits tell_admins).
        assert len(telegram.messages_to(ADMIN)) == 1
        source_server.set_kakao_count("_xdhKKT", 7)
        await bot.data.sampler.sample_once(source)
        messages = await telegram.await_messages(ADMIN, 2)
        await bot.data.sampler.sample_once(source)
    assert messages[1].text is not None
    assert messages[1].text.startswith(
        "✅ 배민커넥트 (kakao): sampling works again (after 14 failed samples)."
    )
    assert len(telegram.messages_to(ADMIN)) == 2
    assert telegram.messages_to(OTHER_USER) == []  # nobody else hears of it


async def test_a_layout_change_alerts_at_once_with_an_excerpt(
    settings: Settings, source_server: SourceServer, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = fault_settings(settings, sample_attempts=1, alert_after_failures=10)
    source_server.set(
        JSON_PATH,
        Response(body=b'{"cards": [{"type": "banner"}]}', content_type="application/json"),
    )
    source_server.set(HTML_PATH, Response(body="<html><p>새로운 디자인</p></html>".encode()))
    async with running_bot(tuned, clock) as bot:
        quiet_scheduler(bot)
        source = (await _sources(bot))[0]
        await bot.data.sampler.sample_once(source)
        (alert,) = await telegram.await_messages(ADMIN, 1)
        for _ in range(12):
            await bot.data.sampler.sample_once(source)
        # sample_once has returned: any alert it decided on was sent (it awaits tell_admins).
        assert len(telegram.messages_to(ADMIN)) == 1
    assert alert.text is not None
    assert "the page layout seems to have changed" in alert.text
    assert 'What came back: no profile card in the JSON: {"cards": [{"type": "banner"}]}' in (
        alert.text
    )


async def _sources(bot: RunningBot) -> list[Source]:
    return await sources.list_sources(bot.deps.db)


async def test_a_refused_address_is_a_reason_and_not_retried(
    settings: Settings, source_server: SourceServer, clock: FakeClock
) -> None:
    # The SSRF guard refuses loopback by default: permanent, so no retry hammers it.
    async with running_bot(fault_settings(settings, allow_private_sources=False), clock) as bot:
        quiet_scheduler(bot)
        sleeper = FakeSleeper(clock)
        bot.deps.sleep, bot.deps.monotonic = sleeper, sleeper.monotonic
        outcome = await bot.data.sampler.sample_once((await _sources(bot))[0])
    assert isinstance(outcome, Failure) and outcome.tag == "refused_address"
    assert sleeper.waits == []
    assert source_server.requests == []


@pytest.mark.parametrize("reason", ["layout_changed", "no_match", "not_a_count"])
def test_an_extractor_finding_nothing_alerts_at_once(reason: str) -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    health, notice = after_sample(
        SourceHealth(), Failure(Reason(reason), "<html>new</html>"), at, 10
    )
    assert notice is not None and notice.kind == "layout_changed"
    assert health.alerted and health.failures == 1
    health, notice = after_sample(health, Failure(Reason(reason)), at, 10)
    assert notice is None  # once
    health, notice = after_sample(health, Reading(5), at, 10)
    assert notice is not None and notice.kind == "recovered" and health == SourceHealth()


def test_other_failures_alert_only_after_the_threshold() -> None:
    at = datetime(2026, 11, 25, tzinfo=UTC)
    health = SourceHealth()
    kinds = []
    for _ in range(25):
        health, notice = after_sample(health, Failure(Reason.TIMEOUT), at, 10)
        kinds.append(notice.kind if notice else None)
    assert kinds == [None] * 9 + ["failing"] + [None] * 15
    health, notice = after_sample(health, Reading(1), at, 10)
    assert notice is not None and notice.failures == 25
    health, notice = after_sample(health, Reading(1), at, 10)
    assert notice is None  # a source that never alerted never "recovers" either
