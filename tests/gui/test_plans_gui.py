"""Plans driven through the window: closed until safe and ready, the contact plan (honesty,
respect findings, copy only after the respect check, a "no" closes planning for good), the meeting
planner (nudges, validation, safety basics after an amber result, a calendar file with a neutral
title, the reflection feeding the next step), and "they got in touch first"."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from goldseam.domain import boundaries, contact_plan, meetup
from goldseam.domain.boundaries import BoundaryKind
from goldseam.domain.care_gate import Level
from goldseam.domain.contact_plan import ContactOutcome, ContactPlan, Intent, Length
from goldseam.domain.meetup import PlaceKind, Reflection
from goldseam.ui.dashboard.dashboard_page import DashboardPage
from goldseam.ui.plans import meetup_view
from goldseam.ui.plans.meetup_dialogs import CalendarDialog, ReflectionDialog
from goldseam.ui.plans.plans_page import CONTACT_TAB, MEETUP_TAB, RULES_TAB, PlansPage
from gui.test_checkins_gui import complete_directly
from gui.test_step_one_gui import page, run, unlocked
from gui.test_vault_flows import unlock_through_window

pytestmark = pytest.mark.gui
READY_ANSWERS = {f"R{i}": "4" for i in range(1, 11)}


@pytest.fixture
def say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def open_plans(qtbot, controller) -> PlansPage:  # type: ignore[no-untyped-def]
    plans = page(controller, PlansPage)
    controller.navigate("plans")
    plans.reload()
    qtbot.wait(300)
    return plans


def ready(qtbot, controller, level: Level = Level.READY) -> None:  # type: ignore[no-untyped-def]
    complete_directly(controller, "safety")
    complete_directly(controller, "wellbeing")
    complete_directly(controller, "readiness", READY_ANSWERS)
    qtbot.waitUntil(lambda: controller.care.state.level is level, timeout=5000)


def agreed(qtbot, controller) -> None:  # type: ignore[no-untyped-def]
    def job(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            contact_plan.record_outcome(
                conn, ContactPlan(Length.SHORT, Intent.TALK, draft="Coffee?"), ContactOutcome.YES
            )

    run(controller, job)


def test_plans_stay_closed_until_the_safety_check_and_readiness(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    plans = open_plans(qtbot, controller)
    assert plans.tabs.isHidden() and not plans.gate_box.isHidden()
    assert "safety check" in plans.gate_text.text()
    assert not plans.forward_button.isHidden(), "moving forward is offered here too"
    complete_directly(controller, "safety")
    qtbot.waitUntil(lambda: controller.care.state.level is Level.NOT_READY, timeout=5000)
    assert "readiness check" in plans.gate_text.text() and plans.tabs.isHidden()
    complete_directly(controller, "readiness", READY_ANSWERS)
    qtbot.waitUntil(lambda: not plans.tabs.isHidden(), timeout=5000)
    assert plans.tabs.isTabEnabled(CONTACT_TAB)
    assert not plans.tabs.isTabEnabled(MEETUP_TAB) and not plans.tabs.isTabEnabled(RULES_TAB)


def test_contact_plan_honesty_respect_copy_and_a_final_no(qtbot, make_controller, tmp_path: Path, say_yes) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    ready(qtbot, controller)
    plans = open_plans(qtbot, controller)
    view = plans.contact
    view.length_buttons[Length.LONG].click()
    assert "upfront" in view.approach_text.text()
    view.intent_buttons[Intent.FRIENDSHIP].click()
    assert view.content.isVisible()
    assert "content with friendship alone" in view.problems.text()
    view.content.click()
    view.draft.setPlainText("Please come back, I can't live without you.")
    assert view.findings.isVisible() and not view.copy_button.isEnabled()
    view.draft.setPlainText("Hi. Would you like a coffee some time? No pressure at all.")
    assert view.findings.isHidden() and not view.copy_button.isEnabled(), "the respect check comes first"
    complete_directly(controller, "respect", {f"P{i}": "yes" for i in range(1, 13)})
    view.save_now()
    view.reload()
    qtbot.waitUntil(lambda: view.copy_button.isEnabled(), timeout=5000)
    view.copy_button.click()
    assert QApplication.clipboard().text() == "Hi. Would you like a coffee some time? No pressure at all."
    controller.lock("manual")
    qtbot.waitUntil(lambda: controller.state == "locked", timeout=5000)
    assert view.draft.toPlainText() == ""
    unlock_through_window(qtbot, controller)
    qtbot.waitUntil(lambda: controller.state == "unlocked", timeout=10000)
    stored = run(controller, lambda w: contact_plan.current(w.session.conn))
    assert stored.draft.startswith("Hi. Would you like") and stored.intent is Intent.FRIENDSHIP
    plans = open_plans(qtbot, controller)
    view = plans.contact
    qtbot.waitUntil(lambda: view.draft.toPlainText().startswith("Hi."), timeout=5000)
    assert view.outcome_box.isVisible()
    view.outcome_buttons[ContactOutcome.SAID_NO].click()
    qtbot.waitUntil(lambda: controller.care.state.level is Level.EX_BOUNDARY, timeout=5000)
    assert "respectfully" in view.after_heading.text() and view.after_forward.isVisible()
    assert view.draft.isReadOnly() and not view.copy_button.isEnabled()
    qtbot.waitUntil(lambda: not plans.gate_box.isHidden(), timeout=5000)
    assert "Their answer stands" in plans.gate_text.text()
    assert not plans.tabs.isTabEnabled(MEETUP_TAB)
    assert [b.kind for b in run(controller, lambda w: boundaries.active(w.session.conn))] == [BoundaryKind.SAID_NO]


def test_meeting_planner_nudges_saves_exports_and_reflects(qtbot, make_controller, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    ready(qtbot, controller)
    agreed(qtbot, controller)
    plans = open_plans(qtbot, controller)
    qtbot.waitUntil(lambda: plans.tabs.isTabEnabled(MEETUP_TAB), timeout=5000)
    plans.navigate_to("meetup")
    assert plans.tabs.currentIndex() == MEETUP_TAB
    view = plans.meetups
    view.new_button.click()
    assert view.current is not None and view.current.starts_local.hour == 11, "daytime by default"
    assert not view.save_button.isEnabled(), "a place is needed"
    view.kind.setCurrentIndex(view.kind.findData(str(PlaceKind.DRINKS)))
    evening = datetime.now().replace(microsecond=0) + timedelta(days=2)
    view.starts.setDateTime(evening.replace(hour=21, minute=0, second=0))
    assert "sober" in view.nudges.text() and "Daytime" in view.nudges.text()
    view.kind.setCurrentIndex(view.kind.findData(str(PlaceKind.COFFEE)))
    view.starts.setDateTime(evening.replace(hour=10, minute=30, second=0))
    view.place.setText("Café Lune")
    view.friend_knows.click()
    assert "sober" not in view.nudges.text() and view.save_button.isEnabled()
    view.acknowledge.setText("I'm sorry I stopped listening")
    view.responsibility.setText("but you were never home")
    assert "“but”" in view.apology_hints.text()
    view.save_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    saved = run(controller, lambda w: meetup.meetups(w.session.conn))[0]
    assert saved.place == "Café Lune" and saved.agenda.apology.responsibility == "but you were never home"

    target = tmp_path / "out" / "coffee.ics"
    target.parent.mkdir()
    monkeypatch.setattr(CalendarDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(meetup_view, "choose_save_file", lambda *a, **k: target)
    view.calendar_button.click()
    qtbot.waitUntil(target.exists, timeout=5000)
    event = next(iter(icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Coffee" and "LOCATION" not in event
    assert "Lune" not in target.read_text(encoding="utf-8")

    past = datetime.now().replace(microsecond=0) - timedelta(days=1)
    past_id = run(controller, lambda w: meetup.save(w.session.conn, meetup.Meetup(past, 60, "Park")))
    dashboard = page(controller, DashboardPage)
    controller.navigate("dashboard")
    qtbot.waitUntil(
        lambda: dashboard.overview is not None and dashboard.overview.next_step.target == "plans", timeout=5000
    )
    assert dashboard.overview.next_step.argument == ("reflect", past_id)
    noted = Reflection(4, "They apologised", "they", ("listened",), (), "again", "")
    monkeypatch.setattr(ReflectionDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(ReflectionDialog, "reflection", lambda self: noted)
    dashboard.next_go.click()
    qtbot.waitUntil(
        lambda: run(controller, lambda w: meetup.load(w.session.conn, past_id)).reflection == noted, timeout=5000
    )
    controller.navigate("dashboard")
    qtbot.waitUntil(lambda: dashboard.overview.next_step.argument == "changed", timeout=5000)


def test_after_an_amber_result_the_safety_basics_are_required(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    complete_directly(controller, "safety", {"S7": "often"})
    complete_directly(controller, "readiness", READY_ANSWERS)
    run(
        controller, lambda w: __import__("goldseam.domain.care_gate").domain.care_gate.acknowledge_amber(w.session.conn)
    )
    controller.care.refresh()
    qtbot.waitUntil(
        lambda: controller.care.state.safety_framing and controller.care.state.reunion_coaching, timeout=5000
    )
    agreed(qtbot, controller)
    plans = open_plans(qtbot, controller)
    assert "safety basics" in plans.gate_text.text()
    plans.navigate_to("meetup")
    view = plans.meetups
    view.new_button.click()
    view.place.setText("Café")
    assert not view.save_button.isEnabled() and "public place" in view.problems.text()
    view.friend_knows.click()
    view.own_way_home.click()
    assert view.save_button.isEnabled()


def test_they_got_in_touch_first_reopens_planning_but_never_a_court_order(
    qtbot, make_controller, tmp_path: Path, say_yes
) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    ready(qtbot, controller)
    run(controller, lambda w: boundaries.record(w.session.conn, BoundaryKind.NO_CONTACT, "test"))
    controller.care.refresh()
    qtbot.waitUntil(lambda: controller.care.state.level is Level.EX_BOUNDARY, timeout=5000)
    plans = open_plans(qtbot, controller)
    assert plans.gate_reached_out.isVisible()
    plans.gate_reached_out.click()
    qtbot.waitUntil(lambda: plans.tabs.isVisible() and plans.tabs.isTabEnabled(MEETUP_TAB), timeout=5000)
    assert controller.care.state.level is not Level.EX_BOUNDARY
    run(controller, lambda w: boundaries.record(w.session.conn, BoundaryKind.COURT_ORDER, "test"))
    controller.care.refresh()
    plans.reload()
    qtbot.waitUntil(lambda: "court order" in plans.gate_text.text(), timeout=5000)
    assert plans.gate_reached_out.isHidden() and not plans.tabs.isTabEnabled(MEETUP_TAB)


def test_clear_for_lock_leaves_nothing_on_screen(qtbot, make_controller, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    controller = unlocked(qtbot, make_controller, tmp_path)
    ready(qtbot, controller)
    agreed(qtbot, controller)
    plans = open_plans(qtbot, controller)
    plans.navigate_to("meetup")
    plans.meetups.new_button.click()
    plans.meetups.place.setText("secret-place-Q7")
    plans.meetups.acknowledge.setText("secret-apology-Q7")
    controller.lock("manual")
    qtbot.waitUntil(lambda: controller.state == "locked", timeout=5000)
    texts: list[Any] = [w.text() for w in plans.findChildren(type(plans.meetups.place))]
    assert not any("Q7" in t for t in texts) and plans.meetups.model.rowCount() == 0
    assert plans.contact.draft.toPlainText() == ""
