"""Rules of urls pinned exactly where mutation testing found them loose."""

from __future__ import annotations

import pytest

from bot.core.urls import HIDDEN, has_secrets, public_url, redact_url, redact_urls_in


def test_hidden_mark() -> None:
    assert HIDDEN == "…"


@pytest.mark.parametrize(
    ("url", "shown", "logged"),
    [
        ("http://[::1/x?k=v", "…", "…"),  # urlsplit refuses it: nothing shown
        ("example.com/x?k=v#f", "example.com/x", "example.com/x?k=v#f"),  # not a URL to split
        ("http://example.com:99999/x?k=v", "http://example.com/x", "http://example.com/x?k=…"),
        ("http://:80/x", "http://:80/x", "http://:80/x"),
        ("https://x.org/p#frag", "https://x.org/p", "https://x.org/p#…"),
        ("https://x.org/p?a=b=c&&flag&", "https://x.org/p", "https://x.org/p?a=…&flag"),
        ("https://u:@x.org/p", "https://x.org/p", "https://u:…@x.org/p"),
        ("https://x.org:8443/p", "https://x.org:8443/p", "https://x.org:8443/p"),
        ("http://[::1]/p", "http://[::1]/p", "http://[::1]/p"),
        ("mailto:x?y", "mailto:x", "mailto:x?y"),  # a scheme but no host: cut, not rebuilt
        ("a b#c", "a b", "a b#c"),
        ("p#a#b", "p", "p#a#b"),
        ("p?a?b", "p", "p?a?b"),
    ],
)
def test_shown_and_logged(url: str, shown: str, logged: str) -> None:
    assert public_url(url) == shown
    assert has_secrets(url) is (url != shown)
    assert redact_url(url) == logged


def test_urls_in_text() -> None:
    assert redact_urls_in("a ftp+x://h.org/p?k=v, b") == "a ftp+x://h.org/p?k=… b"
    assert redact_urls_in('"https://h.org/p?k=v" <x>') == '"https://h.org/p?k=…" <x>'
    assert redact_urls_in("url=https://h.org/?k=v") == "url=https://h.org/?k=…"
    assert redact_urls_in("://h.org/?k=v") == "://h.org/?k=v"
    assert redact_urls_in("") == ""
