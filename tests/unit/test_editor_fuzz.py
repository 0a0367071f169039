"""Random text into every editor field: each value is refused with a message, or stored exactly."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.infra.database import open_database
from app.projects.edits import create_project, read_form
from app.projects.form import FIELDS, FormErrors, parse_form
from tests.unit.factories import a_list

pytestmark = pytest.mark.slow

TYPED = [
    f for f in FIELDS if f.kind in ("text", "long", "code", "amount", "date", "unit", "person")
]
texts = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=260)
serial = itertools.count()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.dictionaries(st.sampled_from([f.key for f in TYPED]), texts, max_size=8))
def test_every_field_refuses_or_stores_exactly(typed: dict[str, str]) -> None:
    raw: dict[str, object] = {
        "name": f"项目{next(serial)}",
        "list_id": 1,
        "stage": "在建",
        "calendar": "日历日",
        "lead_unit": "发改局",
    }
    raw.update(typed)
    try:
        values = parse_form(raw)
    except FormErrors as refused:
        assert refused.errors and all(refused.errors.values())
        assert set(refused.errors) <= set(raw)  # each message sits under a field that was filled
        return
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "f.db")
        with database.sessions() as session:
            a_list(session)
            session.commit()
            try:
                project_id = create_project(session, values)
            except FormErrors:
                return
            stored = read_form(session, project_id)
        database.close()
    for spec in TYPED:
        if spec.key in values:
            assert stored[spec.key] == values[spec.key], spec.key
            if spec.kind in ("text", "long") and isinstance(raw.get(spec.key), str):
                assert stored[spec.key] == (str(raw[spec.key]).strip() or None)
