"""Qt's own words in Chinese: its zh_CN translations, plus the few they lack.

qtbase_zh_CN.qm predates some of Qt's own strings: QFileDialog's "&Look in:" and "Files of
&type:" and the file-type words "Folder" and "Drive" stayed English in the Qt file dialog
(found by listing every lookup that the shipped translation could not answer).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger("gongjian.ui")

QT_CATALOGUES = ("qtbase_zh_CN",)
"""Qt's own translations loaded (build.spec bundles these and no others: packaging/qt_files.py)."""
# (context, source text) → Chinese, for strings the shipped catalogue lacks.
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
}


class MissingWords(QTranslator):
    """Answers only the lookups in MISSING; every other string goes on to Qt's catalogue."""

    def translate(  # Qt's name
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """The Chinese for (context, source) if we carry it, else None: a null string, which
        sends Qt on to the next catalogue ("" would be taken as the translation)."""
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:  # Qt's name
        """Never empty, so Qt asks it."""
        return False


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Load Qt's zh_CN catalogue and our additions; make Chinese the default locale."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded: list[QTranslator] = []
    for name in QT_CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    extra = MissingWords(app)
    app.installTranslator(extra)  # installed last, asked first: only its own few strings
    loaded.append(extra)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return loaded
