"""The expected kind of error: bad input or an unusable file, shown to the clerk in Chinese."""

from __future__ import annotations


class UserError(Exception):
    """Something the clerk can fix; the message is Chinese and says what and where.

    Raising it means nothing was written.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message
