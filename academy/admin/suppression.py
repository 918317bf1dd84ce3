"""Which report cells are hidden so that no report identifies a person.

A count from 1 to REPORT_MIN_GROUP - 1 is hidden ("fewer than 5"). Totals
stay exact, so a column where exactly one cell is hidden would give it away
(total minus the others): there a second cell, the smallest other one, is
hidden too (complementary suppression; docs/decisions.md says why). A rate
or average is hidden whenever a count it is made of is hidden. Zero is
shown: a group absent from the data is not a person. A cross table (two
attributes) shows row and column totals, so there no row or column may hold
a single hidden entry, nor may rows and columns added together give one
away (hidden_cross).
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
    before the line's own total (totals are what donors read). Once no line
    has a lone hidden entry, one hidden entry can still be found by adding
    and subtracting lines (a bridge, see _close_bridges); one more entry is
    hidden for it, and the lines are checked again. Zero stays shown, never
    a complement: counts are not negative, so a hidden zero beside a line
    total of zero, or a shown sum that leaves nothing, hides nothing (a line
    with a lone hidden entry always has a non-zero other: its total at
    least). Hiding only ever adds, so this stops. A hidden total is a cell
    like any other: the grand total and the other totals would give it away.
    """
    table = with_totals(cells)
    hidden = [[is_small(value, minimum) for value in row] for row in table]
    while _second_in_lines(table, hidden) or _close_bridges(table, hidden):
        pass
    return hidden


def _smallest(table, spots) -> tuple[int, int]:
    return min(spots, key=lambda spot: (table[spot[0]][spot[1]], spot))


def _second_in_lines(table, hidden) -> bool:
    """Hide a second entry in each line with exactly one; whether anything changed."""
    changed = False
    for line in _lines(len(table), len(table[0])):
        marked = [spot for spot in line if hidden[spot[0]][spot[1]]]
        if len(marked) != 1:
            continue
        others = [spot for spot in line if spot not in marked and table[spot[0]][spot[1]]]
        # A count before the line's total, when there is one; never a zero.
        others = [spot for spot in others if spot != line[-1]] or others
        i, j = _smallest(table, others)
        hidden[i][j] = True
        changed = True
    return changed


def _links(edges: set) -> dict:
    """Each row ("r", i) and column ("c", j) with its hidden entries (i, j) and their other end."""
    links: dict = {}
    for i, j in edges:
        links.setdefault(("r", i), []).append(((i, j), ("c", j)))
        links.setdefault(("c", j), []).append(((i, j), ("r", i)))
    return links


def _reached(links: dict, start: tuple, without: tuple[int, int]) -> set:
    """The rows and columns joined to start through hidden entries, without one of them."""
    seen, todo = {start}, [start]
    while todo:
        for edge, node in links[todo.pop()]:
            if edge != without and node not in seen:
                seen.add(node)
                todo.append(node)
    return seen


def _bridges(links: dict) -> list[tuple[int, int]]:
    """The hidden entries on no cycle (Tarjan's low links, without recursion)."""
    order: dict = {}
    low: dict = {}
    found = []
    for root in sorted(links):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack = [(root, None, iter(links[root]))]
        while stack:
            node, through, pending = stack[-1]
            step = next(pending, None)
            if step is None:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(through)
                continue
            edge, other = step
            if edge == through:
                continue
            if other in order:
                low[node] = min(low[node], order[other])
            else:
                order[other] = low[other] = len(order)
                stack.append((other, edge, iter(links[other])))
    return sorted(found)


def _close_bridges(table, hidden) -> bool:
    """Hide one more entry for each hidden entry that is a bridge; whether any was.

    Think of the hidden entries as edges between their row and their column.
    Each line's total is known, so adding the lines on one side of an edge
    that is the only link between two groups of lines (a bridge) and taking
    away the other side's gives that entry. An entry joining the two sides
    (a row of one, a column of the other) puts it on a cycle: the smallest
    such entry is hidden, non-zero ones first. Hiding never makes a bridge,
    so one pass closes them all (one may close another: each is checked).
    """
    edges = {(i, j) for i, row in enumerate(hidden) for j, gone in enumerate(row) if gone}
    links = _links(edges)
    changed = False
    for i, j in _bridges(links):
        side = _reached(links, ("r", i), (i, j))
        if ("c", j) in side:  # closed by an entry hidden for an earlier one
            continue
        other = _reached(links, ("c", j), (i, j))
        joins = [
            (r, c)
            for r in range(len(table))
            for c in range(len(table[0]))
            if not hidden[r][c]
            and {("r", r), ("c", c)} <= side | other
            and (("r", r) in side) != (("c", c) in side)
        ]
        shown = [spot for spot in joins if table[spot[0]][spot[1]]] or joins
        r, c = _smallest(table, shown)
        hidden[r][c] = True
        for node, edge, far in ((("r", r), (r, c), ("c", c)), (("c", c), (r, c), ("r", r))):
            links.setdefault(node, []).append((edge, far))
        changed = True
    return changed
