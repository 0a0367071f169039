"""Every setting declared once with its type and default; preferences apart from window state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from app.paths import data_dir

T = TypeVar("T")


@dataclass(frozen=True)
class Key(Generic[T]):
    """A setting: its INI key, Python type and default."""

    name: str
    type: type[T]
    default: T


# User preferences (preferences.ini).
OPERATOR = Key("user/operator", str, "")
LAST_DATABASE = Key("files/last_database", str, "")
RECENT_DATABASES = Key("files/recent", list, [])
RECENT_LIMIT = 8
# Window state (window.ini): losing it costs nothing.
WINDOW_GEOMETRY = Key("window/geometry", QByteArray, QByteArray())
WINDOW_PAGE = Key("window/page", str, "overview")


class Settings:
    """Typed access to the two INI files in the data folder."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder or data_dir()
        self._preferences = QSettings(str(folder / "preferences.ini"), QSettings.Format.IniFormat)
        self._window = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    def _store(self, key: Key[Any]) -> QSettings:
        return self._window if key.name.startswith("window/") else self._preferences

    def get(self, key: Key[T]) -> T:
        """The stored value converted to the key's type, or its default."""
        raw: Any = self._store(key).value(key.name, None)
        if raw is None:
            return key.default
        value: Any
        if key.type is list:
            # INI stores a one-element list as a plain string, and an empty one as "".
            value = [raw] if isinstance(raw, str) else [str(item) for item in raw]
            value = [item for item in value if item]
        elif key.type is QByteArray:
            value = raw if isinstance(raw, QByteArray) else key.default
        else:
            convert: Callable[[Any], Any] = key.type
            value = convert(raw)
        return cast(T, value)

    def set(self, key: Key[T], value: T) -> None:
        """Store a value and write it to disk at once."""
        store = self._store(key)
        store.setValue(key.name, value)
        store.sync()

    def remember_database(self, location: str) -> None:
        """Put a database at the top of the recent list and make it the one opened next time."""
        recent = [p for p in self.get(RECENT_DATABASES) if p != location]
        self.set(RECENT_DATABASES, [location, *recent][:RECENT_LIMIT])
        self.set(LAST_DATABASE, location)
