"""What every part of the demo builds on: its dates, its people and units, small helpers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.orm import Session

from app.demo import catalogue as cat
from db.enums import UnitKind
from db.models import Person, Unit

AS_OF = dt.date(2022, 7, 31)  # the demo office has collected reports up to July
CAMPAIGN_START = dt.date(2022, 5, 24)
CAMPAIGN_END = dt.date(2022, 8, 31)
# Milestone progress is recorded to the campaign's last day: the date an ended campaign's wall
# chart is read at (app.schedule.wall_chart.default_as_of). Monthly reports stop at July (August's
# figures arrive in September).
PROGRESS_AS_OF = CAMPAIGN_END
# Share of the annual plan a project on schedule completes in each month (Jan … Jul).
MONTH_SHARE = [0.04, 0.04, 0.08, 0.09, 0.10, 0.11, 0.11]
CENT = Decimal("0.01")


@dataclass
class Directory:
    """Units and people the projects refer to, by name."""

    units: dict[str, Unit] = field(default_factory=dict)
    heads: dict[str, Person] = field(default_factory=dict)
    staff: dict[str, Person] = field(default_factory=dict)
    leaders: list[Person] = field(default_factory=list)


class PersonNames:
    """Distinct fictional Chinese names."""

    def __init__(self, rng: random.Random) -> None:
        pool = [s + g for s in cat.SURNAMES for g in cat.GIVEN]
        rng.shuffle(pool)
        self._pool = iter(pool)

    def next(self) -> str:
        return next(self._pool)


def add_directory(session: Session, rng: random.Random, names: PersonNames) -> Directory:
    directory = Directory()
    for area in cat.AREAS:
        directory.units[area] = Unit(name=area, kind=UnitKind.AREA)
    for unit_name in cat.RESPONSIBLE_UNITS:
        unit = Unit(name=unit_name, kind=UnitKind.RESPONSIBLE)
        directory.units[unit_name] = unit
        title = "主任" if unit_name.endswith(("中心", "办")) else "局长"
        directory.heads[unit_name] = Person(
            name=names.next(), title=title, unit=unit, phone=phone(rng)
        )
        directory.staff[unit_name] = Person(
            name=names.next(), title="服务专员", unit=unit, phone=phone(rng)
        )
    office = Unit(name="管委会", kind=UnitKind.AREA)
    directory.units["管委会"] = office
    for title in cat.LEADER_TITLES:
        directory.leaders.append(Person(name=names.next(), title=title, unit=office))
    session.add_all(directory.units.values())
    session.add_all([*directory.heads.values(), *directory.staff.values(), *directory.leaders])
    return directory


def phone(rng: random.Random) -> str:
    return f"022-{rng.randrange(2480_0000, 2599_9999)}"


def money(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(CENT)


def day(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))
