"""``goldseam --self-test --self-test-gui``: start Qt and show the main window once.

Used by packaging to prove the frozen bundle has working Qt libraries and plugins. Runs
offscreen when there is no display; uses a temporary vault folder and settings file.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def run_window_smoke_test(report: Callable[[str], None] = print) -> bool:
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.perf_counter()
    root = Path(tempfile.mkdtemp(prefix="goldseam-gui-test-"))
    try:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from goldseam.ui.app import make_application
        from goldseam.ui.app_controller import AppController
        from goldseam.ui.app_settings import AppSettings

        app = make_application()
        controller = AppController(AppSettings(root / "settings.ini"), root / "vault", use_tray=False)
        controller.start("en")
        deadline = time.monotonic() + 10
        while controller.state == "starting" and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        QTimer.singleShot(0, app.quit)
        app.exec()
        image = controller.window.grab()
        ok = controller.state == "welcome" and not image.isNull() and controller.window.windowTitle() == "Goldseam"
        controller.shutdown()
        report(
            f"{'ok  ' if ok else 'FAIL'} window: Qt {QApplication.platformName()} platform, state "
            f"{controller.state}, {image.width()}x{image.height()} ({(time.perf_counter() - start) * 1000:.0f} ms)"
        )
        return ok
    except Exception as error:
        report(f"FAIL window: {type(error).__name__}: {error}")
        return False
    finally:
        shutil.rmtree(root, ignore_errors=True)
