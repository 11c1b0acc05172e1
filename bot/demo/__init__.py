"""`python run_bot.py demo`: the real bot in a terminal chat, without a token.

The real Application (the same handlers, texts, charts, scheduler and SQLite, started by
`bot.app.run`) talks over loopback to a local Bot API (`bot_api/`, the one the tests use too)
with one private chat, whose other end is the terminal (`terminal.py`; the files the bot sends
are kept by `sent_files.py`). It samples the real Kakao channel when the internet is there, else
a simulated channel served on loopback with a realistic history (`channel.py`).
Nothing of the bot imports this package; the tests import its Bot API.
"""
