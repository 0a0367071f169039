"""The change log (全程留痕), import batches, and facts about the database file itself."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, enum_column
from db.enums import ChangeAction


class ImportBatch(Base):
    """One import of a workbook; its rows can be reviewed and undone together."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    operator: Mapped[str | None] = mapped_column(String(50))
    source_file: Mapped[str] = mapped_column(String(500))
    sheet: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(50))
    row_count: Mapped[int] = mapped_column(Integer, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # The first change-log entry of the batch's latest undoing (a redo reverses from there on).
    undo_log_from: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class ChangeLog(Base):
    """One recorded change of one domain row; written automatically on every flush."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    operator: Mapped[str | None] = mapped_column(String(50))
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(50))
    action: Mapped[ChangeAction] = mapped_column(enum_column(ChangeAction))
    field: Mapped[str | None] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id", ondelete="SET NULL"))


class AppMeta(Base):
    """Key/value facts about the file: which program version wrote it, whether it is a demo."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExchangeProfileRow(Base):
    """A saved exchange profile (交换方案): which fields, their headers and order, unit, lists."""

    __tablename__ = "exchange_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    body: Mapped[str] = mapped_column(Text)  # JSON, see app/exchange/profiles.py
