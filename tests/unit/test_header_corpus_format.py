"""Every file of the header corpus (tests/fixtures/headers) is well-formed and names real fields."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.exchange.fields import PROBLEM_FIELDS, PROJECT_FIELDS

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "headers"
FILES = sorted(CORPUS.glob("*.json"))
KEYS = {
    "source",
    "title",
    "issuer",
    "kind",
    "unit_line",
    "header_rows",
    "merges",
    "example_rows",
    "expected",
    "why_null",
    "expected_unit",
    "period",
    "notes",
}
KINDS = {"project_list", "progress", "problem_ledger", "supervision", "dispatch", "summary"}
PROBLEM_KINDS = {"problem_ledger", "supervision"}
UNITS = {"万元", "亿元", "%"}
# What the corpus holds today; a file lost by accident fails here. Issue 15 asks for at least 40
# tables and 8 multi-row headers (both reached, so they are the floor now) and 6 problem ledgers
# or supervision tables, which the corpus is still short of (README; the strict xfail below).
MIN_FILES, MIN_MULTI_ROW, MIN_PROBLEM = 40, 16, 1
TARGET_PROBLEM = 6


def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _columns(entry: dict[str, Any]) -> int:
    return len(entry["expected"])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_entry_is_well_formed(path: Path) -> None:
    entry = _load(path)
    assert set(entry) == KEYS, f"{path.name}: keys {sorted(set(entry) ^ KEYS)}"
    assert path.stem[:3].isdigit() and path.stem[3] == "_", path.name
    assert entry["source"].startswith(("http://", "https://", "seed:", "github:")), path.name
    assert entry["kind"] in KINDS, path.name
    assert entry["unit_line"] is None or isinstance(entry["unit_line"], str)
    width = _columns(entry)
    assert width > 0 and entry["header_rows"], path.name
    for row in entry["header_rows"] + entry["example_rows"]:
        assert len(row) == width, f"{path.name}: row of {len(row)} cells, expected {width}: {row}"
    assert any(cell for cell in entry["header_rows"][-1] + entry["header_rows"][0]), path.name


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_merges_cover_only_empty_cells(path: Path) -> None:
    entry = _load(path)
    rows, width = entry["header_rows"], _columns(entry)
    covered: set[tuple[int, int]] = set()
    for first_row, first_col, last_row, last_col in entry["merges"]:
        assert 0 <= first_row <= last_row < len(rows), f"{path.name}: merge rows out of range"
        assert 0 <= first_col <= last_col < width, f"{path.name}: merge columns out of range"
        assert (first_row, first_col) != (last_row, last_col), f"{path.name}: one-cell merge"
        assert rows[first_row][first_col] is not None, f"{path.name}: merge without text"
        cells = {
            (r, c) for r in range(first_row, last_row + 1) for c in range(first_col, last_col + 1)
        }
        assert not cells & covered, f"{path.name}: overlapping merges"
        covered |= cells
        for r, c in cells - {(first_row, first_col)}:
            assert rows[r][c] is None, f"{path.name}: cell ({r},{c}) inside a merge holds text"
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if cell is None:
                assert (r, c) in covered, f"{path.name}: cell ({r},{c}) is null outside any merge"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_expected_names_known_fields(path: Path) -> None:
    entry = _load(path)
    fields = PROBLEM_FIELDS if entry["kind"] in PROBLEM_KINDS else PROJECT_FIELDS
    keys = {f.key for f in fields}
    width = _columns(entry)
    for index, key in enumerate(entry["expected"]):
        if key is None:
            assert str(index) in entry["why_null"], (
                f"{path.name}: column {index} null without a reason"
            )
        elif key.startswith("new:"):
            assert key[4:] and key[4:].replace("_", "").isalnum() and key[4:].islower(), key
        else:
            assert key in keys, f"{path.name}: column {index} maps to unknown field {key!r}"
    for name, table in (
        ("why_null", entry["why_null"]),
        ("expected_unit", entry["expected_unit"]),
        ("period", entry["period"]),
    ):
        for column in table:
            assert column.isdigit() and int(column) < width, f"{path.name}: {name} column {column}"
    for column in entry["why_null"]:
        assert entry["expected"][int(column)] is None, f"{path.name}: reason for a mapped column"
    assert set(entry["expected_unit"].values()) <= UNITS, path.name


def test_corpus_keeps_its_size_and_variety() -> None:
    entries = [_load(p) for p in FILES]
    assert len(entries) >= MIN_FILES
    assert sum(len(e["header_rows"]) >= 2 for e in entries) >= MIN_MULTI_ROW
    assert sum(e["kind"] in PROBLEM_KINDS for e in entries) >= MIN_PROBLEM
    assert len({e["kind"] for e in entries}) >= 5
    assert len({p.name[:3] for p in FILES}) == len(FILES), "two files share a number"


@pytest.mark.xfail(
    strict=True,
    reason="corpus holds 1 of the 6 problem ledgers / supervision tables issue 15 asks for",
)
def test_corpus_reaches_issue_target_for_problem_tables() -> None:
    entries = [_load(p) for p in FILES]
    assert sum(e["kind"] in PROBLEM_KINDS for e in entries) >= TARGET_PROBLEM
