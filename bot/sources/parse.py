"""The seam pages are parsed through: `Parse` runs a pure parse function of a kind somewhere
safe. The bot's is a `ParsePool` (bot/sources/parsing.py: worker processes within bounds);
`parse_inline` runs it in the caller, for tests and tools that parse trusted text."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from bot.core.model import Failure, Reading
from bot.core.reasons import Reason

log = logging.getLogger(__name__)

ParseFunction = Callable[..., Reading | Failure]


class Parse(Protocol):
    """Runs `fn(*args)` (a pure parse function of bot/sources) somewhere safe."""

    async def __call__(self, fn: ParseFunction, /, *args: Any) -> Reading | Failure: ...


async def parse_inline(fn: ParseFunction, /, *args: Any) -> Reading | Failure:
    outcome, trace = outcome_of(fn, args)
    if trace is not None:
        log.error("parsing with %s raised:\n%s", fn.__name__, trace)
    return outcome


def outcome_of(fn: ParseFunction, args: tuple[Any, ...]) -> tuple[Reading | Failure, str | None]:
    """What a parse comes to: the function's answer, or the failure its exception means (with
    the traceback of a bug, for the bot's log)."""
    try:
        return fn(*args), None
    except RecursionError:
        return Failure(Reason.TOO_COMPLEX, "the page nests too deep to be read"), None
    except MemoryError:
        return Failure(Reason.TOO_COMPLEX, "the page needs too much memory to be read"), None
    except Exception as exc:
        failure = Failure(Reason.INTERNAL, f"{type(exc).__name__}: {str(exc)[:120]}")
        return failure, traceback.format_exc()
