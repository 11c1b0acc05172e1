"""/status, for admins: how each source and the database are doing, from what the bot knows."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.chat.access import is_admin
from bot.chat.replies import language_of
from bot.chat.runtime import runtime
from bot.presentation.formatting import format_duration, format_reason
from bot.presentation.texts import text
from storage import samples
from storage import source_health as health_store
from storage import sources as source_store


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    rt = runtime(context)
    lang = language_of(update)
    message = update.effective_message
    chat = update.effective_chat
    if message is None:
        return
    if not is_admin(update, rt.settings):
        if chat is not None and chat.type == "private":
            refusal = "admin.only" if rt.settings.admin_user_ids else "admin.none"
            await message.reply_text(text(lang, refusal), do_quote=False)
        return
    now = rt.clock.now()
    lines = [text(lang, "status.title")]
    for source in await source_store.list_sources(rt.db):
        health = rt.health.get(source.id) or await health_store.load_health(rt.db, source.id)
        latest = await samples.latest_sample(rt.db, source.id)
        values = {
            "name": source.display_name,
            "label": source.label,
            "failures": health.failures,
            "alerted": text(lang, "status.alerted") if health.alerted else "",
        }
        if latest is None:
            lines.append(text(lang, "status.source.none", **values))
        else:
            age = format_duration((now - latest.ts).total_seconds(), lang)
            lines.append(text(lang, "status.source", age=age, **values))
        if health.failures:
            reason = format_reason(lang, health.reason)
            lines.append(
                text(lang, "status.last_failure", reason=reason, detail=health.detail[:200] or "-")
            )
    if rt.storage.error is None:
        lines.append(text(lang, "status.storage.ok"))
    else:
        lines.append(
            text(
                lang,
                "status.storage.failing",
                error=rt.storage.error,
                unsaved=rt.storage.pending(),
            )
        )
    await message.reply_text("\n".join(lines)[:4096], do_quote=False)
