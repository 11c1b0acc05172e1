"""A local Telegram Bot API, spoken over real HTTP on 127.0.0.1: the demo's and the tests'.

Why: mocking ``telegram.Bot`` hides exactly the bugs that bite in production - wrong
parameter encoding, messages PTB cannot de-json, long-polling/offset mistakes, and how
Telegram's error answers (403 blocked, 400 chat not found, 429 retry after, migrated
groups) surface as PTB exceptions. This server implements the wire protocol, so the
unmodified python-telegram-bot stack (``HTTPXRequest`` -> ``Bot`` -> ``Updater`` ->
``Application``) runs against it exactly as it would against api.telegram.org::

    with FakeTelegramAPI(token) as api:
        app = (
            ApplicationBuilder()
            .token(token)
            .base_url(f"{api.root_url}/bot")
            .base_file_url(f"{api.root_url}/file/bot")
            .build()
        )

`run_bot.py demo` runs the bot against it with a terminal as the one chat (bot/demo/terminal.py);
the tests drive it like users and fault it like a network (tests/). It ships with the bot, so
the bot never imports it (import-linter) and it never imports the bot. Only the standard library
is used, so it cannot share a bug with the client stack.

By area: `server` (HTTP), `wire` (parameters as PTB encodes them), `markup` (parse_mode),
`state` (what it holds, shared rules), `updates`, `messages`, `files`, `queries` (buttons and
inline mode), `chats` (members, getMe, command menu), `faults`, `observing`, `api` (all of it).
"""

from bot.demo.bot_api.api import FakeTelegramAPI
from bot.demo.bot_api.state import SentMessage
from bot.demo.bot_api.wire import UploadedFile, decode_value

__all__ = ["FakeTelegramAPI", "SentMessage", "UploadedFile", "decode_value"]
