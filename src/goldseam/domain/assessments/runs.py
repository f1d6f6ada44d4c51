"""Storing assessment runs: autosaved answers (resume), completed results, history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.evaluation import Evaluator, Outcome

Connection = Any


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Run:
    id: int
    assessment: str
    definition_version: int
    started_utc: datetime
    updated_utc: datetime
    completed_utc: datetime | None
    answers: dict[str, Any]
    position: str | None
    context: dict[str, bool]
    band: str | None
    scores: dict[str, float | None]
    tags: dict[str, str]
    hidden: bool
    marked_mistake: bool

    @property
    def completed(self) -> bool:
        return self.completed_utc is not None


_COLUMNS = (
    "id, assessment, definition_version, started_utc, updated_utc, completed_utc, answers, position, context, "
    "band, scores, tags, hidden, marked_mistake_utc"
)


def _run(row: tuple[Any, ...]) -> Run:
    return Run(
        id=row[0],
        assessment=row[1],
        definition_version=row[2],
        started_utc=datetime.fromisoformat(row[3]),
        updated_utc=datetime.fromisoformat(row[4]),
        completed_utc=datetime.fromisoformat(row[5]) if row[5] else None,
        answers=json.loads(row[6] or "{}"),
        position=row[7],
        context=json.loads(row[8] or "{}"),
        band=row[9],
        scores=json.loads(row[10] or "{}"),
        tags=json.loads(row[11] or "{}"),
        hidden=bool(row[12]),
        marked_mistake=row[13] is not None,
    )


def start(conn: Connection, definition: Definition, context: dict[str, bool], now: datetime | None = None) -> int:
    stamp = (now or _now()).isoformat()
    cursor = conn.execute(
        "INSERT INTO assessment_run(assessment, definition_version, started_utc, updated_utc, context) "
        "VALUES (?, ?, ?, ?, ?)",
        (definition.id, definition.version, stamp, stamp, json.dumps(context)),
    )
    return int(cursor.lastrowid)


def save_progress(conn: Connection, run_id: int, answers: dict[str, Any], position: str | None) -> None:
    conn.execute(
        "UPDATE assessment_run SET answers = ?, position = ?, updated_utc = ? WHERE id = ? AND completed_utc IS NULL",
        (json.dumps(answers, ensure_ascii=False), position, _now().isoformat(), run_id),
    )


def complete(conn: Connection, run_id: int, answers: dict[str, Any], now: datetime | None = None) -> Outcome:
    run = load(conn, run_id)
    if run is None:
        raise KeyError(run_id)
    definition = definitions.get(run.assessment)
    evaluator = Evaluator(definition, answers, run.context)
    if not evaluator.complete():
        raise ValueError("not every question is answered")
    outcome = evaluator.outcome()
    stamp = (now or _now()).isoformat()
    conn.execute(
        "UPDATE assessment_run SET answers = ?, position = NULL, updated_utc = ?, completed_utc = ?, band = ?, "
        "scores = ?, tags = ? WHERE id = ?",
        (
            json.dumps(answers, ensure_ascii=False),
            stamp,
            stamp,
            outcome.band.id,
            json.dumps(outcome.scores),
            json.dumps(outcome.tags),
            run_id,
        ),
    )
    return outcome


def outcome_of(run: Run) -> Outcome:
    """Recompute a stored result's full outcome (notes, concerns) from its answers."""
    return Evaluator(definitions.get(run.assessment), run.answers, run.context).outcome()


def load(conn: Connection, run_id: int) -> Run | None:
    row = conn.execute(f"SELECT {_COLUMNS} FROM assessment_run WHERE id = ?", (run_id,)).fetchone()
    return None if row is None else _run(row)


def in_progress(conn: Connection, assessment: str) -> Run | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM assessment_run WHERE assessment = ? AND completed_utc IS NULL "
        "ORDER BY updated_utc DESC, id DESC LIMIT 1",
        (assessment,),
    ).fetchone()
    return None if row is None else _run(row)


def history(conn: Connection, assessment: str | None = None, include_hidden: bool = True) -> list[Run]:
    where = ["completed_utc IS NOT NULL"]
    params: list[object] = []
    if assessment is not None:
        where.append("assessment = ?")
        params.append(assessment)
    if not include_hidden:
        where.append("hidden = 0")
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM assessment_run WHERE {' AND '.join(where)} ORDER BY completed_utc, id", params
    ).fetchall()
    return [_run(r) for r in rows]


def latest(conn: Connection, assessment: str) -> Run | None:
    """The most recent completed result that counts (not marked as entered by mistake)."""
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM assessment_run WHERE assessment = ? AND completed_utc IS NOT NULL "
        "AND marked_mistake_utc IS NULL ORDER BY completed_utc DESC, id DESC LIMIT 1",
        (assessment,),
    ).fetchone()
    return None if row is None else _run(row)


def set_hidden(conn: Connection, run_id: int, hidden: bool) -> None:
    conn.execute("UPDATE assessment_run SET hidden = ? WHERE id = ?", (int(hidden), run_id))


def delete(conn: Connection, run_id: int) -> None:
    conn.execute("DELETE FROM assessment_run WHERE id = ?", (run_id,))


def mark_mistake(conn: Connection, run_id: int) -> None:
    """A safety result entered by mistake stops counting; the user is asked to take the check again."""
    conn.execute("UPDATE assessment_run SET marked_mistake_utc = ? WHERE id = ?", (_now().isoformat(), run_id))


def next_allowed(definition: Definition, last: Run | None) -> datetime | None:
    """When a completed check may be taken again (None: any time)."""
    if last is None or last.completed_utc is None or definition.retake_days <= 0:
        return None
    return last.completed_utc + timedelta(days=definition.retake_days)


def monthly_due(conn: Connection, now: datetime | None = None) -> bool:
    """Whether the wellbeing check-in should include its monthly questions (SWLS, SPANE)."""
    row = conn.execute(
        "SELECT max(completed_utc) FROM assessment_run WHERE assessment = 'wellbeing' AND scores LIKE '%\"swls\": %' "
        "AND scores NOT LIKE '%\"swls\": null%'"
    ).fetchone()
    if row is None or row[0] is None:
        return True
    return (now or _now()) - datetime.fromisoformat(row[0]) >= timedelta(days=28)


# Checks where a result gates something are held to their re-take interval so a gate can't be
# gamed by answering again at once (design §2.0.7). The weekly wellbeing check-in is a rhythm,
# not a gate: it can always be taken, because someone may feel worse mid-week.
FLEXIBLE_RETAKE = frozenset({"wellbeing"})


def may_start(definition: Definition, last: Run | None, now: datetime | None = None) -> bool:
    allowed = next_allowed(definition, last)
    return definition.id in FLEXIBLE_RETAKE or allowed is None or (now or _now()) >= allowed


def context_for(conn: Connection, assessment: str, now: datetime | None = None) -> dict[str, bool]:
    """Flags a check's conditional questions depend on, fixed when a run starts."""
    if assessment == "wellbeing":
        return {"monthly_due": monthly_due(conn, now)}
    if assessment == "changed":
        flagged = any(r.band in ("red", "amber") and not r.marked_mistake for r in history(conn, "safety"))
        return {"safety_ever_flagged": flagged}
    return {}


def resume_or_start(conn: Connection, assessment: str, now: datetime | None = None) -> Run:
    """The half-finished run of this check if there is one, otherwise a new run."""
    current = in_progress(conn, assessment)
    if current is not None:
        return current
    run_id = start(conn, definitions.get(assessment), context_for(conn, assessment, now), now)
    run = load(conn, run_id)
    assert run is not None
    return run
