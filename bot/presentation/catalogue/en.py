"""Every sentence in English (the fallback for a key another language lacks)."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

EN: Final[dict[str, Template]] = {
    "menu.now": "Current count, 24 h change, rate",
    "menu.chart": "Trend chart: /chart 24h | 7d | 30d | all",
    "menu.days": "Change per day: /days [label] [N]",
    "menu.forecast": "When a target is reached: /forecast [label] [target]",
    "menu.alert": "Alerts here: /alert above N | below N | change N",
    "menu.subscribe": "Daily summary in this chat",
    "menu.unsubscribe": "Stop the daily summary",
    "menu.sources": "What is tracked, and how each source is doing",
    "menu.help": "What I can do",
    "menu.whoami": "Your Telegram user id, for ADMIN_USER_IDS",
    "menu.export": "History as a CSV file: /export [label]",
    "export.caption": {
        "one": "{name}: {count} sample (timestamp,count; times in {timezone}).",
        "other": "{name}: {count} samples (timestamp,count; times in {timezone}).",
    },
    "export.which": "Which source? Use /export <label>. Tracked: {labels}.",
    "export.empty": "{name} has no samples to export yet.",
    "help": (
        "I watch public counts and tell you how they move.\n\n"
        "/now [label] — the count now, its change over 24 h and since midnight, the recent rate "
        "(no label: every source, briefly)\n"
        "/chart [label] [24h|7d|30d|all|days] — a trend chart (default: all)\n"
        "/days [label] [N] — the change per day (default 14), week and month totals\n"
        "/forecast [label] [target] — when a target is reached\n"
        "/alert [label] above|below|change N — a message per crossing; /alerts\n"
        "/subscribe [label] [HH:MM] — a daily summary here at {summary_time} ({timezone})\n"
        "/settings — this chat's time zone and language\n"
        "/unsubscribe [label] — stop the daily summary\n"
        "/sources — what is tracked, and how each source is doing\n"
        "/export [label] — the history as a CSV file\n"
        "/help — this message"
    ),
    "help.admin": (
        "For admins:\n"
        "/track <kind:target> [label] [every 5m] — track a new count: kakao:<channel id>, "
        "telegram:<channel username>, or web:<url> with css:<selector>, json:$.path or "
        "regex:<pattern>\n"
        "/untrack <label> — stop tracking it and delete its history"
    ),
    "whoami": (
        "Your Telegram user id is {user_id}.\n"
        "To make yourself an admin, put this line in the bot's .env and restart the bot:\n"
        "ADMIN_USER_IDS={user_id}"
    ),
    "whoami.no_admins": "No admin is set yet (ADMIN_USER_IDS is empty).",
    "start": "Hello! I track {name}: {noun} sampled every {interval}.",
    "noun.kakao": "friends",
    "noun.telegram": "subscribers",
    "noun.web": "count",
    "counted.kakao": "{count} friends",
    "counted.telegram": "{count} subscribers",
    "counted.web": "{count}",
    "now.headline": "{name}: {counted}",
    "now.day": "24 h: {delta}",
    "now.day.none": "24 h: not enough history yet",
    "now.midnight": "Since midnight: {delta}",
    "now.midnight.none": "Since midnight: no sample yet today",
    "now.midnight.since": " (first sample today at {time})",
    "now.rate": "Rate: {rate}/h (last {minutes} min)",
    "now.rate.none": "Rate: not enough samples in the last hour",
    "now.rate.short": "Rate: not enough history yet ({span} of samples)",
    "now.age": "Last sample: {age} ago",
    "now.stale": "⚠️ This figure is stale: no good sample for {age}.",
    "now.failing": "Why: the last attempt failed — {reason}.",
    "now.failing.many": "Why: the last {count} attempts failed — latest: {reason}.",
    "now.empty": "No sample of {name} yet; the first one comes within {interval}.",
    "approx": "≈ rounded source, changes are approximate",
    "chart.usage": "Usage: /chart [label] [24h|7d|30d|all|days], e.g. /chart days",
    "chart.empty": "Nothing to draw yet for {name}: no samples in that range.",
    "chart.title": "{name} — {noun}",
    "chart.range.24h": "last 24 hours",
    "chart.range.7d": "last 7 days",
    "chart.range.30d": "last 30 days",
    "chart.range.all": "all history",
    "chart.range.days": "change per day, last 14 days",
    "chart.days.gaps": {
        "one": "{count} day with a gap (no bar)",
        "other": "{count} days with gaps (no bar)",
    },
    "chart.caption": "{name}: {counted} · {range}",
    "forecast.usage": "Usage: /forecast [label] [target], e.g. /forecast 250000",
    "forecast.eta": "{name}: {target} in about {days} (between {soonest} and {latest}), around {date}",
    "forecast.eta.one": "{name}: {target} in about {days}, around {date}",
    "forecast.eta.open": (
        "{name}: {target} in about {days} (at the soonest {soonest}; at the slow end of the trend, "
        "never)"
    ),
    "forecast.trend": "Trend: {per_day}/day (middle half of the day-to-day slopes: {low} to {high}), from {count} days",
    "forecast.days": {"one": "{count} day", "other": "{count} days"},
    "forecast.too_short": (
        "{name}: not enough history for a forecast yet: it needs the count at 3 local midnights, "
        "and there are {count} so far."
    ),
    "forecast.flat": "{name}: the count is flat ({per_day}/day over {count} days), so there is no date to give.",
    "forecast.away": "{name}: the count is moving away from {target} ({per_day}/day): at this trend it will not get there.",
    "forecast.away.none": "{name}: the count is falling ({per_day}/day) and there is no round number below it.",
    # a target too far off to date (issue 18)
    "forecast.too_far": "{name}: at {per_day}/day, {target} is more than 100 years away. Try a nearer target.",
    "forecast.reached": "{name}: the count has already reached {target}.",
    "milestone.reached": "🎉 {name} reached {value}!",
    "alert.above": "🔔 {name} is at {value}: at or above {threshold}.",
    "alert.below": "🔔 {name} is at {value}: at or below {threshold}.",
    "alert.change": "🔔 {name} changed {change} today (since local midnight), past {threshold}: now {value}.",
    "alert.usage": (
        "Usage: /alert [label] above N | below N | change N (today's change since midnight, "
        "+N or -N); /alert off [label] [above|below|change]; /alerts lists them."
    ),
    "alert.which": "Which source? Add its label, one of: {labels}",
    "alert.set": "Alert set: {name}, {rule}. It fires once each time that is crossed.",
    "alert.rule.above": "at or above {threshold}",
    "alert.rule.below": "at or below {threshold}",
    "alert.rule.change": "a change of {threshold} in a day",
    "alert.removed": {"one": "Removed {count} alert.", "other": "Removed {count} alerts."},
    "alert.none": "No alerts in this chat. /alert above N sets one.",
    "alerts.title": "Alerts in this chat:",
    "alert.item": "{name}: {rule}",
    # alerts per hour per chat (issue 18)
    "alert.held_back": {
        "one": "(+{count} more alert held back: at most {cap} alert messages an hour per chat)",
        "other": "(+{count} more alerts held back: at most {cap} alert messages an hour per chat)",
    },
    "alerts.cap": "At most {cap} alert messages an hour here; more are held and told with the next.",
    "milestones.usage": (
        "Usage: /milestones <label> <N|default>: announce every multiple of N, or the default "
        "1-2-5 round numbers (100,000, 200,000, 500,000, ...). Tracked: {labels}"
    ),
    "milestones.every": "{name}: subscribers will hear of every {step} reached.",
    "milestones.default": "{name}: subscribers will hear of round numbers (100,000, 200,000, 500,000, ...).",
    "days.usage": "Usage: /days [label] [N] with N from 1 to 60 days, e.g. /days 7",
    "days.title": "{name} — change per day ({timezone})",
    "days.row": "{date}: {change} · {total}",
    "days.row.today": "{date}: {change} · {total} (so far today)",
    "days.gap": "gap",
    "days.week": "This week (since {date}): {change}",
    "days.month": "This month (since {date}): {change}",
    "days.none": "not enough history yet",
    "days.empty": "{name}: no sample yet",
    "date.day": "{weekday}, {month} {day}",
    "date.month_day": "{month} {day}",
    "date.tick": "{weekday} {day} {month}",
    "chart.note.began": "tracking began {ago} ago",
    "chart.note.latest": "{value} ({change} in range)",
    "date.weekdays": "Mon Tue Wed Thu Fri Sat Sun",
    "date.months": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "settings.usage": "Usage: /settings, /settings tz Europe/Berlin, /settings lang en|ko|auto",
    "settings.tz.bad": "{given} is not a time zone I know: use a name like Europe/Berlin or Asia/Seoul.",
    "settings.saved": "Saved.",
    "settings.group_admins": "In a group, only its admins can change its settings. /settings shows them.",
    "settings.show": "This chat: time zone {timezone} · language {language} · daily summary at {summary_time}",
    "settings.lang.en": "English",
    "settings.lang.ko": "Korean",
    "settings.lang.auto": "each sender's own",
    "subscribe.usage": "Usage: /subscribe [label] [HH:MM], e.g. /subscribe 08:30",
    "menu.settings": "This chat's time zone and language",
    "subscribe.done": "Subscribed: a summary of {name} arrives here every day at {summary_time} ({timezone}).",
    "subscribe.already": "Already subscribed: the summary of {name} arrives every day at {summary_time} ({timezone}).",
    "unsubscribe.done": "Unsubscribed: no more daily summaries here.",
    "unsubscribe.none": "This chat was not subscribed. /subscribe starts the daily summary.",
    "summary.title": "Daily summary · {date}",
    "summary.count": "{name}: {counted}",
    "summary.day": "Last 24 h: {delta}",
    "summary.day.none": "Last 24 h: not enough history yet",
    "summary.week": "Last 7 days: {delta}",
    "summary.week.none": "Last 7 days: not enough history yet",
    "summary.best": {
        "one": "Best hour: {start}–{end} (avg {gain} over {days} day)",
        "other": "Best hour: {start}–{end} (avg {gain} over {days} days)",
    },
    "summary.best.none": "Best hour: not enough history yet",
    "summary.nodata": "{name}: no sample yet",
    "start.many": "Hello! I track {count} counts: {labels}.",
    "nothing_tracked": "Nothing is tracked yet. An admin adds a source with /track.",
    "label.unknown": "No source is labelled {label}. Tracked: {labels}.",
    "now.brief.title": "{count} tracked counts:",
    "now.brief.item": "• {title}: {counted}",
    "now.brief.day": "24 h {delta}",
    "now.brief.empty": "• {title}: no sample yet",
    "now.brief.stale": "⚠️ stale",
    "now.brief.hint": "/now <label> shows one in full.",
    "chart.title.many": "Tracked counts",
    "chart.caption.item": "{title}: {counted}",
    "chart.more": {
        "one": "…and {count} more source (those most subscribed to are drawn); /chart <label> shows any one.",
        "other": "…and {count} more sources (those most subscribed to are drawn); /chart <label> shows any one.",
    },
    "unsubscribe.one.done": "Unsubscribed from {name}: its summary no longer comes here.",
    "unsubscribe.one.none": "This chat was not subscribed to {name}.",
    "admin.only": "Sorry, only the bot's admins can do that. /sources shows what is tracked.",
    "admin.none": "Sorry, only the bot's admins can do that, and none is set: the operator lists their Telegram user ids in ADMIN_USER_IDS.",
    "track.usage": (
        "Usage: /track <kind:target> [label] [every 5m] [hidden]\n"
        "e.g. /track telegram:durov durov every 5m\n"
        "/track kakao:_xdhKKT\n"
        '/track web:https://example.org/stats css:"span.count" example'
    ),
    "track.bad_kind": "{given} is not a source I know. Start with one of {kinds} and a colon, e.g. telegram:durov.",
    "track.unbalanced_quotes": 'A quote is not closed. Put a selector or pattern with spaces in "double quotes".',
    "track.bad_interval": "{given} is not an interval. Use e.g. every 30s, every 5m or every 1h (from 5 s to 1 day).",
    "track.extractor_only_web": "css:, json: and regex: only go with web: sources.",
    "track.one_extractor": "Give one way to find the number (css:, json: or regex:), not several.",
    "track.bad_extractor": "That extractor will not work: {reason}",
    "track.too_many_words": "I did not understand {word}. Usage: /track <kind:target> [label] [every 5m]",
    "track.extractor_needed": "Say where the number is on that page: add css:<selector>, json:$.path or regex:<pattern with one group>.",
    "track.bad_kakao": "{given} is not a KakaoTalk channel id: use the part after pf.kakao.com/, e.g. kakao:_xdhKKT.",
    "track.bad_telegram": "{given} is not a Telegram username: use the public channel's name, e.g. telegram:durov.",
    "track.bad_url": "{given} is not a URL I can track: {reason}.",
    "track.bad_label": "{given} cannot be a label: use up to {most} letters, digits, _ or -, not only digits, and not a chart range (24h, 7d, 30d, all).",
    "track.refused_address": "I won't fetch that URL: {reason}. Sources must be public addresses.",
    "track.label_taken": "The label {label} is already used by another source. Add a different label at the end.",
    "track.already": "That is already tracked as {label}.",
    "track.failed": "I could not read a number from {where}, so it is not tracked: {reason}",
    "track.hidden": "It is kept off the status page and the JSON API.",
    "track.done": "Now tracking {title}: {counted}, sampled every {interval}. /now {label} shows it.",
    "untrack.usage": "Usage: /untrack <label>. Tracked: {labels}.",
    "untrack.done": {
        "one": "Stopped tracking {title}; its {samples} sample is deleted.",
        "other": "Stopped tracking {title}; its {samples} samples are deleted.",
    },
    "sources.title": "Tracked sources ({count}):",
    "sources.item": "• {title} — {where}, every {interval}",
    "sources.value": "  Last value: {counted} · last success {age} ago",
    "sources.value.none": "  Last value: none yet",
    "sources.held": "  Held as suspect: {count} ({age} ago), until the next sample confirms it",
    "sources.error": "  Last error: {reason} · {age} ago",
    "sources.error.none": "  Last error: none",
    "chart.wait": "One chart per {cooldown} in each chat, please. Try again in {wait}.",
    "status.title": "Status",
    "status.source": "{name} ({label}): last good sample {age} ago; {failures} failed in a row{alerted}",
    "status.source.none": "{name} ({label}): no good sample yet; {failures} failed in a row{alerted}",
    "status.alerted": " (admins alerted)",
    "status.last_failure": "  last failure: {reason} — {detail}",
    "status.storage.ok": "Database: writable.",
    "status.storage.failing": {
        "one": "Database: cannot be written ({error}); {unsaved} sample kept in memory.",
        "other": "Database: cannot be written ({error}); {unsaved} samples kept in memory.",
    },
    "reason.timeout": "the source did not answer in time",
    "reason.too_slow": "the page never finished loading",
    "reason.unreachable": "the source could not be reached",
    "reason.dropped": "the source dropped the connection",
    "reason.network": "a network error",
    "reason.empty_body": "the source sent an empty page",
    "reason.too_large": "the source sent a page far too large to be the profile",
    "reason.not_json": "the source sent an error page instead of data",
    "reason.count_hidden": "the channel hides its count",
    "reason.layout_changed": "the page layout changed: no count found on it",
    "reason.rate_limited": "the source asked us to wait before asking again",
    "reason.storage": "the database could not be written",
    "reason.http_5xx": "the source had a server error (HTTP {code})",
    "reason.http_429": "the source said we ask too often (HTTP 429)",
    "reason.http_4xx": "the source refused the request (HTTP {code})",
    "reason.internal": "an unexpected problem on the bot's side (the log says more)",
    "reason.too_complex": "the page is too complex to read",
    "labels.more": "{labels} … and {count} more",
    "reason.bad_encoding": "the source packed its page in a way that is not accepted",
    "track.refused_port": "I won't fetch that URL: port {port} is not one sources may use "
    "(allowed: {allowed}; the ALLOWED_SOURCE_PORTS setting names the ports).",
    "unit.d": "d",
    "unit.h": "h",
    "unit.min": "min",
    "unit.s": "s",
    "unit.separator": " ",
    "reason.no_match": "the page layout changed: nothing on it matches the extractor",
    "reason.not_a_count": "what the extractor finds is not a count",
    "reason.not_found": "the channel was not found",
    "reason.not_a_channel": "it is not a public channel or group",
    "reason.bot_api": "the Bot API could not give the member count",
    "reason.bad_options": "the source's extractor is broken",
    "reason.refused_address": "its address is not a public one, so it is not fetched",
    "reason.unknown_kind": "this kind of source is unknown to this version",
    "alert.failing": {
        "one": "⚠️ {who}: sampling has failed {failures} time in a row since {since}.\nReason: {reason}.\nWhat came back: {detail}",
        "other": "⚠️ {who}: sampling has failed {failures} times in a row since {since}.\nReason: {reason}.\nWhat came back: {detail}",
    },
    "alert.layout_changed": "⚠️ {who}: the page layout seems to have changed — no count found on it (since {since}).\nWhat came back: {detail}",
    "alert.recovered": {
        "one": "✅ {who}: sampling works again (after {failures} failed sample).",
        "other": "✅ {who}: sampling works again (after {failures} failed samples).",
    },
    "alert.storage.failing": "⚠️ The database cannot be written: {error}. I keep answering from what is stored and hold new samples in memory ({unsaved} so far) until it works again.",
    "alert.summary_skipped": {
        "one": "⚠️ The bot stopped {crashes} time while sending chat {chat_id} its daily summary; that chat is skipped until tomorrow. The log says more.",
        "other": "⚠️ The bot stopped {crashes} times while sending chat {chat_id} its daily summary; that chat is skipped until tomorrow. The log says more.",
    },
    "alert.storage.recovered": {
        "one": "✅ The database can be written again; {unsaved} sample held in memory was saved.",
        "other": "✅ The database can be written again; {unsaved} samples held in memory were saved.",
    },
    "error.storage": "Sorry, I couldn't save that just now (a storage problem; the admins are told). Please try again later.",
    "error.generic": "Sorry, something went wrong on my side. Please try again in a minute.",
    "unknown": "I don't know that command. /help lists what I can do.",
    # web page
    "web.title": "Live counts",
    "web.none": "Nothing is tracked yet.",
    "web.chart.alt": "Trend chart of {name}, {range}",
    "web.chart.time": "Time",
    "web.chart.count": "Count",
    "web.range": "Chart:",
    "web.range.24h": "24 h",
    "web.range.7d": "7 days",
    "web.range.30d": "30 days",
    "web.range.all": "All",
    "web.switch": "한국어",
    "web.as_of": "As of {time}",
    "web.footer": "Read-only. The figures update by themselves every {seconds} s; the same numbers as /now in Telegram.",
    # buttons, inline, deep links
    "buttons.all_sources": "All",
    "buttons.range.24h": "24h",
    "buttons.range.7d": "7d",
    "buttons.range.30d": "30d",
    "buttons.range.all": "all",
    "buttons.range.days": "days",
    "buttons.days_chart": "📊 As bars",
    "buttons.chosen": "• {label}",
    "buttons.stale": "This button is from an older message; please send the command again.",
    "buttons.gone": "That source is no longer tracked. /sources lists what is.",
    "buttons.empty": "Nothing to draw in that range yet.",
    "buttons.refresh": "↻ Refresh",
    "buttons.nothing_new": "Nothing new since {time}.",
    "buttons.subscribe": "✅ Subscribe this chat",
    "deeplink.confirm": "Subscribe this group to the daily summary of {name}?",
    "deeplink.unknown": "That link is for a source I no longer track. /sources lists what is.",
    "deeplink.share": "Share: {link}",
    "inline.none": "No tracked source matches that.",
    "inline.chart": "{name} — chart",
    "menu.track": "Admin: track a new source",
    "menu.untrack": "Admin: stop tracking a source",
    "menu.status": "Admin: health of every source",
}
