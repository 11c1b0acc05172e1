"""Why a reading failed: one closed set of kinds, with what each means for retries and alerts.

Stored as a short tag (`timeout`, `http_503`): the enum's value, with the status appended for
HTTP answers. The tag is parsed back once, where storage reads it, never re-parsed downstream.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    TIMEOUT = "timeout"  # the source did not answer in time
    TOO_SLOW = "too_slow"  # an attempt as a whole overran its deadline
    UNREACHABLE = "unreachable"  # no connection, for a reason not named below
    NO_SUCH_HOST = "no_such_host"  # the host name does not resolve (DNS)
    CONNECTION_REFUSED = "connection_refused"  # the host said no on that port
    TLS = "tls"  # the secure connection could not be set up (certificate, handshake)
    DROPPED = "dropped"  # the connection was cut mid-answer
    NETWORK = "network"  # any other transport trouble
    EMPTY_BODY = "empty_body"
    TOO_LARGE = "too_large"
    NOT_JSON = "not_json"
    HTTP = "http"  # an HTTP error status; the status travels beside the reason
    RATE_LIMITED = "rate_limited"  # the source asked us to wait, and we are waiting
    COUNT_HIDDEN = "count_hidden"  # the owner hides the count: not zero, not an error of ours
    LAYOUT_CHANGED = "layout_changed"
    NO_MATCH = "no_match"  # a web extractor found nothing
    NOT_A_COUNT = "not_a_count"  # it found something that is not a number
    NOT_FOUND = "not_found"
    NOT_A_CHANNEL = "not_a_channel"
    BOT_API = "bot_api"
    BAD_OPTIONS = "bad_options"
    REFUSED_ADDRESS = "refused_address"  # only when the address really is private
    REFUSED_PORT = "refused_port"  # a port ALLOWED_SOURCE_PORTS does not name
    UNKNOWN_KIND = "unknown_kind"
    STORAGE = "storage"
    INTERNAL = "internal"  # our own code failed on what came back: a bug to report, not a number
    BAD_ENCODING = "bad_encoding"  # stacked or unknown content encodings (a decompression bomb)
    TOO_COMPLEX = "too_complex"  # the page nests too deep (or costs too much) to be read safely

    @property
    def layout_changed(self) -> bool:
        """The page came back but the number is not where it was: waiting will not bring it."""
        return self in _LAYOUT


_LAYOUT = frozenset({Reason.LAYOUT_CHANGED, Reason.NO_MATCH, Reason.NOT_A_COUNT})
_TRANSIENT = frozenset(
    {
        Reason.TIMEOUT,
        Reason.TOO_SLOW,
        Reason.UNREACHABLE,
        Reason.NO_SUCH_HOST,
        Reason.CONNECTION_REFUSED,
        Reason.DROPPED,
        Reason.NETWORK,
        Reason.EMPTY_BODY,
    }
)
_TRANSIENT_STATUSES = frozenset({408, 429})


def is_transient(reason: Reason, status: int | None = None) -> bool:
    """Whether another try a moment later may cure it (a timeout, a 5xx, a 429), where a
    changed layout or a hidden count will not."""
    if reason is Reason.HTTP:
        return status is not None and (status in _TRANSIENT_STATUSES or 500 <= status <= 599)
    return reason in _TRANSIENT


def reason_tag(reason: Reason, status: int | None = None) -> str:
    """The stored form: `http_503` for an HTTP status, the enum's value otherwise."""
    if reason is Reason.HTTP and status is not None:
        return f"http_{status}"
    return reason.value


def parse_reason_tag(tag: str) -> tuple[Reason, int | None]:
    """The inverse of `reason_tag`; a tag no longer known reads as INTERNAL."""
    if tag.startswith("http_") and tag[5:].isdigit():
        return Reason.HTTP, int(tag[5:])
    try:
        return Reason(tag), None
    except ValueError:
        return Reason.INTERNAL, None
