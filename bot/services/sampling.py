"""Taking one sample of a source and storing what came of it: a number or a failure.

Transient failures are retried inside the sample's own interval (bot/retry.py), so the schedule
holds; what the database would not take waits in memory (bot/storage_health.py); the source's
health decides whether admins hear about it (bot/alerts.py).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from bot.chat.alerts import after_sample, source_notice_text, tell_admins
from bot.chat.runtime import Runtime
from bot.core.model import Failure, Reading, Sample, Source, SourceHealth
from bot.core.retry import RetryPolicy, read_with_retries
from bot.core.sanity import Verdict, judge
from bot.services.db_health import is_storage_trouble, storage_failed, storage_works
from bot.sources import read_source
from storage import samples, sources
from storage import source_health as health_store

log = logging.getLogger(__name__)

# Retries and deadlines use this share of the interval, so the next sample is never late.
BUDGET_SHARE = 0.9


async def take_reading(rt: Runtime, source: Source) -> Reading | Failure:
    """Read the source now, storing nothing (what /track does before it adds a source)."""
    return await read_source(rt.http, source, rt.settings, member_count=rt.member_count)


async def sample_once(rt: Runtime, source: Source) -> Reading | Failure:
    """Read the source now and record the outcome; never raises for a broken source or a
    database that will not take the write."""
    outcome = await read_now(rt, source)
    at = rt.clock.now()
    await record_outcome(rt, source, outcome, at)
    await note_health(rt, source, outcome, at)
    return outcome


async def read_now(rt: Runtime, source: Source) -> Reading | Failure:
    """One reading, retried while that fits before the next one; honours the source's
    Retry-After across samples too."""
    wait_until = rt.not_before.get(source.id)
    if wait_until is not None and rt.clock.now() < wait_until:
        return Failure(
            "rate_limited", f"the source asked us to wait until {wait_until:%Y-%m-%d %H:%M:%S} UTC"
        )
    budget = source.interval_seconds * BUDGET_SHARE
    policy = RetryPolicy(
        attempts=rt.settings.sample_attempts, base_seconds=rt.settings.retry_base_seconds
    )
    tried = await read_with_retries(
        lambda: take_reading(rt, source),
        policy,
        budget=budget,
        attempt_deadline=min(rt.settings.fetch_deadline_seconds, budget),
        sleep=rt.sleep,
        monotonic=rt.monotonic,
        jitter=rt.jitter,
    )
    outcome = tried.outcome
    if isinstance(outcome, Failure) and outcome.retry_after:
        rt.not_before[source.id] = rt.clock.now() + timedelta(seconds=outcome.retry_after)
    else:
        rt.not_before.pop(source.id, None)
    if tried.attempts > 1:
        log.info("sample of %s took %d attempts: %s", source.label, tried.attempts, outcome)
    return outcome


async def record_outcome(
    rt: Runtime, source: Source, outcome: Reading | Failure, at: datetime | None = None
) -> None:
    """Store the number or the failure; if the database refuses, keep a number in memory."""
    at = at or rt.clock.now()
    admins = rt.settings.admin_user_ids
    try:
        saved = await save_held_samples(rt)
        if isinstance(outcome, Reading):
            # The name first: whoever sees the new sample must also see the name it came with.
            if outcome.name and outcome.name != source.name:
                await sources.set_source_name(rt.db, source.id, outcome.name)
            verdict = await store_reading(rt, source, outcome, at)
            if verdict is Verdict.SUSPECT:
                log.warning("sample of %s held as suspect: %s", source.label, outcome.value)
        else:
            log.warning("sample of %s failed: %s", source.label, outcome)
            await samples.record_failure(rt.db, source.id, at, outcome.reason, outcome.detail)
    except Exception as exc:
        if not is_storage_trouble(exc):
            raise
        if isinstance(outcome, Reading):
            rt.storage.keep_sample(
                source.id, Sample(ts=at, value=outcome.value, approximate=outcome.approximate)
            )
        await storage_failed(rt.storage, exc, rt.bot, admins)
        return
    await storage_works(rt.storage, saved, rt.bot, admins)


async def store_reading(rt: Runtime, source: Source, reading: Reading, at: datetime) -> Verdict:
    """Store a good number, applying the sanity rule (bot/sanity.py) against the last ones."""
    last_good = await samples.latest_sample(rt.db, source.id)
    newest = await samples.latest_sample(rt.db, source.id, include_suspect=True)
    held = newest if newest is not None and newest != last_good else None
    verdict = judge(reading.value, last_good, held, rt.settings.suspect_factor)
    sample = Sample(ts=at, value=reading.value, approximate=reading.approximate)
    await samples.insert_sample(rt.db, source.id, sample, suspect=verdict is Verdict.SUSPECT)
    if verdict is Verdict.CONFIRMS and held is not None:
        await samples.confirm_suspect(rt.db, source.id, held.ts)
    return verdict


async def save_held_samples(rt: Runtime) -> int:
    """Write the samples held while the database refused, oldest first; each is taken off the
    queue before its write and put back if the write fails, so two jobs never lose one. (They
    skip the suspect rule: they were read while no later sample could be compared with them.)"""
    saved = 0
    held = rt.storage.samples
    while held:
        source_id, sample = held.popleft()
        try:
            await samples.insert_sample(rt.db, source_id, sample)
        except BaseException:
            held.appendleft((source_id, sample))
            raise
        saved += 1
    return saved


async def note_health(
    rt: Runtime, source: Source, outcome: Reading | Failure, at: datetime
) -> None:
    """Update the source's health; tell the admins when it calls for it (once each way)."""
    health = rt.health.get(source.id)
    if health is None:
        try:
            health = await health_store.load_health(rt.db, source.id)
        except Exception as exc:
            if not is_storage_trouble(exc):
                raise
            health = SourceHealth()
    new, notice = after_sample(health, outcome, at, rt.settings.alert_after_failures)
    rt.health[source.id] = new
    if new != health:
        try:
            await health_store.save_health(rt.db, source.id, new)
        except Exception as exc:
            if not is_storage_trouble(exc):
                raise
            log.warning("could not save the health of %s: %s", source.label, exc)
    if notice is not None:
        if isinstance(outcome, Reading) and outcome.name:
            source = replace(source, name=outcome.name)  # the page just told us its name
        log.warning("source %s: %s (%s)", source.label, notice.kind, notice.reason)
        body = source_notice_text(notice, source, rt.settings.timezone)
        await tell_admins(rt.bot, rt.settings.admin_user_ids, body)
