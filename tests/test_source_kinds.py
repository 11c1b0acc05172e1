"""The registry of source kinds and the options read once: every kind is registered and has its
words in both languages; a stored row becomes a typed `Source` (an unknown kind is listed, never
read); a stored extractor that cannot run is one clear failure, checked once, not per sample."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from bot.core.kinds import SourceKind, source_kind
from bot.core.model import Failure, Source
from bot.core.source_options import Extractor, SourceOptions, parse_source_options
from bot.presentation.numbers import counted, noun
from bot.settings import Settings
from bot.sources import read_source, web
from bot.sources.kinds import KINDS, kind_named
from bot.sources.specs import default_label, normalise_target
from storage import sources
from storage.database import open_database

T = datetime(2026, 11, 25, tzinfo=UTC)


def test_every_kind_but_unknown_is_registered_and_named_in_both_languages() -> None:
    assert set(KINDS) == set(SourceKind) - {SourceKind.UNKNOWN}
    for kind in SourceKind:
        for lang in ("en", "ko"):
            assert noun(lang, kind)
            assert "7" in counted(lang, kind, "7")
    assert noun("en", SourceKind.UNKNOWN) == noun("en", SourceKind.WEB)
    assert (kind_named("Kakao"), kind_named("unknown"), kind_named("rss")) == (
        SourceKind.KAKAO,
        None,
        None,
    )
    assert (source_kind("telegram"), source_kind("rss")) == (
        SourceKind.TELEGRAM,
        SourceKind.UNKNOWN,
    )


def test_targets_and_labels_come_from_the_registry() -> None:
    assert normalise_target(SourceKind.KAKAO, " https://pf.kakao.com/_xdhKKT ") == "_xdhKKT"
    assert normalise_target(SourceKind.TELEGRAM, "@durov") == "durov"
    assert default_label(SourceKind.WEB, "https://www.example.org/x") == "example-org"
    assert default_label(SourceKind.TELEGRAM, "durov") == "durov"
    assert not KINDS[SourceKind.KAKAO].url and KINDS[SourceKind.WEB].url


def test_options_are_read_once_into_a_typed_value() -> None:
    opts = parse_source_options(
        '{"extractor": "css", "expression": "#n", "hidden": true, "milestone_every": 500}'
    )
    assert opts == SourceOptions(Extractor("css", "#n"), None, True, 500)
    source = Source(1, SourceKind.WEB, "https://example.org", "ex", None, 60, '{"hidden": true}')
    assert source.opts.hidden and source.hidden
    assert source.opts.extractor is None
    assert source.opts.extractor_problem is not None
    xpath = parse_source_options('{"extractor": "xpath", "expression": "//n"}')
    assert xpath.extractor_problem == "unknown extractor 'xpath'"
    assert parse_source_options('{"extractor": "css", "expression": null}').extractor is None


async def test_a_stored_row_becomes_a_typed_source_and_an_unknown_kind_is_never_read(
    tmp_path: Path, settings: Settings
) -> None:
    db = await open_database(tmp_path / "k.db")
    try:
        added = await sources.add_source(
            db,
            kind=SourceKind.WEB,
            target="https://example.org/n",
            label="ex",
            interval_seconds=60,
            created_at=T,
            options='{"extractor": "css", "expression": "#n", "hidden": true}',
        )
        await db.execute(
            "INSERT INTO sources (kind, target, label, interval_s, created_at) "
            "VALUES ('rss', 'https://example.org/feed', 'feed', 60, 0)"
        )
        await db.commit()
        listed = await sources.list_sources(db)
    finally:
        await db.close()
    assert listed[0] == added
    assert listed[0].kind is SourceKind.WEB
    assert listed[0].opts.extractor == Extractor("css", "#n") and listed[0].hidden
    assert listed[1].kind is SourceKind.UNKNOWN
    async with httpx.AsyncClient() as client:
        outcome = await read_source(client, listed[1], settings)
    assert isinstance(outcome, Failure)
    assert outcome.tag == "unknown_kind"


@pytest.mark.parametrize(
    ("options", "why"),
    [
        ('{"extractor": "regex", "expression": "(a)(b)"}', "exactly one group"),
        ('{"extractor": "css", "expression": "div[["}', "not a CSS selector"),
        ("{}", "no usable extractor"),
    ],
)
async def test_a_stored_extractor_that_cannot_run_is_one_clear_failure(
    options: str, why: str, settings: Settings
) -> None:
    source = Source(1, SourceKind.WEB, "http://127.0.0.1:9/n", "ex", None, 60, options)
    async with httpx.AsyncClient() as client:
        outcome = await read_source(client, source, settings)
    assert isinstance(outcome, Failure)
    assert outcome.tag == "bad_options"
    assert why in outcome.detail


def test_a_stored_extractor_is_checked_once_not_per_sample() -> None:
    options = parse_source_options('{"extractor": "regex", "expression": "n=(\\\\d+) once"}')
    assert options.extractor is not None
    before = web._extractor_problem.cache_info()
    for _ in range(5):
        assert web.checked_extractor(options) == options.extractor
    after = web._extractor_problem.cache_info()
    assert after.misses - before.misses <= 1
    assert after.hits - before.hits >= 4
