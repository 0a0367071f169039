"""A header read as concepts: what is measured (投资, 完成, 计划, 累计 …), for which period (2023年,
1-8月, 截至10月底, 本期, 上年底前 …), and which role or subject (责任单位, 包联领导, 项目名称 …).

Word order, filler words (工作, 金额, 情况 …) and words we do not know do not change the concepts;
what is left unexplained is kept in `rest`, so a cell of prose is not taken for a header.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.exchange.header_period import Period, read_period

# Concept tags. A word may carry several ("总投资": TOTAL and INVEST).
NUMBER = "number"
SERIAL = "serial"
CODE = "code"
NAME = "name"
PROJECT = "project"
CONTENT = "content"
PLACE = "place"
AREA = "area"
INDUSTRY = "industry"
CATEGORY = "category"
LIST = "list"
STAGE = "stage"
STATE = "state"
LEVEL = "level"
NATURE = "nature"
UNIT = "unit"
RESPONSIBLE = "responsible"
LEAD = "lead"
COORDINATE = "coordinate"
COOPERATE = "cooperate"
LEADER = "leader"
PACK = "pack"
OWNER = "owner"
PERSON = "person"
FIRST_PERSON = "first_person"
CONTACT = "contact"
CHIEF = "chief"
SPECIALIST = "specialist"
SERVICE = "service"
INVEST = "invest"
FUNDS = "funds"
MONEY = "money"
TOTAL = "total"
PLAN = "plan"
EXPECT = "expect"
DONE = "done"
ACTUAL = "actual"
CUMULATIVE = "cumulative"
ADDED = "added"
IN_PLACE = "in_place"
SPENT = "spent"
ISSUED = "issued"
QUOTA = "quota"
BOND = "bond"
RATE = "rate"
RANK = "rank"
COUNT = "count"
SUM = "sum"
START = "start"
FINISH = "finish"
PRODUCE = "produce"
TIME = "time"
DEADLINE = "deadline"
SPAN = "span"
RAISED = "raised"
ACCEPT = "accept"
CLOSE = "close"
SOLVE = "solve"
WHETHER = "whether"
PROGRESS = "progress"
SITUATION = "situation"
HANDLE = "handle"
REMARKS = "remarks"
PROBLEM = "problem"
DESCRIPTION = "description"
MEASURE = "measure"
STANDARD = "standard"
REASON = "reason"
NEXT = "next"
TASK = "task"
EFFECT = "effect"
CURRENT = "current"
BUILD = "build"
SUPERVISION = "supervision"
SCALE = "scale"
TARGET = "target"
FULL_YEAR = "full_year"
FIVE_YEAR = "five_year"
TEN_DAYS = "ten_days"
INVESTOR = "investor"
SOURCE = "source"
SIGNING = "signing"
COUNTRY = "country"
MANAGEMENT = "management"
THIS_YEAR = "this_year"
THIS_MONTH = "this_month"
THIS_PERIOD = "this_period"
LAST_YEAR = "last_year"
# PRIOR_YEARS (上年底前 …), SINCE_START (开工以来 …): tags of the period reader, header_period.
CAMPAIGN = "campaign"

_W: dict[str, tuple[str, ...]] = {
    # who and what
    "序号": (NUMBER,), "序": (NUMBER,), "no": (NUMBER,), "排序": (NUMBER,), "顺序号": (NUMBER,),
    "编号": (SERIAL,), "代码": (CODE,), "统一代码": (CODE,), "赋码": (CODE,), "备案号": (CODE,),
    "备案代码": (CODE,), "名称": (NAME,), "名": (NAME,), "项目": (PROJECT,), "工程": (PROJECT,),
    "实事": (PROJECT,), "民生实事": (PROJECT,), "事项": (PROJECT,), "内容": (CONTENT,),
    "规模": (CONTENT, SCALE), "建设内容": (CONTENT,), "建设规模": (CONTENT, SCALE),
    "地点": (PLACE,),
    "地址": (PLACE,), "位置": (PLACE,), "所在地": (PLACE,), "选址": (PLACE,), "园区": (AREA,),
    "区域": (AREA,), "开发区": (AREA,), "镇街": (AREA,), "街镇": (AREA,), "乡镇": (AREA,),
    "属地": (AREA,), "县区": (AREA,), "县市区": (AREA,), "地区": (AREA,), "隶属": (AREA,),
    "片区": (AREA,), "板块": (AREA,), "功能区": (AREA,), "行业": (INDUSTRY,), "产业": (INDUSTRY,),
    "领域": (INDUSTRY,), "类别": (CATEGORY,), "类型": (CATEGORY,), "分类": (CATEGORY,),
    "类": (CATEGORY,), "清单": (LIST,), "阶段": (STAGE,), "状态": (STATE,), "级别": (LEVEL,),
    "层级": (LEVEL,), "层次": (LEVEL,), "省级": (LEVEL,), "市级": (LEVEL,), "区级": (LEVEL,),
    "县级": (LEVEL,), "分级管理": (MANAGEMENT,), "分类管理": (MANAGEMENT,), "性质": (NATURE,),
    "建设性质": (NATURE,),
    # roles
    "单位": (UNIT,), "部门": (UNIT,), "科室": (UNIT,), "处室": (UNIT,), "机关": (UNIT,),
    "机构": (UNIT,), "责任": (RESPONSIBLE,), "负责": (RESPONSIBLE,), "主责": (RESPONSIBLE,),
    "牵头": (LEAD,), "主管": (LEAD,), "主办": (LEAD,), "承办": (LEAD,), "协调": (COORDINATE,),
    "配合": (COOPERATE,), "协办": (COOPERATE,), "协助": (COOPERATE,), "参与": (COOPERATE,),
    "领导": (LEADER,), "区领导": (LEADER,), "市领导": (LEADER,), "县领导": (LEADER,),
    "包联": (PACK,), "包保": (PACK,), "包抓": (PACK,), "挂点": (PACK,), "挂包": (PACK,),
    "帮包": (PACK,), "分管": (PACK,), "领办": (PACK,), "联系": (PACK,), "挂钩": (PACK,),
    "督导": (PACK,),
    "业主": (OWNER,), "建设单位": (OWNER,), "项目单位": (OWNER,), "项目法人": (OWNER,),
    "法人": (OWNER,), "实施主体": (OWNER,), "实施单位": (OWNER,), "建设主体": (OWNER,),
    "投资主体": (INVESTOR,), "来源": (SOURCE,), "签约": (SIGNING,), "国别": (COUNTRY,),
    "中方": (SIGNING,), "外方": (SIGNING,), "外资": (SIGNING,), "申报单位": (OWNER,),
    "企业": (OWNER,),
    "责任人": (PERSON,),
    "负责人": (PERSON,), "第一责任人": (FIRST_PERSON,), "联系人": (CONTACT,),
    "联络人": (CONTACT,), "电话": (CONTACT,), "联系方式": (CONTACT,), "手机": (CONTACT,),
    "首席服务官": (CHIEF,), "服务专员": (SPECIALIST,), "项目专员": (SPECIALIST,),
    "服务": (SERVICE,),
    # money
    "投资": (INVEST,), "资金": (FUNDS,), "金额": (MONEY,), "额": (MONEY,), "总额": (TOTAL,),
    "总投资": (TOTAL, INVEST), "概算": (TOTAL, INVEST), "估算": (TOTAL, INVEST), "计划": (PLAN,),
    "任务": (PLAN,), "目标": (PLAN,), "安排": (PLAN,), "规划": (PLAN,), "力争": (TARGET,),
    "预计": (EXPECT,),
    "拟": (EXPECT,),
    "完成": (DONE,), "实际": (ACTUAL,), "实": (ACTUAL,), "累计": (CUMULATIVE,),
    "累": (CUMULATIVE,), "新增": (ADDED,), "到位": (IN_PLACE,), "到资": (IN_PLACE,),
    "支出": (SPENT,),
    "使用": (SPENT,), "拨付": (SPENT,), "发行": (ISSUED,), "额度": (QUOTA,), "专项债": (BOND,),
    "债券": (BOND,), "专项债券": (BOND,),
    # figures that are not a project's own
    "率": (RATE,), "比例": (RATE,), "比重": (RATE,), "占比": (RATE,), "百分比": (RATE,),
    "占": (RATE,), "排名": (RANK,), "名次": (RANK,), "排位": (RANK,), "个数": (COUNT,),
    "数量": (COUNT,), "件数": (COUNT,), "数": (COUNT,), "总数": (COUNT,), "合计": (SUM,),
    "小计": (SUM,), "总计": (SUM,),
    # dates
    "开工": (START,), "开竣工": (START, FINISH), "开建": (START,), "动工": (START,),
    "竣工": (FINISH,), "完工": (FINISH,),
    "建成": (FINISH,), "投产": (PRODUCE,), "投用": (PRODUCE,), "时间": (TIME,), "日期": (TIME,),
    "时限": (DEADLINE,), "期限": (DEADLINE,), "年限": (SPAN,), "工期": (SPAN,), "起止": (SPAN,),
    "周期": (SPAN,), "建设期": (SPAN,), "提出": (RAISED,), "反映": (RAISED,), "发现": (RAISED,),
    "交办": (RAISED,), "验收": (ACCEPT,), "销号": (CLOSE,), "办结": (CLOSE,), "解决": (SOLVE,),
    "是否": (WHETHER,),
    # texts
    "形象进度": (PROGRESS,), "进度": (PROGRESS,), "进展": (PROGRESS,), "情况": (SITUATION,),
    "推进": (HANDLE,), "落实": (HANDLE,), "办理": (HANDLE,), "实施": (HANDLE,),
    "当前": (CURRENT,), "目前": (CURRENT,), "最新": (CURRENT,), "备注": (REMARKS,),
    "说明": (REMARKS,), "附注": (REMARKS,), "问题": (PROBLEM,), "困难": (PROBLEM,),
    "诉求": (PROBLEM,), "瓶颈": (PROBLEM,), "制约因素": (PROBLEM,), "描述": (DESCRIPTION,),
    "表述": (DESCRIPTION,), "措施": (MEASURE,), "举措": (MEASURE,), "对策": (MEASURE,),
    "办法": (MEASURE,), "标准": (STANDARD,), "原因": (REASON,), "下步": (NEXT,),
    "下一步": (NEXT,), "打算": (NEXT,), "重点工作": (TASK,), "工作任务": (TASK,),
    "成效": (EFFECT,), "效果": (EFFECT,), "建设": (BUILD,), "督办": (SUPERVISION,),
    "督查": (SUPERVISION,),
    # periods named by words
    "年度": (THIS_YEAR,), "本年": (THIS_YEAR,), "今年": (THIS_YEAR,), "当年": (THIS_YEAR,),
    "全年": (THIS_YEAR, FULL_YEAR), "本年度": (THIS_YEAR,), "年": (THIS_YEAR,),
    "月": (THIS_MONTH,), "本月": (THIS_MONTH,), "旬": (TEN_DAYS,), "上旬": (TEN_DAYS,),
    "中旬": (TEN_DAYS,), "下旬": (TEN_DAYS,), "本旬": (TEN_DAYS,), "十一五": (FIVE_YEAR,),
    "十二五": (FIVE_YEAR,), "十三五": (FIVE_YEAR,), "十四五": (FIVE_YEAR,), "十五五": (FIVE_YEAR,),
    "当月": (THIS_MONTH,), "月度": (THIS_MONTH,), "本期": (THIS_PERIOD,), "当期": (THIS_PERIOD,),
    "上年": (LAST_YEAR,), "去年": (LAST_YEAR,), "攻坚": (CAMPAIGN,), "攻坚期": (CAMPAIGN,),
    "百日攻坚": (CAMPAIGN,), "大干": (CAMPAIGN,),
}  # fmt: skip
# Words that say nothing about a column's meaning.
_FILLERS = (
    "工作", "的", "及", "和", "与", "或", "其中", "具体", "主要", "重点", "重大", "省", "市",
    "区", "县", "镇", "各", "有关", "相关", "等", "已", "本", "中", "在", "存在", "需", "需要",
    "协调解决", "全", "情", "万元", "亿元", "元", "个", "总", "共", "事", "省政府", "政府",
)  # fmt: skip
LEXICON: dict[str, tuple[str, ...]] = {**dict.fromkeys(_FILLERS, ()), **_W}
_LONGEST = max(len(w) for w in LEXICON)


@dataclass(frozen=True)
class Concepts:
    """The concepts of one header (or of a parent and child read together)."""

    tags: frozenset[str]
    period: Period
    rest: str  # characters no word explained

    def has(self, *tags: str) -> bool:
        """True when every tag is present."""
        return all(t in self.tags for t in tags)

    def any(self, *tags: str) -> bool:
        """True when one of the tags is present."""
        return any(t in self.tags for t in tags)


def read_concepts(text: str) -> Concepts:
    """The concepts of a header's comparable text (see `header_text`)."""
    period, tags, text = read_period(text)
    rest = []
    position = 0
    while position < len(text):
        for size in range(min(_LONGEST, len(text) - position), 0, -1):
            word = text[position : position + size]
            found = LEXICON.get(word)
            if found is not None:
                tags.update(found)
                position += size
                break
        else:
            if not text[position].isdigit() and text[position] not in "-~":
                rest.append(text[position])
            position += 1
    return Concepts(frozenset(tags), period, "".join(rest))


def combine(child: Concepts, parent: Concepts) -> Concepts:
    """A child header read under its parent: the parent adds what the child does not say."""
    period = child.period
    if not period.known():
        period = parent.period
    elif period.year is None and parent.period.year is not None:
        period = Period(
            parent.period.year,
            period.first_month,
            period.last_month,
            period.day,
            period.cumulative,
            period.years,
        )
    return Concepts(child.tags | parent.tags, period, child.rest)
