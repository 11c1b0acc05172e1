"""Why a sample failed, in plain words (raw details only in /status), in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "reason.timeout": "the source did not answer in time",
    "reason.too_slow": "the page never finished loading",
    "reason.unreachable": "the source could not be reached",
    "reason.no_such_host": "the source's host name does not resolve (a typo, or no DNS here)",
    "reason.connection_refused": "the source's server refused the connection",
    "reason.tls": "a secure connection to the source could not be set up (certificate or TLS)",
    "reason.dropped": "the source dropped the connection",
    "reason.network": "a network error",
    "reason.empty_body": "the source sent an empty page",
    "reason.too_large": "the source sent a page far too large to be the profile",
    "reason.not_json": "the source sent an error page instead of data",
    "reason.count_hidden": "the channel hides its count",
    "reason.layout_changed": "the page layout changed: no count found on it",
    "reason.rate_limited": "the source asked us to wait before asking again",
    "reason.storage": "the database could not be written",
    "reason.http_5xx": "the source had a server error (HTTP {code})",
    "reason.http_429": "the source said we ask too often (HTTP 429)",
    "reason.http_4xx": "the source refused the request (HTTP {code})",
    "reason.internal": "an unexpected problem on the bot's side (the log says more)",
    "reason.too_complex": "the page is too complex to read",
    "reason.bad_encoding": "the source packed its page in a way that is not accepted",
    "reason.no_match": "the page layout changed: nothing on it matches the extractor",
    "reason.not_a_count": "what the extractor finds is not a count",
    "reason.not_found": "no such channel: it does not exist or was closed",
    "reason.not_a_channel": "it is not a public channel or group",
    "reason.bot_api": "the Bot API could not give the member count",
    "reason.bad_options": "the source's extractor is broken",
    "reason.refused_address": "its address is not a public one, so it is not fetched",
    "reason.refused_port": "its port is not one sources may use (ALLOWED_SOURCE_PORTS)",
    "reason.unknown_kind": "this kind of source is unknown to this version",
}
