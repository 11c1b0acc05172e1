"""What the bot counts while it runs, for /metrics: plain counters, no exporter library here.

The Sampler and the chat edge add to these; the web edge (bot/web/metrics.py) turns them, with
the latest stored samples, into Prometheus' text format at scrape time. Counters start at zero
with each run, as Prometheus counters do.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Metrics:
    samples: Counter[int] = field(default_factory=Counter)  # stored good samples, by source id
    suspect: Counter[int] = field(default_factory=Counter)  # samples held as suspect
    failures: Counter[tuple[int, str]] = field(default_factory=Counter)  # (source id, reason)
    updates: int = 0  # Telegram updates handled
    messages_sent: int = 0  # messages and photos the Bot API accepted
    telegram_429: int = 0  # "too many requests" answers from the Bot API
    summary_runs: int = 0
    summary_seconds_total: float = 0.0
    last_summary_seconds: float | None = None

    def summary_done(self, seconds: float) -> None:
        self.summary_runs += 1
        self.summary_seconds_total += seconds
        self.last_summary_seconds = seconds
