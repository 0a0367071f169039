"""One action: the chosen month's bulletin as an Excel workbook and an A4 PDF, with progress."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from app.bulletin.document import CHARTS, bulletin_html
from app.bulletin.wording import bulletin_title
from app.bulletin.workbook import write_bulletin_workbook
from app.infra.errors import UserError, os_reason
from app.infra.progress import Progress, no_progress
from app.statistics.month_statistics import MonthStatistics
from app.statistics.rates import Month

# Charts 16 cm wide at 200 dpi: sharp when printed, small in the PDF.
CHART_INCHES = (6.3, 3.0)
CHART_DPI = 200
STEPS = 6

@dataclass(frozen=True)
class BulletinFiles:
    """What was written."""

    workbook: Path
    pdf: Path
    pages: int


def bulletin_names(month: Month) -> tuple[str, str]:
    """File names: "2022年7月重点项目通报.xlsx" and ".pdf"."""
    stem = f"{month.label}重点项目通报"
    return f"{stem}.xlsx", f"{stem}.pdf"


def chart_images(stats: MonthStatistics) -> dict[str, bytes]:
    """The three charts as PNG files in memory."""
    from app.statistics import charts

    drawn = {}
    for name, draw in zip(
        CHARTS,
        (charts.draw_completion_by_list, charts.draw_investment_series, charts.draw_problems),
        strict=True,
    ):
        figure = charts.new_figure(*CHART_INCHES, dpi=CHART_DPI)
        draw(figure, stats)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=CHART_DPI)
        drawn[name] = buffer.getvalue()
    return drawn


def make_bulletin(
    stats: MonthStatistics,
    out_dir: Path,
    issued: dt.date,
    progress: Progress | None = None,
    office: str = "",
) -> BulletinFiles:
    """Write the workbook and the PDF into `out_dir`; existing files of that month are replaced.

    UserError when the folder cannot take them, `Cancelled` when the clerk cancelled: either way
    the files begun are removed and the previous ones stay as they were.
    """
    from app.infra.output_folder import ensure_folder
    from ui.bulletin.pdf import TEXT_WIDTH_PX, write_pdf

    ensure_folder(out_dir)  # made when missing, or a Chinese reason why not
    report = progress or no_progress()
    xlsx_name, pdf_name = bulletin_names(stats.month)
    workbook, pdf = out_dir / xlsx_name, out_dir / pdf_name
    # Written beside under a temporary name, then renamed: a cancel or a failure leaves the
    # previous bulletin of the month (if any) as it was.
    partial = [out_dir / f".{xlsx_name}.part", out_dir / f".{pdf_name}.part"]
    try:
        report(1, STEPS, "绘制图表…")
        images = chart_images(stats)
        report(4, STEPS, "写入 Excel 表格…")
        write_bulletin_workbook(stats, partial[0])
        report(5, STEPS, "排版 PDF…")
        pages = write_pdf(
            bulletin_html(stats, issued, TEXT_WIDTH_PX, office),
            images,
            partial[1],
            bulletin_title(stats),
        )
        partial[0].replace(workbook)
        partial[1].replace(pdf)
        report(STEPS, STEPS, "完成")
    except OSError as exc:
        raise UserError(
            f"无法在「{out_dir}」写入{stats.month.label}通报：{os_reason(exc)}。"
            "请检查文件夹能否写入、磁盘是否已满，或同名文件是否正被 WPS/Excel 打开。"
        ) from exc
    finally:
        for path in partial:
            path.unlink(missing_ok=True)
    return BulletinFiles(workbook, pdf, pages)
