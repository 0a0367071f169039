"""The operator (操作人): whose name the change log records."""

from __future__ import annotations

import getpass

from app.infra.errors import UserError

OPERATOR_MAX_LENGTH = 50


def clean_operator(text: str) -> str:
    """The operator name as stored: trimmed; refused when longer than the log column holds."""
    name = " ".join(text.split())
    if len(name) > OPERATOR_MAX_LENGTH:
        raise UserError(f"操作人姓名不能超过 {OPERATOR_MAX_LENGTH} 个字（现在是 {len(name)} 个）。")
    return name


def default_operator() -> str:
    """The operator name used when the clerk has not set one: the system user name."""
    try:
        return getpass.getuser()
    except Exception:  # getuser raises different errors on different systems
        return "未署名"
