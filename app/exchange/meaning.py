"""What a header means to the importer: a field it fills, a reason it fills none, or a question.

The readers of headers (`header_meaning`, `money_headers`, `ledger_headers`) answer in these terms.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a column that is not used looked like: the import warns when such a column is left out.
INVESTMENT, DATES = "investment", "dates"


@dataclass(frozen=True)
class Meaning:
    """What a header means to the importer.

    `key` is the field it fills (None: not used). A column not used has a `reason` (a concept we
    know but do not keep, or nothing known) or a `question` (it could be `choices`; the clerk
    decides). `strength` orders columns that claim the same field (2: specific, 1: generic).
    """

    key: str | None
    reason: str | None = None
    question: str | None = None
    choices: tuple[str, ...] = ()
    strength: int = 2
    looks_like: str | None = None  # INVESTMENT / DATES, for a column not used
    recognised: bool = True  # False only for a header that means nothing known

    @property
    def known(self) -> bool:
        """True when the header was understood (a field, a known concept, or a question)."""
        return self.recognised


def field_meaning(key: str, strength: int = 2) -> Meaning:
    """The header fills `key` (strength 2: a specific header, 1: a generic one)."""
    return Meaning(key, strength=strength)


def not_kept(reason: str, looks_like: str | None = None) -> Meaning:
    """A concept known, not kept by us: the column is listed with `reason`."""
    return Meaning(None, reason=reason, looks_like=looks_like)


def ask(question: str, choices: tuple[str, ...], looks_like: str | None = None) -> Meaning:
    """A header that could mean `choices`: the clerk is asked `question`."""
    return Meaning(None, question=question, choices=choices, looks_like=looks_like)


UNKNOWN = Meaning(None, reason="表头不是已知的内容", recognised=False)
DERIVED_RATE = Meaning(None, reason="比例、完成率由程序按计划和完成计算，不导入")
DERIVED_RANK = Meaning(None, reason="排名由程序计算，不导入")
COUNTS = Meaning(None, reason="个数、件数是汇总表的统计数，不是项目的内容")
SUPERVISED = Meaning(None, reason="督办台账的内容：本程序不从表格导入督办记录")
