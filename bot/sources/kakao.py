"""KakaoTalk channels (pf.kakao.com): friend count from the v2 profile JSON, HTML as fallback."""

from __future__ import annotations

import json
import re
from typing import Any, Final

import httpx
from selectolax.lexbor import LexborHTMLParser

from bot.core.model import Failure, Reading
from bot.core.numbers import CountParseError, parse_count
from bot.core.reasons import Reason
from bot.sources.http import Body, excerpt, get_text
from bot.sources.nesting import too_deep
from bot.sources.parse import Parse, parse_inline

_CHANNEL_ID: Final = re.compile(r"_?[A-Za-z0-9]{1,40}")
_LINK: Final = re.compile(
    r"^(?:https?://)?pf\.kakao\.com/(?P<id>[^/?#\s]+)/?(?:[?#].*)?$", re.IGNORECASE
)


def normalise_channel_id(text: str) -> str | None:
    """`_xdhKKT` or `https://pf.kakao.com/_xdhKKT` -> `_xdhKKT`; None if not a channel id."""
    link = _LINK.match(text)
    channel = link.group("id") if link else text
    return channel if _CHANNEL_ID.fullmatch(channel) else None


def profile_json_url(api_url: str, channel_id: str) -> str:
    return f"{api_url}/rocket-web/web/v2/profiles/{channel_id}"


def profile_page_url(api_url: str, channel_id: str) -> str:
    return f"{api_url}/{channel_id}"


def parse_profile_json(text: str) -> Reading | Failure:
    """Read `cards[type=profile].profile.friend_count` (and the name) from the v2 endpoint."""
    try:
        doc: Any = json.loads(text)
    except ValueError:
        return Failure(Reason.NOT_JSON, f"expected JSON, got: {excerpt(text)}")
    except RecursionError:
        return Failure(Reason.TOO_COMPLEX, "the JSON nests too deep to be read")
    cards = doc.get("cards") if isinstance(doc, dict) else None
    if not isinstance(cards, list):
        return Failure(
            Reason.LAYOUT_CHANGED, f"no 'cards' list in the profile JSON: {excerpt(text)}"
        )
    profile: dict[str, Any] | None = None
    for card in cards:
        if isinstance(card, dict) and card.get("type") == "profile":
            candidate = card.get("profile")
            if isinstance(candidate, dict):
                profile = candidate
                break
    if profile is None:
        return Failure(Reason.LAYOUT_CHANGED, f"no profile card in the JSON: {excerpt(text)}")
    name = profile.get("name") if isinstance(profile.get("name"), str) else None
    if "friend_count" not in profile or profile["friend_count"] is None:
        return Failure(
            Reason.COUNT_HIDDEN, f"{name or 'the channel'} does not show its friend count"
        )
    raw = profile["friend_count"]
    if isinstance(raw, bool):
        return Failure(Reason.LAYOUT_CHANGED, f"friend_count is not a number: {raw!r}")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, str):
        try:
            value = parse_count(raw).value
        except CountParseError:
            return Failure(Reason.LAYOUT_CHANGED, f"friend_count is not a number: {excerpt(raw)}")
    else:
        return Failure(Reason.LAYOUT_CHANGED, f"friend_count is not a number: {raw!r}")
    if value < 0:
        return Failure(Reason.LAYOUT_CHANGED, f"friend_count is negative: {value}")
    return Reading(value=value, name=name)


def parse_profile_html(html: str) -> Reading | Failure:
    """Read the old server-rendered page: `span.num_count` with thousands separators."""
    if (why := too_deep(html)) is not None:
        return Failure(Reason.TOO_COMPLEX, why)
    tree = LexborHTMLParser(html)
    node = tree.css_first("span.num_count")
    name_node = tree.css_first("strong.tit_profile") or tree.css_first('meta[property="og:title"]')
    name: str | None = None
    if name_node is not None:
        name = (name_node.attributes.get("content") or name_node.text(strip=True) or "").strip()
        name = name or None
    if node is None:
        return Failure(Reason.LAYOUT_CHANGED, f"no span.num_count on the page: {excerpt(html)}")
    text = node.text(strip=True)
    try:
        parsed = parse_count(text)
    except CountParseError:
        return Failure(Reason.LAYOUT_CHANGED, f"span.num_count is not a count: {excerpt(text)}")
    return Reading(value=parsed.value, name=name, approximate=parsed.approximate)


async def read_channel(
    client: httpx.AsyncClient, api_url: str, channel_id: str, *, parse: Parse = parse_inline
) -> Reading | Failure:
    """Try the JSON endpoint; when it gives no count, try the HTML page; report the first reason."""
    body = await get_text(
        client, profile_json_url(api_url, channel_id), headers={"Accept": "application/json"}
    )
    primary = await parse(parse_profile_json, body.text) if isinstance(body, Body) else body
    if isinstance(primary, Reading):
        return primary
    page = await get_text(
        client, profile_page_url(api_url, channel_id), headers={"Accept": "text/html"}
    )
    fallback = await parse(parse_profile_html, page.text) if isinstance(page, Body) else page
    if isinstance(fallback, Reading):
        return fallback
    if isinstance(primary, Failure) and primary.reason is Reason.HTTP and primary.status == 404:
        # Kakao answers 404 for a channel ID that does not exist (or was closed)
        return Failure(Reason.NOT_FOUND, primary.detail)
    return primary
