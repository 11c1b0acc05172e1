"""Taking one sample of a source and storing what came of it: a number or a failure.

Transient failures are retried inside the sample's own interval (bot/core/retry.py), so the
schedule holds; what the database would not take waits in memory (bot/services/db_health.py);
the source's health decides whether admins hear about it (bot/core/alert_rules.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.core.alert_rules import after_sample
from bot.core.model import Failure, Reading, Sample, Source, SourceHealth
from bot.core.reasons import Reason
from bot.core.retry import RetryPolicy, read_with_retries
from bot.core.sanity import Verdict, judge
from bot.presentation.notices import source_notice_text
from bot.services.deps import Deps
from bot.sources import read_source
from storage import failures as failure_store
from storage import samples, sources
from storage import source_health as health_store
from storage.errors import refusals

log = logging.getLogger(__name__)

# Retries and deadlines use this share of the interval, so the next sample is never late.
BUDGET_SHARE = 0.9


@dataclass
class Sampler:
    """Samples sources for the bot; holds what sampling remembers between samples."""

    deps: Deps
    health: dict[int, SourceHealth] = field(default_factory=dict)  # cache of source_health
    not_before: dict[int, datetime] = field(default_factory=dict)  # a source's Retry-After
    # Called after each good sample is stored (milestones, chat alerts: bot/services/watch.py).
    after_stored: list[Callable[[Source, Sample], Awaitable[None]]] = field(default_factory=list)

    async def take_reading(self, source: Source) -> Reading | Failure:
        """Read the source now, storing nothing (what /track does before it adds a source)."""
        d = self.deps
        try:
            return await read_source(
                d.http, source, d.settings, member_count=d.member_count, parse=d.parse
            )
        except Exception as exc:  # CancelledError is a BaseException: it still propagates
            log.exception("reading %s raised", source.label)
            return Failure(Reason.INTERNAL, f"{type(exc).__name__}: {str(exc)[:120]}")

    async def sample_once(self, source: Source) -> Reading | Failure:
        """Read the source now and record the outcome; never raises for a broken source or a
        database that will not take the write."""
        outcome = await self.read_now(source)
        at = self.deps.clock.now()
        await self.record_outcome(source, outcome, at)
        await self.note_health(source, outcome, at)
        return outcome

    async def read_now(self, source: Source) -> Reading | Failure:
        """One reading, retried while that fits before the next one; honours the source's
        Retry-After across samples too."""
        d = self.deps
        wait_until = self.not_before.get(source.id)
        if wait_until is not None and d.clock.now() < wait_until:
            return Failure(
                Reason.RATE_LIMITED,
                f"the source asked us to wait until {wait_until:%Y-%m-%d %H:%M:%S} UTC",
            )
        budget = source.interval_seconds * BUDGET_SHARE
        policy = RetryPolicy(
            attempts=d.settings.sample_attempts, base_seconds=d.settings.retry_base_seconds
        )
        tried = await read_with_retries(
            lambda: self.take_reading(source),
            policy,
            budget=budget,
            attempt_deadline=min(d.settings.fetch_deadline_seconds, budget),
            sleep=d.sleep,
            monotonic=d.monotonic,
            jitter=d.jitter,
        )
        outcome = tried.outcome
        if isinstance(outcome, Failure) and outcome.retry_after:
            self.not_before[source.id] = d.clock.now() + timedelta(seconds=outcome.retry_after)
        else:
            self.not_before.pop(source.id, None)
        if tried.attempts > 1:
            log.info("sample of %s took %d attempts: %s", source.label, tried.attempts, outcome)
        return outcome

    async def record_outcome(
        self, source: Source, outcome: Reading | Failure, at: datetime | None = None
    ) -> None:
        """Store the number or the failure; if the database refuses, keep a number in memory."""
        d = self.deps
        at = at or d.clock.now()
        saved = 0
        verdict: Verdict | None = None
        with refusals() as refused:
            saved = await self._save_held_samples()
            if isinstance(outcome, Reading):
                # The name first: whoever sees the new sample must also see the name it came with.
                if outcome.name and outcome.name != source.name:
                    await sources.set_source_name(d.db, source.id, outcome.name)
                verdict = await self._store_reading(source, outcome, at)
                if verdict is Verdict.SUSPECT:
                    d.metrics.suspect[source.id] += 1
                    log.warning("sample of %s held as suspect: %s", source.label, outcome.value)
                else:
                    d.metrics.samples[source.id] += 1
            else:
                d.metrics.failures[source.id, outcome.tag] += 1
                log.warning("sample of %s failed: %s", source.label, outcome)
                await failure_store.record_failure(d.db, source.id, at, outcome.tag, outcome.detail)
        if refused.error is not None:
            if isinstance(outcome, Reading):
                d.db_health.keep_sample(
                    source.id, Sample(ts=at, value=outcome.value, approximate=outcome.approximate)
                )
            await d.database_refused(refused.error)
            return
        await d.database_works(saved)
        if isinstance(outcome, Reading) and verdict is not None and verdict is not Verdict.SUSPECT:
            stored = Sample(ts=at, value=outcome.value, approximate=outcome.approximate)
            for hook in self.after_stored:
                try:
                    await hook(source, stored)
                except Exception:  # a hook's trouble never fails the sample
                    log.exception("after-sample check of %s failed", source.label)

    async def _store_reading(self, source: Source, reading: Reading, at: datetime) -> Verdict:
        """Store a good number, applying the sanity rule (bot/core/sanity.py) against the last."""
        db = self.deps.db
        last_good = await samples.latest_sample(db, source.id)
        newest = await samples.latest_sample(db, source.id, include_suspect=True)
        held = newest if newest is not None and newest != last_good else None
        verdict = judge(reading.value, last_good, held, self.deps.settings.suspect_factor)
        sample = Sample(ts=at, value=reading.value, approximate=reading.approximate)
        await samples.insert_sample(db, source.id, sample, suspect=verdict is Verdict.SUSPECT)
        if verdict is Verdict.CONFIRMS and held is not None:
            await samples.confirm_suspect(db, source.id, held.ts)
        return verdict

    async def _save_held_samples(self) -> int:
        """Write the samples held while the database refused, oldest first; each is taken off
        the queue before its write and put back if the write fails, so two jobs never lose one.
        (They skip the suspect rule: they were read while no later sample could be compared.)"""
        saved = 0
        held = self.deps.db_health.samples
        while held:
            source_id, sample = held.popleft()
            try:
                await samples.insert_sample(self.deps.db, source_id, sample)
            except BaseException:
                held.appendleft((source_id, sample))
                raise
            saved += 1
        return saved

    async def note_health(self, source: Source, outcome: Reading | Failure, at: datetime) -> None:
        """Update the source's health; tell the admins when it calls for it (once each way)."""
        d = self.deps
        health = self.health.get(source.id)
        if health is None:
            health = SourceHealth()
            with refusals():
                health = await health_store.load_health(d.db, source.id)
        new, notice = after_sample(health, outcome, at, d.settings.alert_after_failures)
        self.health[source.id] = new
        if new != health:
            with refusals() as refused:
                await health_store.save_health(d.db, source.id, new)
            if refused:
                log.warning("could not save the health of %s: %s", source.label, refused.error)
        if notice is not None:
            if isinstance(outcome, Reading) and outcome.name:
                source = replace(source, name=outcome.name)  # the page just told us its name
            log.warning("source %s: %s (%s)", source.label, notice.kind, notice.reason)
            await d.tell_admins(source_notice_text(notice, source, d.settings.timezone))

    async def current_health(self, source: Source) -> SourceHealth:
        """What /status shows: the cached health, or the stored one."""
        cached = self.health.get(source.id)
        return (
            cached
            if cached is not None
            else await health_store.load_health(self.deps.db, source.id)
        )
