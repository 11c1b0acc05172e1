"""Every sentence the bot says, in Korean and English; picked by the user's Telegram language.

A sentence that shows a count may have plural forms: a dict from CLDR plural category ("one",
"other") to the sentence, chosen by the `count` value passed to `text`. English has "one" and
"other"; Korean has only "other". Each key has the same placeholders in both languages
(tests/test_texts.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Final

from bot.presentation.korean import particle

Template = str | Mapping[str, str]  # a sentence, or its plural forms by category

LANGUAGES: Final = ("en", "ko")

_EN: Final[dict[str, Template]] = {
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

_KO: Final[dict[str, Template]] = {
    "menu.now": "현재 수치, 24시간 변화, 증가 속도",
    "menu.chart": "추이 차트: /chart 24h | 7d | 30d | all",
    "menu.days": "일별 변화: /days [라벨] [N]",
    "menu.forecast": "목표 도달 예상: /forecast [라벨] [목표]",
    "menu.alert": "이 채팅 알림: /alert above N | below N | change N",
    "menu.subscribe": "이 채팅에서 일일 요약 받기",
    "menu.unsubscribe": "일일 요약 그만 받기",
    "menu.sources": "추적 중인 출처와 수집 상태",
    "menu.help": "도움말",
    "menu.whoami": "내 텔레그램 사용자 ID (ADMIN_USER_IDS용)",
    "menu.export": "기록을 CSV 파일로: /export [라벨]",
    "export.caption": {
        "other": "{name}: 기록 {count}개 (timestamp,count, 시각은 {timezone} 기준).",
    },
    "export.which": "어느 출처인가요? /export <라벨> 로 골라 주세요. 추적 중: {labels}.",
    "export.empty": "{name}: 아직 내보낼 기록이 없어요.",
    "help": (
        "공개된 숫자를 지켜보고 어떻게 변하는지 알려 드려요.\n\n"
        "/now [라벨] — 현재 수치, 24시간 전·오늘 0시 대비 변화, 최근 증가 속도 "
        "(라벨 없이: 모든 출처를 간단히)\n"
        "/chart [라벨] [24h|7d|30d|all|days] — 추이 차트 (기본: all)\n"
        "/days [라벨] [N] — 일별 변화 (기본 14일)와 이번 주·이번 달 합계\n"
        "/forecast [라벨] [목표] — 목표 도달 예상 시점\n"
        "/alert [라벨] above|below|change N — 넘을 때마다 알림; /alerts\n"
        "/subscribe [라벨] [HH:MM] — 매일 {summary_time}({timezone})에 요약 받기\n"
        "/settings — 이 채팅의 시간대와 언어\n"
        "/unsubscribe [라벨] — 일일 요약 그만 받기\n"
        "/sources — 추적 중인 출처와 수집 상태\n"
        "/export [라벨] — 기록을 CSV 파일로\n"
        "/help — 이 도움말"
    ),
    "help.admin": (
        "관리자용:\n"
        "/track <종류:대상> [라벨] [every 5m] — 새 수치 추적: kakao:<채널 ID>, "
        "telegram:<채널 사용자명>, 또는 web:<URL>과 css:<선택자>, json:$.경로, "
        "regex:<정규식> 중 하나\n"
        "/untrack <라벨> — 추적을 멈추고 기록을 삭제"
    ),
    "whoami": (
        "내 텔레그램 사용자 ID는 {user_id}예요.\n"
        "나를 관리자로 지정하려면 봇의 .env에 이 줄을 넣고 봇을 다시 시작하세요:\n"
        "ADMIN_USER_IDS={user_id}"
    ),
    "whoami.no_admins": "아직 관리자가 없어요 (ADMIN_USER_IDS가 비어 있음).",
    "start": "안녕하세요! {name}의 {noun} 수를 {interval}마다 기록하고 있어요.",
    "noun.kakao": "친구",
    "noun.telegram": "구독자",
    "noun.web": "수치",
    "counted.kakao": "친구 {count}",
    "counted.telegram": "구독자 {count}",
    "counted.web": "{count}",
    "now.headline": "{name}: {counted}",
    "now.day": "24시간 전 대비: {delta}",
    "now.day.none": "24시간 전 대비: 아직 기록이 부족해요",
    "now.midnight": "오늘 0시 이후: {delta}",
    "now.midnight.none": "오늘 0시 이후: 오늘 수집된 기록이 아직 없어요",
    "now.midnight.since": " (오늘 첫 기록 {time}부터)",
    "now.rate": "최근 속도: 시간당 {rate} (최근 {minutes}분)",
    "now.rate.none": "최근 속도: 최근 1시간 기록이 부족해요",
    "now.rate.short": "최근 속도: 아직 기록이 부족해요 (수집된 기간 {span})",
    "now.age": "마지막 수집: {age} 전",
    "now.stale": "⚠️ 오래된 수치예요: {age} 동안 정상 수집이 없었어요.",
    "now.failing": "이유: 마지막 수집이 실패했어요 — {reason}.",
    "now.failing.many": "이유: 최근 {count}번 연속으로 수집이 실패했어요 — 마지막: {reason}.",
    "now.empty": "{name}의 기록이 아직 없어요. {interval} 안에 첫 수집이 이루어져요.",
    "approx": "≈ 반올림된 출처라 변화량은 근삿값이에요",
    "chart.usage": "사용법: /chart [라벨] [24h|7d|30d|all|days] (예: /chart days)",
    "chart.empty": "{name}: 그 기간에는 그릴 기록이 아직 없어요.",
    "chart.title": "{name} — {noun} 수",
    "chart.range.24h": "최근 24시간",
    "chart.range.7d": "최근 7일",
    "chart.range.30d": "최근 30일",
    "chart.range.all": "전체 기록",
    "chart.range.days": "최근 14일 일별 변화",
    "chart.days.gaps": {"other": "기록 없는 날 {count}일 (막대 없음)"},
    "chart.caption": "{name}: {counted} · {range}",
    "forecast.usage": "사용법: /forecast [라벨] [목표] (예: /forecast 250000)",
    "forecast.eta": "{name}: 약 {days} 뒤 {target} 도달 예상 ({soonest}~{latest}, {date} 무렵)",
    "forecast.eta.one": "{name}: 약 {days} 뒤 {target} 도달 예상 ({date} 무렵)",
    "forecast.eta.open": "{name}: 약 {days} 뒤 {target} 도달 예상 (빠르면 {soonest}, 느린 추세로는 도달하지 않음)",
    "forecast.trend": "추세: 하루 {per_day} (하루 기울기의 가운데 절반: {low}~{high}), 최근 {count}일 기준",
    "forecast.days": "{count}일",
    "forecast.too_short": (
        "{name}: 아직 예측할 기록이 부족해요. 자정 기준 수치가 3일 이상 필요한데 지금은 {count}일이에요."
    ),
    "forecast.flat": "{name}: 수치가 거의 변하지 않아요 (최근 {count}일, 하루 {per_day}). 날짜를 예측할 수 없어요.",
    "forecast.away": "{name}: 수치가 {target}에서 멀어지고 있어요 (하루 {per_day}). 이 추세로는 도달하지 않아요.",
    "forecast.away.none": "{name}: 수치가 줄고 있고 (하루 {per_day}) 그 아래에 어림수가 없어요.",
    "forecast.reached": "{name}: 이미 {target}에 도달했어요.",
    "milestone.reached": "🎉 {name}{이/가} {value}에 도달했어요!",
    "alert.above": "🔔 {name}: {value}, {threshold} 이상이 됐어요.",
    "alert.below": "🔔 {name}: {value}, {threshold} 이하가 됐어요.",
    "alert.change": "🔔 {name}: 오늘 0시 이후 {change} 변화로 {threshold}에 도달했어요 (지금 {value}).",
    "alert.usage": (
        "사용법: /alert [라벨] above N | below N | change N (오늘 0시 이후 변화, +N 또는 -N); "
        "/alert off [라벨] [above|below|change]; /alerts 로 목록 보기"
    ),
    "alert.which": "어느 출처인지 라벨을 붙여 주세요: {labels}",
    "alert.set": "알림을 설정했어요: {name}, {rule}. 넘을 때마다 한 번씩 알려 드려요.",
    "alert.rule.above": "{threshold} 이상",
    "alert.rule.below": "{threshold} 이하",
    "alert.rule.change": "하루 변화 {threshold}",
    "alert.removed": "알림 {count}개를 지웠어요.",
    "alert.none": "이 채팅에 설정된 알림이 없어요. /alert above N 으로 설정할 수 있어요.",
    "alerts.title": "이 채팅의 알림:",
    "alert.item": "{name}: {rule}",
    "milestones.usage": (
        "사용법: /milestones <라벨> <N|default>: N의 배수마다, 또는 기본 어림수(100,000, 200,000, "
        "500,000, …)마다 알려요. 추적 중: {labels}"
    ),
    "milestones.every": "{name}: {step} 단위로 도달할 때마다 구독자에게 알려요.",
    "milestones.default": "{name}: 어림수(100,000, 200,000, 500,000, …)에 도달하면 구독자에게 알려요.",
    "days.usage": "사용법: /days [라벨] [N] (N은 1~60일, 예: /days 7)",
    "days.title": "{name} — 일별 변화 ({timezone})",
    "days.row": "{date}: {change} · {total}",
    "days.row.today": "{date}: {change} · {total} (오늘 지금까지)",
    "days.gap": "기록 없음",
    "days.week": "이번 주 ({date}부터): {change}",
    "days.month": "이번 달 ({date}부터): {change}",
    "days.none": "아직 기록이 부족해요",
    "days.empty": "{name}: 아직 기록이 없어요",
    "date.day": "{month}월 {day}일 ({weekday})",
    "date.month_day": "{month}월 {day}일",
    "date.tick": "{month}월 {day}일 ({weekday})",
    "chart.note.began": "{ago} 전에 추적 시작",
    "chart.note.latest": "{value} (기간 중 {change})",
    "date.weekdays": "월 화 수 목 금 토 일",
    "date.months": "1 2 3 4 5 6 7 8 9 10 11 12",
    "settings.usage": "사용법: /settings, /settings tz Europe/Berlin, /settings lang en|ko|auto",
    "settings.tz.bad": "{given}{은/는} 알 수 없는 시간대예요. Asia/Seoul, Europe/Berlin 같은 이름을 써 주세요.",
    "settings.saved": "저장했어요.",
    "settings.group_admins": "그룹에서는 그룹 관리자만 설정을 바꿀 수 있어요. /settings 로 지금 설정을 볼 수 있어요.",
    "settings.show": "이 채팅: 시간대 {timezone} · 언어 {language} · 일일 요약 {summary_time}",
    "settings.lang.en": "영어",
    "settings.lang.ko": "한국어",
    "settings.lang.auto": "보낸 사람의 텔레그램 언어",
    "subscribe.usage": "사용법: /subscribe [라벨] [HH:MM] (예: /subscribe 08:30)",
    "menu.settings": "이 채팅의 시간대와 언어",
    "subscribe.done": "구독했어요: 매일 {summary_time}({timezone})에 {name} 요약을 보내 드릴게요.",
    "subscribe.already": "이미 구독 중이에요: 매일 {summary_time}({timezone})에 {name} 요약이 와요.",
    "unsubscribe.done": "구독을 해지했어요. 이제 일일 요약을 보내지 않아요.",
    "unsubscribe.none": "이 채팅은 구독 중이 아니에요. /subscribe 로 일일 요약을 받을 수 있어요.",
    "summary.title": "일일 요약 · {date}",
    "summary.count": "{name}: {counted}",
    "summary.day": "최근 24시간: {delta}",
    "summary.day.none": "최근 24시간: 아직 기록이 부족해요",
    "summary.week": "최근 7일: {delta}",
    "summary.week.none": "최근 7일: 아직 기록이 부족해요",
    "summary.best": "가장 많이 늘어난 시간대: {start}–{end} (최근 {days}일 평균 {gain})",
    "summary.best.none": "가장 많이 늘어난 시간대: 아직 기록이 부족해요",
    "summary.nodata": "{name}: 아직 기록이 없어요",
    "start.many": "안녕하세요! {count}개의 수치를 기록하고 있어요: {labels}.",
    "nothing_tracked": "아직 추적 중인 수치가 없어요. 관리자가 /track 으로 출처를 추가할 수 있어요.",
    "label.unknown": "{label} 라벨의 출처가 없어요. 추적 중: {labels}.",
    "now.brief.title": "추적 중인 수치 {count}개:",
    "now.brief.item": "• {title}: {counted}",
    "now.brief.day": "24시간 {delta}",
    "now.brief.empty": "• {title}: 아직 기록이 없어요",
    "now.brief.stale": "⚠️ 오래됨",
    "now.brief.hint": "/now <라벨> 로 하나를 자세히 볼 수 있어요.",
    "chart.title.many": "추적 중인 수치",
    "chart.caption.item": "{title}: {counted}",
    "chart.more": "…외 {count}개 출처가 더 있어요 (구독이 많은 출처만 그렸어요). /chart <라벨>로 하나씩 볼 수 있어요.",
    "unsubscribe.one.done": "{name} 구독을 해지했어요. 이 채팅에 더 이상 요약이 오지 않아요.",
    "unsubscribe.one.none": "이 채팅은 {name}{을/를} 구독하고 있지 않아요.",
    "admin.only": "죄송해요, 이 명령은 봇 관리자만 쓸 수 있어요. /sources 로 추적 중인 출처를 볼 수 있어요.",
    "admin.none": "죄송해요, 이 명령은 봇 관리자만 쓸 수 있는데 지정된 관리자가 없어요. 운영자가 ADMIN_USER_IDS 에 텔레그램 사용자 ID를 적어야 해요.",
    "track.usage": (
        "사용법: /track <종류:대상> [라벨] [every 5m] [hidden]\n"
        "예: /track telegram:durov durov every 5m\n"
        "/track kakao:_xdhKKT\n"
        '/track web:https://example.org/stats css:"span.count" example'
    ),
    "track.bad_kind": "{given}{은/는} 모르는 출처예요. {kinds} 중 하나와 콜론으로 시작해 주세요 (예: telegram:durov).",
    "track.unbalanced_quotes": '따옴표가 닫히지 않았어요. 공백이 있는 선택자나 패턴은 "큰따옴표"로 감싸 주세요.',
    "track.bad_interval": "{given}{은/는} 수집 간격이 아니에요. every 30s, every 5m, every 1h, 5분마다 처럼 써 주세요 (5초~1일).",
    "track.extractor_only_web": "css:, json:, regex: 는 web: 출처에만 쓸 수 있어요.",
    "track.one_extractor": "숫자를 찾는 방법(css:, json:, regex:)은 하나만 주세요.",
    "track.bad_extractor": "그 추출 방식은 쓸 수 없어요: {reason}",
    "track.too_many_words": "{word}{을/를} 이해하지 못했어요. 사용법: /track <종류:대상> [라벨] [every 5m]",
    "track.extractor_needed": "그 페이지에서 숫자가 어디 있는지 알려 주세요: css:<선택자>, json:$.경로, regex:<그룹이 하나인 패턴> 중 하나를 덧붙여 주세요.",
    "track.bad_kakao": "{given}{은/는} 카카오톡 채널 ID가 아니에요. pf.kakao.com/ 뒤의 부분을 써 주세요 (예: kakao:_xdhKKT).",
    "track.bad_telegram": "{given}{은/는} 텔레그램 사용자명이 아니에요. 공개 채널 이름을 써 주세요 (예: telegram:durov).",
    "track.bad_url": "{given}{은/는} 추적할 수 있는 URL이 아니에요: {reason}.",
    "track.bad_label": "{given}{은/는} 라벨로 쓸 수 없어요. 글자·숫자·_·- 로 {most}자까지, 숫자만은 안 되고 차트 기간(24h, 7d, 30d, all)과 같으면 안 돼요.",
    "track.refused_address": "그 URL은 가져오지 않을게요: {reason}. 출처는 공개 주소여야 해요.",
    "track.label_taken": "{label} 라벨은 다른 출처가 이미 쓰고 있어요. 끝에 다른 라벨을 붙여 주세요.",
    "track.already": "이미 {label}{으로/로} 추적 중이에요.",
    "track.failed": "{where}에서 숫자를 읽지 못해서 추적하지 않았어요: {reason}",
    "track.hidden": "상태 페이지와 JSON API에는 보이지 않아요.",
    "track.done": "이제 {title}{을/를} 추적해요: {counted}, {interval}마다 수집해요. /now {label} 로 볼 수 있어요.",
    "untrack.usage": "사용법: /untrack <라벨>. 추적 중: {labels}.",
    "untrack.done": "{title} 추적을 멈추고 기록 {samples}개를 삭제했어요.",
    "sources.title": "추적 중인 출처 ({count}개):",
    "sources.item": "• {title} — {where}, {interval}마다",
    "sources.value": "  마지막 값: {counted} · 마지막 성공 {age} 전",
    "sources.value.none": "  마지막 값: 아직 없어요",
    "sources.held": "  보류된 의심 값: {count} ({age} 전), 다음 수집에서 확인되면 반영돼요",
    "sources.error": "  마지막 오류: {reason} · {age} 전",
    "sources.error.none": "  마지막 오류: 없음",
    "chart.wait": "차트는 채팅마다 {cooldown}에 한 번만 그릴 수 있어요. {wait} 후에 다시 시도해 주세요.",
    "status.title": "상태",
    "status.source": "{name} ({label}): 마지막 정상 수집 {age} 전, 연속 실패 {failures}번{alerted}",
    "status.source.none": "{name} ({label}): 아직 정상 수집 없음, 연속 실패 {failures}번{alerted}",
    "status.alerted": " (관리자에게 알림)",
    "status.last_failure": "  마지막 실패: {reason} — {detail}",
    "status.storage.ok": "데이터베이스: 정상 기록 중.",
    "status.storage.failing": "데이터베이스: 기록 불가 ({error}), 메모리에 수집 {unsaved}건 보관 중.",
    "reason.timeout": "출처가 제시간에 응답하지 않았어요",
    "reason.too_slow": "페이지 로딩이 끝나지 않았어요",
    "reason.unreachable": "출처에 연결할 수 없었어요",
    "reason.dropped": "출처가 연결을 끊었어요",
    "reason.network": "네트워크 오류가 났어요",
    "reason.empty_body": "출처가 빈 페이지를 보냈어요",
    "reason.too_large": "출처가 프로필이라기엔 너무 큰 페이지를 보냈어요",
    "reason.not_json": "출처가 데이터 대신 오류 페이지를 보냈어요",
    "reason.count_hidden": "채널이 숫자를 공개하지 않아요",
    "reason.layout_changed": "페이지 구조가 바뀌어 숫자를 찾을 수 없어요",
    "reason.rate_limited": "출처가 잠시 기다렸다 다시 요청하라고 했어요",
    "reason.storage": "데이터베이스에 기록할 수 없었어요",
    "reason.http_5xx": "출처 서버에 오류가 있었어요 (HTTP {code})",
    "reason.http_429": "출처가 요청이 너무 잦다고 했어요 (HTTP 429)",
    "reason.http_4xx": "출처가 요청을 거절했어요 (HTTP {code})",
    "reason.internal": "봇 내부에서 예상하지 못한 문제가 생겼어요 (자세한 내용은 로그에 있어요)",
    "reason.too_complex": "페이지가 너무 복잡해서 읽을 수 없어요",
    "labels.more": "{labels} … 외 {count}개",
    "reason.bad_encoding": "출처가 받아들일 수 없는 방식으로 페이지를 압축해 보냈어요",
    "track.refused_port": "그 URL은 가져오지 않을게요: 출처는 {port}번 포트를 쓸 수 없어요 "
    "(허용: {allowed}; ALLOWED_SOURCE_PORTS 설정에서 정해요).",
    "unit.d": "일",
    "unit.h": "시간",
    "unit.min": "분",
    "unit.s": "초",
    "unit.separator": "",
    "reason.no_match": "페이지 구조가 바뀌어 추출 규칙에 맞는 곳이 없어요",
    "reason.not_a_count": "추출한 내용이 숫자가 아니에요",
    "reason.not_found": "채널을 찾을 수 없어요",
    "reason.not_a_channel": "공개 채널이나 그룹이 아니에요",
    "reason.bot_api": "Bot API가 멤버 수를 알려 주지 못했어요",
    "reason.bad_options": "출처의 추출 규칙이 잘못됐어요",
    "reason.refused_address": "공개 주소가 아니라서 가져오지 않아요",
    "reason.unknown_kind": "이 버전이 모르는 종류의 출처예요",
    "alert.failing": "⚠️ {who}: {since}부터 수집이 {failures}번 연속 실패했어요.\n이유: {reason}.\n받은 내용: {detail}",
    "alert.layout_changed": "⚠️ {who}: 페이지 구조가 바뀐 것 같아요 — 숫자를 찾을 수 없어요 ({since}부터).\n받은 내용: {detail}",
    "alert.recovered": "✅ {who}: 수집이 다시 정상이에요 (실패 {failures}번 후).",
    "alert.storage.failing": "⚠️ 데이터베이스에 기록할 수 없어요: {error}. 저장된 기록으로 계속 답하고, 새 수집은 다시 기록될 때까지 메모리에 보관해요 (지금까지 {unsaved}건).",
    "alert.summary_skipped": "⚠️ 채팅 {chat_id}에 일일 요약을 보내던 중 봇이 {crashes}번 멈췄어요. 이 채팅은 내일까지 건너뛰어요. 자세한 내용은 로그를 보세요.",
    "alert.storage.recovered": "✅ 데이터베이스에 다시 기록할 수 있어요. 메모리에 보관했던 수집 {unsaved}건을 저장했어요.",
    "error.storage": "죄송해요, 지금은 저장할 수 없었어요 (저장소 문제로, 관리자에게 알렸어요). 잠시 후 다시 시도해 주세요.",
    "error.generic": "죄송해요, 제 쪽에서 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    "unknown": "모르는 명령이에요. /help 에서 쓸 수 있는 명령을 볼 수 있어요.",
    # web page
    "web.title": "실시간 현황",
    "web.none": "아직 추적 중인 출처가 없어요.",
    "web.chart.alt": "{name} 추이 차트, {range}",
    "web.chart.time": "시각",
    "web.chart.count": "수치",
    "web.range": "차트:",
    "web.range.24h": "24시간",
    "web.range.7d": "7일",
    "web.range.30d": "30일",
    "web.range.all": "전체",
    "web.switch": "English",
    "web.as_of": "{time} 기준",
    "web.footer": "읽기 전용이에요. 수치는 {seconds}초마다 저절로 새로 고쳐지고, 텔레그램의 /now와 같은 숫자예요.",
    # buttons, inline, deep links
    "buttons.all_sources": "전체",
    "buttons.range.24h": "24시간",
    "buttons.range.7d": "7일",
    "buttons.range.30d": "30일",
    "buttons.range.all": "전체 기간",
    "buttons.range.days": "일별",
    "buttons.days_chart": "📊 막대 그래프로",
    "buttons.chosen": "• {label}",
    "buttons.stale": "예전 메시지의 버튼이에요. 명령을 다시 보내 주세요.",
    "buttons.gone": "더 이상 추적하지 않는 출처예요. /sources 에서 추적 중인 출처를 볼 수 있어요.",
    "buttons.empty": "그 기간에는 아직 그릴 기록이 없어요.",
    "buttons.refresh": "↻ 새로고침",
    "buttons.nothing_new": "{time} 이후 새 기록이 없어요.",
    "buttons.subscribe": "✅ 이 채팅에서 구독하기",
    "deeplink.confirm": "이 그룹에서 {name} 일일 요약을 구독할까요?",
    "deeplink.unknown": "더 이상 추적하지 않는 출처의 링크예요. /sources 에서 추적 중인 출처를 볼 수 있어요.",
    "deeplink.share": "공유 링크: {link}",
    "inline.none": "맞는 출처가 없어요.",
    "inline.chart": "{name} — 차트",
    "menu.track": "관리자: 새 출처 추적",
    "menu.untrack": "관리자: 출처 추적 중지",
    "menu.status": "관리자: 모든 출처의 상태",
}

_CATALOG: Final = {"en": _EN, "ko": _KO}


def language_for(code: str | None) -> str:
    """Korean for Korean-language Telegram users, English for everyone else."""
    return "ko" if code and code.lower().startswith("ko") else "en"


def plural_category(lang: str, count: object) -> str:
    """CLDR's cardinal categories for the languages we speak: Korean has one form."""
    if lang == "en" and count in (1, "1"):
        return "one"
    return "other"


def text(lang: str, key: str, **values: object) -> str:
    """The sentence `key` in `lang` (English when it has none), filled with `values`; a
    sentence with plural forms is chosen by `count`."""
    catalog = _CATALOG.get(lang, _EN)
    template = catalog[key] if key in catalog else _EN[key]
    if not isinstance(template, str):
        template = template[plural_category(lang, values.get("count"))]
    if "/" in template:
        template = _PARTICLE.sub(lambda m: _with_particle(m, values), template)
    return template.format(**values) if values else template


# `{name}{을/를}` in a sentence: the particle that fits the value filled in for `name`.
_PARTICLE: Final = re.compile(r"\{(\w+)\}\{(을/를|이/가|은/는|과/와|으로/로)\}")


def _with_particle(match: re.Match[str], values: Mapping[str, object]) -> str:
    name, pair = match.group(1), match.group(2)
    return "{" + name + "}" + particle(str(values.get(name, "")), pair)
