"""Import from jrnl, Day One or Markdown (checked first, all or nothing) and export to
Markdown, JSON or PDF (a readable copy, so Goldseam says so first)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from goldseam import i18n
from goldseam.i18n import _, ngettext
from goldseam.transfer import exporting, importing
from goldseam.transfer.exporting import ExportOptions
from goldseam.transfer.importing import FileReport, ImportPlan, ImportResult
from goldseam.ui.building_blocks import DIALOG_MARGIN, body_label, card, record_list_view, title_label
from goldseam.ui.dialogs.job_dialog import JobDialog
from goldseam.ui.file_dialogs import choose_folder, choose_open_files, choose_save_file
from goldseam.ui.journal.pdf_export import write_pdf
from goldseam.ui.record_list_model import RecordListModel
from goldseam.ui.vault_bridge import VaultBridge
from goldseam.vault_worker import VaultWorker

FORMAT_NAMES = {"jrnl": "jrnl (JSON)", "dayone": "Day One (JSON)", "markdown": "Markdown"}


def describe_report(report: FileReport) -> str:
    if report.error:
        head = _("✗ {name}").format(name=report.path.name)
        lines = [head, report.error]
    else:
        fmt = FORMAT_NAMES.get(report.format or "", report.format or "")
        lines = [
            _("✓ {name} — {format}, {count}").format(
                name=report.path.name,
                format=fmt,
                count=ngettext("{count} entry", "{count} entries", report.entries).format(count=report.entries),
            )
        ]
    lines.extend(report.warnings)
    return "\n".join(lines)


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


class ImportDialog(JobDialog):
    imported = Signal(object)  # ImportResult

    def __init__(self, bridge: VaultBridge, parent: QWidget | None = None) -> None:
        super().__init__(bridge, parent)
        self._plan: ImportPlan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.title = title_label(self)
        self.intro = body_label(self, "muted")
        self.choose_files = QPushButton(self)
        self.choose_files.clicked.connect(self._pick_files)
        self.choose_folder = QPushButton(self)
        self.choose_folder.clicked.connect(self._pick_folder)
        row = QHBoxLayout()
        row.addWidget(self.choose_files)
        row.addWidget(self.choose_folder)
        row.addStretch(1)
        self.reports: RecordListModel[FileReport] = RecordListModel(describe_report, self)
        self.report_list = record_list_view(self)
        self.report_list.setModel(self.reports)
        self.summary = body_label(self)
        self.after_note = body_label(self, "muted")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)
        self.buttons.accepted.connect(self._apply)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(row)
        layout.addWidget(self.report_list, 1)
        for widget in (self.summary, self.after_note, self.busy, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumSize(620, 460)
        self.retranslate()

    def _pick_files(self) -> None:
        filters = [_("Journal exports (*.json *.zip *.md *.markdown *.txt)"), _("All files (*)")]
        chosen = choose_open_files(self, _("Choose files to import"), _documents(), filters)
        if chosen:
            self.plan(chosen)

    def _pick_folder(self) -> None:
        folder = choose_folder(self, _("Choose a folder of Markdown files"), _documents())
        if folder is not None:
            self.plan([folder])

    def plan(self, paths: list[Path]) -> None:
        self._plan = None
        self.ok.setEnabled(False)
        self.run_job(lambda _w: importing.plan_import(paths), _("Reading and checking the files…"), self._planned)

    def _planned(self, plan: Any) -> None:
        self._plan = plan
        self.reports.set_records(plan.reports)
        count = len(plan.entries)
        if not plan.ok:
            self.summary.setText(
                _(
                    "Nothing will be imported until every file can be read. Remove or fix the files "
                    "marked ✗ and choose again."
                )
            )
        elif count == 0:
            self.summary.setText(_("These files contain no entries to import."))
        else:
            self.summary.setText(
                ngettext("{count} entry is ready to import.", "{count} entries are ready to import.", count).format(
                    count=i18n.format_number(count)
                )
            )
        self.ok.setEnabled(plan.ok and count > 0)

    def set_inputs_enabled(self, enabled: bool) -> None:
        self.choose_files.setEnabled(enabled)
        self.choose_folder.setEnabled(enabled)
        self.buttons.setEnabled(enabled)
        if enabled and self._plan is not None:
            self.ok.setEnabled(self._plan.ok and bool(self._plan.entries))

    def _apply(self) -> None:
        plan = self._plan
        if plan is None or not plan.ok:
            return
        report = self.bridge.report

        def progress(done: int, total: int) -> None:
            report(
                _("Importing… {done} of {total}").format(done=i18n.format_number(done), total=i18n.format_number(total))
            )

        self.run_job(lambda w: importing.apply_import(w.session.conn, plan, progress), _("Importing…"), self._done)

    def _done(self, result: Any) -> None:
        self.imported.emit(result)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import"))
        self.title.setText(_("Import entries"))
        self.intro.setText(
            _(
                "From jrnl (its JSON export), Day One (the JSON export, zipped or not) or a folder of Markdown files. "
                "Goldseam checks every file first and imports nothing unless all of them can be read. Entries already "
                "in your journal are skipped."
            )
        )
        self.choose_files.setText(_("Choose &files…"))
        self.choose_folder.setText(_("Choose a &folder…"))
        self.report_list.setAccessibleName(_("What Goldseam found in each file"))
        self.after_note.setText(
            _("The files you import from are not encrypted. Once your entries are here, consider deleting them.")
        )
        self.ok.setText(_("Import"))


def import_result_message(result: ImportResult) -> str:
    text = ngettext("{count} entry imported.", "{count} entries imported.", result.imported).format(
        count=i18n.format_number(result.imported)
    )
    if result.duplicates:
        text += " " + ngettext(
            "{count} was already in your journal.", "{count} were already in your journal.", result.duplicates
        ).format(count=i18n.format_number(result.duplicates))
    return text


class ExportDialog(JobDialog):
    exported = Signal(object, int)  # path, entries

    def __init__(self, bridge: VaultBridge, parent: QWidget | None = None) -> None:
        super().__init__(bridge, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN, DIALOG_MARGIN)
        self.title = title_label(self)
        self.warning_box, warning_layout = card(self, "notice")
        self.warning = body_label(self.warning_box)
        warning_layout.addWidget(self.warning)
        self.markdown = QRadioButton(self)
        self.markdown.setChecked(True)
        self.json = QRadioButton(self)
        self.pdf = QRadioButton(self)
        self.include_vent = QCheckBox(self)
        self.vent_note = body_label(self, "muted")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._export)
        self.buttons.rejected.connect(self.reject)
        for widget in (
            self.title,
            self.warning_box,
            self.markdown,
            self.json,
            self.pdf,
            self.include_vent,
            self.vent_note,
            self.busy,
            self.error,
            self.buttons,
        ):
            layout.addWidget(widget)
        self.setMinimumWidth(560)
        self.retranslate()

    def chosen_format(self) -> str:
        return "json" if self.json.isChecked() else "pdf" if self.pdf.isChecked() else "md"

    def set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (self.markdown, self.json, self.pdf, self.include_vent, self.buttons):
            widget.setEnabled(enabled)

    def _export(self) -> None:
        fmt = self.chosen_format()
        suggested = _documents() / f"goldseam-journal-{date.today().isoformat()}.{fmt}"
        filters = {"md": _("Markdown (*.md)"), "json": _("JSON (*.json)"), "pdf": _("PDF (*.pdf)")}
        target = choose_save_file(self, _("Export the journal"), suggested, filters[fmt])
        if target is None:
            return
        if target.suffix.lower() != "." + fmt:
            target = target.with_name(target.name + "." + fmt)
        options = ExportOptions(include_vent=self.include_vent.isChecked())
        title = _("Goldseam journal")
        self.run_job(
            lambda w: export_to(w, fmt, target, options, title),
            _("Writing the export…"),
            lambda count: self._done(target, count),
        )

    def _done(self, target: Path, count: int) -> None:
        self.exported.emit(target, count)
        self.accept()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export"))
        self.title.setText(_("Export the journal"))
        self.warning.setText(
            _(
                "An export is a readable copy that is not encrypted: anyone who opens the file can read it. Keep it "
                "somewhere private and delete it when you no longer need it. For a safe copy of everything, use "
                "“Back up now” in Settings instead."
            )
        )
        self.markdown.setText(_("&Markdown — readable text, one document"))
        self.json.setText(_("&JSON — for other apps (jrnl-compatible) or to import again"))
        self.pdf.setText(_("&PDF — to print or keep"))
        self.include_vent.setText(_("Include private &venting"))
        self.vent_note.setText(_("Vent entries are left out unless you tick this."))
        self.ok.setText(_("Export…"))


def export_to(worker: VaultWorker, fmt: str, target: Path, options: ExportOptions, title: str) -> int:
    """Runs on the vault thread; PDF rendering uses Qt's text engine, which is fine off the GUI thread."""
    conn = worker.session.conn
    if fmt == "json":
        return exporting.export_json(conn, target, options)
    if fmt == "md":
        return exporting.export_markdown(conn, target, options)
    count = sum(1 for _pair in exporting.iter_entries(conn, options))
    document = exporting.markdown_document(conn, options)
    write_pdf(document, target, title)
    return count
