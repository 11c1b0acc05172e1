from __future__ import annotations

import logging

import pytest

from bot.redaction import install_redaction

TOKEN = "555000111:SECRET-part_abcdefghijklmnop"


def test_token_is_redacted_from_messages_args_and_tracebacks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    install_redaction(TOKEN)
    log = logging.getLogger("some.library")
    with caplog.at_level(logging.DEBUG):
        log.info("GET https://api.example/bot%s/getMe", TOKEN)
        log.debug("half: %s", TOKEN.partition(":")[2])
        try:
            raise RuntimeError(f"failed: https://api.example/bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("request failed")
    assert "SECRET-part" not in caplog.text
    assert "<redacted>" in caplog.text
    assert "GET https://api.example/bot<redacted>/getMe" in caplog.text


def test_query_values_of_any_url_are_hidden_in_logs(caplog: pytest.LogCaptureFixture) -> None:
    install_redaction(TOKEN)
    log = logging.getLogger("some.library.urls")  # not httpx: the bot quiets that one
    with caplog.at_level(logging.INFO):
        log.info('HTTP Request: GET %s "HTTP/1.1 200 OK"', "https://api.example.com/c?key=s3cr3t")
        log.info("tracked web:https://u:pw@example.com/count?token=abc#frag")
    assert "s3cr3t" not in caplog.text and "abc" not in caplog.text and "pw@" not in caplog.text
    assert 'GET https://api.example.com/c?key=… "HTTP/1.1 200 OK"' in caplog.text
    assert "https://u:…@example.com/count?token=…#…" in caplog.text
