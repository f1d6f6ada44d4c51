"""Render every screen to PNG files for review (offscreen; no display needed).

    .venv/bin/python tools/screenshots.py --out build/screenshots [--language fr] [--theme dark]

Uses a throwaway vault and settings file; the fast minimum KDF setting is used so the run
takes seconds. The PNGs are for people to look at; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from goldseam.crypto import kdf
from goldseam.domain import search
from goldseam.ui.app import make_application
from goldseam.ui.app_controller import AppController
from goldseam.ui.app_settings import AppSettings
from goldseam.vault.errors import WrongPassphrase


def pump(app: QApplication, seconds: float = 0.2, until=None, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + (timeout if until else seconds)
    while time.monotonic() < end:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.01)
    app.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)


def add_demo_data(worker) -> None:  # type: ignore[no-untyped-def]
    """A few believable entries, a goal, a time of space, an urge and an unsent message."""
    from datetime import UTC, date, datetime, timedelta

    from goldseam.domain import goals, journal, space, unsent_messages
    from goldseam.domain.journal import Entry, EntryKind

    today = date.today()
    with worker.session.transaction() as conn:
        space.start_space(conn, today - timedelta(days=12))
        samples = [
            (1, EntryKind.GRATITUDE, "Small things", "Coffee with Sam. A long walk by the canal. Sleeping better.", 4),
            (2, EntryKind.APART, "Before us", "I used to paint every Sunday. I want that back.", 3),
            (3, EntryKind.VENT, "", "Angry today. Saying it here, not anywhere else.", 2),
            (5, EntryKind.LESSONS, "Lighter", "Evenings are my own again; I have started a pottery class.", 4),
            (8, EntryKind.PROMPT, "What ended it", "We wanted different things, and we stopped talking.", 2),
        ]
        for days_ago, kind, title, body, mood in samples:
            when = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()).replace(hour=20)
            journal.save_entry(
                conn,
                Entry(
                    written_at=when.isoformat(),
                    kind=kind,
                    title=title,
                    body=body,
                    mood=mood,
                    tags=["walks"] if "walk" in body else [],
                ),
            )
        space.log_urge(
            conn,
            space.Urge(
                (datetime.now() - timedelta(days=2)).replace(microsecond=0).isoformat(),
                space.UrgeKind.CHECK_PROFILE,
                4,
                (space.Alternative.WALK,),
                False,
                "",
            ),
        )
        space.log_contact(
            conn,
            space.ContactEvent(
                (datetime.now() - timedelta(days=4)).replace(microsecond=0).isoformat(),
                space.Initiator.THEM,
                space.Channel.MESSAGE,
                3,
            ),
        )
        goals.save_goal(
            conn,
            goals.Goal(
                goals.Area.HOBBIES,
                "Paint again",
                "It was mine before anything else.",
                [
                    goals.Step("Buy new brushes", 0, today - timedelta(days=3)),
                    goals.Step("Paint for one hour on Sunday", 1),
                ],
            ),
        )
        goal_id = goals.goals(conn)[0].id
        for days_ago, value in ((9, 3), (6, 4), (2, 6)):
            goals.add_checkin(conn, goal_id, goals.CheckIn(today - timedelta(days=days_ago), value))
        unsent_messages.create(
            conn,
            "Please come back. You never listened, but I can't live without you.",
            datetime.now(UTC) - timedelta(hours=80),
        )


def add_checkin_demo(worker) -> None:  # type: ignore[no-untyped-def]
    """Completed check-ins over a few weeks, so history charts and the dashboard have content."""
    from datetime import UTC, datetime, timedelta

    from goldseam.domain.assessments import definition as definitions
    from goldseam.domain.assessments import runs
    from goldseam.domain.assessments.evaluation import Evaluator

    def fill(assessment: str, chosen: dict[str, object], context: dict[str, bool]) -> dict[str, object]:
        d = definitions.get(assessment)
        answers: dict[str, object] = {}
        for _round in range(50):
            missing = [q for q in Evaluator(d, answers, context).questions() if q.key not in answers]
            if not missing:
                break
            for q in missing:
                rs = d.response_set(q.item)
                first = "" if rs.kind == "text" else [] if rs.kind == "multi" else rs.options[0].value
                answers[q.key] = chosen.get(q.key, first)
        return answers

    now = datetime.now(UTC)
    plan = [
        ("safety", 40, {"S1": "never"}),
        ("wellbeing", 35, {"phq1": "3", "phq2": "2", "gad1": "2", "gad2": "2"}),
        ("wellbeing", 28, {"phq1": "2", "phq2": "2", "gad1": "2", "gad2": "1"}),
        ("wellbeing", 21, {"phq1": "1", "phq2": "1", "gad1": "2", "gad2": "1"}),
        ("wellbeing", 14, {"phq1": "1", "phq2": "0", "gad1": "1", "gad2": "1"}),
        ("wellbeing", 6, {"phq1": "0", "phq2": "1", "gad1": "1", "gad2": "0"}),
        ("reasons", 20, {"issues": ["conflict", "trust", "practical"]}),
        ("motives", 18, {**{f"M{i}": "3" for i in range(1, 15)}}),
    ]
    with worker.session.transaction() as conn:
        for assessment, days_ago, chosen in plan:
            when = now - timedelta(days=days_ago)
            context = runs.context_for(conn, assessment, when)
            run_id = runs.start(conn, definitions.get(assessment), context, when)
            runs.complete(conn, run_id, fill(assessment, chosen, context), when)


def capture_plans(app, controller, page, window, out: Path, index: int) -> None:  # type: ignore[no-untyped-def]
    """Plans closed (not ready yet), then open: first contact, the meeting, ground rules, dialogs."""
    from datetime import datetime, timedelta

    from goldseam.domain import contact_plan, ground_rules, meetup
    from goldseam.domain.contact_plan import ContactOutcome, ContactPlan, Intent, Length
    from goldseam.ui.plans.meetup_dialogs import CalendarDialog, ReflectionDialog

    def ready(worker) -> None:  # type: ignore[no-untyped-def]
        from goldseam.domain.assessments import definition as definitions
        from goldseam.domain.assessments import runs
        from goldseam.domain.assessments.evaluation import Evaluator

        with worker.session.transaction() as conn:
            d = definitions.get("readiness")
            answers: dict[str, object] = {}
            for _round in range(20):
                missing = [q for q in Evaluator(d, answers).questions() if q.key not in answers]
                if not missing:
                    break
                for q in missing:
                    answers[q.key] = "4" if q.key.startswith("R") else "no"
            run_id = runs.start(conn, d, {})
            runs.complete(conn, run_id, answers)
            contact_plan.save(
                conn,
                ContactPlan(
                    Length.LONG,
                    Intent.RECONNECT,
                    draft="Hi Sam. I've missed you, and I've had time to think about how I handled things. "
                    "Would you like to meet for a coffee some time? No pressure at all.",
                ),
            )

    controller.worker.submit(ready).result()
    controller.care.refresh()
    pump(app, 0.6)
    page.reload()
    pump(app, 0.6)
    save(window, out, f"05-{index}-plans-contact")

    def agreed(worker) -> None:  # type: ignore[no-untyped-def]
        with worker.session.transaction() as conn:
            plan = contact_plan.current(conn)
            contact_plan.record_outcome(conn, plan, ContactOutcome.YES)
            start = (datetime.now() + timedelta(days=3)).replace(hour=19, minute=30, second=0, microsecond=0)
            meetup.save(conn, meetup.Meetup(start, 150, "The Anchor", meetup.PlaceKind.DRINKS, sober=False))
            ground_rules.save_rule(
                conn,
                ground_rules.GroundRule(
                    ground_rules.Area.COMMUNICATION,
                    "When something bothers us, we say so within a day, calmly.",
                    ground_rules.ProposedBy.BOTH,
                    ground_rules.Agreement.BOTH,
                ),
            )
            ground_rules.import_from_fixability_map(conn)

    controller.worker.submit(agreed).result()
    controller.care.refresh()
    page.reload()
    pump(app, 0.8)
    page.tabs.setCurrentIndex(1)
    pump(app, 0.3)
    page.meetups.list.setCurrentIndex(page.meetups.model.index(0))
    pump(app, 0.6)
    save(window, out, f"05-{index}-plans-meeting")
    page.tabs.setCurrentIndex(2)
    pump(app, 0.6)
    save(window, out, f"05-{index}-plans-rules")
    page.tabs.setCurrentIndex(0)
    pump(app, 0.3)
    save(window, out, f"05-{index}-plans-contact-agreed")
    for name, dialog in (("calendar", CalendarDialog(window)), ("reflection", ReflectionDialog(None, window))):
        dialog.show()
        pump(app, 0.3)
        save(dialog, out, f"05-{index}-plans-{name}-dialog")
        dialog.reject()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=Path("build/screenshots"))
    parser.add_argument("--language", default="en")
    parser.add_argument("--theme", default="light", choices=["light", "dark"])
    parser.add_argument("--size", default="1100x760")
    args = parser.parse_args()
    out = args.out / f"{args.language}-{args.theme}"
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(v) for v in args.size.split("x"))

    root = Path(tempfile.mkdtemp(prefix="goldseam-shots-"))
    kdf.calibrate = lambda **_k: kdf.Calibration(kdf.FLOOR_COST, 0.1, False)  # type: ignore[assignment]
    import goldseam.ui.app_controller as controller_module

    controller_module.calibrate = kdf.calibrate  # type: ignore[attr-defined]
    app = make_application()
    settings = AppSettings(root / "settings.ini")
    settings.set_value("ui/theme", args.theme)
    settings.set_value("ui/language", args.language)
    controller = AppController(settings, root / "vault", use_tray=False)
    window = controller.window
    window.resize(width, height)
    controller.start()
    pump(app, until=lambda: controller.state != "starting")
    save(window, out, "01-welcome")
    controller.welcome.get_started.emit()
    pump(app)
    form = controller.create_page.form
    form.passphrase.setText("lantern orchard quietly")
    pump(app, 0.6)
    save(window, out, "02-create-weak")
    form.fill_generated()
    form.avoid.setText("Alex, 2019-06-14")
    pump(app, 0.6)
    save(window, out, "03-create-strong")
    controller.create_page.create_button.click()
    pump(app, until=lambda: controller.state == "unlocked")
    pump(app, 0.3)
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    for dialog in dialogs:
        save(dialog, out, "04-recovery-key")
        dialog.reject()
    pump(app)
    checkins = next(p for p in controller.pages if p.key == "checkins")
    controller.navigate("checkins")
    pump(app, 0.6)
    save(window, out, "05-checkins-first-time")
    checkins.take("safety")
    pump(app, 0.6)
    save(window, out, "05-checkins-safety-question")
    checkins.runner.later.click()
    pump(app, 0.3)
    controller.worker.submit(add_demo_data).result()
    controller.worker.submit(add_checkin_demo).result()
    controller.care.refresh()
    pump(app, 0.3)
    controller.shell.show_page(0)
    controller.pages[0].page_shown()
    pump(app, 0.8)
    save(window, out, "05-today")
    for index, page in enumerate(controller.pages[1:-1], start=1):
        controller.shell.show_page(index)
        pump(app, 0.6)
        save(window, out, f"05-{index}-{page.key or 'area'}")
        if page.key == "journal":
            page.list.setCurrentIndex(page.model.index(0))
            pump(app, 0.6)
            save(window, out, f"05-{index}-journal-entry")
            page.search.setText("walk")
            page.apply_query()
            pump(app, 0.6)
            save(window, out, f"05-{index}-journal-search")
            # Best match over more matches than it ranks (a pool of 1 so the few samples are enough).
            pool, search.BEST_MATCH_POOL = search.BEST_MATCH_POOL, 1
            page.search.setText("a")
            page.order.setCurrentIndex(page.order.findData(str(search.SearchOrder.BEST)))
            pump(app, 0.6)
            save(window, out, f"05-{index}-journal-search-best")
            search.BEST_MATCH_POOL = pool
            page.order.setCurrentIndex(0)
            page.search.setText("walk")
            page.apply_query()
            page.calendar_button.setChecked(True)
            pump(app, 0.3)
            save(window, out, f"05-{index}-journal-calendar")
        if page.key == "space":
            for tab in range(1, page.tabs.count()):
                page.tabs.setCurrentIndex(tab)
                pump(app, 0.4)
                if tab == 3:
                    page.unsent.list.setCurrentIndex(page.unsent.model.index(0))
                    pump(app, 0.6)
                save(window, out, f"05-{index}-space-tab{tab}")
        if page.key == "checkins":
            from goldseam.domain.assessments import definition as definitions
            from goldseam.domain.assessments.evaluation import Outcome

            for definition in definitions.load_all():
                for band in definition.bands:
                    concerns = [definition.items[0].question] if "{concerns}" in band.explanation else []
                    page.result.show_outcome(definition, Outcome(band, {}, concerns=concerns))
                    page.stack.setCurrentWidget(page.result)
                    pump(app, 0.2)
                    save(window, out, f"05-{index}-result-{definition.id}-{band.id}")
            page.show_history("wellbeing")
            pump(app, 0.6)
            save(window, out, f"05-{index}-history-wellbeing")
            page.show_overview()
        if page.key == "plans":
            capture_plans(app, controller, page, window, out, index)
        if page.key == "growth":
            page.goal_list.setCurrentIndex(page.goal_model.index(0))
            pump(app, 0.6)
            save(window, out, f"05-{index}-growth-goal")
    controller.shell.show_page(len(controller.pages) - 1)
    pump(app, 0.5)
    save(window, out, "06-settings")
    from goldseam.ui.space.space_dialogs import ContactDialog, UrgeDialog

    for name, dialog in (
        ("06-urge-dialog", UrgeDialog(controller.services, window)),
        ("06-contact-dialog", ContactDialog(controller.services, None, window)),
    ):
        dialog.show()
        pump(app, 0.3)
        save(dialog, out, name)
        dialog.reject()
    controller.show_help()
    pump(app)
    save(window, out, "07-help")
    controller.help_page.back_requested.emit()
    controller.lock("idle")
    pump(app, 0.5)
    save(window, out, "08-locked")
    controller.lock_screen.show_error(WrongPassphrase())
    pump(app)
    save(window, out, "09-wrong-passphrase")
    from goldseam.ui.dialogs.passphrase_dialogs import ChangePassphraseDialog, RecoveryUnlockDialog
    from goldseam.ui.dialogs.restore_dialog import RestoreDialog

    for name, dialog in (
        ("10-change-passphrase", ChangePassphraseDialog(controller.bridge, True, window)),
        ("11-recovery-unlock", RecoveryUnlockDialog(controller.bridge, window)),
        ("12-restore", RestoreDialog(controller.bridge, root / "vault", window)),
    ):
        dialog.show()
        pump(app, 0.3)
        save(dialog, out, name)
        dialog.reject()
    controller.shutdown()
    shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
