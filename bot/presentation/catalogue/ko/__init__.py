"""Every sentence in Korean, one module per feature: the same modules, with the same keys, as en/.
Particles are written `{name}{을/를}`, chosen by the value's last sound
(bot/presentation/korean.py); one plural form."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template, merged
from bot.presentation.catalogue.ko import (
    alerts,
    buttons,
    chart,
    compare,
    dates,
    days,
    demo,
    errors,
    export,
    forecast,
    help,
    notices,
    now,
    numbers,
    reasons,
    settings,
    sources,
    status,
    subscriptions,
    summary,
    web,
    why,
)

KO: Final[dict[str, Template]] = merged(
    help.TEXTS,
    errors.TEXTS,
    numbers.TEXTS,
    dates.TEXTS,
    now.TEXTS,
    chart.TEXTS,
    buttons.TEXTS,
    days.TEXTS,
    forecast.TEXTS,
    compare.TEXTS,
    why.TEXTS,
    alerts.TEXTS,
    subscriptions.TEXTS,
    summary.TEXTS,
    settings.TEXTS,
    sources.TEXTS,
    reasons.TEXTS,
    status.TEXTS,
    notices.TEXTS,
    export.TEXTS,
    web.TEXTS,
    demo.TEXTS,
)
