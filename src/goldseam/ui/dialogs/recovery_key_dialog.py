"""Shows a new recovery key once, with printing, and asks the user to confirm they kept it."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from goldseam import i18n
from goldseam.i18n import _
from goldseam.ui.building_blocks import DIALOG_MARGIN, body_label, card, title_label
from goldseam.ui.retranslate import RetranslateMixin


class RecoveryKeyDialog(RetranslateMixin, QDialog):
    def __init__(self, formatted_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._key = formatted_key
        self.setModal(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        layout.setSpacing(12)
        self.title = title_label(self)
        self.intro = body_label(self)
        box, box_layout = card(self)
        self.key_label = QLabel(self._display_key(), box)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(max(font.pointSize(), 13) + 3)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box_layout.addWidget(self.key_label)
        self.advice = body_label(self, "muted")
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.print_key)
        self.confirm = QCheckBox(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.confirm.toggled.connect(self.ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        for widget in (self.title, self.intro, box, self.advice, self.print_button, self.confirm, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(560)
        self.retranslate()

    def _display_key(self) -> str:
        groups = self._key.split("-")
        return "\n".join("  ".join(groups[i : i + 3]) for i in range(0, len(groups), 3))

    def reject(self) -> None:
        # Closing without confirming is allowed (Escape, or a lock closing dialogs).
        self._wipe()
        super().reject()

    def accept(self) -> None:
        self._wipe()
        super().accept()

    def _wipe(self) -> None:
        self._key = ""
        self.key_label.clear()

    def document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setHtml(
            "<h2>{title}</h2><p>{intro}</p><p style='font-family: monospace; font-size: 18pt;'>{key}</p>"
            "<p>{advice}</p><p>{made}</p>".format(
                title=html.escape(_("Goldseam recovery key")),
                intro=html.escape(_("This key opens your Goldseam vault if you forget your passphrase.")),
                key=html.escape(self._key).replace("-", " - "),
                advice=html.escape(
                    _(
                        "Keep it somewhere private, away from your computer. Anyone with it and a copy of your "
                        "vault can read it. A new key replaces this one if you change your passphrase."
                    )
                ),
                made=html.escape(_("Made on {date}").format(date=i18n.format_date(date.today(), "long"))),
            )
        )
        return doc

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Goldseam")
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, False)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Your recovery key"))
        self.title.setText(_("Your recovery key"))
        self.intro.setText(
            _("If you forget your passphrase, this key is the only other way into your vault. It is shown only now.")
        )
        self.advice.setText(
            _(
                "Print it or write it down, and keep it somewhere private — not on this computer and not in a "
                "photo. Anyone who has it and a copy of your vault could read your entries. Changing your "
                "passphrase later gives you a new key and retires this one."
            )
        )
        self.print_button.setText(_("&Print…"))
        self.confirm.setText(_("I have written down or printed my recovery key"))
        self.ok.setText(_("Done"))
