"""Every page in the accented pseudo-locale: each visible label and button shows the ⟦…⟧
markers, so no text bypasses the catalogs and longer translations still lay out; the RTL
pseudo-locale mirrors the window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from goldseam import i18n
from gui.test_step_one_gui import unlocked

pytestmark = pytest.mark.gui
TAGS = re.compile(r"<[^>]*>")
YEAR = re.compile(r"^[^⟦]*\b20\d\d\b[^⟦]*$")


def visible_texts(root: QWidget) -> list[str]:
    texts = []
    for widget in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
        if not widget.isVisibleTo(root) or type(widget).__name__ == "QToolButton":
            continue
        text = TAGS.sub("", widget.text()).replace("&amp;", "&").strip()
        if text and any(ch.isalpha() for ch in text):
            texts.append(text)
    return texts


def switch(controller, code: str) -> None:  # type: ignore[no-untyped-def]
    page = controller.settings_page
    index = page.language.findData(code)
    assert index >= 0, code
    page.language.setCurrentIndex(index)
    page.language.activated.emit(index)


def test_every_page_is_translated_in_the_pseudo_locale(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOLDSEAM_PSEUDO_LOCALES", "1")
    controller = unlocked(qtbot, make_controller, tmp_path)
    switch(controller, i18n.PSEUDO_ACCENTED)
    untranslated: dict[str, list[str]] = {}
    for index, page in enumerate(controller.pages):
        controller.shell.show_page(index)
        qtbot.wait(250)
        # Dates are formatted by Babel for the locale, not translated; everything else is a catalog string.
        missing = [t for t in visible_texts(page) if "⟦" not in t and t != "Goldseam" and not YEAR.search(t)]
        if missing:
            untranslated[page.key or type(page).__name__] = missing
    controller.show_help()
    qtbot.wait(100)
    missing = [t for t in visible_texts(controller.help_page) if "⟦" not in t]
    # Helpline names and numbers are proper nouns and stay as they are.
    directory = controller.help_page.directory
    names = {line.name for country in directory.countries for line in country.lines} | {directory.directory_name}
    missing = [t for t in missing if not any(name in t for name in names)]
    if missing:
        untranslated["help"] = missing
    assert untranslated == {}


def test_rtl_pseudo_locale_mirrors_every_page(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOLDSEAM_PSEUDO_LOCALES", "1")
    controller = unlocked(qtbot, make_controller, tmp_path)
    switch(controller, i18n.PSEUDO_RTL)
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    for index, page in enumerate(controller.pages):
        controller.shell.show_page(index)
        qtbot.wait(100)
        assert page.layoutDirection() == Qt.LayoutDirection.RightToLeft
    switch(controller, "en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
