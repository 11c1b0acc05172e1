"""/track, /untrack and /sources: what is tracked, and why a /track is refused (a URL, an
extractor), in Korean: the keys of en/sources.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "track.usage": (
        "사용법: /track <종류:대상> [라벨] [every 5m] [hidden]\n"
        "예: /track telegram:durov durov every 5m\n"
        "/track kakao:_xdhKKT\n"
        '/track web:https://example.org/stats css:"span.count" example'
    ),
    "track.bad_kind": "{given}{은/는} 모르는 출처예요. {kinds} 중 하나와 콜론으로 시작해 주세요 (예: telegram:durov).",
    "track.unbalanced_quotes": '따옴표가 닫히지 않았어요. 공백이 있는 선택자나 패턴은 "큰따옴표"로 감싸 주세요.',
    "track.bad_interval": "{given}{은/는} 수집 간격이 아니에요. every 30s, every 5m, every 1h, 5분마다처럼 써 주세요 (5초~1일).",
    "track.extractor_only_web": "css:, json:, regex: 는 web: 출처에만 쓸 수 있어요.",
    "track.one_extractor": "숫자를 찾는 방법(css:, json:, regex:)은 하나만 주세요.",
    "track.bad_extractor": "그 추출 규칙은 쓸 수 없어요: {reason}",
    "track.too_many_words": "{word}{을/를} 이해하지 못했어요. 사용법: /track <종류:대상> [라벨] [every 5m]",
    "track.extractor_needed": "그 페이지에서 숫자가 어디 있는지 알려 주세요: css:<선택자>, json:$.경로, regex:<그룹이 하나인 패턴> 중 하나를 덧붙여 주세요.",
    "track.bad_kakao": "{given}{은/는} 카카오톡 채널 ID가 아니에요. pf.kakao.com/ 뒤의 부분을 써 주세요 (예: kakao:_xdhKKT).",
    "track.bad_telegram": "{given}{은/는} 텔레그램 사용자명이 아니에요. 공개 채널 이름을 써 주세요 (예: telegram:durov).",
    "track.bad_url": "{given} 주소는 추적할 수 없어요: {reason}.",
    "track.bad_label": "{given}{은/는} 라벨로 쓸 수 없어요. 글자·숫자·_·- 로 {most}자까지, 숫자만은 안 되고 차트 기간(24h, 7d, 30d, all)과 같으면 안 돼요.",
    "track.refused_address": "그 URL은 가져오지 않을게요. {host}의 주소 {address}{은/는} 공개 주소가 아니에요. 출처는 공개 주소여야 해요.",
    "track.no_such_host": "{host}{을/를} 찾을 수 없어요. 이름이 어떤 주소로도 연결되지 않아요. 주소에 오타가 없는지 확인해 주세요.",
    "track.label_taken": "{label} 라벨은 다른 출처가 이미 쓰고 있어요. 끝에 다른 라벨을 붙여 주세요.",
    "track.already": "이미 {label}{으로/로} 추적 중이에요.",
    "track.failed": "{where}에서 숫자를 읽지 못해서 추적하지 않았어요: {reason}",
    "track.hidden": "상태 페이지와 JSON API에는 보이지 않아요.",
    "track.done": "이제 {title}{을/를} 추적해요: {counted}, {interval}마다 수집해요. /now {label} 로 볼 수 있어요.",
    "track.refused_port": "그 URL은 가져오지 않을게요: 출처는 {port}번 포트를 쓸 수 없어요 "
    "(허용: {allowed}; ALLOWED_SOURCE_PORTS 설정에서 정해요).",
    "untrack.usage": "사용법: /untrack <라벨>. 추적 중: {labels}.",
    "untrack.done": "{title} 추적을 멈추고 기록 {samples}개를 삭제했어요.",
    "sources.title": "추적 중인 출처 ({count}개):",
    "sources.item": "• {title} — {where}, {interval}마다",
    "sources.value": "  마지막 값: {counted} · 마지막 성공 {age} 전",
    "sources.value.none": "  마지막 값: 아직 없어요",
    "sources.held": "  보류된 의심 값: {count} ({age} 전), 다음 수집에서 확인되면 반영돼요",
    "sources.error": "  마지막 오류: {reason} · {age} 전",
    "sources.error.none": "  마지막 오류: 없음",
    "labels.more": "{labels} … 외 {count}개",
    # why a URL or an extractor is refused: a `Phrase` from bot/sources, inside track.bad_url
    # and track.bad_extractor
    "url.not_valid": "URL 형식이 올바르지 않아요 ({detail})",
    "url.scheme": "http:// 또는 https:// 로 시작하는 URL만 출처가 될 수 있어요",
    "url.no_host": "URL에 호스트가 없어요",
    "url.credentials": "사용자 이름이나 비밀번호가 들어간 URL은 받지 않아요",
    "url.port_zero": "0번 포트는 쓸 수 있는 포트가 아니에요",
    "url.unreadable": "URL로 읽을 수 없어요 ({detail})",
    "extractor.how": "숫자를 찾는 방법을 알려 주세요: css:<선택자>, json:$.경로, regex:<패턴> 중 하나",
    "extractor.empty": "{kind} 추출 규칙이 비어 있어요",
    "extractor.too_long": "추출 규칙이 {most}자보다 길어요",
    "extractor.not_css": "CSS 선택자로 읽을 수 없어요 ({expression})",
    "extractor.json.dollar": "JSON 경로는 $로 시작해야 해요. 예: $.data.count (받은 값: {given})",
    "extractor.json.step": 'JSON 경로의 {at} 부분을 읽을 수 없어요. .이름, [0], ["이름"] 형식으로 써 주세요',
    "extractor.json.whole": "JSON 경로 $ 하나만으로는 숫자가 아니라 문서 전체를 가리켜요",
    "extractor.re2": "RE2로 실행할 수 없는 정규식이에요 ({pattern}, {why}). 패턴은 RE2로 실행해서 전후방 탐색(lookaround)과 역참조는 쓸 수 없어요",
    "extractor.groups": "정규식에는 숫자를 감싸는 괄호 그룹이 꼭 하나 있어야 해요 (지금 {groups}개)",
}
