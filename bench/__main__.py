"""Run the benchmarks and print their table: `.venv/bin/python -m bench` (or bash scripts/bench.sh).

Every figure comes with the seed's way measured beside it in the same run where the issue asks
for one. Generated databases live in a temporary directory that is removed afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import sqlite3
import tempfile
import time
from pathlib import Path

import matplotlib
import telegram

from bench.broadcast import bench_broadcast
from bench.chart_timing import bench_all_query, bench_charts
from bench.compare import bench_compare
from bench.days_timing import bench_days
from bench.harness import TOKEN, quiet_logs
from bench.history import create_history_db
from bench.hostile import bench_hostile
from bench.load_chat import bench_load_chat
from bench.load_export import bench_load_export
from bench.many_sources import bench_many_sources
from bench.memory import bench_memory
from bench.now_timing import bench_now
from bench.report import Report, size_label
from bench.sampler_load import bench_sampler
from bench.storage_size import YEAR_SAMPLES, bench_storage
from bench.unusual import bench_unusual
from bot.demo.bot_api import FakeTelegramAPI

BENCHES = (
    "storage",
    "now",
    "days",
    "chart",
    "chartall",
    "many",
    "sampler",
    "memory",
    "broadcast",
    "hostile",
    "unusual",
    "compare",
    "load_export",
    "load_chat",
)
# Benches that read no generated database: run alone, they skip making one.
NO_DATABASE = {"compare", "unusual", "load_chat"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10000,100000,1000000", help="samples per source (comma-separated)"
    )
    parser.add_argument(
        "--all-sizes",
        default="10000,1000000,10000000",
        help="samples per source for the /chart all query across history sizes (chartall)",
    )
    parser.add_argument("--only", default=",".join(BENCHES), help=f"any of {','.join(BENCHES)}")
    parser.add_argument("--chats", type=int, default=10_000, help="subscribed chats (bench 5)")
    parser.add_argument(
        "--quick", action="store_true", help="toy sizes: checks the benches run, in seconds"
    )
    return parser.parse_args(argv)


async def run(args: argparse.Namespace) -> Report:
    only = {b.strip() for b in args.only.split(",") if b.strip()}
    unknown = only - set(BENCHES)
    if unknown:
        raise SystemExit(f"unknown bench {sorted(unknown)}; choose from {', '.join(BENCHES)}")
    sizes = [int(s) for s in args.sizes.split(",")] if not args.quick else [300, 1200]
    if only <= NO_DATABASE:
        sizes = []
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="channel-counter-bench-") as tmp:
        workdir = Path(tmp)
        databases: dict[int, Path] = {}
        for size in sizes:
            path = workdir / f"history-{size}.db"
            await create_history_db(path, size)
            databases[size] = path
        if sizes:
            report.note(
                f"generated {', '.join(size_label(s) for s in sizes)} sample databases in "
                f"{time.perf_counter() - started:.0f} s"
            )
        telegram_api = FakeTelegramAPI(TOKEN)
        telegram_api.start()
        try:
            sections = {
                "storage": lambda: bench_storage(
                    report,
                    databases,
                    workdir,
                    year_samples=10 * 2880 if args.quick else YEAR_SAMPLES,
                ),
                "now": lambda: bench_now(
                    report,
                    databases,
                    telegram_api,
                    calls=100 if args.quick else 1000,
                    e2e_calls=10 if args.quick else 100,
                ),
                "days": lambda: bench_days(
                    report, databases, telegram_api, calls=30 if args.quick else 300
                ),
                "chart": lambda: bench_charts(report, databases, runs=2 if args.quick else 15),
                "chartall": lambda: _chart_all(report, args, databases, workdir),
                "many": lambda: bench_many_sources(
                    report,
                    workdir,
                    count=50 if args.quick else 1000,
                    calls=3 if args.quick else 100,
                ),
                "sampler": lambda: bench_sampler(
                    report,
                    workdir,
                    telegram_api,
                    samples=100 if args.quick else 2000,
                    ladder=(20,) if args.quick else (1600, 3200, 4000, 4800, 5600),
                    rounds=1 if args.quick else 2,
                ),
                "memory": lambda: bench_memory(
                    report,
                    workdir,
                    telegram_api,
                    samples=200 if args.quick else 10_000,
                    charts=4 if args.quick else 200,
                ),
                "broadcast": lambda: bench_broadcast(
                    report,
                    databases[sizes[0]],
                    workdir,
                    telegram_api,
                    chats=20 if args.quick else args.chats,
                    sequential_chats=10 if args.quick else 150,
                ),
                "hostile": lambda: bench_hostile(
                    report,
                    workdir,
                    telegram_api,
                    calls=10 if args.quick else 100,
                    seed_calls=3 if args.quick else 10,
                ),
                "unusual": lambda: bench_unusual(report, quick=args.quick),
                "compare": lambda: bench_compare(report, pairs=40 if args.quick else 400),
                "load_export": lambda: bench_load_export(
                    report, databases[max(sizes)], max(sizes), quick=args.quick
                ),
                "load_chat": lambda: bench_load_chat(
                    report,
                    workdir,
                    chats=20 if args.quick else 200,
                    samples=2_000 if args.quick else 30_000,
                ),
            }
            for name in BENCHES:
                if name in only:
                    began = time.perf_counter()
                    await sections[name]()
                    report.note(f"{name}: {time.perf_counter() - began:.0f} s")
        finally:
            telegram_api.stop()
    report.note(
        f"machine: {os.cpu_count()} CPUs, {platform.machine()}, Python {platform.python_version()}"
        f", SQLite {sqlite3.sqlite_version}, matplotlib {matplotlib.__version__}, "
        f"python-telegram-bot {telegram.__version__}; "
        f"whole run {time.perf_counter() - started:.0f} s"
    )
    return report


async def _chart_all(
    report: Report, args: argparse.Namespace, databases: dict[int, Path], workdir: Path
) -> None:
    """The `all` query at its own sizes (10M by default), reusing databases already made."""
    sizes = [300, 1200, 30_000] if args.quick else [int(s) for s in args.all_sizes.split(",")]
    chosen: dict[int, Path] = {}
    for size in sizes:
        if size not in databases:
            began = time.perf_counter()
            path = workdir / f"history-{size}.db"
            await create_history_db(path, size)
            report.note(
                f"chartall: generated {size_label(size)} samples in "
                f"{time.perf_counter() - began:.0f} s"
            )
            databases[size] = path
        chosen[size] = databases[size]
    await bench_all_query(report, chosen, runs=5 if args.quick else 40)


def main(argv: list[str] | None = None) -> None:
    quiet_logs()
    report = asyncio.run(run(parse_args(argv)))
    print(report.render())


if __name__ == "__main__":
    main()
