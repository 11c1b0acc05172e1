"""Who sees what of a source's URL: the rule, pinned."""

from __future__ import annotations

import pytest

from bot.core.urls import has_secrets, public_url, redact_url, redact_urls_in


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://example.com/api/count?key=s3cret&x=1", "https://example.com/api/count"),
        ("https://bob:pw@example.com:8443/p#tok", "https://example.com:8443/p"),
        ("https://example.com/plain", "https://example.com/plain"),
        ("http://[::1]:8080/x?k=v", "http://[::1]:8080/x"),
        ("https://EXAMPLE.com/Path?k=v", "https://example.com/Path"),
    ],
)
def test_everyone_else_sees_scheme_host_and_path(url: str, shown: str) -> None:
    assert public_url(url) == shown
    assert has_secrets(url) == (url != shown)


@pytest.mark.parametrize(
    ("url", "logged"),
    [
        ("https://example.com/c?key=s3cret&x=1", "https://example.com/c?key=…&x=…"),
        ("https://bob:pw@example.com/c", "https://bob:…@example.com/c"),
        ("https://tok@example.com/c#frag", "https://…@example.com/c#…"),
        ("https://example.com/c?flag", "https://example.com/c?flag"),
        ("https://example.com/c", "https://example.com/c"),
    ],
)
def test_logs_keep_the_query_names_and_hide_the_values(url: str, logged: str) -> None:
    assert redact_url(url) == logged


def test_urls_inside_a_log_line_are_redacted() -> None:
    line = "GET https://api.example.com/v1?key=abc123 failed; see https://x.org/?t=9 too"
    out = redact_urls_in(line)
    assert "abc123" not in out and "t=9" not in out
    assert out == "GET https://api.example.com/v1?key=… failed; see https://x.org/?t=… too"
    assert redact_urls_in("no url here ?key=v") == "no url here ?key=v"


@pytest.mark.parametrize(
    "glued",
    [
        "9https://a.example/x?key=s3cret",
        "id_https://a.example/x?key=s3cret",
        "(https://a.example/x?key=s3cret)",
    ],
)
def test_a_url_glued_to_what_precedes_it_is_redacted_too(glued: str) -> None:
    out = redact_urls_in(f"fetch {glued} failed")
    assert "s3cret" not in out
    assert "https://a.example/x?key=…" in out
