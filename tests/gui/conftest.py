"""Fixtures for driving the real window with pytest-qt (offscreen)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QPlainTextEdit, QVBoxLayout, QWidget

import goldseam.ui.app_controller as app_controller_module
from goldseam.crypto.kdf import FLOOR_COST, Calibration
from goldseam.i18n import _
from goldseam.ui.app_controller import AppController
from goldseam.ui.app_settings import AppSettings
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices

CANARY = "gui-canary-Hx71"


class EditorTestPage(ShellPage):
    """A stand-in area page with an editor, to prove locking saves drafts and clears editors."""

    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.editor = QPlainTextEdit(self)
        QVBoxLayout(self).addWidget(self.editor)

    def nav_title(self) -> str:
        return _("Journal")

    def retranslate(self) -> None:
        pass

    def drafts_for_lock(self) -> list[tuple[str, str]]:
        return [("test-editor", self.editor.toPlainText())] if self.editor.toPlainText() else []

    def clear_for_lock(self) -> None:
        self.editor.setPlainText("")
        self.editor.document().clearUndoRedoStacks()


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_controller_module, "calibrate", lambda: Calibration(FLOOR_COST, 0.1, False))


@pytest.fixture
def make_controller(qtbot, tmp_path: Path, fast_kdf, monkeypatch) -> Iterator[Callable[..., AppController]]:  # type: ignore[no-untyped-def]
    made: list[AppController] = []

    def make(vault_dir: Path | None = None, with_editor: bool = False, language: str = "en") -> AppController:
        if with_editor:
            monkeypatch.setattr(app_controller_module, "build_area_pages", lambda services: [EditorTestPage(services)])
        settings = AppSettings(tmp_path / f"settings-{len(made)}.ini")
        controller = AppController(settings, vault_dir or tmp_path / "vault", use_tray=False)
        qtbot.addWidget(controller.window)
        controller.start(language)
        qtbot.waitUntil(lambda: controller.state != "starting", timeout=10000)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.shutdown()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog):
            widget.hide()
            widget.deleteLater()


def visible_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
