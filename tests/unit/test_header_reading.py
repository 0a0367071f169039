"""Headers read by meaning: word order, filler words, spaces, brackets of any kind, traditional
characters, parent over generic child; ambiguous headers asked about, unknown ones explained."""

from __future__ import annotations

import pytest

from app.exchange.header_concepts import read_concepts
from app.exchange.header_detection import _column
from app.exchange.header_meaning import project_meaning
from app.exchange.header_text import header_text


def _key(*chain: str) -> str | None:
    return _column(0, list(chain), False, {}).key


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("年度计划投资", "annual_plan"),
        ("2023年计划投资", "annual_plan"),
        ("年投资计划", "annual_plan"),
        ("本年计划投资（万元）", "annual_plan"),
        ("计划投资（年度）", "annual_plan"),
        ("投资计划金额(2022年度)", "annual_plan"),
        ("2022年度 计划 投资【万元", "annual_plan"),
        ("2019年投資計劃(萬元)", "annual_plan"),
        ("年度计划完成投资额", "annual_plan"),
        ("总投资", "total_investment"),
        ("投资总额（亿元）", "total_investment"),
        ("项目总投资金额(亿元)", "total_investment"),
        ("1-7月完成投资", "ytd_completed"),
        ("截至10月31日累计完成投资", "ytd_completed"),
        ("今年累计完成投资额", "ytd_completed"),
        ("2019年2月累计完成投资(萬元)", "ytd_completed"),
        ("本月完成投资", "month_completed"),
        ("8月完成", "month_completed"),
        ("攻坚期计划投资", "campaign_target"),
        ("大干150天力争完成的投资额（万元）", "campaign_target"),
        ("牵头协调部门", "lead_unit"),
        ("责任单位", "lead_unit"),
        ("主管部门", "lead_unit"),
        ("責任單位", "lead_unit"),
        ("牵头区领导", "leader"),
        ("包保领导", "leader"),
        ("包抓 县领导", "leader"),
        ("业主单位", "owner"),
        ("建设单位", "owner"),
        ("项目单位", "owner"),
        ("计划开工时间", "planned_start"),
        ("开工时间（计划）", "planned_start"),
        ("实际开工日期", "actual_start"),
        ("竣工日期", "planned_finish"),
        ("项 目 名 称", "name"),
        ("項目名稱", "name"),
        ("形象进度", "progress"),
        ("目前进展情况", "progress"),
        ("建设内容及规模", "content"),
        ("建设阶段", "stage"),
        ("存在问题", "problem_text"),
    ],
)
def test_one_header_reads_as_its_field(header: str, key: str) -> None:
    assert _key(header) == key


@pytest.mark.parametrize(
    ("chain", "key"),
    [
        (("2022年工作计划", "投资"), "annual_plan"),
        (("项目建设阶段（1-12月份）", "完成 投资"), "ytd_completed"),
        (("项目建设阶段（1-12月份）", "形象进度"), "progress"),
        (("2022年工作计划", "形象进度"), None),  # the plan's progress: named, not kept
        (("项目建设阶段（1-12月份）", "%"), None),
        (("投资情况", "总投资"), "total_investment"),
        (("进度安排", "计划竣工时间"), "planned_finish"),
        (("项目进展情况", "动工时间"), "actual_start"),
        (("8月", "累计"), "month_completed"),
    ],
)
def test_a_generic_child_takes_its_meaning_from_the_parent(
    chain: tuple[str, ...], key: str | None
) -> None:
    assert _key(*chain) == key


def test_the_month_comes_from_the_header_or_the_parent() -> None:
    assert _column(0, ["项目建设阶段（1-12月份）", "完成投资"], False, {}).month == 12
    assert _column(0, ["1-8月完成投资"], False, {}).month == 8


@pytest.mark.parametrize(
    "header", ["投资", "投资额（万元）", "本期新增投资(亿元)", "全年完成投资额", "单位"]
)
def test_an_ambiguous_header_is_asked_about_never_guessed(header: str) -> None:
    column = _column(0, [header], False, {})
    assert column.key is None and column.question


@pytest.mark.parametrize(
    ("header", "why"),
    [
        ("投资完成率", "完成率"),
        ("上年底前累计完成投资", "往年"),
        ("开工以来累计完成投资", "开工以来"),
        ("到位资金", "到位"),
        ("建设起止年限", "起止"),
        ("测评等次", "不是已知的内容"),
    ],
)
def test_a_column_not_used_says_why(header: str, why: str) -> None:
    column = _column(0, [header], False, {})
    assert column.key is None and why in (column.reason or "")


def test_units_in_any_bracket_and_on_either_side() -> None:
    assert (
        header_text("总投资（万元）") == header_text("总投资(万元") == header_text("总投资【万元】")
    )
    assert header_text("总投资 (亿元)").unit == "亿元"
    assert header_text("序號(hào)").text == "序号"  # a mirror site's pinyin


def test_word_order_does_not_change_the_concepts() -> None:
    one = read_concepts(header_text("计划投资（2022年度）").text)
    other = read_concepts(header_text("2022年度投资计划").text)
    assert one.tags == other.tags and one.period.year == other.period.year == 2022
    assert project_meaning(one, None).key == "annual_plan"


@pytest.mark.parametrize(
    ("lines", "title", "month", "as_of"),
    [
        (["附件", "2022年重点项目进展表（1-8月）"], None, 8, "2022-08-31"),
        (["附件2", "单位：万元", "2022年项目进度表(截至10月31日)"], None, 10, "2022-10-31"),
        (["2023年第三季度重点项目推进情况"], None, 9, "2023-09-30"),
    ],
)
def test_the_title_is_found_below_attachment_lines_with_its_months(
    lines: list[str], title: str | None, month: int, as_of: str
) -> None:
    from app.exchange.sheet_frame import period_date, read_frame

    frame = read_frame([[line] for line in lines])
    assert frame.title == (title or lines[-1]) and not frame.title.startswith("附件")
    assert frame.period.last_month == month
    assert str(period_date(frame.period, None)) == as_of


def test_a_list_number_on_its_own_line_names_the_list() -> None:
    from app.exchange.sheet_frame import read_frame

    frame = read_frame([["附表3"], ["力促开工项目清单"], ["", "单位：亿元"]])
    assert (frame.list_number, frame.list_name, frame.unit) == (3, "力促开工项目", "亿元")
