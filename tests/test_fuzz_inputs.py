"""Every number from a chat or a button is range-checked: 10,000 generated inputs (a seeded
generator: commands with random, huge, negative, Korean and malformed numbers, ranges and labels;
forged button data; inline queries) go through the real Application against the fake Bot API.
None may raise (PTB's error handler logs an ERROR for each that does), none is answered with the
generic error, and every command in a private chat gets its answer."""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.running import TOKEN
from tests.test_faults_people import GENERIC_ERRORS, LiveBot, live_bot_in

INPUTS = int(os.environ.get("FUZZ_INPUTS", "1000"))  # per part: ten parts, 10,000 in all
BATCH = 250
PARTS = 10  # apart, so each part stays well under the per-test timeout (and xdist spreads them)
CHATS = [3001, 3002, 3003, 3004, 3005]  # private chats: the user's own id

NUMBERS = [
    "0",
    "-0",
    "1",
    "-1",
    "+50",
    "25만",
    "1.2만",
    "-3.5만",
    "12억",
    "백만",
    "99999999999999999999",
    "-99999999999999999999",
    "1000000000",
    "1e309",
    "1e5",
    "NaN",
    "inf",
    "-inf",
    "１２３",
    "٣٠",
    "0x1F",
    "1,234,567",
    "1_000",
    "9" * 400,
    "2**64",
    "",
]
RANGES = ["24h", "7d", "30d", "all", "days", "7일", "전체", "24시간", "999999d", "-1d", "0h"]
RANGES += ["1e9h", "99999999999999999999d", "7D", "일주일", "d", "h7"]
LABELS = ["kakao", "KAKAO", "카카오", "nope", "x" * 120, "-1", "*", "kakao,kakao"]
TEMPLATES = [
    "/alert {label} above {n}",
    "/alert above {n}",
    "/alert {label} below {n}",
    "/alert change {n}",
    "/alert {label} change {n}",
    "/alert off {label}",
    "/alert off",
    "/alerts",
    "/forecast {label} {n}",
    "/forecast {n}",
    "/forecast",
    "/days {label} {n}",
    "/days {n}",
    "/days {range}",
    "/days {label} {range}",
    "/chart {label} {range}",
    "/chart {range}",
    "/chart {range} {range}",
    "/now {label}",
    "/now {n}",
    "/milestones {label} {n}",
    "/settings time {n}",
    "/settings zone {label}",
    "/settings language {label}",
    "/subscribe {label}",
    "/unsubscribe {label}",
    "/sources {n}",
]
BUTTONS = [
    "n1|1|99999999999",
    "n1|1|99999999999999999999999",
    "n1|1|-1",
    "n1|1|1e400",
    "n1|x|y",
    "n1|*|0",
    "n1|1|{n}",
    "n1|{n}|{n}",
    "c1|*|7d",
    "c1|1|24h",
    "c1|99999999999999999999|all",
    "c1|-1|24h",
    "c1|1|{range}",
    "c1|{n}|{range}",
    "c1|1|7d|extra",
    "s1|1",
    "s1|-5",
    "s1|99999999999999999",
    "s1|{n}",
    "s1|",
    "",
    "|||",
    "c2|1|7d",
]


@dataclass(frozen=True)
class Generated:
    kind: str  # "command", "button", "inline"
    text: str
    chat_id: int
    language: str | None


def generated(rng: random.Random, count: int) -> Iterator[Generated]:
    def number() -> str:
        if rng.random() < 0.5:
            return rng.choice(NUMBERS)
        scale = 10 ** rng.randint(0, 30)
        value = rng.randint(-scale, scale)
        return rng.choice([str(value), f"{value:+d}", f"{value / 7:.3f}", f"{value}만"])

    def fill(template: str) -> str:
        while "{" in template:
            template = template.replace("{n}", number(), 1)
            template = template.replace("{range}", rng.choice(RANGES), 1)
            template = template.replace("{label}", rng.choice(LABELS), 1)
        return template

    for _ in range(count):
        roll = rng.random()
        chat = rng.choice(CHATS)
        language = rng.choice([None, "en", "ko", "ko-KR"])
        if roll < 0.7:
            yield Generated("command", fill(rng.choice(TEMPLATES))[:4096], chat, language)
        elif roll < 0.9:
            yield Generated("button", fill(rng.choice(BUTTONS))[:64], chat, language)
        else:
            words = [rng.choice([*LABELS, *RANGES, number()]) for _ in range(rng.randint(0, 3))]
            yield Generated("inline", " ".join(words)[:256], chat, language)


@pytest.fixture(scope="module")
def fuzz_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveBot]:
    with live_bot_in(tmp_path_factory.mktemp("fuzz"), inline=True) as live:
        yield live


@pytest.mark.parametrize("part", range(PARTS))
def test_generated_inputs_raise_nothing(fuzz_bot: LiveBot, part: int) -> None:
    telegram = fuzz_bot.telegram
    rng = random.Random(18_000 + part)
    items = list(generated(rng, INPUTS))
    assert len(items) == INPUTS
    fuzz_bot.errors.clear()
    commands = buttons = inlines = 0
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        seen = len(telegram.sent)
        asked: dict[int, int] = {}
        pressed: dict[int, int] = {}
        for item in batch:
            if item.kind == "command":
                telegram.send_command(
                    item.text,
                    chat_id=item.chat_id,
                    user_id=item.chat_id,
                    language_code=item.language,
                )
                asked[item.chat_id] = asked.get(item.chat_id, 0) + 1
                commands += 1
            elif item.kind == "button":
                mine = telegram.messages_to(item.chat_id)
                message_id = rng.choice(mine).message_id if mine and rng.random() < 0.8 else 777
                telegram.press_button(
                    item.chat_id,
                    message_id,
                    item.text,
                    user_id=item.chat_id,
                    language_code=item.language,
                )
                pressed[item.chat_id] = pressed.get(item.chat_id, 0) + 1
                buttons += 1
            else:
                telegram.send_inline_query(
                    item.text, user_id=item.chat_id, language_code=item.language
                )
                inlines += 1
        fuzz_bot.updates_sent += len(batch)
        fuzz_bot.wait_idle(60)
        # Idle can be seen between getUpdates and the queue on a loaded machine: wait (bounded)
        # until each chat has at least its commands' answers.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and any(
            sum(1 for r in telegram.sent[seen:] if r.chat_id == chat) < count
            for chat, count in asked.items()
        ):
            fuzz_bot.wait_idle(60)
        replies = [r for r in telegram.sent[seen:] if r.method in ("sendMessage", "sendPhoto")]
        fuzz_bot.replies_seen += len(replies)
        assert not fuzz_bot.errors, [r.getMessage() for r in fuzz_bot.errors][:5]
        assert not telegram.errors
        for reply in replies:
            body = reply.text or ""
            assert body not in GENERIC_ERRORS, reply
            assert TOKEN not in body
        # Each command answered once in its own chat; a press may say something too (a
        # subscribe button confirms), a forged one nothing.
        for chat, count in asked.items():
            answered = sum(1 for r in replies if r.chat_id == chat)
            assert count <= answered <= count + pressed.get(chat, 0), (chat, count, answered)
    assert min(commands, buttons, inlines) > INPUTS // 20
