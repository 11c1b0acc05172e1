"""The web edge: the status page, the JSON API, /metrics and /healthz, in the bot's own loop."""
