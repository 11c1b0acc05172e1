"""Any web page: one extractor picks the count out — a CSS selector, a JSON path, or a regex.

The extractor is checked when the source is added (it must compile, and the first sample must
yield a number) and is stored in the source's options as JSON, read once into
`source.opts.extractor` (bot/core/source_options.py). Whether a stored extractor still compiles
is checked once per extractor and process (`checked_extractor`), not on every sample.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, Final

import httpx
import re2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from bot.core.model import Failure, Reading
from bot.core.numbers import MAX_COUNT, CountParseError, parse_count
from bot.core.phrase import Phrase
from bot.core.reasons import Reason
from bot.core.source_options import (
    Extractor,
    ExtractorKind,
    SourceOptions,
    extractor_json,
    parse_source_options,
)
from bot.sources.http import Body, excerpt, get_text
from bot.sources.json_path import JsonPathError, parse_json_path
from bot.sources.nesting import too_deep
from bot.sources.parse import Parse, parse_inline

_PREFIXES: Final[dict[str, ExtractorKind]] = {
    "css:": "css",
    "json:": "json",
    "regex:": "regex",
    "re:": "regex",
}
MAX_EXPRESSION_CHARS: Final = 300
_ACCEPT: Final = "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8"


# Admin patterns run on RE2: linear in the page's length whatever the pattern, where Python's
# `re` backtracks (`(a+)+$` on 25 `a`s and a `b`: seconds, doubling with each `a`).
_RE2_OPTIONS: Final = re2.Options()
_RE2_OPTIONS.log_errors = False
_RE2_OPTIONS.max_mem = 8 << 20


def compile_pattern(pattern: str) -> Any:
    """The admin's pattern for RE2; raises re2.error (a message in bytes) when RE2 cannot run it."""
    return re2.compile(pattern, _RE2_OPTIONS)


class ExtractorError(ValueError):
    """An extractor that cannot work: the message says what would, in English (logs, a stored
    extractor's failure in /status); `phrase` says it in the admin's language (`extractor.*`
    in the catalogue, the same English words)."""

    def __init__(self, english: str, phrase: Phrase) -> None:
        super().__init__(english)
        self.phrase = phrase


def looks_like_extractor(word: str) -> bool:
    return word.startswith("$") or any(word.lower().startswith(p) for p in _PREFIXES)


def parse_extractor(word: str) -> Extractor:
    """`css:<selector>`, `json:<$.path>` (or a bare `$.path`), `regex:<pattern with one group>`."""
    if word.startswith("$"):
        kind: ExtractorKind = "json"
        expression = word
    else:
        prefix = next((p for p in _PREFIXES if word.lower().startswith(p)), None)
        if prefix is None:
            raise ExtractorError(
                "say how to find the number: css:<selector>, json:$.path or regex:<pattern>",
                Phrase("extractor.how"),
            )
        kind, expression = _PREFIXES[prefix], word[len(prefix) :]
    extractor = Extractor(kind, expression.strip())
    check_extractor(extractor)
    return extractor


def check_extractor(extractor: Extractor) -> None:
    """Raise ExtractorError unless the expression compiles for its kind."""
    expression = extractor.expression
    if not expression:
        raise ExtractorError(
            f"the {extractor.kind} extractor is empty",
            Phrase("extractor.empty", {"kind": extractor.kind}),
        )
    if len(expression) > MAX_EXPRESSION_CHARS:
        raise ExtractorError(
            f"the extractor is longer than {MAX_EXPRESSION_CHARS} characters",
            Phrase("extractor.too_long", {"most": MAX_EXPRESSION_CHARS}),
        )
    if extractor.kind == "css":
        try:
            LexborHTMLParser("<p></p>").css_first(expression)
        except SelectolaxError:
            raise ExtractorError(
                f"{expression!r} is not a CSS selector",
                Phrase("extractor.not_css", {"expression": repr(expression)}),
            ) from None
    elif extractor.kind == "json":
        try:
            parse_json_path(expression)
        except JsonPathError as exc:
            raise ExtractorError(str(exc), exc.phrase) from None
    else:
        try:
            groups = compile_pattern(expression).groups
        except re2.error as exc:
            why = exc.args[0].decode(errors="replace") if exc.args else "unknown"  # RE2's words
            raise ExtractorError(
                f"{expression!r} is not a regular expression I can run ({why}); patterns run on "
                "RE2, which has no lookarounds or backreferences",
                Phrase("extractor.re2", {"pattern": repr(expression), "why": why}),
            ) from None
        if groups != 1:
            raise ExtractorError(
                f"the regular expression needs exactly one group around the number, has {groups}",
                Phrase("extractor.groups", {"groups": groups}),
            )


def extractor_options(extractor: Extractor) -> str:
    return json.dumps(extractor_json(extractor))


def checked_extractor(options: SourceOptions) -> Extractor | Failure:
    """The source's extractor if it can run, else the failure every sample of it records."""
    if options.extractor is None:
        return Failure(Reason.BAD_OPTIONS, options.extractor_problem or "no extractor")
    problem = _extractor_problem(options.extractor)
    return options.extractor if problem is None else Failure(Reason.BAD_OPTIONS, problem)


@lru_cache(maxsize=1024)
def _extractor_problem(extractor: Extractor) -> str | None:
    """`check_extractor` once per extractor: a stored one was checked by /track already, and
    only a hand-edited database or a new RE2 could make it fail now."""
    try:
        check_extractor(extractor)
    except ExtractorError as exc:
        return str(exc)
    return None


def extractor_from_options(options: str) -> Extractor | Failure:
    """The checked extractor of an options JSON (tools and tests; sources have `opts`)."""
    return checked_extractor(parse_source_options(options))


def extract_count(text: str, extractor: Extractor) -> Reading | Failure:
    """Apply the extractor to a page's text: the count, or why there is none."""
    if extractor.kind == "css":
        return _by_css(text, extractor.expression)
    if extractor.kind == "json":
        return _by_json_path(text, extractor.expression)
    return _by_regex(text, extractor.expression)


async def read_page(
    client: httpx.AsyncClient, url: str, extractor: Extractor, *, parse: Parse = parse_inline
) -> Reading | Failure:
    body = await get_text(client, url, headers={"Accept": _ACCEPT})
    if not isinstance(body, Body):
        return body
    return await parse(extract_count, body.text, extractor)


def _count(found: str, where: str) -> Reading | Failure:
    try:
        parsed = parse_count(found)
    except CountParseError as exc:
        return Failure(Reason.NOT_A_COUNT, f"{where} holds {excerpt(found, 80)!r}: {exc.reason}")
    return Reading(value=parsed.value, approximate=parsed.approximate)


def _by_css(html: str, selector: str) -> Reading | Failure:
    if (why := too_deep(html)) is not None:
        return Failure(Reason.TOO_COMPLEX, why)
    node = LexborHTMLParser(html).css_first(selector)
    if node is None:
        return Failure(
            Reason.NO_MATCH, f"nothing on the page matches {selector!r}: {excerpt(html)}"
        )
    found = node.text(deep=True, separator=" ", strip=True)
    if not found:
        # <meta content="123">, <input value="123">, <span data-count="123"></span>
        attrs = node.attributes
        found = next(
            (v for k in ("content", "value", "data-count") if (v := attrs.get(k))),
            "",
        )
    return _count(found, selector)


def _by_json_path(text: str, expression: str) -> Reading | Failure:
    try:
        doc: Any = json.loads(text)
    except ValueError:
        return Failure(Reason.NOT_JSON, f"expected JSON, got: {excerpt(text)}")
    except RecursionError:
        return Failure(Reason.TOO_COMPLEX, "the JSON nests too deep to be read")
    path = parse_json_path(expression)
    found, value = path.find(doc)
    if not found:
        return Failure(Reason.NO_MATCH, f"the JSON has no {value}")
    if isinstance(value, bool):
        return Failure(Reason.NOT_A_COUNT, f"{expression} is {json.dumps(value)}, not a count")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            return Failure(Reason.NOT_A_COUNT, f"{expression} is {value}, not a whole count")
        if not 0 <= value <= MAX_COUNT:
            return Failure(Reason.NOT_A_COUNT, f"{expression} is {value:g}, not a believable count")
        return Reading(value=int(value))
    if isinstance(value, str):
        return _count(value, expression)
    return Failure(Reason.NOT_A_COUNT, f"{expression} is {excerpt(json.dumps(value), 80)}")


def _by_regex(text: str, pattern: str) -> Reading | Failure:
    match = compile_pattern(pattern).search(text)
    if match is None or match.group(1) is None:
        return Failure(Reason.NO_MATCH, f"{pattern!r} does not match the page: {excerpt(text)}")
    return _count(match.group(1), f"the match of {pattern!r}")
