"""Every sentence the bot says, in Korean and English; picked by the user's Telegram language."""

from __future__ import annotations

from typing import Final

LANGUAGES: Final = ("en", "ko")

_EN: Final[dict[str, str]] = {
    "help": (
        "I watch a public count and tell you how it moves.\n\n"
        "/now — the current count, the change over 24 h and since midnight, the recent rate\n"
        "/chart [24h|7d|30d|all] — a trend chart (default: all)\n"
        "/subscribe — a daily summary here at {summary_time} ({timezone})\n"
        "/unsubscribe — stop the daily summary\n"
        "/help — this message"
    ),
    "start": "Hello! I track {name}: {noun} sampled every {interval}.",
    "noun.kakao": "friends",
    "noun.telegram": "subscribers",
    "noun.web": "count",
    "now.headline": "{name}: {count} {noun}",
    "now.day": "24 h: {delta}",
    "now.day.none": "24 h: not enough history yet",
    "now.midnight": "Since midnight: {delta}",
    "now.midnight.none": "Since midnight: no sample yet today",
    "now.midnight.since": " (first sample today at {time})",
    "now.rate": "Rate: {rate}/h (last {minutes} min)",
    "now.rate.none": "Rate: not enough samples in the last hour",
    "now.age": "Last sample: {age} ago",
    "now.stale": "⚠️ This figure is stale: no good sample for {age}.",
    "now.failing": "Recent attempts failed: {reason}",
    "now.empty": "No sample of {name} yet; the first one comes within {interval}.",
    "approx": "≈ rounded source, changes are approximate",
    "chart.usage": "Usage: /chart [24h|7d|30d|all], e.g. /chart 7d",
    "chart.empty": "Nothing to draw yet for {name}: no samples in that range.",
    "chart.title": "{name} — {noun}",
    "chart.range.24h": "last 24 hours",
    "chart.range.7d": "last 7 days",
    "chart.range.30d": "last 30 days",
    "chart.range.all": "all history",
    "chart.caption": "{name}: {count} {noun} · {range}",
    "subscribe.done": "Subscribed: a summary of {name} arrives here every day at {summary_time} ({timezone}).",
    "subscribe.already": "Already subscribed: the summary of {name} arrives every day at {summary_time} ({timezone}).",
    "unsubscribe.done": "Unsubscribed: no more daily summaries here.",
    "unsubscribe.none": "This chat was not subscribed. /subscribe starts the daily summary.",
    "summary.title": "Daily summary · {date}",
    "summary.count": "{name}: {count} {noun}",
    "summary.day": "Last 24 h: {delta}",
    "summary.day.none": "Last 24 h: not enough history yet",
    "summary.week": "Last 7 days: {delta}",
    "summary.week.none": "Last 7 days: not enough history yet",
    "summary.best": "Best hour: {start}–{end} (avg {gain} {noun} over {days} days)",
    "summary.best.none": "Best hour: not enough history yet",
    "summary.nodata": "{name}: no sample yet",
    "error.generic": "Sorry, something went wrong on my side. Please try again in a minute.",
    "unknown": "I don't know that command. /help lists what I can do.",
}

_KO: Final[dict[str, str]] = {
    "help": (
        "공개된 숫자를 지켜보고 어떻게 변하는지 알려 드려요.\n\n"
        "/now — 현재 수치, 24시간 전·오늘 0시 대비 변화, 최근 증가 속도\n"
        "/chart [24h|7d|30d|all] — 추이 차트 (기본: all)\n"
        "/subscribe — 매일 {summary_time}({timezone})에 요약 받기\n"
        "/unsubscribe — 일일 요약 그만 받기\n"
        "/help — 이 도움말"
    ),
    "start": "안녕하세요! {name}의 {noun} 수를 {interval}마다 기록하고 있어요.",
    "noun.kakao": "친구",
    "noun.telegram": "구독자",
    "noun.web": "수치",
    "now.headline": "{name}: {noun} {count}",
    "now.day": "24시간 전 대비: {delta}",
    "now.day.none": "24시간 전 대비: 아직 기록이 부족해요",
    "now.midnight": "오늘 0시 이후: {delta}",
    "now.midnight.none": "오늘 0시 이후: 오늘 수집된 기록이 아직 없어요",
    "now.midnight.since": " (오늘 첫 기록 {time}부터)",
    "now.rate": "최근 속도: 시간당 {rate} (최근 {minutes}분)",
    "now.rate.none": "최근 속도: 최근 1시간 기록이 부족해요",
    "now.age": "마지막 수집: {age} 전",
    "now.stale": "⚠️ 오래된 수치예요: {age} 동안 정상 수집이 없었어요.",
    "now.failing": "최근 수집 실패: {reason}",
    "now.empty": "{name}의 기록이 아직 없어요. {interval} 안에 첫 수집이 이루어져요.",
    "approx": "≈ 반올림된 출처라 변화량은 근삿값이에요",
    "chart.usage": "사용법: /chart [24h|7d|30d|all] (예: /chart 7d)",
    "chart.empty": "{name}: 그 기간에는 그릴 기록이 아직 없어요.",
    "chart.title": "{name} — {noun} 수",
    "chart.range.24h": "최근 24시간",
    "chart.range.7d": "최근 7일",
    "chart.range.30d": "최근 30일",
    "chart.range.all": "전체 기록",
    "chart.caption": "{name}: {noun} {count} · {range}",
    "subscribe.done": "구독했어요: 매일 {summary_time}({timezone})에 {name} 요약을 보내 드릴게요.",
    "subscribe.already": "이미 구독 중이에요: 매일 {summary_time}({timezone})에 {name} 요약이 와요.",
    "unsubscribe.done": "구독을 해지했어요. 이제 일일 요약을 보내지 않아요.",
    "unsubscribe.none": "이 채팅은 구독 중이 아니에요. /subscribe 로 일일 요약을 받을 수 있어요.",
    "summary.title": "일일 요약 · {date}",
    "summary.count": "{name}: {noun} {count}",
    "summary.day": "최근 24시간: {delta}",
    "summary.day.none": "최근 24시간: 아직 기록이 부족해요",
    "summary.week": "최근 7일: {delta}",
    "summary.week.none": "최근 7일: 아직 기록이 부족해요",
    "summary.best": "가장 많이 는 시간대: {start}–{end} (최근 {days}일 평균 {gain})",
    "summary.best.none": "가장 많이 는 시간대: 아직 기록이 부족해요",
    "summary.nodata": "{name}: 아직 기록이 없어요",
    "error.generic": "죄송해요, 제 쪽에서 문제가 생겼어요. 잠시 후 다시 시도해 주세요.",
    "unknown": "모르는 명령이에요. /help 에서 쓸 수 있는 명령을 볼 수 있어요.",
}

_CATALOG: Final = {"en": _EN, "ko": _KO}


def language_for(code: str | None) -> str:
    """Korean for Korean-language Telegram users, English for everyone else."""
    return "ko" if code and code.lower().startswith("ko") else "en"


def text(lang: str, key: str, **values: object) -> str:
    catalog = _CATALOG.get(lang, _EN)
    template = catalog.get(key) or _EN[key]
    return template.format(**values) if values else template
