"""Copying private text: marked as sensitive, and cleared again.

The copy carries the hints clipboard managers honour (KDE's password-manager hint, the
macOS concealed type, and Windows' formats that keep it out of clipboard history and cloud
clipboard). It is cleared after a timeout only if it is still what we put there, and when
the vault locks or the app quits. On X11 the selection buffer is cleared too.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QByteArray, QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

_WIN_MIME = 'application/x-qt-windows-mime;value="{}"'
_ZERO_DWORD = QByteArray(b"\x00\x00\x00\x00")


def sensitive_mime_data(text: str) -> QMimeData:
    data = QMimeData()
    data.setText(text)
    data.setData("x-kde-passwordManagerHint", QByteArray(b"secret"))
    data.setData("application/x-nspasteboard-concealed-type", QByteArray(b"secret"))
    data.setData(_WIN_MIME.format("ExcludeClipboardContentFromMonitorProcessing"), QByteArray(b"1"))
    data.setData(_WIN_MIME.format("CanIncludeInClipboardHistory"), _ZERO_DWORD)
    data.setData(_WIN_MIME.format("CanUploadToCloudClipboard"), _ZERO_DWORD)
    return data


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()


class ClipboardGuard(QObject):
    def __init__(self, timeout_seconds: int = 60, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timeout_seconds = timeout_seconds
        self._ours: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)

    def copy_text(self, text: str) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setMimeData(sensitive_mime_data(text), QClipboard.Mode.Clipboard)
        if clipboard.supportsSelection():
            clipboard.setMimeData(sensitive_mime_data(text), QClipboard.Mode.Selection)
        self._ours = _digest(text)
        self._timer.start(self.timeout_seconds * 1000)

    def holds_ours(self) -> bool:
        if self._ours is None:
            return False
        return _digest(QGuiApplication.clipboard().text(QClipboard.Mode.Clipboard)) == self._ours

    def clear_if_ours(self) -> None:
        self._timer.stop()
        if self._ours is None:
            return
        clipboard = QGuiApplication.clipboard()
        for mode in (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection):
            if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
                continue
            if _digest(clipboard.text(mode)) == self._ours:
                clipboard.clear(mode)
        self._ours = None
