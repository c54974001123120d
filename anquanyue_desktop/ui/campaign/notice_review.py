"""读取上级通知: paste or open a notice, review what was found, create it in one action.

Left, the notice with every found item highlighted in place (orange where the parser was
unsure); right, the drafted campaign, deadlines and attached form, each with a check box and
editable. For the chosen deadline the words it was read from are marked in the notice and
said below the list (with how sure the reader is); a deadline can be split into several or
several joined into one. Sentences that may state a deadline the reader did not read are
listed apart (可能遗漏的报送要求, purple in the notice): the clerk reads them there instead of
the whole notice again, and adds a deadline from one with the deadline editor. Nothing is
written until the clerk confirms, and then all of it at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.attached_forms import attached_liaison_form
from ...domain.campaign import Campaign
from ...domain.deadlines import Deadline, format_due, occurrences
from ...domain.form_entries import ROLE_LIAISON
from ...domain.forms import iter_blanks, table_rows
from ...domain.notice import FoundDeadline, Leftover, NoticeDraft, Span, parse_notice
from ...domain.notice.leftovers import leftover_deadline, shortened
from ...domain.notice.review import confidence_word, join_deadlines, split_deadline, why_text
from ...domain.validation import ValidationError
from ...imports.ocr import OcrResult
from ...store import Store, StoreError
from ...usecases.campaigns import (
    CampaignDraft,
    campaign_problems,
    create_from_draft,
    notice_draft,
    year_taken,
)
from ...usecases.deadlines import load_work_calendar
from ...usecases.units import active_units
from ..deadlines.deadline_dialog import DeadlineDialog
from ..widgets import messages
from ..widgets.fit import fit_to_screen, scrolling
from ..workers import run_with_progress
from .notice_ocr import OcrRun, PageView, image_bytes, start_reading

FOUND = QColor("#c8e6c9")
UNSURE = QColor("#ffcc80")
FOCUS = QColor("#90caf9")
EVIDENCE = QColor("#1565c0")  # the very words a deadline was read from: white on blue
OCR_UNSURE = QColor("#e53935")
LEFTOVER = QColor("#e1bee7")  # a sentence that may hold a deadline not read: light purple
LEFTOVER_FOCUS = QColor("#ba68c8")  # the one chosen in 可能遗漏的报送要求
LEFTOVER_WORDS = QColor("#6a1b9a")  # its date and verb: white on dark purple


def _short_name(name: str, keep: int = 30) -> str:
    """A long file name shortened in the middle (its end and extension stay), so the
    progress dialog does not grow as wide as the screen."""
    if len(name) <= keep:
        return name
    return name[: keep - 12] + "…" + name[-11:]


def _read_file(parent: QWidget, path: Path) -> tuple[bool, str | None]:
    """The notice file's text, read on the pool behind a progress dialog (第 3/12 页, 取消):
    a PDF of a dozen pages takes a second on an old office computer, a long one many, and
    the window must keep painting. ``(False, None)`` when the clerk cancelled."""
    from ...imports.notice_text import read_notice_file

    label = f"正在读取“{_short_name(path.name)}”…"

    def describe(done: int, total: int) -> str:
        # A PDF reports (0, pages) first and then each page read; a .docx/.txt (1, 1) at
        # the end, which leaves the label as it is.
        return f"{label} 第 {done + 1}/{total} 页" if done < total else ""

    return run_with_progress(
        parent, label, lambda progress: read_notice_file(path, progress=progress), describe=describe
    )


class NoticeInputDialog(QDialog):
    """Step one: the notice's text, pasted or read from a .txt/.docx/.pdf file."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("读取上级通知")
        self.resize(720, 520)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "把上级通知的全文粘贴到这里（可从 Word/WPS 复制，包括附件表格），或点“打开文件…”"
            "读取 .docx、.txt、.pdf（含扫描版）或通知的照片（可按页序多选）；"
            "微信里的通知截图可复制后点“粘贴截图”。"
        )
        self.open_button = QPushButton("打开文件…")
        self.paste_image_button = QPushButton("粘贴截图")
        self.paste_image_button.setToolTip("识别剪贴板中的图片（如微信聊天中的通知截图）")
        # Set when the text was recognised from pictures; dropped if the clerk edits it.
        self.ocr: OcrResult | None = None
        self._ocr_text = ""
        self.run: OcrRun | None = None
        self.reading = False  # a file is being read on the pool
        self.error = QLabel()
        self.error.setObjectName("problems")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("读取")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.paste_image_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.open_button.clicked.connect(self._open)
        self.paste_image_button.clicked.connect(self.paste_image)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def recognised(self) -> OcrResult | None:
        """The recognition behind the text, while the text is still what was recognised."""
        if self.ocr is not None and self.text.toPlainText() == self._ocr_text:
            return self.ocr
        return None

    def read_pictures(self, items: list) -> OcrRun:
        """Recognises photos, screenshots or a scanned PDF on a worker (progress, 取消);
        the text box is filled when it is done."""
        self.error.clear()
        self.run = start_reading(items, self, self._pictures_read)
        return self.run

    def _pictures_read(self, run: OcrRun) -> None:
        if run.source is None:
            self.error.setText(run.error or "已取消文字识别。")
            return
        self.ocr = run.source.ocr
        self._ocr_text = run.source.text
        self.text.setPlainText(run.source.text)
        unsure = len(self.ocr.unsure_lines) if self.ocr else 0
        self.error.setText(
            "已从图片识别出文字，请与原件核对" + (f"（{unsure} 行不太确定）。" if unsure else "。")
        )

    def paste_image(self) -> OcrRun | None:
        from PySide6.QtWidgets import QApplication

        image = QApplication.clipboard().image()
        if image.isNull():
            self.error.setText("剪贴板里没有图片。请先在微信等程序中复制通知截图。")
            return None
        return self.read_pictures([image_bytes(image)])

    def load_files(self, paths: list[Path]) -> bool:
        """One file is read on the pool behind a progress dialog (a picture or a scanned PDF
        turns out so when read, and goes to the recognising worker); several pictures (pages
        in order) are recognised on a worker."""
        if len(paths) == 1:
            return self.load_file(paths[0])
        self.read_pictures([str(p) for p in paths])
        return True

    def load_file(self, path: Path) -> bool:
        from ...imports.notice_text import NeedsOcrError, NoticeReadError

        try:
            finished, text = self._reading_file(path)
        except NeedsOcrError:
            self.read_pictures([str(path)])
            return True
        except NoticeReadError as exc:
            self.error.setText(str(exc))
            return False
        except OSError as exc:
            self.error.setText(f"无法读取“{path.name}”：{exc.strerror or exc}")
            return False
        if not finished or text is None:
            self.error.setText("已取消读取。")
            return False
        self.text.setPlainText(text)
        self.ocr = None
        self.error.clear()
        return True

    def _reading_file(self, path: Path) -> tuple[bool, str | None]:
        # The window answers while the file is read, and the progress dialog that blocks it
        # shows only after 400 ms: until then nothing here may start a second reading or
        # close the dialog under the one in work.
        controls = (self.text, self.open_button, self.paste_image_button, self.buttons)
        focus = self.focusWidget()
        self.reading = True
        for widget in controls:
            widget.setEnabled(False)
        try:
            return _read_file(self, path)
        finally:
            self.reading = False
            for widget in controls:
                widget.setEnabled(True)
            if focus is not None:
                focus.setFocus()

    def reject(self) -> None:
        if not self.reading:  # Esc before the progress dialog shows: its 取消 stops a read
            super().reject()

    def _open(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "打开通知（照片可按页序多选）",
            "",
            "通知文件 (*.docx *.txt *.pdf *.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;"
            "所有文件 (*)",
        )
        if paths:
            self.load_files([Path(p) for p in paths])

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.error.setText("请先粘贴通知全文或打开通知文件。")
            return
        self.accept()


@dataclass
class _Item:
    """A found item on the right with its place in the notice on the left; for a deadline
    also what the reader found (None once the clerk split or joined it) and its words."""

    span: Span | None
    unsure: bool
    found: FoundDeadline | None = None
    evidence: tuple[Span, ...] = ()
    note: str = ""  # said below the list for a deadline the reader did not make


class NoticeReviewDialog(QDialog):
    """After accept, ``created`` is the campaign written (with its deadlines and form)."""

    def __init__(
        self,
        store: Store,
        text: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        ocr: OcrResult | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle("核对通知内容")
        fit_to_screen(self, 1200, 760)
        self.ocr = ocr if ocr is not None and ocr.text == text else None
        self.resize(1200, 760)
        self.store = store
        self.draft: NoticeDraft = parse_notice(text, today=today)
        self.created: Campaign | None = None
        self._calendar = load_work_calendar(store)
        d = self.draft

        self.notice = QTextEdit()
        self.notice.setReadOnly(True)
        self.notice.setPlainText(d.text)

        self.base: CampaignDraft = notice_draft(d)
        c = self.base.campaign
        self._shown_year = c.year
        self._notes = c.notes
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(c.year)
        self.ordinal = QSpinBox()
        self.ordinal.setRange(0, 200)
        self.ordinal.setSpecialValueText("未填")
        self.ordinal.setValue(c.ordinal or 0)
        self.theme = QLineEdit(c.theme)
        self.period_start = QDateEdit(c.period_start or date(c.year, 6, 1))
        self.period_end = QDateEdit(c.period_end or date(c.year, 6, 30))
        for w in (self.period_start, self.period_end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy年M月d日")
        self.issuer = QLineEdit(c.issuer)
        self.document_number = QLineEdit(c.document_number)
        self.contact_person = QLineEdit(c.contact_person)
        self.contact_phone = QLineEdit(c.contact_phone)
        self._field_items = {
            self.theme: _Item(d.theme.span if d.theme else None, bool(d.theme and d.theme.unsure)),
            self.issuer: _Item(
                d.issuer.span if d.issuer else None, bool(d.issuer and d.issuer.unsure)
            ),
            self.ordinal: _Item(d.ordinal.span if d.ordinal else None, False),
            self.year: _Item(d.year.span, d.year.unsure),
        }
        main = d.main_period()
        if main:
            self._field_items[self.period_start] = _Item(main.span, main.unsure)
        if d.contacts:
            self._field_items[self.contact_person] = _Item(d.contacts[0].span, d.contacts[0].unsure)
        for widget, item in self._field_items.items():
            if item.unsure:
                widget.setStyleSheet(f"background: {UNSURE.name()};")
                widget.setToolTip("不太确定，请核对")
            focus_in = widget.focusInEvent

            def focus(event, item=item, original=focus_in):
                self.show_span(item.span)
                original(event)

            widget.focusInEvent = focus

        period_row = QHBoxLayout()
        period_row.addWidget(self.period_start)
        period_row.addWidget(QLabel("至"))
        period_row.addWidget(self.period_end)
        form = QFormLayout()
        form.addRow("年度：", self.year)
        form.addRow("第N个：", self.ordinal)
        form.addRow("活动主题：", self.theme)
        form.addRow("活动时间：", period_row)
        form.addRow("发文单位：", self.issuer)
        form.addRow("文号：", self.document_number)
        form.addRow("联系人：", self.contact_person)
        form.addRow("联系电话：", self.contact_phone)

        self.deadline_list = QListWidget()
        self.deadline_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self._deadlines: list[Deadline] = list(self.base.deadlines)
        self._deadline_items = [_Item(f.span, f.unsure, f, f.evidence) for f in d.deadlines]
        self._fill_deadlines()
        self.edit_deadline = QPushButton("修改所选节点…")
        self.split_deadline = QPushButton("拆分")
        self.split_deadline.setToolTip("把所选节点按报送内容拆成几项（如“方案和总结”拆成两项）")
        self.join_deadlines = QPushButton("合并")
        self.join_deadlines.setToolTip("把选中的几项合成一项（按第一项的时间）")
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setObjectName("pageHint")
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.others = QListWidget()
        self.others.setMaximumHeight(130)
        self._other_items: list[_Item] = []
        for p in d.periods:
            self._add_other(
                f"活动时间：{p.what} {p.start.month}月{p.start.day}日至{p.end.month}月{p.end.day}日",
                p.span,
                p.unsure,
            )
        for e in d.events:
            self._add_other(f"重要日子：{e.what} {e.on.month}月{e.on.day}日", e.span, e.unsure)
        for a in d.attachments:
            self._add_other(f"附件：{a.title}", a.span, a.unsure)
        for note in d.notes:
            self._add_other(f"说明：{note}", None, True)
        self.form_template = self.base.new_forms[0][0] if self.base.new_forms else None
        self.use_form = QCheckBox()
        if self.form_template is not None:
            n = sum(1 for _ in iter_blanks(self.form_template))
            self.use_form.setText(
                f"附件表格“{self.form_template.name or '活动情况统计表'}”（{len(table_rows(self.form_template))}行，{n}个填空）建为本年度的统计表"
            )
            self.use_form.setChecked(True)
        else:
            self.use_form.hide()
        # The notice's own liaison table (联络员推荐表), drafted as this year's liaison form.
        self.liaison_template = attached_liaison_form(d.text, c.year)
        self.use_liaison = QCheckBox()
        if self.liaison_template is not None:
            fields = "、".join(f.label for f in self.liaison_template.fields)
            self.use_liaison.setText(
                f"附件表格“{self.liaison_template.name}”（{fields}）建为本年度的联络员表"
            )
            self.use_liaison.setChecked(True)
        else:
            self.use_liaison.hide()
        self.problem = QLabel()
        self.problem.setObjectName("problems")
        self.problem.setWordWrap(True)
        self.info_tabs = self._info_tabs(d.leftovers)

        right = QVBoxLayout()
        right.addWidget(QLabel("活动年度（可修改）："))
        right.addLayout(form)
        # The label above its buttons, not beside them: side by side they made the panel
        # wider than a 1024-pixel screen leaves it (修改所选节点 was cut off).
        right.addWidget(QLabel("报送节点（勾选要建立的；橙色为不确定，请核对）："))
        head = QHBoxLayout()
        head.addWidget(self.split_deadline)
        head.addWidget(self.join_deadlines)
        head.addWidget(self.edit_deadline)
        head.addStretch(1)
        right.addLayout(head)
        right.addWidget(self.deadline_list, 2)
        right.addWidget(self.why)
        right.addWidget(self.info_tabs, 1)
        right.addWidget(self.use_form)
        right.addWidget(self.use_liaison)
        right.addWidget(self.problem)
        right_widget = QWidget()
        right_widget.setLayout(right)
        split = QSplitter()
        self.pages: PageView | None = None
        if self.ocr is not None:
            # Recognised from pictures: the picture beside the text, doubtful lines marked.
            self.pages = PageView(self.ocr)
            split.addWidget(self.pages)
            self.notice.cursorPositionChanged.connect(
                lambda: self.pages.show_line(  # type: ignore[union-attr]
                    self.pages.line_at(self.notice.textCursor().position())  # type: ignore[union-attr]
                )
            )
            self.resize(1500, 800)
        split.addWidget(self.notice)
        split.addWidget(scrolling(right_widget))  # stays on a 1366×768 screen at 125 %
        split.setSizes([420, 480, 600] if self.ocr is not None else [560, 640])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确认建立")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        hint = QLabel(
            "左边是通知原文，找到的内容已标出（绿色：已识别；橙色：不确定；紫色：可能遗漏的报送要求，请读一读）。"
            "点右边任一项，左边会跳到它的出处。"
            + (
                "文字是从图片识别的：红色波浪线下的行识别不确定，点文字时最左边的原件会标出它的位置，请对照核对。"
                if self.ocr is not None
                else ""
            )
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")
        layout.addWidget(hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

        self.deadline_list.currentRowChanged.connect(self._deadline_chosen)
        self.deadline_list.itemDoubleClicked.connect(lambda _i: self._edit_deadline())
        self.edit_deadline.clicked.connect(self._edit_deadline)
        self.split_deadline.clicked.connect(self.split_selected)
        self.join_deadlines.clicked.connect(self.join_selected)
        self.others.currentRowChanged.connect(
            lambda r: self.show_span(self._other_items[r].span) if r >= 0 else None
        )
        self.leftover_list.currentRowChanged.connect(self._leftover_chosen)
        self.leftover_list.itemDoubleClicked.connect(lambda _i: self.add_leftover())
        self.add_leftover_button.clicked.connect(self.add_leftover)
        self.year.valueChanged.connect(self._year_changed)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        self._highlight_all()
        self._check_year()

    # -- highlighting ------------------------------------------------------------
    def _spans(self) -> list[_Item]:
        return [*self._field_items.values(), *self._deadline_items, *self._other_items]

    def _highlight_all(self) -> None:
        selections = []
        for item in self._spans():
            if not item.span or item.span[1] <= item.span[0]:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.notice.document())
            cursor.setPosition(item.span[0])
            cursor.setPosition(item.span[1], QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(UNSURE if item.unsure else FOUND))
            sel.format = fmt
            selections.append(sel)
        for lo in self._leftovers:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor(lo.span)
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(LEFTOVER))
            sel.format = fmt
            selections.append(sel)
        if self.ocr is not None:
            for line in self.ocr.unsure_lines:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.notice.document())
                cursor.setPosition(line.span[0])
                cursor.setPosition(line.span[1], QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                fmt = QTextCharFormat()
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
                fmt.setUnderlineColor(OCR_UNSURE)
                fmt.setToolTip(f"识别不确定（{line.confidence:.0%}），请与原件核对")
                sel.format = fmt
                selections.append(sel)
        self._base_selections = selections
        self.notice.setExtraSelections(selections)

    def _cursor(self, span: Span) -> QTextCursor:
        cursor = QTextCursor(self.notice.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def show_span(
        self,
        span: Span | None,
        evidence: tuple[Span, ...] = (),
        colours: tuple[QColor, QColor] = (FOCUS, EVIDENCE),
        select: bool = True,
    ) -> None:
        """Scrolls the notice to ``span`` and marks it as the one being looked at; the
        ``evidence`` words inside it stand out further (``colours``: the span's, the
        words'). ``select`` False leaves the text unselected, so that the span's own
        colour shows and not the selection's."""
        if not span:
            return
        cursor = self._cursor(span)
        if select:
            self.notice.setTextCursor(cursor)
        else:
            at = QTextCursor(self.notice.document())
            at.setPosition(span[1])
            self.notice.setTextCursor(at)
            self.notice.ensureCursorVisible()
            at.setPosition(span[0])
            self.notice.setTextCursor(at)
        self.notice.ensureCursorVisible()
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(QBrush(colours[0]))
        sel.format = fmt
        marks = [sel]
        size = len(self.draft.text)
        for a, b in evidence:
            if not 0 <= a < b <= size:
                continue
            words = QTextCursor(self.notice.document())
            words.setPosition(a)
            words.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            mark = QTextEdit.ExtraSelection()
            mark.cursor = words
            strong = QTextCharFormat()
            strong.setBackground(QBrush(colours[1]))
            strong.setForeground(QBrush(QColor("white")))
            mark.format = strong
            marks.append(mark)
        self.notice.setExtraSelections([*self._base_selections, *marks])

    # -- items -----------------------------------------------------------------
    def _add_other(self, text: str, span: Span | None, unsure: bool) -> None:
        item = QListWidgetItem(text)
        if unsure:
            item.setBackground(QBrush(UNSURE))
        self.others.addItem(item)
        self._other_items.append(_Item(span, unsure))

    def _describe(self, d: Deadline) -> str:
        occ = occurrences(d)
        if len(occ) == 1:
            when = format_due(occ[0])
            note = self._calendar.note(occ[0].due.date())
            when += f"〔{note}〕" if note else ""
        else:
            when = d.rule.describe()
        return f"{d.title}　—　{when}"

    def _fill_deadlines(self) -> None:
        checked = [
            self.deadline_list.item(i).checkState() for i in range(self.deadline_list.count())
        ]
        self.deadline_list.clear()
        for i, d in enumerate(self._deadlines):
            found = self._deadline_items[i].found
            text = self._describe(d)
            if found is not None and self._deadline_items[i].unsure:
                text += f"　〔把握：{confidence_word(found.confidence)}〕"
            item = QListWidgetItem(text)
            item.setCheckState(checked[i] if i < len(checked) else Qt.CheckState.Checked)
            if self._deadline_items[i].unsure:
                item.setBackground(QBrush(UNSURE))
                item.setToolTip((found.reason if found else "") or "不太确定，请核对")
            self.deadline_list.addItem(item)

    def _deadline_chosen(self, row: int) -> None:
        if 0 <= row < len(self._deadline_items):
            item = self._deadline_items[row]
            self.show_span(item.span, item.evidence)
            if item.found is not None:
                self.why.setText(why_text(item.found, self.draft.text))
            else:
                self.why.setText(item.note or "由拆分或合并得来，请核对时间与报送内容。")
        else:
            self.why.clear()

    def _selected_rows(self) -> list[int]:
        rows = sorted({self.deadline_list.row(i) for i in self.deadline_list.selectedItems()})
        current = self.deadline_list.currentRow()
        return rows or ([current] if current >= 0 else [])

    def split_selected(self) -> None:
        """The chosen deadline as several, one per thing its title names."""
        rows = self._selected_rows()
        if len(rows) != 1:
            self.why.setText("请只选一项再拆分。")
            return
        row = rows[0]
        parts = split_deadline(self._deadlines[row])
        base = self._deadline_items[row]
        states = [self.deadline_list.item(i).checkState() for i in range(len(self._deadlines))]
        self._deadlines[row : row + 1] = parts
        self._deadline_items[row : row + 1] = [
            _Item(base.span, True, None, base.evidence) for _ in parts
        ]
        states[row : row + 1] = [states[row]] * len(parts)
        self._refill(states, row)

    def join_selected(self) -> None:
        """The selected deadlines as one, kept where the first of them was."""
        rows = self._selected_rows()
        if len(rows) < 2:
            self.why.setText("请按住 Ctrl 选中两项或更多再合并。")
            return
        joined = join_deadlines([self._deadlines[r] for r in rows])
        items = [self._deadline_items[r] for r in rows]
        spans = [i.span for i in items if i.span]
        span = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else None
        evidence = tuple(e for i in items for e in i.evidence)
        states = [self.deadline_list.item(i).checkState() for i in range(len(self._deadlines))]
        first = rows[0]
        for r in reversed(rows[1:]):
            del self._deadlines[r]
            del self._deadline_items[r]
            del states[r]
        self._deadlines[first] = joined
        self._deadline_items[first] = _Item(span, True, None, evidence)
        self._refill(states, first)

    def _refill(self, states: list[Qt.CheckState], row: int) -> None:
        self.deadline_list.clear()
        self._fill_deadlines()
        for i, state in enumerate(states):
            self.deadline_list.item(i).setCheckState(state)
        self._highlight_all()
        self.deadline_list.setCurrentRow(row)

    def _edit_deadline(self) -> None:
        row = self.deadline_list.currentRow()
        if row < 0:
            return
        dialog = DeadlineDialog(
            self._deadlines[row],
            active_units(self.store),
            self._calendar,
            self,
        )
        if dialog.exec() == DeadlineDialog.DialogCode.Accepted:
            self._deadlines[row] = dialog.deadline()
            self._deadline_items[row] = replace(self._deadline_items[row], unsure=False)
            self._fill_deadlines()
            self.deadline_list.setCurrentRow(row)

    # -- 可能遗漏的报送要求 ---------------------------------------------------------
    def _info_tabs(self, leftovers: tuple[Leftover, ...]) -> QTabWidget:
        """其他信息 and, beside it, 可能遗漏的报送要求: the sentences that may hold a deadline
        not read, each shortened to a line; the chosen one is shown in the notice and can be
        added with the deadline editor. The second is in front when it lists any."""
        self._leftovers: list[Leftover] = list(leftovers)
        self.leftover_list = QListWidget()
        self.leftover_list.setMaximumHeight(64)  # the tab stays as tall as 其他信息 was
        self.leftover_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        for lo in self._leftovers:
            item = QListWidgetItem(shortened(lo.text))
            item.setToolTip(f"{lo.text}\n{lo.reason}")
            self.leftover_list.addItem(item)
        # One line, not wrapped: a wrapping label makes the scrolling panel ask for its
        # lists' full heights, and the panel would no longer fit the window.
        self.leftover_why = QLabel()
        self.leftover_why.setObjectName("pageHint")
        self.leftover_why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.add_leftover_button = QPushButton("添加为报送节点…")
        self.add_leftover_button.setToolTip(
            "按这句话新增一个报送节点（可先修改），确认建立时随其他节点一起建立"
        )
        self.add_leftover_button.setEnabled(False)
        row = QHBoxLayout()  # the button first: a narrow window cuts the words, not it
        row.addWidget(self.add_leftover_button)
        row.addWidget(self.leftover_why, 1)
        missed = QWidget()
        layout = QVBoxLayout(missed)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.leftover_list)
        layout.addLayout(row)
        tabs = QTabWidget()
        tabs.addTab(self.others, "其他信息（供核对）")
        self._leftover_tab = tabs.addTab(missed, "")
        self.info_tabs = tabs
        self._show_leftover_count()
        if self._leftovers:
            tabs.setCurrentIndex(self._leftover_tab)
        return tabs

    def _show_leftover_count(self) -> None:
        n = len(self._leftovers)
        self.info_tabs.setTabText(
            self._leftover_tab, f"可能遗漏的报送要求（{n}）" if n else "可能遗漏的报送要求（无）"
        )
        self.leftover_why.setText(
            "点一句，左边以紫色标出它；确是报送要求的，可添加为报送节点。"
            if n
            else "没有发现含日期和报送字样却未读出报送节点的句子。"
        )
        self.leftover_list.setVisible(bool(n))
        self.add_leftover_button.setVisible(bool(n))
        self.add_leftover_button.setEnabled(False)

    def _leftover_chosen(self, row: int) -> None:
        if 0 <= row < len(self._leftovers):
            lo = self._leftovers[row]
            self.show_span(lo.span, lo.evidence, (LEFTOVER_FOCUS, LEFTOVER_WORDS), select=False)
            self.leftover_why.setText(lo.reason + "。")  # the sentence: in the list and marked
            self.add_leftover_button.setEnabled(True)
        else:
            self._show_leftover_count()

    def add_leftover(self) -> None:
        """Opens the deadline editor on the chosen sentence (its thing and, when it names
        one, its date filled in); what the clerk accepts is added as a ticked deadline and
        the sentence leaves the list."""
        row = self.leftover_list.currentRow()
        if not 0 <= row < len(self._leftovers):
            return
        lo = self._leftovers[row]
        years = self._shown_year - self.base.campaign.year
        dialog = DeadlineDialog(
            leftover_deadline(lo, years=years), active_units(self.store), self._calendar, self
        )
        if dialog.exec() != DeadlineDialog.DialogCode.Accepted:
            return
        self._deadlines.append(dialog.deadline())
        self._deadline_items.append(
            _Item(lo.span, False, None, lo.evidence, note=f"由“可能遗漏”添加：{lo.reason}。")
        )
        del self._leftovers[row]
        self.leftover_list.blockSignals(True)  # no other sentence is chosen by the removal
        self.leftover_list.takeItem(row)
        self.leftover_list.setCurrentRow(-1)
        self.leftover_list.blockSignals(False)
        self._show_leftover_count()
        self._fill_deadlines()
        self._highlight_all()
        self.deadline_list.setCurrentRow(len(self._deadlines) - 1)

    def chosen_deadlines(self) -> list[Deadline]:
        return [
            d
            for i, d in enumerate(self._deadlines)
            if self.deadline_list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def campaign(self) -> Campaign:
        return Campaign(
            year=self.year.value(),
            ordinal=self.ordinal.value() or None,
            theme=self.theme.text().strip(),
            period_start=self.period_start.date().toPython(),
            period_end=self.period_end.date().toPython(),
            issuer=self.issuer.text().strip(),
            document_number=self.document_number.text().strip(),
            contact_person=self.contact_person.text().strip(),
            contact_phone=self.contact_phone.text().strip(),
            notes=self._notes,
        )

    def _year_changed(self, year: int) -> None:
        """Another year moves every date, the period and the ordinal, as the CLI's --year does;
        back at the notice's own year, its theme and document number come back."""
        if year == self._shown_year:
            return
        shown = CampaignDraft(
            replace(self.campaign(), year=self._shown_year), tuple(self._deadlines)
        )
        moved = shown.moved_to(year)
        self._shown_year = year
        self._deadlines = list(moved.deadlines)
        c = moved.campaign
        self._notes = c.notes if year != self.base.campaign.year else self.base.campaign.notes
        if year == self.base.campaign.year:
            c = replace(
                c,
                theme=self.base.campaign.theme,
                document_number=self.base.campaign.document_number,
                ordinal=self.base.campaign.ordinal,
            )
        self.ordinal.setValue(c.ordinal or 0)
        self.theme.setText(c.theme)
        self.theme.setPlaceholderText(f"请按{year}年的通知填写")
        self.document_number.setText(c.document_number)
        if c.period_start and c.period_end:
            self.period_start.setDate(c.period_start)
            self.period_end.setDate(c.period_end)
        self._fill_deadlines()
        self._check_year()

    def _check_year(self) -> None:
        taken = year_taken(self.store, self.year.value())
        self.problem.setText(
            f"{self.year.value()}年的活动已经存在。请先在“活动年度”中删除或改动它，或把这里的年度改正。"
            if taken
            else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not taken)

    def confirm(self) -> None:
        """Writes the campaign, the ticked deadlines and the attached form, all or nothing."""
        campaign = self.campaign()
        problems = campaign_problems(self.store, campaign)
        if problems:
            self.problem.setText(messages.problems_text(problems))
            return
        use_form = self.form_template is not None and self.use_form.isChecked()
        new_forms = list(self.base.new_forms) if use_form else []
        if self.liaison_template is not None and self.use_liaison.isChecked():
            new_forms.append((self.liaison_template, ROLE_LIAISON))
        draft = CampaignDraft(campaign, tuple(self.chosen_deadlines()), new_forms=tuple(new_forms))
        try:
            self.created = create_from_draft(self.store, draft)
        except ValidationError as exc:
            self.problem.setText(messages.problems_text(exc.problems))
            return
        except StoreError as exc:
            messages.error(self, "建立失败", exc.message)
            return
        self.accept()
