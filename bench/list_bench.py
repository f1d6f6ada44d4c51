"""The journal list, measured in a fresh process: unlock-to-first-list-paint and list memory.

Started by ``journal_bench.py`` on a vault it built (and can be run on its own the same way):

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/list_bench.py --vault bench/out/run-100000/vault

Prints one JSON object. A QListView with the real EntryListModel and EntryDelegate
(uniformItemSizes, as on the journal page) is fed through the real VaultBridge and VaultWorker.

* **unlock → first list paint**: the unlock job (KDF at the vault's cost, open, quick_check) runs
  on the vault thread as the app runs it; the clock starts when that job has finished and stops
  when the list viewport's first paint event with rows has returned (an event filter on the
  viewport). On unlock the list replaces a "locked" placeholder and the model loads its first
  page, as the journal page does. Repeated with lock/unlock in between; the first run is a warm-up.
* **baseline**: a new, empty QListView put on screen in the same window, show → first paint.
* **memory**: RSS before the list exists and after every entry has been fetched into the model
  (fetchMore until exhausted), after a garbage collection; then, for scale, the same rows held
  as the bare tuples the database returns. While filling, the GUI-thread time from each page's
  arrival until the view has taken it in is recorded (first pages vs last pages).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_common
from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QListView, QStackedWidget, QWidget

from goldseam import i18n
from goldseam.domain import journal
from goldseam.ui.journal.entry_delegate import EntryDelegate
from goldseam.ui.journal.entry_list_model import EntryListModel, ListQuery
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault import opening
from goldseam.vault.vault_folder import VaultFolder
from goldseam.vault_worker import VaultWorker

TIMEOUT_S = 60.0


class PaintClock(QObject):
    """Times the first paint of a view's viewport (optionally: the first one with rows)."""

    def __init__(self, view: QListView, need_rows: bool) -> None:
        super().__init__(view)
        self.view = view
        self.need_rows = need_rows
        self.painted_at: float | None = None
        view.viewport().installEventFilter(self)

    def arm(self) -> None:
        self.painted_at = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or self.painted_at is not None:
            return False
        model = self.view.model()
        if self.need_rows and (model is None or model.rowCount() == 0):
            return False
        # Paint now (what the scroll area's own filter would do), so the clock stops when painting is done.
        self.view.viewportEvent(event)
        self.painted_at = time.perf_counter()
        return True


class Harness:
    def __init__(self, folder: VaultFolder) -> None:
        self.loop = QEventLoop()
        self.ticker = QTimer()  # wakes the waiting loop now and then, so deadlines are checked
        self.ticker.start(20)
        self.worker = VaultWorker(folder)
        self.bridge = VaultBridge(self.worker)
        self.window = QWidget()
        self.window.resize(460, 760)
        self.stack = QStackedWidget(self.window)
        self.stack.resize(460, 760)
        self.locked = QLabel("Locked", self.stack)
        self.stack.addWidget(self.locked)
        self.model = EntryListModel(self.bridge)
        self.view = self._list_view(self.model)
        self.clock = PaintClock(self.view, need_rows=True)
        self.window.show()
        self.wait_until(lambda: self.window.isVisible(), "the window")

    def wait_until(self, condition: Callable[[], bool], what: str) -> None:
        """Run the event loop until ``condition()``, sleeping between events (no busy wait: the vault
        thread's KDF needs the CPU)."""
        deadline = time.perf_counter() + TIMEOUT_S
        while not condition():
            if time.perf_counter() > deadline:
                raise TimeoutError(f"timed out waiting for {what}")
            self.loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def flush(self) -> None:
        self.loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)

    def _list_view(self, model: EntryListModel | None) -> QListView:
        view = QListView(self.stack)
        if model is not None:
            view.setModel(model)
            view.setItemDelegate(EntryDelegate(view))
        view.setUniformItemSizes(True)
        view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.stack.addWidget(view)
        return view

    def run_job(self, job: Callable[[VaultWorker], Any]) -> Any:
        box: dict[str, Any] = {}
        self.bridge.run(job, lambda result: box.setdefault("result", result), lambda e: box.setdefault("error", e))
        self.wait_until(lambda: bool(box), "a vault job")
        if "error" in box:
            raise RuntimeError(f"vault job failed: {box['error']!r}")
        return box["result"]

    def lock(self) -> None:
        self.stack.setCurrentWidget(self.locked)
        self.model.clear()
        self.bridge.new_epoch()
        self.run_job(lambda worker: worker.lock())
        self.wait_until(lambda: not self.bridge.is_busy(), "the lock")
        self.flush()

    def unlock_and_paint(self) -> dict[str, float]:
        """One unlock as the app does it; returns the phases in seconds."""
        stamps: dict[str, float] = {}

        def job(worker: VaultWorker) -> None:
            stamps["job_start"] = time.perf_counter()
            worker.adopt(opening.unlock_vault(worker.folder, bench_common.passphrase()))
            stamps["job_end"] = time.perf_counter()

        def done(_result: object) -> None:
            stamps["delivered"] = time.perf_counter()
            self.bridge.new_epoch()
            self.stack.setCurrentWidget(self.view)
            self.model.set_query(ListQuery())

        self.clock.arm()
        self.bridge.run(job, done, lambda _e: stamps.update(error=0.0), any_epoch=True)
        self.wait_until(lambda: self.clock.painted_at is not None or "error" in stamps, "the first list paint")
        if "error" in stamps:
            raise RuntimeError("unlock failed")
        assert self.clock.painted_at is not None
        return {
            "unlock_job": stamps["job_end"] - stamps["job_start"],
            "delivery": stamps["delivered"] - stamps["job_end"],
            "to_first_paint": self.clock.painted_at - stamps["job_end"],
        }

    def empty_view_paint(self) -> float:
        view = self._list_view(None)
        clock = PaintClock(view, need_rows=False)
        start = time.perf_counter()
        self.stack.setCurrentWidget(view)
        self.wait_until(lambda: clock.painted_at is not None, "the empty list's paint")
        assert clock.painted_at is not None
        elapsed = clock.painted_at - start
        self.stack.setCurrentWidget(self.locked)
        self.stack.removeWidget(view)
        view.deleteLater()
        self.flush()
        return elapsed

    def fill_list(self) -> dict[str, Any]:
        """A new model and view, then every entry fetched into it, a page at a time; RSS around it."""
        gc.collect()
        before = bench_common.rss_mib()
        model = EntryListModel(self.bridge)
        view = self._list_view(model)
        self.stack.setCurrentWidget(view)
        arrived: list[float] = []
        model.rowsAboutToBeInserted.connect(lambda *_args: arrived.append(time.perf_counter()))
        inserts: list[float] = []
        start = time.perf_counter()
        model.set_query(ListQuery())
        while True:
            self.wait_until(
                lambda: len(arrived) > len(inserts) or not (model.loading or model.canFetchMore()), "a page"
            )
            if len(arrived) == len(inserts):
                break
            self.flush()  # the view takes the new rows in (relayout, scroll bar, paint if visible)
            inserts.append((time.perf_counter() - arrived[-1]) * 1000)
            model.fetchMore()
        fetch_all = time.perf_counter() - start
        view.scrollToBottom()
        self.wait_until(lambda: not self.bridge.is_busy(), "the last page")
        self.flush()
        gc.collect()
        after = bench_common.rss_mib()
        self.memory_model = (model, view)  # kept alive while the baseline is measured
        return {
            "rows": model.rowCount(),
            "rss_before": before,
            "rss_after": after,
            "fetch_all": fetch_all,
            "inserts": inserts,
        }

    def raw_rows(self) -> dict[str, float]:
        """The same rows as bare SQL tuples (no model, no objects): the data's own footprint."""
        gc.collect()
        before = bench_common.rss_mib()

        def job(worker: VaultWorker) -> list[tuple[Any, ...]]:
            sql = f"SELECT {journal._SUMMARY_COLUMNS} FROM entry e ORDER BY e.written_at DESC, e.id DESC"
            return list(worker.session.conn.execute(sql).fetchall())

        rows = self.run_job(job)
        gc.collect()
        after = bench_common.rss_mib()
        return {"rows": float(len(rows)), "growth": after - before}

    def shutdown(self) -> None:
        self.worker.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--vault", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7, help="timed unlock→paint runs (after one warm-up)")
    parser.add_argument("--memory-security", choices=("on", "off"), default="on", help="off: what-if, not the policy")
    args = parser.parse_args(argv)
    if args.memory_security == "off":
        bench_common.without_memory_security()
    i18n.set_language("en")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    harness = Harness(VaultFolder(args.vault))
    paints: list[dict[str, float]] = []
    empties: list[float] = []
    for run in range(args.runs + 1):
        empty = harness.empty_view_paint()
        phases = harness.unlock_and_paint()
        if run > 0:  # the first of each is a warm-up (fonts, styles, caches)
            empties.append(empty)
            paints.append(phases)
        if run < args.runs:
            harness.lock()
    memory = harness.fill_list()
    raw = harness.raw_rows()
    harness.shutdown()
    result = {
        "runs": args.runs,
        "to_first_paint_ms": [p["to_first_paint"] * 1000 for p in paints],
        "delivery_ms": [p["delivery"] * 1000 for p in paints],
        "unlock_job_ms": [p["unlock_job"] * 1000 for p in paints],
        "empty_view_paint_ms": [e * 1000 for e in empties],
        "list_rows": memory["rows"],
        "rss_before_list_mib": memory["rss_before"],
        "rss_after_list_mib": memory["rss_after"],
        "fetch_all_s": memory["fetch_all"],
        "raw_rows": raw["rows"],
        "raw_rows_growth_mib": raw["growth"],
        "peak_rss_mib": bench_common.high_water_rss_mib(),
        "page_size": journal.PAGE_SIZE,
        "page_insert_ms": memory["inserts"],
    }
    print(json.dumps(result))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
