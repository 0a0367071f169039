"""Every setting declared once with its type and default; preferences apart from window state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from PySide6.QtCore import QByteArray, QSettings

from app.infra.paths import data_dir
from app.schedule.warning_colours import ColourNaming, WarningSettings

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
# 连接服务器: remembered without the password, which is asked each time.
SERVER_HOST = Key("server/host", str, "")
SERVER_PORT = Key("server/port", int, 5432)
SERVER_DATABASE = Key("server/database", str, "gongjian")
SERVER_ACCOUNT = Key("server/account", str, "")
# The campaign each database was last shown with ("id|location"), newest first.
CHOSEN_CAMPAIGNS = Key("campaigns/chosen", list, [])
# The folder of the last file opened or saved through a file dialog.
LAST_FOLDER = Key("files/last_folder", str, "")
# Warnings (预警), shared by cards, chart and overview.
WARNING_WINDOW_DAYS = Key("warnings/window_days", int, 7)
GAP_YELLOW_POINTS = Key("warnings/gap_yellow_points", int, 10)
GAP_RED_POINTS = Key("warnings/gap_red_points", int, 30)
COLOUR_NAMING = Key("warnings/naming", str, "红黄绿")
# Filters shared by 项目卡片 and 挂图作战, by name so they survive across databases.
PROJECT_FILTER = Key("filters/projects", str, "")
OFFICE_NAME = Key("print/office", str, "")
# 项目卡片: card wall or table, the table's hidden columns, and how months are entered.
PROJECT_VIEW = Key("projects/view", str, "cards")
HIDDEN_COLUMNS = Key("projects/hidden_columns", list, [])
REPORT_ENTRY_MODE = Key("reports/entry_mode", str, "month")
# The month 月度填报, 数据交换 and 统计通报 show, as the clerk last chose it, with the database it
# was chosen for (JSON: {"database": location, "campaign": id, "month": "2022-08"}); see
# ui/widgets/shared_month.py.
REPORT_MONTH = Key("reports/month", str, "")
# Automatic backups kept (the newest N).
BACKUP_KEEP = Key("backups/keep", int, 30)
# Window state (window.ini): losing it costs nothing.
WINDOW_GEOMETRY = Key("window/geometry", QByteArray, QByteArray())
WINDOW_PAGE = Key("window/page", str, "overview")
CHART_ZOOM = Key("window/chart_px_per_day", float, 3.0)


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

    def warning_settings(self) -> WarningSettings:
        """The warning thresholds and colour naming as the domain functions take them."""
        naming = self.get(COLOUR_NAMING)
        return WarningSettings(
            window_days=self.get(WARNING_WINDOW_DAYS),
            gap_yellow_points=Decimal(self.get(GAP_YELLOW_POINTS)),
            gap_red_points=Decimal(self.get(GAP_RED_POINTS)),
            naming=ColourNaming(naming)
            if naming in ColourNaming._value2member_map_
            else ColourNaming.RED_YELLOW_GREEN,
        )

    def chosen_campaign(self, location: str) -> int | None:
        """The campaign last shown for the database at `location`, if any."""
        for entry in self.get(CHOSEN_CAMPAIGNS):
            number, _, place = entry.partition("|")
            if place == location and number.isdigit():
                return int(number)
        return None

    def remember_campaign(self, location: str, campaign_id: int | None) -> None:
        """Remember the campaign shown for `location` (or forget it)."""
        kept = [e for e in self.get(CHOSEN_CAMPAIGNS) if e.partition("|")[2] != location]
        if campaign_id is not None:
            kept.insert(0, f"{campaign_id}|{location}")
        self.set(CHOSEN_CAMPAIGNS, kept[: RECENT_LIMIT * 4])

    def remember_database(self, location: str) -> None:
        """Put a database at the top of the recent list and make it the one opened next time."""
        recent = [p for p in self.get(RECENT_DATABASES) if p != location]
        self.set(RECENT_DATABASES, [location, *recent][:RECENT_LIMIT])
        self.set(LAST_DATABASE, location)
