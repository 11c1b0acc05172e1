"""The demo (run_bot.py demo): its own lines around the bot's replies, in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "demo.looking": "Looking for {url} ...",
    "demo.real": "Sampling the REAL KakaoTalk channel {channel} ({name}: {count} friends now) every {seconds} s; its history starts now.",
    "demo.simulated": "No internet for the real channel ({why}): sampling a SIMULATED channel ({name}) served on {url}, with 30 days of made-up history.",
    "demo.simulated.asked": "Sampling a SIMULATED channel ({name}) served on {url}, as --simulated asks, with 30 days of made-up history.",
    "demo.no_button": "No button {number} under the latest message with buttons.",
    "demo.data": "Data in {folder} ({count} samples to start with); replies in English. Starting the bot ...",
    "demo.page": "The status page (the same figures, in a browser): {url}",
    "demo.prompt": "Type a command, e.g. /now, /chart 7d, /days, /help; a button's number presses it; /quit (or Ctrl-D) leaves.",
    "demo.no_reply": "(no reply)",
    "demo.saved.chart": "[chart saved to {path}]",
    "demo.saved.file": "[file saved to {path}]",
    "demo.bye": "Bye. The database and the charts stay in {folder}",
}
