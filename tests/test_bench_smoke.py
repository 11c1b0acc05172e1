"""The benchmarks still run (at toy sizes, a few seconds): bench/ imports the bot's real pieces,
so a renamed function or a changed signature shows up here rather than at the next bench run."""

from __future__ import annotations

from bench.__main__ import parse_args, run


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
