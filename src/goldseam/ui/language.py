"""Switching the interface language: gettext catalogs plus Qt's own dialog strings."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from goldseam import i18n


class LanguageManager(QObject):
    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qt_translator: QTranslator | None = None

    def apply(self, code: str | None) -> str:
        """Activate ``code`` (None or "": follow the system) everywhere, live."""
        chosen = i18n.set_language(code or None, QLocale.system().uiLanguages())
        self._install_qt_translator(chosen)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft if i18n.is_rtl(chosen) else Qt.LayoutDirection.LeftToRight
            )
            QLocale.setDefault(QLocale(str(i18n.babel_locale())))
            # installTranslator already sends LanguageChange when a Qt catalog exists; send it
            # anyway so widgets update for languages without one (and for English).
            QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
            # QApplication forwards it to each window as a posted event; deliver those now so
            # every text is updated by the time this returns.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(chosen)
        return chosen

    def _install_qt_translator(self, code: str) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        if self._qt_translator is not None:
            QCoreApplication.removeTranslator(self._qt_translator)
            self._qt_translator = None
        if code == i18n.SOURCE_LANGUAGE or code in i18n.PSEUDO_LANGUAGES:
            return
        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(code), "qtbase", "_", folder) or translator.load(QLocale(code), "qt", "_", folder):
            QCoreApplication.installTranslator(translator)
            self._qt_translator = translator
