"""The registry of source kinds: for each `SourceKind`, how it is read, what its /track target
looks like, and what a source of it is labelled when the admin gives no label.

As urlwatch registers its job kinds, every kind is one `Kind` entry in `KINDS`; sampling
(`bot.sources.read_source`), /track (bot/sources/specs.py), tracking's address checks and the
start log dispatch through it, never on the kind's name. A new kind is a module with its reader
and one entry here (its noun in replies: bot/presentation, keyed by the same enum).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Protocol
from urllib.parse import urlsplit

import httpx

from bot.core.kinds import SourceKind
from bot.core.model import Failure, Reading, Source
from bot.settings import Settings
from bot.sources import kakao, telegram, web
from bot.sources.addresses import url_problem
from bot.sources.parse import Parse


class TrackSpecError(ValueError):
    """What is wrong, as a text key (bot/presentation/texts.py) and its values, so it is said
    in any language; a reason among the values is a `Phrase`, said in the same language."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


class Reader(Protocol):
    """One reading of a source of the kind; never raises for what the outside world does."""

    async def __call__(
        self,
        client: httpx.AsyncClient,
        source: Source,
        settings: Settings,
        *,
        member_count: telegram.MemberCount | None,
        parse: Parse,
    ) -> Reading | Failure: ...


@dataclass(frozen=True, slots=True)
class Kind:
    read: Reader
    target: Callable[[str], str]  # what followed `kind:` -> the canonical target, or TrackSpecError
    label: Callable[
        [str], str
    ]  # the target -> a label's first draft (specs.default_label checks it)
    # The target is a URL an admin chose: checked against the address guard and the allowed
    # ports before tracking, logged by host only (it may carry a key), and read with an extractor.
    url: bool = False


async def _read_kakao(
    client: httpx.AsyncClient,
    source: Source,
    settings: Settings,
    *,
    member_count: telegram.MemberCount | None,
    parse: Parse,
) -> Reading | Failure:
    return await kakao.read_channel(client, settings.kakao_api_url, source.target, parse=parse)


async def _read_telegram(
    client: httpx.AsyncClient,
    source: Source,
    settings: Settings,
    *,
    member_count: telegram.MemberCount | None,
    parse: Parse,
) -> Reading | Failure:
    return await telegram.read_channel(
        client,
        settings.telegram_web_url,
        source.target,
        member_count=member_count,
        timeout=settings.request_timeout_seconds,
        parse=parse,
    )


async def _read_web(
    client: httpx.AsyncClient,
    source: Source,
    settings: Settings,
    *,
    member_count: telegram.MemberCount | None,
    parse: Parse,
) -> Reading | Failure:
    extractor = web.checked_extractor(source.opts)
    if isinstance(extractor, Failure):
        return extractor
    return await web.read_page(client, source.target, extractor, parse=parse)


def _kakao_target(raw: str) -> str:
    channel = kakao.normalise_channel_id(raw)
    if channel is None:
        raise TrackSpecError("track.bad_kakao", given=raw[:60])
    return channel


def _telegram_target(raw: str) -> str:
    username = telegram.normalise_username(raw)
    if username is None:
        raise TrackSpecError("track.bad_telegram", given=raw[:60])
    return username


def _web_target(raw: str) -> str:
    problem = url_problem(raw)
    if problem is not None:
        raise TrackSpecError("track.bad_url", given=raw[:80], reason=problem)
    return raw


def _same(target: str) -> str:
    """The channel id or the username is the label."""
    return target


def _host(url: str) -> str:
    """The web page's host (`example-org`)."""
    host = (urlsplit(url).hostname or "web").removeprefix("www.")
    return re.sub(r"[^\w-]+", "-", host).strip("-") or "web"


KINDS: Final[Mapping[SourceKind, Kind]] = MappingProxyType(
    {
        SourceKind.KAKAO: Kind(_read_kakao, _kakao_target, _same),
        SourceKind.TELEGRAM: Kind(_read_telegram, _telegram_target, _same),
        SourceKind.WEB: Kind(_read_web, _web_target, _host, url=True),
    }
)


def kind_named(word: str) -> SourceKind | None:
    """The registered kind a /track word names (`Kakao` -> KAKAO), or None."""
    tag = word.lower()
    return next((kind for kind in KINDS if kind.value == tag), None)
