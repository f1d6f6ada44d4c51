"""The decision dashboard's content: where the user is on the three-step path, what the
latest check-ins say, open issues, evidence of change, space and growth, and one next small
step. Qt-free, so every rule here is tested without a window.

There is deliberately no number that could read as a "chance of getting back together":
results are bands in words, and "focus on moving forward" is always offered alongside.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from goldseam.domain import contact_plan, goals, meetup, space
from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.care_gate import CareState, Level
from goldseam.domain.space import SpaceSummary
from goldseam.i18n import N_

Connection = Any

UNDERSTAND_CHECKS = ("reasons", "motives", "reality")
WELLBEING_INTERVAL = timedelta(days=7)


class StepStatus(enum.StrEnum):
    NOW = "now"  # where the user is
    VISITED = "visited"  # started; can be returned to any time
    LATER = "later"  # not yet
    CLOSED = "closed"  # switched off by safety or the ex's boundary


@dataclass(frozen=True)
class CheckStatus:
    assessment: str
    title: str  # English source, translate for display
    band_label: str | None  # English source of the latest counting result
    completed_utc: datetime | None
    in_progress: bool
    next_allowed_utc: datetime | None


@dataclass(frozen=True)
class OpenIssue:
    label: str  # English source: the reason (an option of the reasons check)
    tag: str  # "safety", "hard", "unclear", "workable", "situational"
    tag_label: str  # English source


@dataclass(frozen=True)
class NextStep:
    text: str  # English source, may contain {title}
    target: str  # page key: "help", "checkins", "space", "growth", "plans", "journal"
    argument: object = None
    title: str = ""  # filled into {title}
    title_is_source: bool = True  # translate the title too (False: the user's own words)


@dataclass(frozen=True)
class Overview:
    steps: tuple[StepStatus, StepStatus, StepStatus]
    checks: tuple[CheckStatus, ...]
    open_issues: tuple[OpenIssue, ...]
    change_band: str | None  # English source
    change_evidence: float | None
    change_warnings: float | None
    space: SpaceSummary
    goals_active: int
    steps_done: int
    steps_total: int
    next_step: NextStep
    care: CareState


def check_statuses(conn: Connection, now: datetime) -> tuple[CheckStatus, ...]:
    statuses = []
    for definition in definitions.load_all():
        last = runs.latest(conn, definition.id)
        band = definition.band(last.band) if last and last.band else None
        statuses.append(
            CheckStatus(
                assessment=definition.id,
                title=definition.title,
                band_label=band.label if band else None,
                completed_utc=last.completed_utc if last else None,
                in_progress=runs.in_progress(conn, definition.id) is not None,
                next_allowed_utc=runs.next_allowed(definition, last),
            )
        )
    return tuple(statuses)


def open_issues(conn: Connection) -> tuple[OpenIssue, ...]:
    """Reasons from the latest fixability map that aren't simply workable, worst first."""
    run = runs.latest(conn, "reasons")
    definition = definitions.get("reasons")
    if run is None or definition.tags is None:
        return ()
    scheme = definition.tags
    group = definition.groups.get(scheme.group)
    if group is None:
        return ()
    options = definition.response_set(definition.item(group.for_each_selected)).options
    option_labels = {o.value: o.label for o in options}
    tag_labels = {rule.id: rule.label for rule in scheme.rules}
    rank = {tag: i for i, tag in enumerate(scheme.rank)}
    issues = [
        OpenIssue(option_labels.get(option, option), tag, tag_labels.get(tag, tag))
        for option, tag in run.tags.items()
        if tag in ("safety", "hard", "unclear")
    ]
    issues.sort(key=lambda issue: rank.get(issue.tag, len(rank)))
    return tuple(issues)


def path_steps(care: CareState, checks: dict[str, CheckStatus]) -> tuple[StepStatus, StepStatus, StepStatus]:
    """Step 1 is never finished: working on yourself continues whatever else happens."""
    understood = any(checks[a].completed_utc is not None for a in (*UNDERSTAND_CHECKS, "changed", "readiness"))
    closed = care.level in (Level.CRISIS, Level.SAFETY_RED, Level.EX_BOUNDARY)
    if care.contact_planning:
        return (StepStatus.VISITED, StepStatus.VISITED, StepStatus.NOW)
    third = StepStatus.CLOSED if closed else StepStatus.LATER
    if understood:
        return (StepStatus.VISITED, StepStatus.NOW, third)
    return (StepStatus.NOW, StepStatus.LATER, third)


@dataclass(frozen=True)
class ReconnectProgress:
    """Where step 3 stands, for the next-step rules."""

    agreed: bool = False  # they'd like to meet or talk
    outcome_recorded: bool = False
    meetup_upcoming: bool = False
    unreflected_meetup_id: int | None = None  # a past meetup without a reflection
    met_since_changed_check: bool = False
    decided_not_to_continue: bool = False


def reconnect_progress(conn: Connection, now_local: datetime) -> ReconnectProgress:
    plan = contact_plan.current(conn)
    all_meetups = meetup.meetups(conn)
    past = [m for m in all_meetups if m.status is not meetup.Status.CANCELLED and m.ends_local <= now_local]
    unreflected = next((m.id for m in past if m.reflection is None), None)
    latest = meetup.latest_reflection(conn)
    changed = runs.latest(conn, "changed")
    met_since = (
        latest is not None
        and latest[0].reflected_utc is not None
        and (changed is None or changed.completed_utc is None or latest[0].reflected_utc > changed.completed_utc)
    )
    return ReconnectProgress(
        agreed=plan is not None and plan.agreed,
        outcome_recorded=plan is not None and plan.outcome is not None,
        meetup_upcoming=any(m.status is meetup.Status.PLANNED and m.starts_local > now_local for m in all_meetups),
        unreflected_meetup_id=unreflected,
        met_since_changed_check=met_since,
        decided_not_to_continue=latest is not None and latest[1].want_next == "no",
    )


def next_step(
    care: CareState,
    checks: dict[str, CheckStatus],
    space_summary: SpaceSummary,
    growth_step: str | None,
    now: datetime,
    progress: ReconnectProgress | None = None,
) -> NextStep:
    """One suggestion, first match wins. Safety and care come before everything else."""
    if care.level is Level.CRISIS:
        return NextStep(N_("Talk to someone today. “Get help now” has numbers you can call."), "help")
    if care.level is Level.SAFETY_RED:
        return NextStep(
            N_("Your safety comes first. Look at the support and safety-planning notes in “Get help now”."), "help"
        )
    if care.needs_interstitial:
        return NextStep(N_("Read the safety notes on the check-ins page."), "checkins", "safety")
    unfinished = next((c for c in checks.values() if c.in_progress), None)
    if unfinished is not None:
        return NextStep(
            N_("Finish the check-in you started: “{title}”"), "checkins", unfinished.assessment, unfinished.title
        )
    if checks["safety"].completed_utc is None:
        return NextStep(
            N_("Start with the safety check. It comes first and takes a few minutes."), "checkins", "safety"
        )
    wellbeing = checks["wellbeing"].completed_utc
    if wellbeing is None or now - wellbeing >= WELLBEING_INTERVAL:
        return NextStep(N_("Take this week's wellbeing check-in."), "checkins", "wellbeing")
    progress = progress or ReconnectProgress()
    if care.reunion_coaching and progress.unreflected_meetup_id is not None:
        return NextStep(
            N_("Reflect on your meeting while it's fresh: how it felt, and what you noticed."),
            "plans",
            ("reflect", progress.unreflected_meetup_id),
        )
    if progress.decided_not_to_continue:
        return NextStep(
            N_("You've decided not to take this further. That's a real decision: focus on moving forward."), "growth"
        )
    if care.reunion_coaching and progress.met_since_changed_check:
        changed = checks["changed"]
        if changed.next_allowed_utc is None or now >= changed.next_allowed_utc:
            return NextStep(
                N_("You've met since you last weighed the evidence: take “{title}” again."),
                "checkins",
                "changed",
                changed.title,
            )
    if care.level is Level.EX_BOUNDARY or care.primary_path == "move_forward":
        if growth_step:
            return NextStep(
                N_("Focus on moving forward. Your next growth step: {title}"), "growth", None, growth_step, False
            )
        return NextStep(N_("Focus on moving forward: choose one small growth goal for yourself."), "growth")
    if care.reunion_coaching and progress.agreed and not progress.meetup_upcoming:
        return NextStep(N_("They'd like to meet: plan something short, daytime and easy to leave."), "plans", "meetup")
    if care.reunion_coaching and progress.agreed:
        return NextStep(N_("Look over your plan for the meeting, and the expectations check."), "plans", "meetup")
    if space_summary.period is None:
        return NextStep(N_("Give yourself some space: start a period of no contact to heal."), "space")
    for assessment in UNDERSTAND_CHECKS:
        if checks[assessment].completed_utc is None:
            return NextStep(
                N_("Understand what happened: take the check-in “{title}”."),
                "checkins",
                assessment,
                checks[assessment].title,
            )
    if checks["changed"].completed_utc is None:
        return NextStep(
            N_("Weigh what you've seen: take the check-in “{title}”."), "checkins", "changed", checks["changed"].title
        )
    if checks["readiness"].completed_utc is None or not care.contact_planning or progress.outcome_recorded:
        if growth_step:
            return NextStep(
                N_("Keep working on yourself. Your next growth step: {title}"), "growth", None, growth_step, False
            )
        return NextStep(N_("Keep working on yourself: choose one small growth goal."), "growth")
    return NextStep(
        N_("If you both might want it, plan a calm first contact. Moving forward is just as open to you."), "plans"
    )


def build(conn: Connection, care: CareState, today: date, now: datetime | None = None) -> Overview:
    now = now or datetime.now(UTC)
    checks = check_statuses(conn, now)
    by_id = {c.assessment: c for c in checks}
    space_summary = space.summary(conn, today)
    all_goals = goals.goals(conn)
    growth = goals.next_small_step(conn)
    changed = runs.latest(conn, "changed")
    changed_band = definitions.get("changed").band(changed.band) if changed and changed.band else None
    return Overview(
        steps=path_steps(care, by_id),
        checks=checks,
        open_issues=open_issues(conn),
        change_band=changed_band.label if changed_band else None,
        change_evidence=changed.scores.get("evidence") if changed else None,
        change_warnings=changed.scores.get("warning_signs") if changed else None,
        space=space_summary,
        goals_active=len(all_goals),
        steps_done=sum(g.done_steps for g in all_goals),
        steps_total=sum(len(g.steps) for g in all_goals),
        next_step=next_step(
            care,
            by_id,
            space_summary,
            growth[1].title if growth else None,
            now,
            reconnect_progress(conn, now.astimezone().replace(tzinfo=None)),
        ),
        care=care,
    )
