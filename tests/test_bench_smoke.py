"""The benchmarks still run (at toy sizes, a few seconds): bench/ imports the bot's real pieces,
so a renamed function or a changed signature shows up here rather than at the next bench run."""

from __future__ import annotations

import hashlib

from telegram import Bot

from bench.__main__ import parse_args, run
from bench.bot_api_process import bot_api_process
from bench.harness import TOKEN


async def test_bench_runs_at_toy_size() -> None:
    report = await run(parse_args(["--quick", "--only", "storage,now,chart"]))
    benches = {row.bench.split(":")[0] for row in report.rows}
    assert benches == {"1 /now", "2 /chart all", "2 /chart 7d", "3 storage"}
    assert all(row.figure for row in report.rows)
    # Beside every figure of benches 1-3 the seed's way, except the handler-through-PTB one.
    assert all(row.baseline for row in report.rows if "real handler" not in row.bench)
    # Not timings (noise at toy sizes) but what the machine does not change: the generated
    # history is seeded, so the file sizes are the same on every run.
    (storage,) = [
        r for r in report.rows if r.bench.startswith("3 storage: bytes") and r.size == "1,200"
    ]
    assert storage.ok
    assert report.render().startswith("| bench")


async def test_rollup_and_many_source_benches_run_at_toy_size() -> None:
    report = await run(parse_args(["--quick", "--only", "chartall,many"]))
    benches = {row.bench.split(":")[0] for row in report.rows}
    assert benches == {"2 /chart all", "6 many sources"}
    assert all(row.figure and row.baseline for row in report.rows)
    # the list commands answer the same text as the per-source lookups they replaced
    assert not any("TEXT DIFFERS" in row.figure for row in report.rows)


async def test_days_and_forecast_bench_runs_at_toy_size() -> None:
    report = await run(parse_args(["--quick", "--only", "days"]))
    benches = {row.bench.split(":")[0] for row in report.rows}
    assert benches == {"10 /days 14", "10 /forecast"}
    assert all(row.figure for row in report.rows)
    assert all(row.baseline for row in report.rows if "/days" in row.bench)
    assert not [n for n in report.notes if "answered differently" in n]


async def test_the_load_benches_fake_bot_api_runs_apart_and_says_what_it_received() -> None:
    """bench load_export and load_chat talk to the fake Bot API in a process of its own; what it
    received comes back over a pipe, a document as its size and SHA-256."""
    data = b"timestamp,count\n" * 50_000
    async with bot_api_process() as telegram:
        await telegram.set_rate_limits(global_per_second=30, per_chat_per_minute=20)
        await telegram.set_latency(0.0)
        async with Bot(TOKEN, base_url=f"{telegram.root_url}/bot") as bot:
            await bot.send_message(5, "hello")
            await bot.send_document(6, data, filename="history.csv")
        (document,) = await telegram.messages_to(6)
        assert document.method == "sendDocument"
        assert (document.size, document.sha256) == (len(data), hashlib.sha256(data).hexdigest())
        assert [m.text for m in await telegram.messages_to(5)] == ["hello"]
        await telegram.clear()
        assert await telegram.sent() == []
