"""Korean particles chosen by the last sound of the preceding word; the catalogue uses them."""

from __future__ import annotations

import pytest

from bot.presentation.korean import particle
from bot.presentation.texts import text


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("동네", "을/를", "를"),
        ("채널", "을/를", "을"),
        ("배민커넥트", "이/가", "가"),
        ("구독자", "은/는", "는"),
        ("책", "은/는", "은"),
        ("서울", "으로/로", "로"),  # ㄹ takes 로
        ("부산", "으로/로", "으로"),
        ("학교", "으로/로", "로"),
        ("사과", "과/와", "와"),
        ("1", "을/를", "을"),  # 일
        ("2", "을/를", "를"),  # 이
        ("3", "이/가", "이"),  # 삼
        ("10", "은/는", "은"),  # 십
        ("250,000", "을/를", "을"),  # 이십오만
        ("1000000000000", "이/가", "가"),  # 조
        ("7", "으로/로", "로"),  # 칠
        ("6", "으로/로", "으로"),  # 육
        ("durov", "을/를", "를"),
        ("kakao", "은/는", "는"),
        ("channel", "을/를", "을"),
        ("room", "이/가", "이"),
        ("URL", "은/는", "은"),  # 유알엘
        ("API", "을/를", "를"),  # 에이피아이
        ("_xdhKKT", "은/는", "는"),  # 티
        ("배민커넥트 (kakao)", "을/를", "를"),
        ("동네.", "을/를", "를"),
        ("🙂", "을/를", "을(를)"),
        ("🙂", "으로/로", "(으)로"),
    ],
)
def test_particle_follows_the_last_sound(word: str, pair: str, expected: str) -> None:
    assert particle(word, pair) == expected


def test_the_catalogue_chooses_particles_by_the_value_filled_in() -> None:
    unsubscribed = "unsubscribe.one.none"
    assert text("ko", unsubscribed, name="동네") == "이 채팅은 동네를 구독하고 있지 않아요."
    assert text("ko", unsubscribed, name="채널") == "이 채팅은 채널을 구독하고 있지 않아요."
    assert text("ko", "track.already", label="서울") == "이미 서울로 추적 중이에요."
    assert text("ko", "track.already", label="durov") == "이미 durov로 추적 중이에요."
    assert text("ko", "track.already", label="부산") == "이미 부산으로 추적 중이에요."
    assert text("ko", "track.bad_kind", given="ftp:x", kinds="kakao, telegram, web").startswith(
        "ftp:x는 모르는 출처예요."
    )
    assert text("en", "track.already", label="서울") == "That is already tracked as 서울."


def test_no_sentence_writes_both_particles() -> None:
    from bot.presentation.catalogue.ko import KO

    for key, template in KO.items():
        forms = [template] if isinstance(template, str) else list(template.values())
        for form in forms:
            for both in ("을(를)", "은(는)", "이(가)", "(으)로", "과(와)"):
                assert both not in form, key
    assert "가장 많이 늘어난 시간대" in text("ko", "summary.best.none")
