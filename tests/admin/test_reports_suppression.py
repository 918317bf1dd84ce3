"""Small groups are hidden, and a second cell when one alone would be given away by the total."""

from __future__ import annotations

from academy.admin.suppression import hidden_cells, hidden_rows, is_small


def test_counts_below_the_minimum_are_small_zero_is_not():
    assert [is_small(n, 5) for n in (0, 1, 4, 5, None)] == [False, True, True, False, False]


def test_two_hidden_cells_need_no_more():
    assert hidden_cells([5, 2, 6, 2], 5) == [False, True, False, True]


def test_one_hidden_cell_hides_the_smallest_other_too():
    # Total 21 shown: 21 - 6 - 11 would otherwise give the 4.
    assert hidden_cells([6, 4, 11], 5) == [True, True, False]


def test_the_smallest_other_may_be_a_zero():
    assert hidden_cells([0, 3, 9], 5) == [True, True, False]


def test_a_single_row_is_hidden_only_when_small():
    assert hidden_cells([4], 5) == [True]
    assert hidden_cells([5], 5) == [False]


def test_the_minimum_is_a_setting():
    assert hidden_cells([5, 9, 12], 10) == [True, True, False]


def test_rows_without_total_are_hidden_alone():
    assert hidden_rows([3, 6, 1], 5) == [True, False, True]
