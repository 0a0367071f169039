"""导出/打印 dialog: paper, fit or tile, format; then the file dialog or the print preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from app.infra.errors import UserError
from app.schedule.wall_chart_model import WallChart
from app.schedule.warning_colours import ColourNaming
from app.values.date_format import compact_date
from ui.settings.keys import Settings
from ui.shell.crash import show_user_error
from ui.wall_chart.export import (
    PAPERS,
    PaperSpec,
    export_pdf,
    export_png,
    page_layout,
    render_pages,
)
from ui.widgets.file_dialogs import save_file
from ui.widgets.form_dialog import add_ok_cancel
from ui.widgets.saved_files import show_saved


class PaperDialog(QDialog):
    """Choose paper, fit-or-tile and (for export) PDF or PNG."""

    def __init__(
        self, settings: Settings, office: str, *, for_print: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印挂图" if for_print else "导出挂图")
        self._settings = settings
        self._office = office
        form = QFormLayout(self)
        self.paper = QComboBox()
        self.paper.addItems(list(PAPERS))
        self.paper.setCurrentText("A1")
        form.addRow("纸张（横向）：", self.paper)
        self.fit = QRadioButton("整张缩放（一页）")
        self.tile = QRadioButton("分页拼接（每页重复表头和冻结列）")
        self.fit.setChecked(True)
        mode = QHBoxLayout()
        group = QButtonGroup(self)
        for button in (self.fit, self.tile):
            group.addButton(button)
            mode.addWidget(button)
        form.addRow("版式：", mode)
        self.pdf = QRadioButton("PDF")
        self.png = QRadioButton("PNG 图片（整张）")
        self.pdf.setChecked(True)
        if not for_print:
            kinds = QHBoxLayout()
            kind_group = QButtonGroup(self)
            for button in (self.pdf, self.png):
                kind_group.addButton(button)
                kinds.addWidget(button)
            form.addRow("格式：", kinds)
            self.png.toggled.connect(lambda on: self.tile.setEnabled(not on))
        self.office = QLabel(
            f"{office or '（未填写）'}　<span style='color:#666'>在“设置 → 攻坚行动”中修改</span>"
        )
        form.addRow("发文单位（印在标题下）：", self.office)
        add_ok_cancel(self, form)

    def spec(self, naming: ColourNaming) -> PaperSpec:
        """The choice as a PaperSpec."""
        return PaperSpec(
            paper=self.paper.currentText(),
            tile=self.tile.isChecked() and not self.png.isChecked(),
            office=self._office,
            naming=naming,
        )


def export_chart(
    parent: QWidget, chart: WallChart, settings: Settings, naming: ColourNaming, office: str = ""
) -> Path | None:
    """导出: ask, write, say what was written."""
    dialog = PaperDialog(settings, office, for_print=False, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    spec = dialog.spec(naming)
    suffix = ".png" if dialog.png.isChecked() else ".pdf"
    suggestion = f"挂图作战-截至{compact_date(chart.as_of)}-{spec.paper}{suffix}"
    filters = "PNG 图片 (*.png)" if suffix == ".png" else "PDF 文件 (*.pdf)"
    path = save_file(parent, settings, "导出挂图", suggestion, filters, suffix=suffix)
    if path is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        if suffix == ".png":
            export_png(chart, path, spec)
            detail = "PNG 图片"
        else:
            pages = export_pdf(chart, path, spec)
            detail = f"PDF，{spec.paper} 横向，共 {pages} 页"
    except UserError as exc:
        QGuiApplication.restoreOverrideCursor()
        show_user_error(parent, exc, "无法导出")
        return None
    QGuiApplication.restoreOverrideCursor()
    show_saved(parent, "已导出", f"挂图已导出（{detail}）：\n{path}", path)
    return path


def print_chart(
    parent: QWidget, chart: WallChart, settings: Settings, naming: ColourNaming, office: str = ""
) -> None:
    """打印: ask, then show Qt's print preview drawing the same pages."""
    dialog = PaperDialog(settings, office, for_print=True, parent=parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    spec = dialog.spec(naming)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(spec.paper))
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle("打印预览 - 挂图作战")

    def paint(device: QPrinter) -> None:
        try:
            render_pages(device, chart, spec)
        except UserError as exc:
            show_user_error(parent, exc, "无法打印")

    preview.paintRequested.connect(paint)
    preview.exec()
