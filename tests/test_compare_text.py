"""/compare's words: a rounded source's ≈ on every figure it touches, shared ranks, the pairs
that do not catch up, and how the sources were chosen, in both languages. Pure."""

from __future__ import annotations

from bot.core.compare import Choice, Chosen, compare
from bot.presentation.compare import format_compare, how_shown, table_rows
from tests.test_compare import TODAY, history, linear


def test_rounded_and_not_closing_in_both_languages() -> None:
    big = history("durov", linear(10_600_000, 100), rounding=100_000)
    small = history("baemin", linear(114_000, 900))
    level = history("coupang", linear(114_000, -50))
    result = compare([big, small, level], TODAY)
    choice = Choice(("durov", "baemin", "coupang"), Chosen.MOST_FOLLOWED, 4)
    en = format_compare(result, choice, "en", "Asia/Seoul").split("\n")
    assert en[0] == "Compared (the 3 most followed of 7) · Asia/Seoul"
    assert en[1] == "1. DUROV ≈10,600,000"
    assert en[2] == "   24 h ≈0 · 7 d ≈0 · 30 d ≈0"
    assert en[3] == "   ≈+0.0/day (≈+0.00%/day) over 30 d"
    assert en[5] == "=2. BAEMIN 114,000"  # both at 114,000: a shared place
    assert en[9] == "=2. COUPANG 114,000"
    # durov's ≈0 (± a step at both ends) overlaps every change: nobody certainly leads it
    assert en[4] == "   rank: 24 h #1= · 7 d #1= · 30 d #1= · a day #1= · growth #2"
    assert "BAEMIN does not catch DUROV within two years at this pace" in en
    ko = format_compare(result, choice, "ko", "Asia/Seoul")
    assert "1. DUROV ≈10,600,000" in ko
    assert "24시간 ≈0 · 7일 ≈0 · 30일 ≈0" in ko
    assert (
        "   순위: 24시간 공동 1위 · 7일 공동 1위 · 30일 공동 1위 · 하루 공동 1위 · 성장률 2위" in ko
    )
    assert "BAEMIN: 이 속도로는 2년 안에 DUROV를 따라잡지 못해요" in ko
    assert ko.startswith("비교 (구독 많은 3개 / 전체 7개) · Asia/Seoul")


def test_named_choice_and_table() -> None:
    a = history("coupang", linear(100_000, 100))
    b = history("baemin", linear(80_000, 300))
    result = compare([a, b], TODAY)
    assert how_shown(Choice(("coupang", "baemin"), Chosen.NAMED, 0), "ko") == "고른 것"
    cut = Choice(("a", "b", "c", "d"), Chosen.NAMED, 2)
    assert how_shown(cut, "en") == "the first 4 named; at most 4"
    rows = table_rows(result, "en")
    assert rows[0] == ["Source", "count", "24 h", "7 d", "30 d", "a day", "growth"]
    assert rows[2][0] == "BAEMIN"
    assert rows[2][5] == "+300 (#1)"
    text_en = format_compare(result, Choice(("coupang", "baemin"), Chosen.NAMED, 0), "en", "UTC")
    assert "BAEMIN catches COUPANG in about 100 days, around 10 Mar 2027" in text_en
