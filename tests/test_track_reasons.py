"""Why /track refuses a URL or an extractor, in the admin's language end to end: the real
Application polls the fake Bot API; each refusal is sent by an English-speaking and a
Korean-speaking admin (nothing is fetched: these are refused before any lookup)."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.demo.bot_api import FakeTelegramAPI
from bot.settings import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.source_server import SourceServer
from tests.running import running_bot

ADMIN = 4343
TOO_LONG = "a" * 301

# (what follows /track, the English reason as it always read, the words of it not ours to
# translate: what the admin typed, or the URL parser's or RE2's own message)
REFUSALS: list[tuple[str, str, tuple[str, ...]]] = [
    (
        "web:ftp://example.org/x css:p",
        "only http:// and https:// URLs can be sources",
        ("ftp://example.org/x",),
    ),
    ("web:http:///nohost css:p", "the URL has no host", ("http:///nohost",)),
    (
        "web:http://user:pw@example.org/ css:p",
        "URLs with a user name or password are not accepted",
        ("http://user:pw@example.org/",),
    ),
    ("web:http://example.org:0/ css:p", "port 0 is not a port", ("http://example.org:0/",)),
    (
        "web:http://example.org:99999/ css:p",
        "not a valid URL (Port out of range 0-65535)",
        ("http://example.org:99999/", "Port out of range 0-65535"),
    ),
    ("web:https://example.org css:div[", "'div[' is not a CSS selector", ("'div['",)),
    ("web:https://example.org css:", "the css extractor is empty", ()),
    (
        f"web:https://example.org css:{TOO_LONG}",
        "the extractor is longer than 300 characters",
        (),
    ),
    (
        "web:https://example.org regex:\\d+",
        "the regular expression needs exactly one group around the number, has 0",
        (),
    ),
    (
        "web:https://example.org regex:(\\d+)(?=x)",
        "'(\\\\d+)(?=x)' is not a regular expression I can run (invalid perl operator: (?=); "
        "patterns run on RE2, which has no lookarounds or backreferences",
        ("'(\\\\d+)(?=x)'", "invalid perl operator: (?="),
    ),
    (
        "web:https://example.org json:data.count",
        "a JSON path starts with $, e.g. $.data.count (got 'data.count')",
        ("'data.count'",),
    ),
    (
        "web:https://example.org $.a..b",
        "cannot read the JSON path at '..b': use .name, [0] or [\"name\"]",
        ("'..b'",),
    ),
    (
        "web:https://example.org $",
        "the JSON path $ alone names the whole document, not a number",
        (),
    ),
]

# Technical words a Korean sentence keeps as they are: a scheme, a format, the regex engine,
# "전후방 탐색(lookaround)", the example path "$.data.count".
TECHNICAL = frozenset(
    {"http", "https", "URL", "CSS", "css", "JSON", "json", "regex", "RE2", "lookaround"}
    | {"data", "count"}
)


async def replies_to(typed: str, telegram: FakeTelegramAPI) -> dict[str, str]:
    """The bot's answer to `/track <typed>` from an admin speaking each language."""
    answers: dict[str, str] = {}
    for lang in ("en", "ko"):
        telegram.clear()
        telegram.send_command(f"/track {typed}", chat_id=ADMIN, user_id=ADMIN, language_code=lang)
        (reply,) = await telegram.await_messages(ADMIN, 1)
        assert reply.text is not None
        answers[lang] = reply.text
    return answers


@pytest.mark.parametrize(("typed", "english", "quoted"), REFUSALS)
async def test_a_refused_url_or_extractor_is_explained_in_the_admins_language(
    typed: str,
    english: str,
    quoted: tuple[str, ...],
    settings: Settings,
    source_server: SourceServer,
    telegram: FakeTelegramAPI,
    clock: FakeClock,
) -> None:
    source_server.set_kakao_count("_xdhKKT", 1_234)
    admin = replace(settings, admin_user_ids=frozenset({ADMIN}))
    async with running_bot(admin, clock):
        replies = await replies_to(typed, telegram)

    is_url = english.startswith(("only", "the URL", "URLs", "port", "not a valid"))
    given = typed.split()[0].removeprefix("web:")
    if is_url:
        assert replies["en"] == f"{given} is not a URL I can track: {english}."
        assert replies["ko"].startswith(f"{given} 주소는 추적할 수 없어요: ")
    else:
        assert replies["en"] == f"That extractor will not work: {english}"
        assert replies["ko"].startswith("그 추출 규칙은 쓸 수 없어요: ")

    korean = replies["ko"]
    assert english not in korean
    for words in quoted:  # what the admin typed, or a parser's message: kept as it is
        assert words in korean
        korean = korean.replace(words, "")
    reason = korean.split(": ", 1)[1]
    assert re.search("[가-힣]", reason), reason  # the reason itself is in Korean
    latin = set(re.findall(r"[A-Za-z][A-Za-z0-9]+", korean))
    assert latin <= TECHNICAL, latin - TECHNICAL  # no English sentence left
