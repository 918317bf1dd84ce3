"""One table for every benchmark of `make bench`: figure, baseline, ratio, target, held or missed.

Each benchmark records its figures here as it measures them; the conftest
prints the table at the end of the run and makes the run fail when a target
was missed, so a missed target never hides in the scroll-back.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    figure: str
    baseline: str
    ratio: str
    target: str
    held: bool


FIGURES: list[Figure] = []


def record(
    name: str,
    figure: str,
    *,
    target: str,
    held: bool,
    baseline: str = "",
    ratio: float | None = None,
) -> bool:
    """Add a row; return whether its target held."""
    shown = "" if ratio is None else (f"{ratio:.2f}" if ratio < 100 else f"{ratio:.0f}")
    FIGURES.append(Figure(name, figure, baseline, shown, target, held))
    return held


def at_least(name: str, figure: str, baseline: str, ratio: float, target: float) -> bool:
    """A ratio to a baseline that must reach target (pages against a constant route)."""
    return record(
        name, figure, baseline=baseline, ratio=ratio, target=f">= {target:.2f}x",
        held=ratio >= target,
    )  # fmt: skip


def at_most(name: str, figure: str, baseline: str, ratio: float, target: float) -> bool:
    """A ratio to a baseline that must stay under target (work against the bare operation)."""
    return record(
        name, figure, baseline=baseline, ratio=ratio, target=f"<= {target:g}x",
        held=ratio <= target,
    )  # fmt: skip


def within_ms(name: str, ms: float, limit_ms: float, baseline: str = "", ratio=None) -> bool:
    """A time that must stay under limit_ms."""
    return record(
        name, f"{ms:.1f} ms", baseline=baseline, ratio=ratio, target=f"<= {limit_ms:g} ms",
        held=ms <= limit_ms,
    )  # fmt: skip


def render() -> list[str]:
    headers = ("benchmark", "figure", "baseline", "ratio", "target", "")
    rows = [
        (f.name, f.figure, f.baseline, f.ratio, f.target, "held" if f.held else "MISSED")
        for f in FIGURES
    ]
    widths = [max(len(str(row[i])) for row in (headers, *rows)) for i in range(len(headers))]
    lines = []
    for row in (headers, tuple("-" * w for w in widths), *rows):
        cells = [str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append("  ".join(cells).rstrip())
    return lines


def missed() -> list[Figure]:
    return [figure for figure in FIGURES if not figure.held]
