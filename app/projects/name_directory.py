"""Units and people by name for one piece of work: read once, created when a name is new.

Editors and imports name units and people; looking each name up with a query (or scanning the
session's new objects) made a 10,000-row import spend most of its time on lookups.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.values.names import clean_name
from db.enums import UnitKind
from db.models import Person, Unit


class NameDirectory:
    """Name → Unit / Person of one session, including those created through it."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._units: dict[str, Unit] | None = None
        self._people: dict[str, Person] | None = None

    def unit(self, name: str | None, kind: UnitKind) -> Unit | None:
        """The unit called `name`, created (as `kind`) when there is none."""
        name = clean_name(name)
        if not name:
            return None
        if self._units is None:
            self._units = {u.name: u for u in self._session.scalars(select(Unit))}
        unit = self._units.get(name)
        if unit is None:
            unit = Unit(name=name, kind=kind)
            self._session.add(unit)
            self._units[name] = unit
        return unit

    def person(self, name: str | None) -> Person | None:
        """The first person called `name`, created when there is none."""
        name = clean_name(name)
        if not name:
            return None
        if self._people is None:
            self._people = {}
            for known in self._session.scalars(select(Person).order_by(Person.id.desc())):
                self._people[known.name] = known  # the lowest id wins
        found = self._people.get(name)
        if found is None:
            found = Person(name=name)
            self._session.add(found)
            self._people[name] = found
        return found
