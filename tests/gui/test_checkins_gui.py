"""Check-ins and the decision dashboard driven through the real window: one question at a time,
autosave and resume across a lock, results with two equal paths, a crisis answer showing help
at once, red and amber safety results switching reconnecting off, history (hide, delete,
"entered by mistake"), re-take intervals, and unsent-message copying following the care state."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from goldseam.domain import unsent_messages
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.care_gate import Level
from goldseam.domain.decision_overview import StepStatus
from goldseam.ui.checkins.checkins_page import CheckinsPage
from goldseam.ui.dashboard.dashboard_page import DashboardPage
from goldseam.ui.pages.today_page import TodayPage
from goldseam.ui.space.space_page import SpacePage
from gui.test_step_one_gui import page, run, unlocked
from gui.test_vault_flows import unlock_through_window
from test_assessments import fill, lowest

pytestmark = pytest.mark.gui


def open_checkins(qtbot, controller) -> CheckinsPage:  # type: ignore[no-untyped-def]
    checkins = page(controller, CheckinsPage)
    with qtbot.waitSignal(checkins.statuses_loaded, timeout=5000):
        controller.navigate("checkins")
        checkins.reload()
    qtbot.wait(50)  # an earlier load may still be queued; let everything land
    with qtbot.waitSignal(checkins.statuses_loaded, timeout=5000):
        checkins.reload()
    return checkins


def start(qtbot, checkins: CheckinsPage, assessment: str) -> None:  # type: ignore[no-untyped-def]
    checkins.cards[assessment].take.click()
    qtbot.waitUntil(lambda: checkins.stack.currentWidget() is checkins.runner, timeout=5000)
    assert checkins.runner.definition is not None and checkins.runner.definition.id == assessment


def choose(qtbot, checkins: CheckinsPage, value: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Tick an option (the first real one unless ``value``) and press Next."""
    runner = checkins.runner
    options = [b for b in runner._option_widgets if b.property("option_value") != "prefer_not"]
    if options:
        target = next((b for b in options if b.property("option_value") == value), None) if value else options[0]
        assert target is not None, f"no option {value}"
        target.click()
    assert runner.next.isEnabled()
    runner.next.click()


def answer_all(qtbot, checkins: CheckinsPage, chosen: dict[str, str] | None = None) -> None:  # type: ignore[no-untyped-def]
    """Answer every question (first option unless ``chosen`` says otherwise) until the result shows."""
    chosen = chosen or {}
    for _step in range(200):
        if checkins.stack.currentWidget() is checkins.result:
            return
        runner = checkins.runner
        questions = runner.questions()
        last = runner.position == len(questions) - 1
        choose(qtbot, checkins, chosen.get(questions[runner.position].key))
        if last:
            break
    qtbot.waitUntil(lambda: checkins.stack.currentWidget() is checkins.result, timeout=5000)


def complete_directly(controller, assessment: str, chosen: dict[str, Any] | None = None) -> None:  # type: ignore[no-untyped-def]
    def job(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            d = definitions.get(assessment)
            context = runs.context_for(conn, assessment)
            run_id = runs.start(conn, d, context)
            runs.complete(conn, run_id, fill(d, lambda k, rs: (chosen or {}).get(k, lowest(k, rs)), context))

    run(controller, job)
    controller.care.refresh()


def test_safety_check_one_question_at_a_time_resumes_after_a_lock(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Answers autosave as you go; locking mid-way keeps them; the card says Resume; the flow picks up
    at the same question; finishing shows the band and both paths; the card then says Take again."""
    controller = unlocked(qtbot, make_controller, tmp_path)
    checkins = open_checkins(qtbot, controller)
    assert checkins.cards["safety"].take.text() == "Start"
    assert checkins.services.care.state.level is Level.UNSCREENED
    start(qtbot, checkins, "safety")
    runner = checkins.runner
    assert not runner.next.isEnabled(), "Next waits for an answer"
    assert "Prefer not to say" in [b.text() for b in runner._option_widgets]
    choose(qtbot, checkins, "never")
    choose(qtbot, checkins, "never")
    assert runner.position == 2
    runner.back.click()
    assert runner.position == 1 and runner._option_widgets[0].isChecked(), "back keeps the answer"
    controller.lock("manual")
    qtbot.waitUntil(lambda: controller.state == "locked", timeout=5000)
    assert runner.definition is None and not runner.answers, "nothing left on screen"
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    checkins = open_checkins(qtbot, controller)
    assert checkins.cards["safety"].take.text() == "Resume"
    start(qtbot, checkins, "safety")
    assert checkins.runner.position == 1 and len(checkins.runner.answers) == 2
    answer_all(qtbot, checkins, {})
    result = checkins.result
    assert result.band.text() == "Nothing here suggests you weren't safe"
    qtbot.waitUntil(lambda: checkins.services.care.state.level is not Level.UNSCREENED, timeout=5000)
    assert not result.paths_box.reconnect.isHidden() and not result.paths_box.move_forward.isHidden()
    assert result.paths_box.reconnect.minimumHeight() == result.paths_box.move_forward.minimumHeight()
    assert result.paths_box.reconnect.styleSheet() == result.paths_box.move_forward.styleSheet(), "equal weight"
    result.back.click()
    qtbot.waitUntil(lambda: checkins.cards["safety"].take.text() == "Take again", timeout=5000)


def test_crisis_answer_shows_help_at_once_and_sets_reconnecting_aside(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    complete_directly(controller, "safety")
    complete_directly(controller, "readiness", {f"R{i}": "4" for i in range(1, 11)})
    qtbot.waitUntil(lambda: controller.care.state.level is Level.READY, timeout=5000)
    checkins = open_checkins(qtbot, controller)
    start(qtbot, checkins, "wellbeing")
    for _step in range(30):
        runner = checkins.runner
        if runner.questions()[runner.position].key == "crisis":
            break
        choose(qtbot, checkins)
    else:
        raise AssertionError("no crisis question")
    choose_button = next(b for b in runner._option_widgets if b.property("option_value") == "yes")
    choose_button.click()
    assert controller.window.current_screen() is controller.help_page, "help shows before Next is pressed"
    qtbot.waitUntil(lambda: controller.care.state.level is Level.CRISIS, timeout=5000)
    state = controller.care.state
    assert not state.reunion_coaching and not state.contact_planning and not state.message_copy
    controller.help_page.back.click()
    assert controller.window.current_screen() is controller.shell
    answer_all(qtbot, checkins, {"crisis": "yes"})
    assert checkins.result.paths_box.reconnect.isHidden() and not checkins.result.help_box.isHidden()
    dashboard = page(controller, DashboardPage)
    controller.navigate("dashboard")
    qtbot.waitUntil(
        lambda: dashboard.overview is not None and dashboard.overview.care.level is Level.CRISIS, timeout=5000
    )
    assert dashboard.overview.next_step.target == "help" and dashboard.paths_box.reconnect.isHidden()
    today = page(controller, TodayPage)
    controller.navigate("today")
    qtbot.waitUntil(lambda: today._info is not None, timeout=5000)
    assert today.recheck_card.isHidden(), "the wellbeing check-in just taken answers the re-check"


def test_red_result_switches_reconnecting_off_everywhere_until_marked_a_mistake(
    qtbot, make_controller, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    checkins = open_checkins(qtbot, controller)
    start(qtbot, checkins, "safety")
    answer_all(qtbot, checkins, {"S1": "once"})
    result = checkins.result
    assert result.band.text() == "Your safety comes first"
    paths = result.paths_box
    assert paths.reconnect.isHidden() and not result.help_box.isHidden() and not paths.move_forward.isHidden()
    qtbot.waitUntil(lambda: controller.care.state.level is Level.SAFETY_RED, timeout=5000)
    dashboard = page(controller, DashboardPage)
    controller.navigate("dashboard")
    qtbot.waitUntil(
        lambda: dashboard.overview is not None and dashboard.overview.care.level is Level.SAFETY_RED, timeout=5000
    )
    assert dashboard.overview.steps[2] is StepStatus.CLOSED
    assert dashboard.paths_box.reconnect.isHidden() and not dashboard.paths_box.support.isHidden()
    assert "%" not in dashboard.checks_text.text()
    checkins = open_checkins(qtbot, controller)
    assert not checkins.support_box.isHidden()
    checkins.show_history("safety")
    qtbot.waitUntil(lambda: checkins.history.model.rowCount() == 1, timeout=5000)
    checkins.history.list.setCurrentIndex(checkins.history.model.index(0))
    assert checkins.history.mistake_button.isVisible()
    original = QMessageBox.question
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)  # type: ignore[method-assign]
    try:
        checkins.history.mistake_button.click()
    finally:
        QMessageBox.question = original  # type: ignore[method-assign]
    qtbot.waitUntil(lambda: controller.care.state.level is Level.UNSCREENED, timeout=5000)
    assert "entered by mistake" in checkins.history.model.data(checkins.history.model.index(0))


def test_amber_result_needs_the_safety_notes_read(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    complete_directly(controller, "safety", {"S7": "often"})
    qtbot.waitUntil(lambda: controller.care.state.needs_interstitial, timeout=5000)
    checkins = open_checkins(qtbot, controller)
    assert not checkins.amber_box.isHidden()
    assert not checkins.cards["respect"].take.isEnabled(), "no message planning before the notes are read"
    checkins.amber_read.click()
    qtbot.waitUntil(lambda: not controller.care.state.needs_interstitial, timeout=5000)
    assert checkins.amber_box.isHidden() and controller.care.state.safety_framing


def test_history_hides_and_deletes_results_and_charts_the_rest(
    qtbot, make_controller, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    for answers in ({"phq1": "3"}, {"phq1": "1"}, {"phq1": "0"}):
        complete_directly(controller, "wellbeing", answers)
    checkins = open_checkins(qtbot, controller)
    assert checkins.cards["wellbeing"].take.isEnabled(), "weekly wellbeing can be taken any time"
    checkins.cards["wellbeing"].history.click()
    history = checkins.history
    qtbot.waitUntil(lambda: history.model.rowCount() == 3, timeout=5000)
    low_mood = next(s for s in history.chart.series if s[0].startswith("Low mood"))
    assert len(low_mood[3]) == 3 and "Low mood" in history.chart.accessibleDescription()
    history.list.setCurrentIndex(history.model.index(0))
    assert history.mistake_button.isHidden(), "only safety results can be marked as a mistake"
    history.hide_button.click()
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=5000)
    assert len(history.chart.series[0][3]) == 2 and not history.chart_note.isHidden()
    history.show_hidden.setChecked(True)
    assert history.model.rowCount() == 3
    monkeypatch.setattr(QMessageBox, "exec", lambda self: self.buttons()[-1].click() or 0)
    history.show_hidden.setChecked(False)
    history.list.setCurrentIndex(history.model.index(0))
    history.delete_button.click()
    qtbot.waitUntil(lambda: history.model.rowCount() == 1 or len(history.all_runs) == 2, timeout=5000)
    assert len(run(controller, lambda w: runs.history(w.session.conn, "wellbeing"))) <= 3
    history.list.setCurrentIndex(history.model.index(0))
    selected = history.model.record(0)
    assert selected is not None
    history.open_button.click()
    assert checkins.stack.currentWidget() is checkins.result


def test_gating_checks_wait_for_their_retake_interval(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    complete_directly(controller, "motives")
    checkins = open_checkins(qtbot, controller)
    card = checkins.cards["motives"]
    assert not card.take.isEnabled() and "You can take it again from" in card.state.text()
    assert card.history.isEnabled()
    checkins.navigate_to("motives")
    assert checkins.stack.currentWidget() is checkins.overview, "a link can't get round the interval either"


def test_a_boundary_from_readiness_switches_off_copying_unsent_messages(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    run(
        controller,
        lambda w: unsent_messages.create(w.session.conn, "I miss you", datetime(2026, 1, 1, tzinfo=UTC)),
    )
    complete_directly(controller, "safety")
    space_page = page(controller, SpacePage)
    controller.navigate("space", "messages")
    panel = space_page.unsent
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.list.setCurrentIndex(panel.model.index(0))
    qtbot.waitUntil(lambda: panel._current is not None, timeout=5000)
    qtbot.waitUntil(lambda: panel.copy_button.isEnabled(), timeout=5000)
    checkins = open_checkins(qtbot, controller)
    start(qtbot, checkins, "readiness")
    answer_all(qtbot, checkins, {"H1": "yes"})
    assert checkins.result.band.text() and checkins.result.paths_box.reconnect.isHidden()
    qtbot.waitUntil(lambda: controller.care.state.level is Level.EX_BOUNDARY, timeout=5000)
    assert not controller.care.state.contact_planning
    assert not panel.copy_button.isEnabled() and "switched off" in panel.state.text()
