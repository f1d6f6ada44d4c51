"""Ground rules and "resolve, then release" driven through the view: a rule typed into the editor
autosaves once and survives a reload, an empty rule is never saved, deleting asks first, the
"Release it" button follows talking-through and amends, the map import adds issues once, the
language switches live (map labels translated, the user's words never), and clear() leaves
nothing on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from goldseam import i18n
from goldseam.domain import ground_rules
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.ground_rules import Agreement, Area, GroundRule, ReleaseItem
from goldseam.ui.plans.ground_rules_view import GroundRulesView
from goldseam.ui.plans.release_section import issue_text
from gui.test_step_one_gui import run, unlocked
from test_assessments import fill, lowest

pytestmark = pytest.mark.gui

RULE = "When something bothers us, we say so within a day."


def make_view(qtbot, controller) -> GroundRulesView:  # type: ignore[no-untyped-def]
    view = GroundRulesView(controller.services)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    reload(qtbot, view)
    return view


def reload(qtbot, view: GroundRulesView) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(view.loaded, timeout=5000):
        view.reload()


def stored_rules(controller) -> list[GroundRule]:  # type: ignore[no-untyped-def]
    return run(controller, lambda w: ground_rules.rules(w.session.conn))  # type: ignore[no-any-return]


def stored_items(controller) -> list[ReleaseItem]:  # type: ignore[no-untyped-def]
    return run(controller, lambda w: ground_rules.items(w.session.conn))  # type: ignore[no-any-return]


def add_items(controller, *found: ReleaseItem) -> None:  # type: ignore[no-untyped-def]
    def job(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            for item in found:
                ground_rules.save_item(conn, item)

    run(controller, job)


def complete_map(controller, issues: list[str]) -> None:  # type: ignore[no-untyped-def]
    def job(worker) -> None:  # type: ignore[no-untyped-def]
        d = definitions.get("reasons")
        with worker.session.transaction() as conn:
            run_id = runs.start(conn, d, {})
        answers = fill(d, lambda key, rs: issues if key == "issues" else lowest(key, rs))
        with worker.session.transaction() as conn:
            runs.complete(conn, run_id, answers)

    run(controller, job)


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: Any, title: str, _text: str, *_args: Any) -> QMessageBox.StandardButton:
        asked.append(title)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def select(qtbot, section: Any, row: int) -> None:  # type: ignore[no-untyped-def]
    section.list.setCurrentIndex(section.model.index(row))
    qtbot.waitUntil(lambda: section.editor.isVisible(), timeout=2000)


def test_a_rule_typed_in_the_editor_autosaves_once_and_survives_a_reload(
    qtbot, make_controller, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    view = make_view(qtbot, controller)
    rules = view.rules
    assert not rules.editor.isVisible()
    assert "No ground rules yet" in rules.summary.text()

    qtbot.mouseClick(rules.new_button, Qt.MouseButton.LeftButton)
    assert rules.editor.isVisible() and rules.text.hasFocus()
    assert rules.text.placeholderText() == _example(Area.COMMUNICATION)
    rules.area.setCurrentIndex(rules.area.findData(str(Area.BOUNDARIES)))
    assert rules.text.placeholderText() == _example(Area.BOUNDARIES)
    assert "sentence" in rules.problem.text(), "an empty rule is explained, gently"
    assert view.pending_save_jobs() == [], "and never saved"

    qtbot.keyClicks(rules.text, RULE[:20])
    rules.save_now()  # a first save, and a second one queued before the first has come back:
    qtbot.keyClicks(rules.text, RULE[20:])
    rules.save_now()  # the second must update the new row, not insert another
    rules.agreed.setCurrentIndex(rules.agreed.findData(str(Agreement.BOTH)))
    assert rules.problem.text() == ""
    qtbot.waitUntil(lambda: [r.agreed for r in stored_rules(controller)] == [Agreement.BOTH], timeout=5000)
    (saved,) = stored_rules(controller)
    assert saved.text == RULE and saved.area is Area.BOUNDARIES
    qtbot.waitUntil(lambda: rules.summary.text() == "1 of 1 rule agreed by you both", timeout=3000)
    assert rules.model.rowCount() == 1
    assert rules.text.toPlainText() == RULE, "the editor stays as the user left it"

    later = GroundRulesView(controller.services)
    qtbot.addWidget(later)
    reload(qtbot, later)
    assert later.rules.model.rowCount() == 1
    later.rules.list.setCurrentIndex(later.rules.model.index(0))
    assert later.rules.text.toPlainText() == RULE
    assert later.rules.agreed.currentData() == str(Agreement.BOTH)
    assert later.rules.area.currentData() == str(Area.BOUNDARIES)
    assert not later.rules.text.document().isUndoAvailable()


def _example(area: Area) -> str:
    return i18n._(ground_rules.AREA_EXAMPLES[area])


def test_deleting_a_rule_asks_first(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)

    def job(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            ground_rules.save_rule(conn, GroundRule(Area.COMMUNICATION, "first", agreed=Agreement.BOTH))
            ground_rules.save_rule(conn, GroundRule(Area.OTHER, "second"))

    run(controller, job)
    view = make_view(qtbot, controller)
    assert view.rules.summary.text() == "1 of 2 rules agreed by you both"
    select(qtbot, view.rules, 1)
    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    view.rules.delete_button.click()
    assert asked == ["Delete this rule?"]
    assert view.rules.editor.isVisible() and len(stored_rules(controller)) == 2

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    view.rules.delete_button.click()
    assert not view.rules.editor.isVisible()
    qtbot.waitUntil(lambda: view.rules.model.rowCount() == 1, timeout=5000)
    assert [r.text for r in stored_rules(controller)] == ["first"]
    assert view.rules.summary.text() == "1 of 1 rule agreed by you both"


def test_pending_edits_are_handed_over_before_a_lock(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    view = make_view(qtbot, controller)
    view.rules.new_record()
    qtbot.keyClicks(view.rules.text, "Take it slowly.")
    view.release.new_record()
    qtbot.keyClicks(view.release.issue, "Money")
    jobs = view.pending_save_jobs()
    assert len(jobs) == 2
    for job in jobs:
        run(controller, job)
    assert [r.text for r in stored_rules(controller)] == ["Take it slowly."]
    assert [i.issue for i in stored_items(controller)] == ["Money"]


def test_an_own_issue_is_released_after_talking_it_through_and_can_be_undone(
    qtbot, make_controller, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    view = make_view(qtbot, controller)
    release = view.release
    view.tabs.setCurrentIndex(1)
    release.new_button.click()
    assert release.issue.isVisible() and release.issue.hasFocus()
    assert not release.release_button.isEnabled()
    qtbot.keyClicks(release.issue, "Who does the planning")
    assert not release.release_button.isEnabled()
    assert "Talk it through together first" in release.problem.text()
    release.talked.click()
    assert release.release_button.isEnabled() and not release.problem.isVisible()
    release.release_button.click()
    qtbot.waitUntil(lambda: [i.released for i in stored_items(controller)] == [True], timeout=5000)
    assert release.released_note.text().startswith("Released on ")
    assert release.undo_button.isVisible() and not release.release_button.isVisible()
    assert not release.talked.isEnabled(), "a released issue can't be un-talked-through"
    qtbot.waitUntil(lambda: release.model.rowCount() == 1, timeout=3000)
    assert release.model.index(0).data() == "Who does the planning\nReleased"
    assert release.summary.text() == "1 of 1 issue released"

    release.undo_button.click()
    qtbot.waitUntil(lambda: [i.released for i in stored_items(controller)] == [False], timeout=5000)
    assert release.release_button.isVisible() and release.release_button.isEnabled()
    assert release.talked.isEnabled()
    qtbot.waitUntil(lambda: release.model.index(0).data() == "Who does the planning\nTalked through", timeout=3000)


def test_issues_from_the_map_are_imported_once_and_broken_trust_needs_amends(
    qtbot, make_controller, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    view = make_view(qtbot, controller)
    release = view.release
    view.tabs.setCurrentIndex(1)
    release.import_button.click()
    qtbot.waitUntil(lambda: release.import_note.text() != "", timeout=5000)
    assert release.import_note.text().startswith("Take the “Why did it end")
    assert release.model.rowCount() == 0

    complete_map(controller, ["trust", "practical"])
    release.import_button.click()
    qtbot.waitUntil(lambda: release.model.rowCount() == 2, timeout=5000)
    assert release.import_note.text() == "Added 2 issues from your map."
    release.import_button.click()
    qtbot.waitUntil(lambda: release.import_note.text().startswith("Nothing new to add"), timeout=5000)
    assert len(stored_items(controller)) == 2

    trust = next(row for row in range(2) if release.model.record(row).source == "reasons:trust")  # type: ignore[union-attr]
    select(qtbot, release, trust)
    assert release.heading.isVisible() and not release.issue.isVisible(), "map labels aren't edited"
    release.talked.click()
    assert not release.release_button.isEnabled()
    assert "amends" in release.problem.text()
    release.amends.click()
    assert release.release_button.isEnabled()
    release.release_button.click()
    qtbot.waitUntil(
        lambda: [i.released for i in stored_items(controller) if i.source == "reasons:trust"] == [True], timeout=5000
    )


def test_the_language_switches_live_but_the_users_words_stay_as_written(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    add_items(controller, ReleaseItem("Trust, or unfaithfulness", "reasons:trust"), ReleaseItem("Who plans"))
    view = make_view(qtbot, controller)
    view.tabs.setCurrentIndex(1)
    select(qtbot, view.release, 0)
    i18n.set_language(i18n.PSEUDO_ACCENTED)
    view.retranslate()
    assert view.release.model.index(0).data().startswith("⟦")
    assert view.release.heading.text().startswith("⟦")
    assert view.release.model.index(1).data().startswith("Who plans\n⟦")
    untranslated = [
        text
        for widget in view.findChildren(QWidget)
        if widget.isVisibleTo(view) and isinstance(widget, QLabel | QAbstractButton)
        for text in [widget.text()]
        if text and not text.startswith("⟦")
    ]
    assert untranslated == []
    assert all(view.tabs.tabText(i).startswith("⟦") for i in range(view.tabs.count()))


def test_clear_leaves_nothing_on_screen(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    run(controller, lambda w: _save_rule(w, GroundRule(Area.COMMUNICATION, "secret rule 7Qx")))
    add_items(controller, ReleaseItem("secret issue 7Qx", notes="secret note 7Qx"))
    view = make_view(qtbot, controller)
    select(qtbot, view.rules, 0)
    qtbot.keyClicks(view.rules.notes, "typed 7Qx")
    view.tabs.setCurrentIndex(1)
    select(qtbot, view.release, 0)
    release_button_text = view.release.release_button.text()
    view.release.import_button.click()
    qtbot.waitUntil(lambda: view.release.import_note.text() != "", timeout=5000)

    view.clear()
    assert view.rules.model.rowCount() == 0 and view.release.model.rowCount() == 0
    assert view.pending_save_jobs() == []
    for edit in view.findChildren(QPlainTextEdit):
        assert edit.toPlainText() == "" and not edit.document().isUndoAvailable()
    for line in view.findChildren(QLineEdit):
        assert line.text() == ""
    texts = [w.text() for w in view.findChildren(QWidget) if isinstance(w, QLabel | QAbstractButton)]
    assert not any("7Qx" in text for text in texts)
    assert view.release.import_note.text() == ""
    assert not view.rules.editor.isVisible() and not view.release.editor.isVisible()
    assert view.release.release_button.text() == release_button_text


def _save_rule(worker, rule: GroundRule) -> None:  # type: ignore[no-untyped-def]
    with worker.session.transaction() as conn:
        ground_rules.save_rule(conn, rule)


def test_every_input_is_named_for_keyboard_and_screen_reader_users(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    view = make_view(qtbot, controller)
    view.rules.new_record()
    view.release.new_record()
    buddies = {label.buddy() for label in view.findChildren(QLabel) if label.buddy() is not None}
    unnamed = [
        type(widget).__name__
        for widget in view.findChildren(QWidget)
        if isinstance(widget, QComboBox | QLineEdit | QPlainTextEdit | QListView)
        and widget.window() is view  # not the combo boxes' own popups
        and widget not in buddies
        and not widget.accessibleName()
    ]
    assert unnamed == []
    assert all(b.text() for b in view.findChildren(QAbstractButton) if isinstance(b, QPushButton | QCheckBox))


def test_map_issues_show_the_checks_current_wording() -> None:
    assert issue_text(ReleaseItem("Trust or cheating (old wording)", "reasons:trust")) == "Trust, or unfaithfulness"
    assert issue_text(ReleaseItem("Gone option", "reasons:gone")) == "Gone option"
    assert issue_text(ReleaseItem("Trust, or unfaithfulness")) == "Trust, or unfaithfulness"
