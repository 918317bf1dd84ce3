"""Cross tables: no hidden entry is the only hidden one of its row or column, totals included."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from academy.admin.suppression import hidden_cross, is_small, with_totals

T, F = True, False


def lone_hidden_lines(mask: list[list[bool]]) -> list[str]:
    """The rows and columns (of the table with its totals) holding exactly one hidden entry."""
    rows = [f"row {i}" for i, row in enumerate(mask) if sum(row) == 1]
    columns = zip(*mask, strict=True)
    columns = [f"column {j}" for j, column in enumerate(columns) if sum(column) == 1]
    return rows + columns


def _rank(rows: list[list[Fraction]]) -> int:
    rows, rank = [list(row) for row in rows], 0
    for column in range(len(rows[0]) if rows else 0):
        pivot = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column] / rows[rank][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        rank += 1
    return rank


def determined(mask: list[list[bool]]) -> list[tuple[int, int]]:
    """Hidden entries the shown numbers fix, by adding and subtracting rows and columns.

    Each line of the table with its totals says: its entries but the last sum to the
    last. Over the hidden entries, that is a linear system; an entry is fixed when its
    unit vector is in the span of the lines' rows (adding it leaves the rank unchanged).
    """
    unknowns = [(i, j) for i, row in enumerate(mask) for j, gone in enumerate(row) if gone]
    height, width = len(mask), len(mask[0])
    lines = [[(i, j) for j in range(width)] for i in range(height)]
    lines += [[(i, j) for i in range(height)] for j in range(width)]
    system = [
        [
            Fraction(-1 if spot == line[-1] else 1) if spot in line else Fraction(0)
            for spot in unknowns
        ]
        for line in lines
    ]
    rank = _rank(system)
    unit = [[Fraction(int(spot == other)) for other in unknowns] for spot in unknowns]
    return [spot for spot, row in zip(unknowns, unit, strict=True) if _rank([*system, row]) == rank]


def test_totals_are_added_as_a_last_column_and_a_last_row():
    assert with_totals([[6, 3, 8], [7, 9, 10]]) == [[6, 3, 8, 17], [7, 9, 10, 26], [13, 12, 18, 43]]


def test_a_lone_small_cell_hides_a_block_of_four():
    # The 3 alone would be 17 - 6 - 8 in its row and 12 - 9 in its column: its row's
    # smallest other (6) goes, then the 6's and the 3's columns need a second (7, 9).
    assert hidden_cross([[6, 3, 8], [7, 9, 10]], 5) == [
        [T, T, F, F],
        [T, T, F, F],
        [F, F, F, F],
    ]


def test_a_small_row_total_is_hidden_and_protected_by_another_total():
    # Row 0's total (2) is small; the column of row totals then hides 13 too (15 is shown).
    assert hidden_cross([[2, 0], [6, 7]], 5) == [
        [T, F, T],
        [T, F, T],
        [F, F, F],
    ]


def test_a_single_row_hides_its_column_totals_with_it_and_never_a_zero():
    # One row: each column total equals its cell, so it is hidden with it. The 4's
    # second is the 9, not the 0: a zero column total would show the 0 anyway.
    assert hidden_cross([[4, 0, 9]], 5) == [
        [T, F, T, F],
        [T, F, T, F],
    ]


def test_zeros_are_passed_over_for_the_next_smallest():
    # Row 0's 3 and its total 3 are small. The 3's column skips the 0 and hides the 6;
    # the column of row totals hides the 7 (not the 15); row 1 then hides its 7 cell,
    # row 2 its 9, never the zeros.
    assert hidden_cross([[3, 0], [0, 7], [6, 9]], 5) == [
        [T, F, T],
        [F, T, T],
        [T, T, F],
        [F, F, F],
    ]


def test_two_small_cells_in_a_line_and_in_their_columns_need_nothing_more():
    # Row totals 14 and 13, column totals 9, 14, 26: all shown.
    assert hidden_cross([[2, 3, 9], [1, 4, 8], [6, 7, 9]], 5) == [
        [T, T, F, F],
        [T, T, F, F],
        [F, F, F, F],
        [F, F, F, F],
    ]


def test_a_bridge_between_two_blocks_gets_a_cycle():
    # Every line holds two or three hidden cells, yet rows 0-1 minus columns 0-1 give the
    # 3 at (1, 2): (21 + 15 - 27) - (21 + 21 - 36) = 3. Hiding (0, 2), the smallest entry
    # joining the two blocks, puts it on a cycle.
    cells = [[1, 2, 9, 9], [2, 1, 3, 9], [9, 9, 1, 2], [9, 9, 2, 1]]
    lines_only = [[is_small(n, 5) for n in row] for row in with_totals(cells)]
    assert lone_hidden_lines(lines_only) == []
    assert determined(lines_only) == [(1, 2)]
    assert hidden_cross(cells, 5) == [
        [T, T, T, F, F],
        [T, T, T, F, F],
        [F, F, T, T, F],
        [F, F, T, T, F],
        [F, F, F, F, F],
    ]


def test_zero_stays_shown_and_nothing_small_hides_nothing():
    assert hidden_cross([[0, 5], [6, 0]], 5) == [[F, F, F], [F, F, F], [F, F, F]]


def test_an_empty_table_hides_nothing():
    assert hidden_cross([], 5) == [[F]]


def test_the_minimum_is_the_setting():
    assert hidden_cross([[6, 9], [10, 12]], 7) == [[T, T, F], [T, T, F], [F, F, F]]


tables = st.integers(1, 6).flatmap(
    lambda width: st.lists(
        st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=6
    )
)


@settings(max_examples=400, deadline=None)
@given(tables, st.integers(2, 8))
def test_no_hidden_entry_is_alone_in_its_row_or_column_or_otherwise_found(cells, minimum):
    mask = hidden_cross(cells, minimum)
    table = with_totals(cells)
    assert lone_hidden_lines(mask) == []
    assert determined(mask) == []
    # Every small count, totals included, is hidden; a zero never is.
    for values, hidden in zip(table, mask, strict=True):
        for value, gone in zip(values, hidden, strict=True):
            assert gone if is_small(value, minimum) else (gone is False or value > 0)
