"""Starting the Qt application."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from goldseam import APP_ID, APP_NAME, __version__
from goldseam.ui.app_controller import AppController
from goldseam.ui.app_settings import AppSettings
from goldseam.ui.icons import app_icon


def configure_logging() -> None:
    """Warnings and errors to stderr only; modules log event names, never content."""
    level = logging.DEBUG if os.environ.get("GOLDSEAM_DEBUG") else logging.WARNING
    logging.basicConfig(level=level, format="goldseam %(levelname)s %(name)s: %(message)s")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    return app


def run_app(vault_dir: Path, language: str | None = None, vault_dir_explicit: bool = False) -> int:
    configure_logging()
    app = make_application()
    settings = AppSettings()
    if not vault_dir_explicit:
        remembered = settings.value("vault/remembered_path")
        if remembered:
            vault_dir = Path(remembered)
    controller = AppController(settings, vault_dir, vault_dir_explicit=vault_dir_explicit)
    controller.start(language)
    return app.exec()
