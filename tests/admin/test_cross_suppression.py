"""Cross tables: no hidden entry is the only hidden one of its row or column, totals included."""

from __future__ import annotations

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
def test_no_hidden_entry_is_alone_in_its_row_or_column(cells, minimum):
    mask = hidden_cross(cells, minimum)
    table = with_totals(cells)
    assert lone_hidden_lines(mask) == []
    # Every small count, totals included, is hidden; a zero never is.
    for values, hidden in zip(table, mask, strict=True):
        for value, gone in zip(values, hidden, strict=True):
            assert gone if is_small(value, minimum) else (gone is False or value > 0)
