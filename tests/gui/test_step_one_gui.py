"""Journal, Today, Space and Growth driven through the window: models, autosave across a lock,
search, lazy fetching, urges, unsent messages with cooling off, goals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

from goldseam.domain import journal, unsent_messages
from goldseam.domain.journal import Entry, EntryKind
from goldseam.ui.journal.entry_list_model import ID_ROLE, SNIPPET_ROLE
from goldseam.ui.journal.journal_page import JournalPage
from goldseam.ui.space.space_dialogs import UrgeDialog
from goldseam.ui.space.space_page import SpacePage
from gui.conftest import CANARY, visible_dialogs
from gui.test_vault_flows import make_vault, unlock_through_window

pytestmark = pytest.mark.gui


def unlocked(qtbot, make_controller, tmp_path: Path):  # type: ignore[no-untyped-def]
    make_vault(tmp_path / "vault")
    controller = make_controller()
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    return controller


def page(controller, kind):  # type: ignore[no-untyped-def]
    return next(p for p in controller.pages if isinstance(p, kind))


def run(controller, job):  # type: ignore[no-untyped-def]
    return controller.worker.submit(job).result()


def add_entries(controller, count: int, body: str = "river stones") -> None:  # type: ignore[no-untyped-def]
    def job(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            for i in range(count):
                minute = i % 60
                journal.save_entry(
                    conn,
                    Entry(
                        written_at=f"2026-0{1 + i // 1500}-{1 + (i // 60) % 28:02d}T10:{minute:02d}:00",
                        title=f"entry {i}",
                        body=body,
                    ),
                )

    run(controller, job)


def open_journal(qtbot, controller) -> JournalPage:  # type: ignore[no-untyped-def]
    journal_page = page(controller, JournalPage)
    controller.navigate("journal")
    qtbot.waitUntil(lambda: not journal_page.model.loading, timeout=5000)
    return journal_page


def test_the_list_model_passes_qt_model_checks_and_fetches_lazily(
    qtbot, qtmodeltester, make_controller, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    add_entries(controller, 450)
    journal_page = open_journal(qtbot, controller)
    model = journal_page.model
    qtbot.waitUntil(lambda: model.rowCount() == journal.PAGE_SIZE, timeout=5000)
    assert model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore(), "no second request while a page is on its way"
    qtbot.waitUntil(lambda: model.rowCount() == 2 * journal.PAGE_SIZE, timeout=5000)
    qtmodeltester.check(model, force_py=True)  # also exercises fetchMore (once per model: it stays connected)
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    while model.canFetchMore():
        model.fetchMore()
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 450
    ids = [model.index(r).data(ID_ROLE) for r in range(450)]
    assert len(set(ids)) == 450


def test_search_from_the_box_shows_highlighted_snippets(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    add_entries(controller, 5, "a quiet harbour at dawn")
    add_entries(controller, 3, "nothing relevant")
    journal_page = open_journal(qtbot, controller)
    qtbot.keyClicks(journal_page.search, "harb*")
    qtbot.waitUntil(lambda: journal_page.model.rowCount() == 5 and not journal_page.model.loading, timeout=5000)
    assert "\x02" in journal_page.model.index(0).data(SNIPPET_ROLE)
    journal_page.search.setText('"unbalanced')
    journal_page.apply_query()
    qtbot.waitUntil(lambda: not journal_page.model.loading, timeout=5000)
    assert journal_page.model.rowCount() == 0
    assert not visible_dialogs(), "odd search text never produces an error dialog"


def test_best_match_says_when_it_ranks_only_the_newest_matches(qtbot, make_controller, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from goldseam.domain import search

    monkeypatch.setattr(search, "BEST_MATCH_POOL", 3)
    controller = unlocked(qtbot, make_controller, tmp_path)
    add_entries(controller, 5, "a quiet harbour at dawn")
    journal_page = open_journal(qtbot, controller)
    journal_page.search.setText("harbour")
    journal_page.apply_query()
    qtbot.waitUntil(lambda: "5 entries match" in journal_page.count_label.text(), timeout=5000)
    assert "newest" not in journal_page.count_label.text(), "newest first lists every match"
    journal_page.order.setCurrentIndex(journal_page.order.findData(str(search.SearchOrder.BEST)))
    qtbot.waitUntil(lambda: "among the newest 3" in journal_page.count_label.text(), timeout=5000)
    qtbot.waitUntil(lambda: journal_page.model.rowCount() == 3 and not journal_page.model.loading, timeout=5000)


def test_autosave_survives_a_forced_lock_without_duplicates(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Typing, then locking before the autosave timer fires: the text is saved exactly once."""
    controller = unlocked(qtbot, make_controller, tmp_path)
    journal_page = open_journal(qtbot, controller)
    journal_page.start_entry(EntryKind.FREE)
    editor = journal_page.editor
    qtbot.keyClicks(editor.body, "first words")
    qtbot.waitUntil(lambda: editor.status.text() == "Saved", timeout=5000)
    qtbot.keyClicks(editor.body, f" then the secret {CANARY}")
    controller.lock("manual")
    assert editor.body.toPlainText() == "" and not editor.body.document().isUndoAvailable()
    assert journal_page.model.rowCount() == 0
    for widget in controller.window.findChildren(QPlainTextEdit) + controller.window.findChildren(QTextEdit):
        assert CANARY not in widget.toPlainText()
    for line in controller.window.findChildren(QLineEdit):
        assert CANARY not in line.text()
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    rows = run(controller, lambda w: w.session.conn.execute("SELECT body FROM entry").fetchall())
    assert rows == [(f"first words then the secret {CANARY}",)]


def test_a_new_entry_locked_before_its_first_save_is_saved_once(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    journal_page = open_journal(qtbot, controller)
    journal_page.start_entry(EntryKind.GRATITUDE)
    qtbot.keyClicks(journal_page.editor.body, "grateful for tea")
    journal_page.editor.save_now()  # a save in flight …
    qtbot.keyClicks(journal_page.editor.body, " and sunshine")
    controller.lock("idle")  # … and a lock right behind it
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    rows = run(controller, lambda w: w.session.conn.execute("SELECT kind, body FROM entry").fetchall())
    assert rows == [("gratitude", "grateful for tea and sunshine")]


def test_today_offers_a_prompt_that_opens_in_the_journal(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    today_page = controller.pages[0]
    qtbot.waitUntil(lambda: today_page._info is not None, timeout=5000)
    prompt = today_page._info.prompt
    qtbot.mouseClick(today_page.write, Qt.MouseButton.LeftButton)
    journal_page = page(controller, JournalPage)
    assert controller.shell.current_page() is journal_page
    assert journal_page.editor.prompt_text.text() == prompt.text
    assert journal_page.editor.kind.currentData() == str(prompt.kind)


def test_an_urge_is_logged_from_today(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.navigate("space", "urge")
    dialog = next(d for d in visible_dialogs() if isinstance(d, UrgeDialog))
    dialog.instead[next(iter(dialog.instead))].setChecked(True)
    qtbot.keyClicks(dialog.note, "saw a photo")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not any(isinstance(d, UrgeDialog) for d in visible_dialogs()), timeout=5000)
    space_page = page(controller, SpacePage)
    qtbot.waitUntil(lambda: space_page.urge_model.rowCount() == 1, timeout=5000)
    assert run(controller, lambda w: w.session.conn.execute("SELECT count(*) FROM urge").fetchone()[0]) == 1


def test_unsent_messages_cannot_be_copied_until_they_cool_off(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)

    def seed(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            unsent_messages.create(conn, "fresh words", datetime.now(UTC))
            unsent_messages.create(conn, "Please come back", datetime.now(UTC) - timedelta(days=4))

    run(controller, seed)
    controller.navigate("space", "messages")
    panel = page(controller, SpacePage).unsent
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=5000)
    rows = {panel.model.record(r).body: r for r in range(2)}
    panel.list.setCurrentIndex(panel.model.index(rows["fresh words"]))
    assert not panel.copy_button.isEnabled() and "Cooling off" in panel.state.text()
    panel.list.setCurrentIndex(panel.model.index(rows["Please come back"]))
    assert panel.copy_button.isEnabled() and panel.reread_box.isVisible()
    assert "Pleading" in panel.findings.text()
    assert "nothing to send" in panel.reminder.text()
    assert not hasattr(panel, "send_button"), "Goldseam never sends anything"


def test_typing_a_message_runs_the_respect_check_and_distress_offers_help(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.navigate("space", "messages")
    panel = page(controller, SpacePage).unsent
    panel.new_message()
    qtbot.waitUntil(lambda: panel._current is not None, timeout=5000)
    qtbot.keyClicks(panel.editor, "Answer me. I don't want to live without you")
    qtbot.waitUntil(lambda: "Pressure" in panel.findings.text(), timeout=3000)
    assert panel.help_button.isVisible()


def test_a_goal_with_steps_is_saved_from_the_growth_page(qtbot, make_controller, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    controller.navigate("growth", "new")
    growth = controller.shell.current_page()
    qtbot.keyClicks(growth.goal_title, "Run a 5k")
    for step in ("Buy shoes", "Run twice this week"):
        qtbot.keyClicks(growth.new_step, step)
        qtbot.keyClick(growth.new_step, Qt.Key.Key_Return)
    growth.save_button.click()
    qtbot.waitUntil(lambda: growth.goal_model.rowCount() == 1, timeout=5000)
    saved = run(
        controller, lambda w: w.session.conn.execute("SELECT title FROM goal_step ORDER BY position").fetchall()
    )
    assert saved == [("Buy shoes",), ("Run twice this week",)]
