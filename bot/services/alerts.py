"""A chat's own alerts without Telegram: set, listed, removed (bot/services/watch.py fires them,
bot/core/chat_alerts.py decides when)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.core import chat_alerts as rules
from bot.core.chat_alerts import AlertKind, ChatAlert
from bot.core.model import Source
from bot.services.deps import Deps
from storage import chat_alerts as alert_store
from storage import samples
from storage import sources as source_store


@dataclass(frozen=True, slots=True)
class AlertSet:
    alert: ChatAlert
    replaced: int | None  # the threshold of the alert of that kind it replaced, if another


async def set_alert(
    deps: Deps, chat_id: int, source: Source, kind: AlertKind, threshold: int, lang: str
) -> AlertSet:
    """Add or replace a chat's alert, armed unless the count is already on its side (an alert
    fires on a crossing, not on what is already true); says which threshold it replaced."""
    before = [
        a.threshold
        for a in await alert_store.chat_alerts(deps.db, chat_id)
        if a.source_id == source.id and a.kind is kind and a.threshold != threshold
    ]
    latest = await samples.latest_sample(deps.db, source.id)
    alert = ChatAlert(chat_id, source.id, kind, threshold, True, lang)
    if latest is not None and kind in (AlertKind.ABOVE, AlertKind.BELOW):
        alert = replace(alert, armed=not rules.beyond(kind, threshold, latest.value))
    await alert_store.set_alert(deps.db, alert, deps.clock.now())
    return AlertSet(alert, before[0] if before else None)


async def remove_alerts(
    deps: Deps, chat_id: int, source: Source | None, kind: AlertKind | None
) -> int:
    """The chat's alerts on the source (all sources with None) of the kind (any with None)."""
    source_id = source.id if source is not None else None
    return await alert_store.remove_alerts(deps.db, chat_id, source_id, kind)


async def chat_alerts(deps: Deps, chat_id: int) -> list[tuple[ChatAlert, str]]:
    """The chat's alerts, each with its source's name (its id if the source is gone)."""
    found = await alert_store.chat_alerts(deps.db, chat_id)
    names = {s.id: s.display_name for s in await source_store.list_sources(deps.db)}
    return [(alert, names.get(alert.source_id, str(alert.source_id))) for alert in found]
