"""Scheduling examples worked by hand (calendar days and working days)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.infra.errors import UserError
from app.schedule.calendar import CalendarDays, HolidayTable, WorkingDays
from app.schedule.engine import Link, Task, schedule

D = dt.date


def _chain(target: D, lag: int = 0, **actuals: D) -> tuple[list[Task], list[Link]]:
    """立项 (10 days) → 施工许可 (5 days) → 开工 (1 day), 开工 due by `target`."""
    tasks = [
        Task(
            "a",
            "立项",
            10,
            actual_start=actuals.get("a_start"),
            actual_finish=actuals.get("a_finish"),
        ),
        Task("b", "施工许可", 5, actual_start=actuals.get("b_start")),
        Task("c", "开工", 1, target=target),
    ]
    return tasks, [Link("a", "b", lag), Link("b", "c")]


def test_backward_pass_from_the_target() -> None:
    tasks, links = _chain(D(2022, 6, 30))
    result = schedule(tasks, links, CalendarDays(), today=D(2022, 6, 1))
    c, b, a = result.timings["c"], result.timings["b"], result.timings["a"]
    assert (c.latest_start, c.latest_finish) == (D(2022, 6, 30), D(2022, 6, 30))
    assert (b.latest_start, b.latest_finish) == (D(2022, 6, 25), D(2022, 6, 29))
    assert (a.latest_start, a.latest_finish) == (D(2022, 6, 15), D(2022, 6, 24))
    # Started today, everything fits with 14 days to spare, on every milestone.
    assert (a.earliest_start, a.earliest_finish) == (D(2022, 6, 1), D(2022, 6, 10))
    assert (c.earliest_start, c.earliest_finish) == (D(2022, 6, 16), D(2022, 6, 16))
    assert [result.timings[k].slack for k in "abc"] == [14, 14, 14]
    assert result.warnings == [] and result.unit == "日历日"


def test_target_no_longer_met_drags_negative_slack_down_the_chain() -> None:
    tasks, links = _chain(D(2022, 6, 30))
    result = schedule(tasks, links, CalendarDays(), today=D(2022, 6, 20))
    assert result.timings["a"].earliest_finish == D(2022, 6, 29)
    assert result.timings["c"].earliest_finish == D(2022, 7, 5)
    assert [result.timings[k].slack for k in "abc"] == [-5, -5, -5]


def test_lag_moves_the_predecessor_earlier() -> None:
    tasks, links = _chain(D(2022, 6, 30), lag=3)
    result = schedule(tasks, links, CalendarDays(), today=D(2022, 6, 1))
    assert result.timings["a"].latest_finish == D(2022, 6, 21)


def test_actual_dates_drive_the_forward_pass() -> None:
    tasks, links = _chain(
        D(2022, 6, 30), a_start=D(2022, 6, 1), a_finish=D(2022, 6, 12), b_start=D(2022, 6, 13)
    )
    result = schedule(tasks, links, CalendarDays(), today=D(2022, 6, 20))
    b = result.timings["b"]
    # 施工许可 started 6/13 for 5 days, but is not done on 6/20: it cannot finish before today.
    assert (b.earliest_start, b.earliest_finish) == (D(2022, 6, 13), D(2022, 6, 20))
    assert result.timings["c"].earliest_finish == D(2022, 6, 21)
    assert result.timings["c"].slack == 9


def test_point_milestone_lets_its_successor_start_the_same_day() -> None:
    tasks = [Task("p", "签约", 0), Task("q", "公司注册", 3, target=D(2022, 7, 10))]
    result = schedule(tasks, [Link("p", "q")], CalendarDays(), today=D(2022, 7, 1))
    assert result.timings["q"].latest_start == D(2022, 7, 8)
    assert result.timings["p"].latest_finish == D(2022, 7, 8)
    assert result.timings["p"].latest_start == D(2022, 7, 8)


def test_milestone_without_any_target_has_no_latest_dates() -> None:
    result = schedule([Task("x", "谋划", 5)], [], CalendarDays(), today=D(2022, 7, 1))
    assert result.timings["x"].latest_finish is None and result.timings["x"].slack is None


NATIONAL_DAY_2022 = HolidayTable(
    holidays={D(2022, 10, day) for day in range(1, 8)},
    makeup_workdays={D(2022, 10, 8), D(2022, 10, 9)},  # 调休: Saturday and Sunday worked
    years={2022},
)


def test_working_days_across_national_day_and_makeup_weekend() -> None:
    tasks = [Task("x", "施工图审查", 5, target=D(2022, 10, 10))]
    result = schedule(tasks, [], WorkingDays(NATIONAL_DAY_2022), today=D(2022, 9, 1))
    # 5 working days ending Monday 10/10: Sun 10/9 and Sat 10/8 (调休), then Fri 9/30, Thu 9/29.
    assert result.timings["x"].latest_start == D(2022, 9, 29)
    assert result.unit == "工作日"


def test_working_day_target_on_a_holiday_snaps_back_to_the_last_working_day() -> None:
    tasks = [Task("x", "环评批复", 1, target=D(2022, 10, 5))]
    result = schedule(tasks, [], WorkingDays(NATIONAL_DAY_2022), today=D(2022, 9, 1))
    assert result.timings["x"].latest_finish == D(2022, 9, 30)


def test_working_day_chain_crosses_the_holiday() -> None:
    tasks = [Task("a", "土地摘牌", 3), Task("b", "施工许可", 2, target=D(2022, 10, 11))]
    result = schedule(tasks, [Link("a", "b")], WorkingDays(NATIONAL_DAY_2022), today=D(2022, 9, 1))
    # b: 10/10–10/11; a finishes the working day before 10/10, which is Sunday 10/9 (调休).
    assert result.timings["b"].latest_start == D(2022, 10, 10)
    assert result.timings["a"].latest_finish == D(2022, 10, 9)
    assert result.timings["a"].latest_start == D(2022, 9, 30)


def test_a_year_without_holiday_data_is_warned_about() -> None:
    tasks = [Task("x", "竣工验收", 20, target=D(2027, 3, 31))]
    result = schedule(tasks, [], WorkingDays(NATIONAL_DAY_2022), today=D(2022, 9, 1))
    assert len(result.warnings) == 1
    assert "2027 年" in result.warnings[0] and "法定节假日" in result.warnings[0]


def test_cycle_is_refused_naming_its_milestones() -> None:
    tasks = [
        Task(k, name, 5) for k, name in [("a", "立项"), ("b", "用地"), ("c", "规划"), ("d", "开工")]
    ]
    links = [Link("a", "b"), Link("b", "c"), Link("c", "a"), Link("c", "d")]
    with pytest.raises(UserError, match="循环依赖") as refused:
        schedule(tasks, links, CalendarDays(), today=D(2022, 6, 1))
    message = str(refused.value)
    cycle = message.split("：")[1].split("。")[0].split(" → ")
    assert set(cycle) == {"立项", "用地", "规划"} and cycle[0] == cycle[-1] and len(cycle) == 4
    assert "开工" not in message


@pytest.mark.parametrize(
    ("links", "message"),
    [([Link("a", "a")], "不能依赖它自己"), ([Link("a", "zz")], "不存在")],
)
def test_bad_links_are_refused(links: list[Link], message: str) -> None:
    with pytest.raises(UserError, match=message):
        schedule([Task("a", "立项", 5)], links, CalendarDays(), today=D(2022, 6, 1))


def test_negative_duration_is_refused() -> None:
    with pytest.raises(UserError, match="不能为负数"):
        schedule([Task("a", "立项", -1)], [], CalendarDays(), today=D(2022, 6, 1))
