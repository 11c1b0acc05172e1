"""Public Telegram channels and groups: subscriber or member counts.

In order: the exact count on `t.me/<name>` (`div.tgme_page_extra`: "10 612 280 subscribers");
then the Bot API's getChatMemberCount, when the bot can use it; then the rounded count on the
preview page `t.me/s/<name>` (the `.counter_value` whose `.counter_type` is subscribers or
members, "10.6M": stored as approximate). A bot ("monthly users") or a user is not a channel, and
a name with no public page is a clear failure, never a number.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Final

import httpx
from selectolax.lexbor import LexborHTMLParser
from telegram.error import TelegramError

from bot.core.model import Failure, Reading
from bot.core.numbers import CountParseError, parse_count
from bot.core.reasons import Reason
from bot.sources.http import Body, excerpt, get_text
from bot.sources.nesting import too_deep
from bot.sources.parse import Parse, parse_inline

# "@name" -> its member count through the Bot API; raises TelegramError when the bot cannot.
MemberCount = Callable[[str], Awaitable[int]]

_USERNAME: Final = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
_LINK: Final = re.compile(
    r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?(?P<name>[^/?#\s]+)/?(?:[?#].*)?$",
    re.IGNORECASE,
)
# We ask for English; the Russian words are what comes back when that is ignored.
_COUNT_WORDS: Final = r"subscribers?|members?|подписчик[а-я]*|участник[а-я]*"
_COUNT_PHRASE: Final = re.compile(
    rf"(?P<num>\d[\d\s.,'’KMBkmb]*?)\s*(?P<word>{_COUNT_WORDS})\b", re.IGNORECASE
)
_BOT_WORDS: Final = re.compile(r"monthly users?|пользовател[а-я]* в месяц", re.IGNORECASE)
_COUNTER_TYPES: Final = re.compile(rf"^(?:{_COUNT_WORDS})$", re.IGNORECASE)
_HEADERS: Final = {"Accept": "text/html", "Accept-Language": "en"}
# Reasons after which no other way of reading the count can help.
_DECISIVE: Final = frozenset({Reason.NOT_A_CHANNEL})


def normalise_username(text: str) -> str | None:
    """`durov`, `@durov`, `t.me/durov`, `https://t.me/s/durov` -> `durov`; None if not a name."""
    candidate = text.strip()
    link = _LINK.match(candidate)
    if link:
        candidate = link.group("name")
    candidate = candidate.removeprefix("@")
    return candidate if _USERNAME.fullmatch(candidate) else None


def channel_page_url(web_url: str, username: str) -> str:
    return f"{web_url}/{username}"


def preview_page_url(web_url: str, username: str) -> str:
    return f"{web_url}/s/{username}"


def parse_channel_page(html: str, username: str) -> Reading | Failure:
    """`t.me/<name>`: the exact count in `div.tgme_page_extra`, and the title."""
    if (why := too_deep(html)) is not None:
        return Failure(Reason.TOO_COMPLEX, why)
    tree = LexborHTMLParser(html)
    title_node = tree.css_first('meta[property="og:title"]')
    name = (title_node.attributes.get("content") or "").strip() if title_node else ""
    if not name:
        span = tree.css_first(".tgme_page_title span") or tree.css_first(".tgme_page_title")
        name = span.text(strip=True) if span else ""
    extra_node = tree.css_first("div.tgme_page_extra")
    if extra_node is None:
        return Failure(
            Reason.NOT_FOUND,
            f"t.me/{username} shows no count: there is no public channel or group by that name",
        )
    extra = extra_node.text(separator=" ", strip=True)
    if _BOT_WORDS.search(extra):
        return Failure(
            Reason.NOT_A_CHANNEL,
            f"@{username} is a bot: its page counts monthly users, not subscribers ({extra})",
        )
    phrase = _COUNT_PHRASE.search(extra)
    if phrase is None:
        if extra.startswith("@"):
            return Failure(Reason.NOT_A_CHANNEL, f"@{username} is a person, not a channel or group")
        return Failure(Reason.LAYOUT_CHANGED, f"tgme_page_extra holds no count: {excerpt(extra)}")
    return _reading(phrase.group("num"), name or None, "tgme_page_extra")


def parse_preview_page(html: str, username: str) -> Reading | Failure:
    """`t.me/s/<name>`: the (rounded) counter whose type is subscribers or members."""
    if (why := too_deep(html)) is not None:
        return Failure(Reason.TOO_COMPLEX, why)
    tree = LexborHTMLParser(html)
    counters = tree.css(".tgme_channel_info_counter")
    if not counters and tree.css_first(".tgme_channel_info") is None:
        return Failure(Reason.NOT_FOUND, f"t.me/s/{username} is not a public channel preview")
    title = tree.css_first(".tgme_channel_info_header_title")
    name = title.text(strip=True) if title else None
    for counter in counters:
        kind = counter.css_first(".counter_type")
        value = counter.css_first(".counter_value")
        if kind is None or value is None:
            continue
        if _COUNTER_TYPES.match(kind.text(strip=True)):
            return _reading(value.text(strip=True), name or None, ".counter_value")
    shown = ", ".join(" ".join(c.text(separator=" ", strip=True).split()) for c in counters)
    return Failure(Reason.LAYOUT_CHANGED, f"no subscribers counter on t.me/s/{username}: {shown}")


def _reading(number: str, name: str | None, where: str) -> Reading | Failure:
    try:
        parsed = parse_count(number)
    except CountParseError as exc:
        return Failure(
            Reason.LAYOUT_CHANGED, f"{where} is not a count: {excerpt(number)} ({exc.reason})"
        )
    return Reading(value=parsed.value, name=name, approximate=parsed.approximate)


async def count_via_bot_api(
    member_count: MemberCount,
    username: str,
    timeout: float,  # noqa: ASYNC109 - bounds the Bot API call like every request
) -> Reading | Failure:
    try:
        async with asyncio.timeout(timeout):
            value = await member_count(f"@{username}")
    except TimeoutError:
        return Failure(Reason.TIMEOUT, f"getChatMemberCount(@{username}) did not answer in time")
    except TelegramError as exc:
        return Failure(
            Reason.BOT_API, f"getChatMemberCount(@{username}): {excerpt(exc.message, 100)}"
        )
    if value < 0:
        return Failure(Reason.BOT_API, f"getChatMemberCount(@{username}) gave {value}")
    return Reading(value=value)


async def read_channel(
    client: httpx.AsyncClient,
    web_url: str,
    username: str,
    *,
    member_count: MemberCount | None = None,
    timeout: float = 10.0,  # noqa: ASYNC109 - bounds the Bot API call like every request
    parse: Parse = parse_inline,
) -> Reading | Failure:
    """The best count there is: exact page, then the Bot API, then the rounded preview."""
    page = await get_text(client, channel_page_url(web_url, username), headers=_HEADERS)
    primary = (
        await parse(parse_channel_page, page.text, username) if isinstance(page, Body) else page
    )
    if isinstance(primary, Reading) or primary.reason in _DECISIVE:
        return primary
    if member_count is not None:
        via_bot = await count_via_bot_api(member_count, username, timeout)
        if isinstance(via_bot, Reading):
            return via_bot
    if primary.reason is Reason.NOT_FOUND:
        return primary  # the preview of a name with no public page redirects to that page
    preview = await get_text(client, preview_page_url(web_url, username), headers=_HEADERS)
    fallback = (
        await parse(parse_preview_page, preview.text, username)
        if isinstance(preview, Body)
        else preview
    )
    return fallback if isinstance(fallback, Reading) else primary
