"""/metrics: the run's counters (bot/services/metrics.py) and each source's latest stored sample,
in Prometheus' text format, collected at scrape time (a fresh registry per scrape: no global
state, and a source untracked a second ago is gone from the next scrape)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.core.model import Sample, Source
from bot.services.deps import Deps
from bot.services.scrape import tracked_with_latest

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_P = "channel_counter"


class _Snapshot(Collector):
    def __init__(self, deps: Deps, latest: Sequence[tuple[Source, Sample | None]]) -> None:
        self._deps = deps
        self._latest = latest

    def collect(self) -> Iterable[Metric]:
        m = self._deps.metrics
        labels = ["source", "kind"]
        value = GaugeMetricFamily(f"{_P}_source_value", "Last good sample's count", labels=labels)
        when = GaugeMetricFamily(
            f"{_P}_source_last_sample_timestamp_seconds",
            "Unix time of the last good sample",
            labels=labels,
        )
        interval = GaugeMetricFamily(
            f"{_P}_source_interval_seconds", "Sampling interval", labels=labels
        )
        samples = CounterMetricFamily(
            f"{_P}_source_samples", "Good samples stored by this run", labels=labels
        )
        suspect = CounterMetricFamily(
            f"{_P}_source_suspect_samples", "Samples held as suspect by this run", labels=labels
        )
        failures = CounterMetricFamily(
            f"{_P}_source_failures",
            "Failed samples by reason, this run",
            labels=[*labels, "reason"],
        )
        by_source: dict[int, list[tuple[str, int]]] = {}
        for (source_id, reason), count in m.failures.items():
            by_source.setdefault(source_id, []).append((reason, count))
        for source, latest in self._latest:
            lv = [source.label, source.kind]
            interval.add_metric(lv, source.interval_seconds)
            if latest is not None:
                value.add_metric(lv, latest.value)
                when.add_metric(lv, latest.ts.timestamp())
            samples.add_metric(lv, m.samples[source.id])
            suspect.add_metric(lv, m.suspect[source.id])
            for reason, count in sorted(by_source.get(source.id, [])):
                failures.add_metric([*lv, reason], count)
        yield from (value, when, interval, samples, suspect, failures)
        yield CounterMetricFamily(
            f"{_P}_telegram_updates", "Telegram updates handled", value=m.updates
        )
        yield CounterMetricFamily(
            f"{_P}_telegram_messages_sent", "Messages and photos sent", value=m.messages_sent
        )
        yield CounterMetricFamily(
            f"{_P}_telegram_too_many_requests",
            "Bot API answers 429 (flood control)",
            value=m.telegram_429,
        )
        yield CounterMetricFamily(
            f"{_P}_summary_runs",
            "Daily summary broadcasts that sent something",
            value=m.summary_runs,
        )
        yield CounterMetricFamily(
            f"{_P}_summary_duration_seconds",
            "Time spent sending daily summaries",
            value=m.summary_seconds_total,
        )
        if m.last_summary_seconds is not None:
            yield GaugeMetricFamily(
                f"{_P}_summary_last_duration_seconds",
                "Duration of the last daily summary broadcast",
                value=m.last_summary_seconds,
            )
        health = self._deps.db_health
        yield GaugeMetricFamily(
            f"{_P}_database_writable",
            "1 while the database takes writes",
            value=0 if health.error else 1,
        )
        yield GaugeMetricFamily(
            f"{_P}_unsaved_samples", "Samples held in memory", value=health.pending()
        )


async def metrics_text(deps: Deps) -> bytes:
    latest = await tracked_with_latest(deps)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(deps, latest))
    return generate_latest(registry)
