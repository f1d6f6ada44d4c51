"""Light and dark palettes that follow the system, plus a small stylesheet.

Colours are warm and quiet; contrast of text on its background stays above WCAG AA
(4.5:1) in both palettes. Widgets mark their role with a dynamic property (``role``) and
the stylesheet styles roles, never individual widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget


@dataclass(frozen=True)
class Colors:
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    accent_text: str
    highlight: str
    highlighted_text: str
    button: str
    border: str
    danger: str
    success: str
    warning_bg: str


LIGHT = Colors(
    window="#FAF7F2",
    base="#FFFFFF",
    alternate="#F3EEE6",
    text="#2B2622",
    muted="#5F574F",
    accent="#8A5D0C",
    accent_text="#FFFFFF",
    highlight="#EAD7AE",
    highlighted_text="#2B2622",
    button="#EFE8DD",
    border="#D8CDBC",
    danger="#A1322A",
    success="#2F6B3A",
    warning_bg="#FBEFD5",
)
DARK = Colors(
    window="#1E1B18",
    base="#26221E",
    alternate="#2E2924",
    text="#EDE6DC",
    muted="#B3A797",
    accent="#E2B45E",
    accent_text="#1E1B18",
    highlight="#6B5220",
    highlighted_text="#FFF8EC",
    button="#352F28",
    border="#4D443A",
    danger="#F08A7E",
    success="#8FD19B",
    warning_bg="#3A3020",
)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def build_palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, role.Window, QColor(c.window))
        p.setColor(group, role.WindowText, QColor(c.text))
        p.setColor(group, role.Base, QColor(c.base))
        p.setColor(group, role.AlternateBase, QColor(c.alternate))
        p.setColor(group, role.Text, QColor(c.text))
        p.setColor(group, role.PlaceholderText, QColor(c.muted))
        p.setColor(group, role.Button, QColor(c.button))
        p.setColor(group, role.ButtonText, QColor(c.text))
        p.setColor(group, role.Highlight, QColor(c.highlight))
        p.setColor(group, role.HighlightedText, QColor(c.highlighted_text))
        p.setColor(group, role.ToolTipBase, QColor(c.base))
        p.setColor(group, role.ToolTipText, QColor(c.text))
        p.setColor(group, role.Link, QColor(c.accent))
        p.setColor(group, role.LinkVisited, QColor(c.accent))
        p.setColor(group, role.BrightText, QColor(c.danger))
        p.setColor(group, role.Accent, QColor(c.accent))
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, r, QColor(c.muted))
    p.setColor(disabled, role.Base, QColor(c.alternate))
    p.setColor(disabled, role.Button, QColor(c.alternate))
    p.setColor(disabled, role.Window, QColor(c.window))
    return p


def build_stylesheet(c: Colors) -> str:
    return f"""
QWidget {{ font-size: 10.5pt; }}
QLabel[role="title"] {{ font-size: 19pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ font-size: 13pt; font-weight: 600; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="error"] {{ color: {c.danger}; font-weight: 600; }}
QLabel[role="success"] {{ color: {c.success}; }}
QFrame[role="card"] {{ background: {c.base}; border: 1px solid {c.border}; border-radius: 10px; }}
QFrame[role="notice"] {{ background: {c.warning_bg}; border: 1px solid {c.border}; border-radius: 8px; }}
QPushButton {{ padding: 6px 14px; border: 1px solid {c.border}; border-radius: 6px; background: {c.button}; }}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:focus, QToolButton:focus, QCheckBox:focus, QRadioButton:focus, QComboBox:focus {{
    border: 2px solid {c.accent};
}}
QPushButton[role="primary"] {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent};
    font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: {c.alternate}; color: {c.muted}; border-color: {c.border}; }}
QPushButton[role="help"] {{ color: {c.danger}; border: 1px solid {c.danger}; font-weight: 600; }}
QPushButton[role="link"] {{ border: none; background: transparent; color: {c.accent};
    text-decoration: underline; padding: 2px 4px; }}
QLineEdit, QPlainTextEdit, QTextEdit, QSpinBox, QComboBox {{ padding: 5px; border: 1px solid {c.border};
    border-radius: 6px; background: {c.base}; }}
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QSpinBox:focus {{ border: 2px solid {c.accent}; }}
QListView#navigation {{ border: none; background: {c.alternate}; padding: 8px 4px; outline: 0; }}
QListView#navigation::item {{ padding: 9px 12px; border-radius: 6px; margin: 1px 4px; }}
QListView#navigation::item:selected {{ background: {c.highlight}; color: {c.highlighted_text}; }}
QListView#navigation:focus {{ border: 2px solid {c.accent}; }}
QProgressBar {{ border: 1px solid {c.border}; border-radius: 4px; background: {c.alternate}; height: 8px;
    text-align: center; }}
QProgressBar::chunk {{ background: {c.accent}; border-radius: 4px; }}
QProgressBar[strength="0"]::chunk {{ background: {c.danger}; }}
QProgressBar[strength="3"]::chunk {{ background: {c.success}; }}
"""


class ThemeManager(QObject):
    theme_changed = Signal(bool)  # True when dark

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mode = "system"
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_change)
        self.dark = False

    def apply(self, mode: str) -> None:
        self._mode = mode if mode in ("system", "light", "dark") else "system"
        dark = system_prefers_dark() if self._mode == "system" else self._mode == "dark"
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        style = QStyleFactory.create("Fusion")
        if style is not None:
            app.setStyle(style)
        colors = DARK if dark else LIGHT
        app.setPalette(build_palette(colors))
        app.setStyleSheet(build_stylesheet(colors))
        self.dark = dark
        self.theme_changed.emit(dark)

    def colors(self) -> Colors:
        return DARK if self.dark else LIGHT

    def _on_system_change(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == "system":
            self.apply("system")


def set_role(widget: QWidget, role: str) -> None:
    """Tag a widget for the stylesheet and refresh its style."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)
