"""/subscribe, /unsubscribe and /subscriptions: where the daily summary goes, groups and channels,
in English."""

from __future__ import annotations

from typing import Final

from bot.presentation.catalogue import Template

TEXTS: Final[dict[str, Template]] = {
    "subscribe.usage": "Usage: /subscribe [label] [HH:MM], e.g. /subscribe 08:30",
    "subscribe.done": "Subscribed: a summary of {name} arrives here every day at {summary_time} ({timezone}).",
    "subscribe.already": "Already subscribed: the summary of {name} arrives every day at {summary_time} ({timezone}).",
    "subscribe.moved": "Moved to {summary_time} ({timezone}): the summary of {name} now arrives every day at {summary_time} instead of {before}.",
    "unsubscribe.done": "Unsubscribed: no more daily summaries here.",
    "unsubscribe.none": "This chat was not subscribed. /subscribe starts the daily summary.",
    "unsubscribe.one.done": "Unsubscribed from {name}: its summary no longer comes here.",
    "unsubscribe.one.none": "This chat was not subscribed to {name}.",
    # Groups and channels (issue 19): who may change a group's things, channels, /subscriptions
    "group.admins_only": "In this group only its admins (or the bot's admins) can change that. Anyone can read: /now, /chart, /alerts, /settings.",
    "group.changed_by": "Changed by {who}.",
    "group.summary_moved": "Summary moved to {summary_time} by {who}.",
    "group.by_anonymous": "an anonymous admin",
    "group.by_channel": "the channel's admins",
    "channel.bot_admins_only": "Only the bot's admins can have the summary posted to a channel.",
    "channel.not_found": "I can't find {channel}: check the name, and add me to the channel as an admin first.",
    "channel.not_channel": "{channel} is not a channel. For a group, send /subscribe in the group itself.",
    "channel.not_admin": 'I can\'t post in {channel}: make me an administrator there with "Post messages", then try again.',
    "channel.subscribed": "{channel} is subscribed: a summary of {name} is posted there every day at {summary_time} ({timezone}).",
    "channel.unsubscribed": "{channel} is unsubscribed: no more daily summaries there.",
    "channel.not_subscribed": "{channel} was not subscribed.",
    "subscriptions.title": "Where I post the daily summary:",
    "subscriptions.item": "• {chat}: {names} at {summary_time} ({timezone})",
    "subscriptions.none": "No daily summary is posted here. /subscribe starts one.",
    "subscriptions.none_anywhere": "I post no daily summary anywhere yet.",
}
