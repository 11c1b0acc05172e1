"""/subscribe, /unsubscribe and /subscriptions: where the daily summary goes, groups and channels,
in Korean: the keys of en/subscriptions.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "subscribe.usage": "사용법: /subscribe [라벨] [HH:MM] (예: /subscribe 08:30)",
    "subscribe.done": "구독했어요: 매일 {summary_time}({timezone})에 {name} 요약을 보내 드릴게요.",
    "subscribe.already": "이미 구독 중이에요: 매일 {summary_time}({timezone})에 {name} 요약이 와요.",
    "subscribe.moved": "요약 시간을 옮겼어요: 이제 {name} 요약이 {before} 대신 매일 {summary_time}({timezone})에 와요.",
    "unsubscribe.done": "구독을 해지했어요. 이제 일일 요약을 보내지 않아요.",
    "unsubscribe.none": "이 채팅은 구독 중이 아니에요. /subscribe 로 일일 요약을 받을 수 있어요.",
    "unsubscribe.one.done": "{name} 구독을 해지했어요. 이 채팅에 더 이상 요약이 오지 않아요.",
    "unsubscribe.one.none": "이 채팅은 {name}{을/를} 구독하고 있지 않아요.",
    # Groups and channels (issue 19): who may change a group's things, channels, /subscriptions
    "group.admins_only": "이 그룹에서는 그룹 관리자(또는 봇 관리자)만 바꿀 수 있어요. 보기는 누구나 할 수 있어요: /now, /chart, /alerts, /settings",
    "group.changed_by": "바꾼 사람: {who}",
    "group.summary_moved": "이제 요약이 {summary_time}에 와요 (바꾼 사람: {who}).",
    "group.by_anonymous": "익명 관리자",
    "group.by_channel": "채널 관리자",
    "channel.bot_admins_only": "채널에 요약을 올리게 하는 건 봇 관리자만 할 수 있어요.",
    "channel.not_found": "{channel} 채널을 찾을 수 없어요. 이름을 확인하고, 먼저 저를 채널 관리자로 추가해 주세요.",
    "channel.not_channel": "{channel}: 채널이 아니에요. 그룹이라면 그 그룹에서 /subscribe 를 보내 주세요.",
    "channel.not_admin": "{channel}에 글을 올릴 수 없어요. 저를 '메시지 게시' 권한이 있는 관리자로 추가한 뒤 다시 해 주세요.",
    "channel.subscribed": "{channel} 채널을 구독했어요: 매일 {summary_time}({timezone})에 {name} 요약을 그 채널에 올릴게요.",
    "channel.unsubscribed": "{channel} 채널의 구독을 해지했어요. 더 이상 요약을 올리지 않아요.",
    "channel.not_subscribed": "{channel} 채널은 구독하고 있지 않았어요.",
    "subscriptions.title": "매일 요약을 올리는 곳:",
    "subscriptions.item": "• {chat}: {names}, 매일 {summary_time}({timezone})",
    "subscriptions.none": "여기에는 매일 요약을 올리고 있지 않아요. /subscribe 로 시작할 수 있어요.",
    "subscriptions.none_anywhere": "아직 어디에도 매일 요약을 올리고 있지 않아요.",
}
