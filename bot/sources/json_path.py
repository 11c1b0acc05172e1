"""A small JSON path: `$.a.b[0].c`, `$["key with spaces"][2]` — one value, no wildcards.

Only what picks out a single number is supported; anything richer (filters, `..`, `*`) is refused
when the source is added, so a path either names one value or is rejected up front.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.phrase import Phrase

_NAME = re.compile(r"\.([A-Za-z_$][\w$-]*)")
_INDEX = re.compile(r"\[(-?\d{1,9})\]")
_QUOTED = re.compile(r"""\[\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\]""")

Step = str | int


class JsonPathError(ValueError):
    """The path is not one this parser accepts: the message says where, in English (logs,
    /status); `phrase` says it in the admin's language (`extractor.json.*` in the catalogue)."""

    def __init__(self, english: str, phrase: Phrase) -> None:
        super().__init__(english)
        self.phrase = phrase


@dataclass(frozen=True, slots=True)
class JsonPath:
    text: str
    steps: tuple[Step, ...]

    def find(self, doc: Any) -> tuple[bool, Any]:
        """(True, value) when every step exists, else (False, the path up to the missing step)."""
        current = doc
        walked = "$"
        for step in self.steps:
            if isinstance(step, int):
                if not isinstance(current, list) or not -len(current) <= step < len(current):
                    return False, f"{walked}[{step}]"
                current = current[step]
                walked += f"[{step}]"
            else:
                if not isinstance(current, dict) or step not in current:
                    return False, f"{walked}.{step}"
                current = current[step]
                walked += f".{step}"
        return True, current


def parse_json_path(text: str) -> JsonPath:
    """Parse `$.a.b[0].c`; raise JsonPathError on anything else."""
    path = text.strip()
    if not path.startswith("$"):
        raise JsonPathError(
            f"a JSON path starts with $, e.g. $.data.count (got {path!r})",
            Phrase("extractor.json.dollar", {"given": repr(path)}),
        )
    steps: list[Step] = []
    i = 1
    while i < len(path):
        if m := _NAME.match(path, i):
            steps.append(m.group(1))
        elif m := _INDEX.match(path, i):
            steps.append(int(m.group(1)))
        elif m := _QUOTED.match(path, i):
            raw = m.group(1) if m.group(1) is not None else m.group(2)
            steps.append(re.sub(r"\\(.)", r"\1", raw))
        else:
            at = repr(path[i:][:20])
            raise JsonPathError(
                f'cannot read the JSON path at {at}: use .name, [0] or ["name"]',
                Phrase("extractor.json.step", {"at": at}),
            )
        i = m.end()
    if not steps:
        raise JsonPathError(
            "the JSON path $ alone names the whole document, not a number",
            Phrase("extractor.json.whole"),
        )
    return JsonPath(path, tuple(steps))
