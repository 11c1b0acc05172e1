"""The demo (run_bot.py demo): its own lines around the bot's replies, in Korean: the keys of
en/demo.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "demo.looking": "{url} 채널을 찾는 중이에요...",
    "demo.real": "실제 카카오톡 채널 {channel}의 친구 수를 {seconds}초마다 수집해요 ({name}, 지금 {count}명). 기록은 지금부터 쌓여요.",
    "demo.simulated": "실제 채널에 연결할 수 없어서({why}) {url}에서 제공하는 시뮬레이션 채널({name})을 수집해요. 30일 치 가상 기록이 들어 있어요.",
    "demo.simulated.asked": "--simulated 옵션에 따라 {url}에서 제공하는 시뮬레이션 채널({name})을 수집해요. 30일 치 가상 기록이 들어 있어요.",
    "demo.no_button": "{number}번 버튼이 없어요. 버튼이 달린 마지막 메시지의 번호를 입력해 주세요.",
    "demo.data": "데이터는 {folder}에 있어요 (처음 기록 {count}개). 답장은 한국어로 해요. 봇을 시작해요...",
    "demo.page": "상태 페이지 (같은 수치를 브라우저에서): {url}",
    "demo.prompt": "명령을 입력하세요. 예: /now, /chart 7d, /days, /help. 버튼은 번호를 입력하면 눌러요. 끝내려면 /quit(또는 Ctrl-D).",
    "demo.no_reply": "(답장 없음)",
    "demo.saved.chart": "[차트를 {path}에 저장했어요]",
    "demo.saved.file": "[파일을 {path}에 저장했어요]",
    "demo.bye": "안녕히 가세요. 데이터베이스와 차트는 {folder}에 남아 있어요.",
}
