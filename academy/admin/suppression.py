"""Which report cells are hidden so that no report identifies a person.

A count from 1 to REPORT_MIN_GROUP - 1 is hidden ("fewer than 5"). Totals
stay exact, so a column where exactly one cell is hidden would give it away
(total minus the others): there a second cell, the smallest other one, is
hidden too (complementary suppression; docs/decisions.md says why). A rate
or average is hidden whenever a count it is made of is hidden. Zero is
shown: a group absent from the data is not a person. A cross table (two
attributes) shows row and column totals, so there no row or column may hold
a single hidden entry (hidden_cross).
"""

from __future__ import annotations

from collections.abc import Sequence


def is_small(value: int | None, minimum: int) -> bool:
    return value is not None and 0 < value < minimum


def hidden_cells(values: Sequence[int], minimum: int) -> list[bool]:
    """Which of a column's counts to hide, given that the column's total is shown."""
    hidden = [is_small(value, minimum) for value in values]
    if hidden.count(True) == 1 and len(values) > 1:
        others = [(value, index) for index, value in enumerate(values) if not hidden[index]]
        hidden[min(others)[1]] = True
    return hidden


def hidden_rows(counts: Sequence[int], minimum: int) -> list[bool]:
    """Rows without a total (quizzes, questions): a row is hidden when its group is small."""
    return [is_small(count, minimum) for count in counts]


def _lines(height: int, width: int) -> list[list[tuple[int, int]]]:
    """Every row and column of a table with its margins; each line's last entry is its total."""
    rows = [[(i, j) for j in range(width)] for i in range(height)]
    columns = [[(i, j) for i in range(height)] for j in range(width)]
    return rows + columns


def with_totals(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """cells with a total at the end of each row and a total row (and grand total) below."""
    rows = [[*row, sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    return [*rows, [sum(row[j] for row in rows) for j in range(width)]]


def hidden_cross(cells: Sequence[Sequence[int]], minimum: int) -> list[list[bool]]:
    """Which entries of a cross table to hide, its row and column totals included.

    Returns a mask over with_totals(cells). Small counts are hidden; then,
    as long as some row or column (the total row and column included) has
    exactly one hidden entry, that entry would be its total minus the shown
    others, so the smallest other entry of that line is hidden too, a count
    before the line's own total (totals are what donors read). Zero stays
    shown, never a complement: counts are not negative, so a hidden zero
    beside a line total of zero, or a shown sum that leaves nothing, hides
    nothing. A line with a lone hidden entry always has a non-zero other
    (its total at least). Hiding only ever adds, so this stops. A hidden
    total is a cell like any other: the grand total and the other totals
    would give it away alone.
    """
    table = with_totals(cells)
    height, width = len(table), len(table[0])
    hidden = [[is_small(value, minimum) for value in row] for row in table]
    changed = True
    while changed:
        changed = False
        for line in _lines(height, width):
            marked = [spot for spot in line if hidden[spot[0]][spot[1]]]
            if len(marked) != 1:
                continue
            others = [spot for spot in line if spot not in marked and table[spot[0]][spot[1]]]
            # A count before the line's total, when there is one; never a zero.
            others = [spot for spot in others if spot != line[-1]] or others
            i, j = min(others, key=lambda spot: (table[spot[0]][spot[1]], spot))
            hidden[i][j] = True
            changed = True
    return hidden
