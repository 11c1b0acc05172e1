"""/track, /untrack and /sources: what is tracked, and why a /track is refused (a URL, an
extractor), in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "track.usage": (
        "Usage: /track <kind:target> [label] [every 5m] [hidden]\n"
        "e.g. /track telegram:durov durov every 5m\n"
        "/track kakao:_xdhKKT\n"
        '/track web:https://example.org/stats css:"span.count" example'
    ),
    "track.bad_kind": "{given} is not a source I know. Start with one of {kinds} and a colon, e.g. telegram:durov.",
    "track.unbalanced_quotes": 'A quote is not closed. Put a selector or pattern with spaces in "double quotes".',
    "track.bad_interval": "{given} is not an interval. Use e.g. every 30s, every 5m or every 1h (from 5 s to 1 day).",
    "track.extractor_only_web": "css:, json: and regex: only go with web: sources.",
    "track.one_extractor": "Give one way to find the number (css:, json: or regex:), not several.",
    "track.bad_extractor": "That extractor will not work: {reason}",
    "track.too_many_words": "I did not understand {word}. Usage: /track <kind:target> [label] [every 5m]",
    "track.extractor_needed": "Say where the number is on that page: add css:<selector>, json:$.path or regex:<pattern with one group>.",
    "track.bad_kakao": "{given} is not a KakaoTalk channel id: use the part after pf.kakao.com/, e.g. kakao:_xdhKKT.",
    "track.bad_telegram": "{given} is not a Telegram username: use the public channel's name, e.g. telegram:durov.",
    "track.bad_url": "{given} is not a URL I can track: {reason}.",
    "track.bad_label": "{given} cannot be a label: use up to {most} letters, digits, _ or -, not only digits, and not a chart range (24h, 7d, 30d, all).",
    "track.refused_address": "I won't fetch that URL: {host} points to {address}, which is not a public address. Sources must be public addresses.",
    "track.no_such_host": "I can't find {host}: the name does not resolve. Check the address for a typo.",
    "track.label_taken": "The label {label} is already used by another source. Add a different label at the end.",
    "track.already": "That is already tracked as {label}.",
    "track.failed": "I could not read a number from {where}, so it is not tracked: {reason}",
    "track.hidden": "It is kept off the status page and the JSON API.",
    "track.done": "Now tracking {title}: {counted}, sampled every {interval}. /now {label} shows it.",
    "track.refused_port": "I won't fetch that URL: port {port} is not one sources may use "
    "(allowed: {allowed}; the ALLOWED_SOURCE_PORTS setting names the ports).",
    "untrack.usage": "Usage: /untrack <label>. Tracked: {labels}.",
    "untrack.done": {
        "one": "Stopped tracking {title}; its {samples} sample is deleted.",
        "other": "Stopped tracking {title}; its {samples} samples are deleted.",
    },
    "sources.title": "Tracked sources ({count}):",
    "sources.item": "• {title} — {where}, every {interval}",
    "sources.value": "  Last value: {counted} · last success {age} ago",
    "sources.value.none": "  Last value: none yet",
    "sources.held": "  Held as suspect: {count} ({age} ago), until the next sample confirms it",
    "sources.error": "  Last error: {reason} · {age} ago",
    "sources.error.none": "  Last error: none",
    "labels.more": "{labels} … and {count} more",
    # why a URL or an extractor is refused: a `Phrase` from bot/sources, inside track.bad_url
    # and track.bad_extractor
    "url.not_valid": "not a valid URL ({detail})",
    "url.scheme": "only http:// and https:// URLs can be sources",
    "url.no_host": "the URL has no host",
    "url.credentials": "URLs with a user name or password are not accepted",
    "url.port_zero": "port 0 is not a port",
    "url.unreadable": "it cannot be read as a URL ({detail})",
    "extractor.how": "say how to find the number: css:<selector>, json:$.path or regex:<pattern>",
    "extractor.empty": "the {kind} extractor is empty",
    "extractor.too_long": "the extractor is longer than {most} characters",
    "extractor.not_css": "{expression} is not a CSS selector",
    "extractor.json.dollar": "a JSON path starts with $, e.g. $.data.count (got {given})",
    "extractor.json.step": 'cannot read the JSON path at {at}: use .name, [0] or ["name"]',
    "extractor.json.whole": "the JSON path $ alone names the whole document, not a number",
    "extractor.re2": "{pattern} is not a regular expression I can run ({why}); patterns run on RE2, which has no lookarounds or backreferences",
    "extractor.groups": "the regular expression needs exactly one group around the number, has {groups}",
}
