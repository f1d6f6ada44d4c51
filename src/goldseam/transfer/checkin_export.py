"""Completed check-ins in an export: the result in words, the chart scores, and every question
with its answer. Hidden results stay out (the user hid them for a reason), and so do
half-finished runs."""

from __future__ import annotations

from typing import Any

from goldseam.domain.assessments import definition as definitions
from goldseam.domain.assessments import runs
from goldseam.domain.assessments.definition import Definition
from goldseam.domain.assessments.evaluation import Evaluator
from goldseam.domain.assessments.runs import Run
from goldseam.i18n import _, format_datetime

Connection = Any


def _answer_text(definition: Definition, item_id: str, value: Any) -> str:
    item = definition.item(item_id)
    responses = definition.response_set(item)
    if responses.kind == "text":
        return str(value)
    values = value if isinstance(value, list) else [value]
    labels = []
    for v in values:
        option = responses.option(str(v))
        labels.append(_(option.label) if option else str(v))
    return ", ".join(labels) if labels else _("None of these")


def _questions_and_answers(run: Run) -> list[tuple[str, str]]:
    definition = definitions.get(run.assessment)
    pairs = []
    for question in Evaluator(definition, run.answers, run.context).questions():
        if question.key not in run.answers:
            continue
        text = _(question.item.question)
        if question.option_label:
            text = text.replace("{option}", _(question.option_label))
        pairs.append((text, _answer_text(definition, question.item.id, run.answers[question.key])))
    return pairs


def exported_runs(conn: Connection) -> list[Run]:
    return [r for r in runs.history(conn, include_hidden=False)]


def checkin_record(run: Run) -> dict[str, Any]:
    definition = definitions.get(run.assessment)
    band = definition.band(run.band) if run.band else None
    return {
        "assessment": run.assessment,
        "title": _(definition.title),
        "completed": run.completed_utc.isoformat() if run.completed_utc else None,
        "result": run.band,
        "result_label": _(band.label) if band else None,
        "entered_by_mistake": run.marked_mistake,
        "scores": {k: v for k, v in run.scores.items() if v is not None},
        "answers": [{"question": q, "answer": a} for q, a in _questions_and_answers(run)],
    }


def checkins_markdown(conn: Connection) -> str:
    shown = exported_runs(conn)
    if not shown:
        return ""
    parts = ["\n# " + _("Check-ins") + "\n"]
    for run in shown:
        definition = definitions.get(run.assessment)
        band = definition.band(run.band) if run.band else None
        when = format_datetime(run.completed_utc.astimezone()) if run.completed_utc else ""
        parts.append("\n## " + _("{when} — {title}").format(when=when, title=_(definition.title)) + "\n")
        if band is not None:
            parts.append("\n" + _("Result: {band}").format(band=_(band.label)) + "\n")
        if run.marked_mistake:
            parts.append("\n" + _("Marked as entered by mistake.") + "\n")
        parts.append("\n")
        for question, answer in _questions_and_answers(run):
            parts.append(f"- {' '.join(question.split())} **{' '.join(answer.split())}**\n")
    return "".join(parts)
