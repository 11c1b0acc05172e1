"""Dates and chart ticks in the reader's words, in Korean: the keys of en/dates.py."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "date.day": "{month}월 {day}일 ({weekday})",
    "date.week_start": "{month}월 {day}일 {weekday}요일",
    "date.month_day": "{month}월 {day}일",
    "date.day.year": "{year}년 {month}월 {day}일 ({weekday})",
    "date.month_day.year": "{year}년 {month}월 {day}일",
    "date.tick": "{month}월 {day}일 ({weekday})",
    "date.tick.year": "{year}년 {month}월 {day}일",
    "date.weekdays": "월 화 수 목 금 토 일",
    "date.months": "1 2 3 4 5 6 7 8 9 10 11 12",
}
