"""Rows kept in Python, filtered and sorted for a table: a search keystroke re-tests only the text.

Shared by the problem ledger and the project cards. The rows passing every condition but the search
text are kept (`base`); when only the text changes, only the text is tested — on the rows shown when
the text grew (typing narrows), else on `base`. No Qt here: the models wrap each change in a reset.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, Protocol, Self, TypeVar

R = TypeVar("R")


class RowFilter(Protocol):
    """A frozen dataclass filter with a `search` text (LedgerFilter, ProjectFilter)."""

    @property
    def search(self) -> str:
        """The search text."""
        ...

    def accepts(self, row: Any) -> bool:
        """Every condition, the text included."""
        ...

    def text_test(self) -> Callable[[tuple[str, ...]], bool]:
        """The text condition alone."""
        ...

    def without_text(self) -> Self:
        """The same filter with no search text."""
        ...

    def is_empty(self) -> bool:
        """True when it lets everything through."""
        ...


class FilteredRows(Generic[R]):
    """All rows; `rows` is what the filter passes, in the chosen order."""

    def __init__(
        self,
        texts: Callable[[R], tuple[str, ...]],
        empty: RowFilter,
        fields: Callable[[R], Any] = lambda row: row,
    ) -> None:
        """`texts`: what the search looks at; `fields`: what the filter's `accepts` is given."""
        self._texts = texts
        self._fields = fields
        self.all_rows: list[R] = []
        self.rows: list[R] = []
        self.filter = empty
        self._base: list[R] = []
        self._base_valid = False
        self._key: Callable[[R], Any] | None = None
        self._reverse = False

    def set_rows(self, rows: list[R], row_filter: RowFilter | None = None) -> None:
        """New data (and optionally a new filter): everything is tested again."""
        self.all_rows = rows
        if row_filter is not None:
            self.filter = row_filter
        self._rebuild()

    def set_filter(self, row_filter: RowFilter) -> None:
        """Apply a filter, testing only the text when only the text changed."""
        previous = self.filter
        if row_filter.without_text() != previous.without_text() or not self._base_valid:
            self.filter = row_filter
            self._rebuild()
            return
        narrowing = bool(previous.search) and row_filter.search.startswith(previous.search)
        pool = self.rows if narrowing else self._base
        self.filter = row_filter
        test, texts = row_filter.text_test(), self._texts
        self.rows = [row for row in pool if test(texts(row))]
        if not narrowing:
            self._sort()

    def order(self, key: Callable[[R], Any] | None, reverse: bool = False) -> None:
        """Sort the shown rows (and later ones) by `key`; None keeps the loaded order."""
        self._key, self._reverse = key, reverse
        self._sort()

    def _rebuild(self) -> None:
        without_text = self.filter.without_text()
        self._base = (
            list(self.all_rows)
            if without_text.is_empty()
            else [row for row in self.all_rows if without_text.accepts(self._fields(row))]
        )
        self._base_valid = True
        test, texts = self.filter.text_test(), self._texts
        self.rows = (
            [row for row in self._base if test(texts(row))]
            if self.filter.search
            else list(self._base)
        )
        self._sort()

    def _sort(self) -> None:
        if self._key is not None:
            self.rows.sort(key=self._key, reverse=self._reverse)
