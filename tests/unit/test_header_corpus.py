"""Every header of the corpus (tests/fixtures/headers) read through the real pipeline — built into
a workbook with its merges, read with python-calamine, the header found and each column read —
gives the concept the corpus expects, or the decision taken for a concept we had no field for."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.header_corpus import NEW_CONCEPTS, entries, evaluate, read_entry


@pytest.mark.parametrize("path", entries(), ids=lambda p: p.stem[:3])
def test_every_column_of_the_corpus_is_read_as_expected(path: Path) -> None:
    missed = [
        f"{r.index} {r.header}: 应为 {r.expected}，读作 {r.read}（{r.why}）"
        for r in evaluate(path)
        if not r.ok
    ]
    assert missed == []


@pytest.mark.parametrize("path", entries(), ids=lambda p: p.stem[:3])
def test_the_header_is_found_where_it_is(path: Path) -> None:
    entry, layout = read_entry(path)
    assert layout is not None
    rows = len(entry["header_rows"])
    first = layout.header_rows[0] - (1 if entry["title"] else 0) - (1 if entry["unit_line"] else 0)
    assert (first, len(layout.header_rows)) == (0, rows)


def test_every_new_concept_of_the_corpus_has_a_decision() -> None:
    import json

    named = {
        key[4:]
        for path in entries()
        for key in json.loads(path.read_text(encoding="utf-8"))["expected"]
        if isinstance(key, str) and key.startswith("new:")
    }
    assert named <= set(NEW_CONCEPTS)
