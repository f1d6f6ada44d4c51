"""Passphrase entry, a strength meter that runs off the GUI thread, and a generator button."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from goldseam import passphrase_policy
from goldseam.crypto.secret_buffer import passphrase_bytes
from goldseam.i18n import _
from goldseam.passphrase_policy import Assessment, Strength
from goldseam.ui.icons import named_icon
from goldseam.ui.retranslate import RetranslateMixin

_ESTIMATOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="goldseam-estimator")
DEBOUNCE_MS = 150


class PassphraseInput(QLineEdit):
    """A password-mode line edit with a show/hide toggle; hands its text over as bytes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self._apply_sensitive_hints()
        self.setClearButtonEnabled(False)
        self._toggle = QAction(self)
        self._toggle.setCheckable(True)
        self._toggle.setIcon(named_icon("eye"))
        self._toggle.toggled.connect(self._on_toggle)
        self.addAction(self._toggle, QLineEdit.ActionPosition.TrailingPosition)
        self.retranslate_toggle()

    def _apply_sensitive_hints(self) -> None:
        self.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )

    def retranslate_toggle(self) -> None:
        text = _("Hide passphrase") if self._toggle.isChecked() else _("Show passphrase")
        self._toggle.setText(text)
        self._toggle.setToolTip(text)

    def _on_toggle(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self._toggle.setIcon(named_icon("eye-off" if shown else "eye"))
        self._apply_sensitive_hints()
        self.retranslate_toggle()

    def set_revealed(self, shown: bool) -> None:
        self._toggle.setChecked(shown)

    def take_secret(self) -> bytearray:
        """The NFC-normalised UTF-8 bytes; the field is cleared."""
        secret = passphrase_bytes(self.text())
        self.wipe()
        return secret

    def peek_secret(self) -> bytearray:
        return passphrase_bytes(self.text())

    def wipe(self) -> None:
        self.clear()
        self.set_revealed(False)


class _EstimateRelay(QObject):
    finished = Signal(int, object)


class StrengthMeter(RetranslateMixin, QWidget):
    """Shows how hard a passphrase would be to guess, with specific, kind hints."""

    assessed = Signal(object)  # Assessment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_inputs: list[str] = []
        self._sequence = 0
        self._latest: Assessment | None = None
        self._pending_text = ""
        self._relay = _EstimateRelay(self)
        self._relay.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_estimate)

        self.bar = QProgressBar(self)
        self.bar.setRange(0, 3)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hints = QLabel(self)
        self.hints.setWordWrap(True)
        self.hints.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hints.setProperty("role", "muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        layout.addLayout(row)
        layout.addWidget(self.label)
        layout.addWidget(self.hints)
        self.retranslate()

    @property
    def latest(self) -> Assessment | None:
        return self._latest

    def set_user_inputs(self, inputs: list[str]) -> None:
        self._user_inputs = [i for i in inputs if i.strip()]
        if self._pending_text:
            self.update_text(self._pending_text)

    def update_text(self, text: str) -> None:
        self._pending_text = text
        self._sequence += 1
        self._latest = None
        self._debounce.start()

    def _start_estimate(self) -> None:
        sequence = self._sequence
        text, inputs = self._pending_text, list(self._user_inputs)
        future: Future[Assessment] = _ESTIMATOR.submit(passphrase_policy.assess, text, inputs)
        future.add_done_callback(lambda f: self._relay.finished.emit(sequence, f.result()))

    @Slot(int, object)
    def _on_finished(self, sequence: int, assessment: Assessment) -> None:
        if sequence != self._sequence:
            return  # the text changed since; a newer estimate is on its way
        self._latest = assessment
        self._show(assessment)
        self.assessed.emit(assessment)

    def _show(self, assessment: Assessment | None) -> None:
        if assessment is None or assessment.length == 0:
            self.bar.setValue(0)
            self.label.setText(_("Use several unrelated words. Spaces and any language are fine."))
            self.hints.clear()
            self.hints.hide()
            return
        self.bar.setValue(int(assessment.strength) if assessment.strength > Strength.TOO_WEAK else 0)
        self.bar.setProperty("strength", str(int(assessment.strength)))
        self.bar.style().unpolish(self.bar)
        self.bar.style().polish(self.bar)
        self.label.setText(assessment.label)
        self.bar.setAccessibleName(_("Passphrase strength: {label}").format(label=assessment.label))
        self.hints.setText("\n".join(assessment.problems + assessment.hints))
        self.hints.setVisible(bool(self.hints.text()))

    def clear(self) -> None:
        self._pending_text = ""
        self._sequence += 1
        self._latest = None
        self._debounce.stop()
        self._show(None)

    def retranslate(self) -> None:
        self.bar.setAccessibleName(_("Passphrase strength"))
        if self._latest is not None:
            # The assessment's messages were translated when made; recompute in the new language.
            self.update_text(self._pending_text)
        else:
            self._show(None)
