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
