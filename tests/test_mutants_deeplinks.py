"""Share-link rules pinned exactly: which labels travel as themselves, what `/start` reads back."""

from __future__ import annotations

import pytest

from bot.core.deeplinks import PREFIX, find_for_word, share_link, start_parameter, subscribe_word
from bot.core.kinds import SourceKind
from bot.core.model import Source


def source(source_id: int, label: str) -> Source:
    return Source(source_id, SourceKind.WEB, "https://example.com", label, None, 30)


def test_prefix_and_link_shape() -> None:
    assert PREFIX == "sub_"
    assert share_link("counter_bot", source(3, "kakao")) == (
        "https://t.me/counter_bot?start=sub_kakao"
    )


@pytest.mark.parametrize(
    ("label", "parameter"),
    [
        ("a", "sub_a"),
        ("A-z_09", "sub_A-z_09"),
        ("x" * 60, "sub_" + "x" * 60),  # the longest label that travels as itself
        ("x" * 61, "sub_5"),
        ("배민", "sub_5"),
        ("two words", "sub_5"),
        ("dot.ted", "sub_5"),
        ("", "sub_5"),
    ],
)
def test_start_parameter_uses_a_safe_label_or_else_the_id(label: str, parameter: str) -> None:
    assert start_parameter(source(5, label)) == parameter
    assert len(parameter) <= 64  # Telegram's limit on a start parameter


@pytest.mark.parametrize(
    ("arg", "word"),
    [
        ("sub_kakao", "kakao"),
        ("sub_7", "7"),
        ("sub_a", "a"),
        ("sub_" + "y" * 60, "y" * 60),
        ("sub_" + "y" * 61, None),
        ("sub_", None),
        ("sub_a b", None),
        ("sub_배민", None),
        ("xsub_kakao", None),
        ("SUB_kakao", None),
        ("kakao", None),
        ("", None),
    ],
)
def test_subscribe_word(arg: str, word: str | None) -> None:
    assert subscribe_word(arg) == word


def test_find_for_word_label_first_then_id() -> None:
    kakao = source(1, "Kakao")
    seven = source(7, "seven")
    numeric_label = source(2, "7")  # a label that looks like another source's id wins
    assert find_for_word([kakao, seven], "kakao") is kakao
    assert find_for_word([kakao, seven], "KAKAO") is kakao
    assert find_for_word([seven, kakao], "Kakao") is kakao
    assert find_for_word([kakao, seven], "7") is seven
    assert find_for_word([kakao, seven, numeric_label], "7") is numeric_label
    assert find_for_word([kakao, seven], "8") is None
    assert find_for_word([kakao, seven], "nosuch") is None
    assert find_for_word([kakao, seven], "٧") is None  # a digit, but not one ids are written in
    assert find_for_word([], "1") is None
