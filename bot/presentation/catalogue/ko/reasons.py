"""Why a sample failed, in plain words (raw details only in /status), in Korean: the keys of
en/reasons.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "reason.timeout": "출처가 제시간에 응답하지 않았어요",
    "reason.too_slow": "페이지를 제한 시간 안에 끝까지 받지 못했어요",
    "reason.unreachable": "출처에 연결할 수 없었어요",
    "reason.no_such_host": "출처의 호스트 이름을 찾을 수 없어요 (오타이거나 DNS를 쓸 수 없어요)",
    "reason.connection_refused": "출처 서버가 연결을 거부했어요",
    "reason.tls": "출처와 보안 연결을 맺지 못했어요 (인증서 또는 TLS 문제)",
    "reason.dropped": "출처가 연결을 끊었어요",
    "reason.network": "네트워크 오류가 났어요",
    "reason.empty_body": "출처가 빈 페이지를 보냈어요",
    "reason.too_large": "출처가 프로필이라기엔 너무 큰 페이지를 보냈어요",
    "reason.not_json": "출처가 데이터 대신 오류 페이지를 보냈어요",
    "reason.count_hidden": "채널이 친구 수를 공개하지 않아요",
    "reason.layout_changed": "페이지 구조가 바뀌어 숫자를 찾을 수 없어요",
    "reason.rate_limited": "출처가 잠시 기다렸다 다시 요청하라고 했어요",
    "reason.storage": "데이터베이스에 기록할 수 없었어요",
    "reason.http_5xx": "출처 서버에 오류가 있었어요 (HTTP {code})",
    "reason.http_429": "출처가 요청이 너무 잦다고 했어요 (HTTP 429)",
    "reason.http_4xx": "출처가 요청을 거절했어요 (HTTP {code})",
    "reason.internal": "봇 내부에서 예상하지 못한 문제가 생겼어요 (자세한 내용은 로그에 있어요)",
    "reason.too_complex": "페이지가 너무 복잡해서 읽을 수 없어요",
    "reason.bad_encoding": "출처가 받아들일 수 없는 방식으로 페이지를 압축해 보냈어요",
    "reason.no_match": "페이지 구조가 바뀌어 추출 규칙에 맞는 곳이 없어요",
    "reason.not_a_count": "추출한 내용이 숫자가 아니에요",
    "reason.not_found": "없는 채널이에요 (존재하지 않거나 닫혔어요)",
    "reason.not_a_channel": "공개 채널이나 그룹이 아니에요",
    "reason.bot_api": "Bot API가 멤버 수를 알려 주지 못했어요",
    "reason.bad_options": "출처의 추출 규칙이 잘못됐어요",
    "reason.refused_address": "공개 주소가 아니라서 가져오지 않아요",
    "reason.refused_port": "출처가 쓸 수 없는 포트예요 (ALLOWED_SOURCE_PORTS 설정)",
    "reason.unknown_kind": "이 버전이 모르는 종류의 출처예요",
}
