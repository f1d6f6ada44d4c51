"""Import and export from the Journal page, with Qt's model checks on the small list models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import goldseam.ui.journal.transfer_dialogs as transfer_dialogs
from goldseam.domain import journal
from goldseam.domain.journal import Entry
from goldseam.ui.journal.journal_page import JournalPage
from goldseam.ui.record_list_model import RecordListModel
from gui.test_step_one_gui import open_journal, page, run, unlocked

pytestmark = pytest.mark.gui
DATA = Path(__file__).resolve().parents[1] / "data" / "import"


def test_import_dialog_reports_each_file_and_imports_only_when_all_are_readable(
    qtbot, make_controller, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    journal_page = open_journal(qtbot, controller)
    dialog = journal_page.open_import()
    dialog.plan([DATA / "jrnl", DATA / "damaged" / "truncated.json"])
    qtbot.waitUntil(lambda: dialog.reports.rowCount() == 3, timeout=5000)
    assert not dialog.ok.isEnabled()
    texts = [dialog.reports.index(r).data() for r in range(3)]
    assert any(t.startswith("✗ truncated.json") for t in texts)
    assert "Nothing will be imported" in dialog.summary.text()
    dialog.plan([DATA / "jrnl"])
    qtbot.waitUntil(dialog.ok.isEnabled, timeout=5000)
    dialog.ok.click()
    qtbot.waitUntil(lambda: journal_page.model.rowCount() == 6, timeout=5000)
    assert run(controller, lambda w: journal.count_entries(w.session.conn)) == 6
    assert "6 entries imported" in controller.window.statusBar().currentMessage()


@pytest.mark.parametrize("fmt", ["md", "json", "pdf"])
def test_export_dialog_writes_a_user_only_file_after_warning(
    qtbot, make_controller, tmp_path, monkeypatch, fmt
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)

    def seed(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            journal.save_entry(conn, Entry(written_at="2026-11-01T09:00:00", title="Walk", body="By the sea"))

    run(controller, seed)
    target = tmp_path / f"export.{fmt}"
    monkeypatch.setattr(transfer_dialogs, "choose_save_file", lambda *args: target)
    dialog = page(controller, JournalPage).open_export()
    assert "not encrypted" in dialog.warning.text()
    {"md": dialog.markdown, "json": dialog.json, "pdf": dialog.pdf}[fmt].setChecked(True)
    dialog.ok.click()
    qtbot.waitUntil(target.exists, timeout=10000)
    qtbot.waitUntil(lambda: "exported" in controller.window.statusBar().currentMessage(), timeout=10000)
    assert target.stat().st_mode & 0o077 == 0
    content = target.read_bytes()
    if fmt == "pdf":
        assert content.startswith(b"%PDF")
    elif fmt == "json":
        assert json.loads(content)["entries"][0]["body"] == "By the sea"
    else:
        assert b"By the sea" in content
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_record_list_model_passes_qt_model_checks(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model: RecordListModel[str] = RecordListModel(lambda s: s.upper())
    model.set_records(["a", "b", "c"])
    qtmodeltester.check(model, force_py=True)
    model.replace(1, "z")
    assert model.index(1).data() == "Z"
