"""The per-module table of docs/MUTATION.md, from mutmut's results and the doc's own list of
equivalent mutants (a line "- `<mutant name>`: why" under "## Equivalent survivors").

    .venv/bin/mutmut results --all true | python scripts/mutation_table.py docs/MUTATION.md
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

_RESULT = re.compile(r"^\s*(?P<name>\S+__mutmut_\d+): (?P<status>.+)$")
_EQUIVALENT = re.compile(r"^- `(?P<name>[^`]+__mutmut_\d+)`")


def module_of(name: str) -> str:
    """`bot.core.numbers.x__number__mutmut_6` -> `bot.core.numbers`."""
    return re.split(r"\.x[_ǁ]", name, maxsplit=1)[0]


def main() -> None:
    equivalent: set[str] = set()
    section = ""
    for line in Path(sys.argv[1]).read_text().splitlines():
        if line.startswith("## "):
            section = line
        elif section == "## Equivalent survivors" and (m := _EQUIVALENT.match(line)):
            equivalent.add(m["name"])
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    seen: set[str] = set()
    for line in sys.stdin:
        if not (m := _RESULT.match(line)):
            continue
        name, status = m["name"], m["status"].strip()
        seen.add(name)
        if status == "survived" and name in equivalent:
            status = "equivalent"
        counts[module_of(name)][status] += 1
    stale = sorted(equivalent - seen)
    total: Counter[str] = Counter()
    print("| module | mutants | killed | timeout | survived, equivalent | survived, other |")
    print("|---|---:|---:|---:|---:|---:|")
    for module in sorted(counts):
        c = counts[module]
        total.update(c)
        row = [sum(c.values()), c["killed"], c["timeout"], c["equivalent"], c["survived"]]
        print(f"| {module} | " + " | ".join(str(v) for v in row) + " |")
    all_ = sum(total.values())
    row = [all_, total["killed"], total["timeout"], total["equivalent"], total["survived"]]
    print("| **all** | " + " | ".join(f"**{v}**" for v in row) + " |")
    other = {
        k: v for k, v in total.items() if k not in {"killed", "timeout", "equivalent", "survived"}
    }
    caught = total["killed"] + total["timeout"]
    print()
    print(f"score: {caught}/{all_} = {100 * caught / all_:.1f} % (killed + timeout over all)")
    print(
        f"without equivalents: {caught}/{all_ - total['equivalent']} = "
        f"{100 * caught / (all_ - total['equivalent']):.1f} %"
    )
    if other:
        print(f"other statuses: {dict(other)}")
    if stale:
        print(f"listed as equivalent but not a mutant now: {stale}")


if __name__ == "__main__":
    main()
