"""The benchmark table: one row per figure, the baseline beside it, the target and a verdict."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Row:
    bench: str  # "1 /now", "2 /chart all", ...
    size: str  # "10k", "1M", "year", "10,000 chats", ...
    figure: str  # what we measured, e.g. "p50 0.61 ms · p99 0.92 ms"
    baseline: str = ""  # the seed's way, measured in the same run
    target: str = ""
    ok: bool | None = None  # None: no target for this row


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        verdict = "" if row.ok is None else (" [ok]" if row.ok else " [MISSED]")
        print(f"  {row.bench} @ {row.size}: {row.figure}{verdict}", file=sys.stderr, flush=True)

    def note(self, text: str) -> None:
        self.notes.append(text)

    def render(self) -> str:
        head = ("bench", "size", "figure", "baseline (same run)", "target", "ok")
        body = [
            (
                r.bench,
                r.size,
                r.figure,
                r.baseline or "-",
                r.target or "-",
                "" if r.ok is None else ("yes" if r.ok else "NO"),
            )
            for r in self.rows
        ]
        widths = [max(len(str(x[i])) for x in [head, *body]) for i in range(len(head))]

        def line(cells: tuple[str, ...]) -> str:
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        out = [line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        out += [line(b) for b in body]
        if self.notes:
            out.append("")
            out += [f"- {n}" for n in self.notes]
        return "\n".join(out)


def ms(seconds: float) -> str:
    value = seconds * 1000
    return (
        f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"
    )


def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return f"{n:,}"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]
