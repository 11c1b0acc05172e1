"""/metrics for what the bot itself does (Telegram 429s, the daily summary's duration), and the
Grafana dashboard under deploy/: valid JSON whose every query names only metrics /metrics
exports."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from bot.chat.outbox import TelegramOutbox
from bot.core.model import Sample
from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from storage import samples, sources, subscriptions
from tests.fakes.clock import FakeClock
from tests.running import SEOUL, default_source_db, free_port, running_bot

DASHBOARD = Path(__file__).resolve().parent.parent / "deploy" / "grafana-dashboard.json"
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=SEOUL)
Scrape = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(port: int | None) -> Scrape:
    async with httpx.AsyncClient(timeout=30) as http:
        body = (await http.get(f"http://127.0.0.1:{port}/metrics")).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(body)
        for s in family.samples
    }


async def test_telegram_429s_are_counted(
    settings: Settings, telegram: FakeTelegramAPI, clock: FakeClock
) -> None:
    tuned = replace(settings, web_port=free_port())
    async with running_bot(tuned, clock) as bot:
        assert bot.deps.metrics.telegram_429 == 0
        telegram.fail_next(
            "sendMessage", status=429, description="Too Many Requests: retry after 1", retry_after=1
        )
        telegram.send_command("/help", chat_id=7301)
        (reply,) = await telegram.await_messages(7301, 1, timeout=15)  # sent on the retry
        assert reply.text
        after = await scrape(tuned.web_port)
    assert after["channel_counter_telegram_too_many_requests_total", ()] == 1
    assert after["channel_counter_telegram_messages_sent_total", ()] >= 1


def dashboard_queries() -> list[str]:
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("expr", "definition") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(DASHBOARD.read_text(encoding="utf-8")))
    return found


async def test_summary_duration_is_exported_and_the_dashboard_asks_only_for_exported_metrics(
    settings: Settings, telegram: FakeTelegramAPI
) -> None:
    tuned = replace(settings, web_port=free_port())
    async with default_source_db(tuned, NOW - timedelta(days=2)) as (db, src):
        rows = [Sample(NOW - timedelta(days=2) + timedelta(hours=k), 1000 + k) for k in range(48)]
        await samples.insert_samples(db, src.id, rows)
        for chat in (7401, 7402):
            await subscriptions.subscribe(db, chat, src.id, "en", NOW - timedelta(days=1))
    async with running_bot(tuned, FakeClock(NOW)) as bot:
        await bot.application.job_queue.stop()  # the broadcast below is the only one
        ticks = itertools.count(100.0, 2.5)  # the broadcast takes 2.5 s by this clock
        bot.deps.monotonic = lambda: next(ticks)
        outbox = TelegramOutbox(bot.application.bot, paid=False)
        assert await bot.data.summaries.send_due(outbox) == 2
        (source,) = await sources.list_sources(bot.deps.db)
        bot.deps.metrics.failures[source.id, "http_503"] += 1  # every family has a sample
        found = await scrape(tuned.web_port)
    assert found["channel_counter_summary_runs_total", ()] == 1
    assert found["channel_counter_summary_duration_seconds_total", ()] == 2.5
    assert found["channel_counter_summary_last_duration_seconds", ()] == 2.5

    exported = {name for name, _ in found}
    queries = dashboard_queries()
    asked = {name for q in queries for name in re.findall(r"\bchannel_counter_\w+", q)}
    assert asked - exported == set()
    assert all(re.search(r"\bchannel_counter_\w+", q) for q in queries)
    for wanted in (
        "channel_counter_source_value",
        "channel_counter_source_samples_total",
        "channel_counter_source_failures_total",
        "channel_counter_telegram_updates_total",
        "channel_counter_telegram_messages_sent_total",
        "channel_counter_telegram_too_many_requests_total",
        "channel_counter_summary_last_duration_seconds",
    ):
        assert wanted in asked


def test_the_dashboard_is_a_grafana_dashboard() -> None:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    panels = dashboard["panels"]
    assert len({p["id"] for p in panels}) == len(panels) >= 8
    for panel in panels:
        assert panel["title"] and panel["type"] in ("stat", "timeseries")
        assert {"x", "y", "w", "h"} <= panel["gridPos"].keys()
        assert panel["targets"] and all(t["expr"] and t["refId"] for t in panel["targets"])
    names = [v["name"] for v in dashboard["templating"]["list"]]
    assert names == ["datasource", "source"]
