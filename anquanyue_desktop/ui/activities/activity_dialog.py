"""Editing one 活动记录 with its photos, videos, documents and 网盘链接.

Files are checked when chosen (a 照片.jpg that is really a PDF is reported at once) and copied
into the media store when the record is saved. The seeds' rules (a video introduction of at
most 200 characters, large videos better sent as a link) are shown as the clerk types.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
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
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.activities import (
    LINK,
    MEDIA_KINDS,
    PHOTO,
    VIDEO,
    VIDEO_INTRO_MAX,
    Activity,
    MediaItem,
    media_advice,
    split_share_text,
    validate_activity,
)
from ...domain.units import Unit
from ...domain.validation import ValidationError
from ...store import StoreError
from ...store.activity_repository import NewFile
from ...store.media import MediaStore
from ..widgets import messages
from ..widgets.fit import fit_to_screen, scrolling
from ..widgets.photo_viewer import PhotoViewer

THUMB = 56
FILE_FILTER = (
    "照片、视频和文档 (*.jpg *.jpeg *.png *.gif *.webp *.bmp *.heic *.heif *.mp4 *.mov *.m4v"
    " *.3gp *.avi *.wmv *.flv *.mkv *.webm *.mpg *.mpeg *.pdf *.doc *.docx *.xls *.xlsx *.ppt"
    " *.pptx *.wps *.et *.txt *.zip *.rar *.7z);;照片 (*.jpg *.jpeg *.png *.gif *.webp *.bmp"
    " *.heic *.heif);;视频 (*.mp4 *.mov *.m4v *.3gp *.avi *.wmv *.flv *.mkv *.webm *.mpg *.mpeg)"
    ";;所有文件 (*)"
)

SaveFunction = Callable[[Activity, Sequence[NewFile]], Activity]


@dataclass
class Attachment:
    """One row of the attachment list: a stored file or link, or a file chosen but not yet
    copied (``path`` set)."""

    item: MediaItem
    path: Path | None = None


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f}MB"
    return f"{max(1, round(size / 1024))}KB"


class LinkDialog(QDialog):
    """A 网盘链接 with its 提取码; pasting the whole share text fills both."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("添加网盘链接")
        self.resize(520, 0)
        self.url = QLineEdit()
        self.url.setPlaceholderText("粘贴网盘分享的链接（连同“提取码：xxxx”一起粘贴也可以）")
        self.code = QLineEdit()
        self.code.setMaxLength(8)
        self.code.setPlaceholderText("如：x7k2")
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("如：消防应急疏散演练视频（3分钟）")
        form = QFormLayout()
        form.addRow("链接：", self.url)
        form.addRow("提取码：", self.code)
        form.addRow("说明：", self.caption)
        hint = QLabel("视频太大、邮件发不出去时，可上传到网盘，在这里登记链接和提取码。")
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.url.textChanged.connect(self._split)
        self.url.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._update()

    def _split(self, text: str) -> None:
        url, code = split_share_text(text)
        if code and url != text:
            self.url.blockSignals(True)
            self.url.setText(url)
            self.url.blockSignals(False)
            self.code.setText(code)

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.url.text().strip())
        )

    def item(self) -> MediaItem:
        return MediaItem(
            LINK,
            url=self.url.text().strip(),
            code=self.code.text().strip(),
            caption=self.caption.text().strip(),
        )


class ActivityDialog(QDialog):
    """Saves through ``save`` (the repository's) and stays open when saving is refused."""

    def __init__(
        self,
        activity: Activity,
        units: Sequence[Unit],
        categories: Sequence[str],
        media: MediaStore,
        save: SaveFunction,
        parent: QWidget | None = None,
        works_items: Sequence[tuple[str, str]] = (),
    ):
        super().__init__(parent)
        self.setWindowTitle("编辑活动记录" if activity.id else "新增活动记录")
        fit_to_screen(self, 760, 760)
        self._original = activity
        self._media = media
        self._save = save
        self._categories = tuple(categories)
        self.saved: Activity | None = None
        self.attachments: list[Attachment] = [Attachment(m) for m in activity.media]
        self._loading = True
        self.dirty = False

        self.unit = QComboBox()
        self.unit.addItem("本级（镇/街道自己开展的）", None)
        for u in units:
            self.unit.addItem(u.name, u.id)
        if activity.unit_id is not None:
            index = self.unit.findData(activity.unit_id)
            self.unit.setCurrentIndex(max(0, index))
        self.on = QDateEdit(QDate(activity.on))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy年M月d日")
        self.category = QComboBox()
        self.category.addItems(self._categories)
        if activity.category and activity.category not in self._categories:
            self.category.addItem(activity.category)
        self.category.setCurrentText(activity.category or self._categories[0])
        self.title = QLineEdit(activity.title)
        self.title.setPlaceholderText("如：消防应急疏散演练")
        self.place = QLineEdit(activity.place)
        self.place.setPlaceholderText("如：村委会广场")
        self.participants = QSpinBox()
        self.participants.setRange(0, 1_000_000)
        self.participants.setSpecialValueText("未填")
        self.participants.setSuffix(" 人次")
        self.participants.setValue(activity.participants or 0)
        self.important = QCheckBox("重要活动、特色活动（需即时向上级报送）")
        self.important.setChecked(activity.important)
        # “五个一” works: the item this activity hands in, from the campaign's 分配表.
        self.works_item = QComboBox()
        self.works_item.addItem("（不是作品报送）", "")
        for key, name in works_items:
            self.works_item.addItem(name, key)
        index = self.works_item.findData(activity.works_item)
        self.works_item.setCurrentIndex(max(0, index))
        self.description = QPlainTextEdit(activity.description)
        self.description.setPlaceholderText("活动开展情况：时间、地点、参加人员、主要内容和成效")
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(70)
        self.description.setMaximumHeight(110)

        self.attachment_list = QListWidget()
        self.attachment_list.setIconSize(QSize(THUMB, THUMB))
        self.attachment_list.setMinimumHeight(150)
        self.attachment_list.setWordWrap(True)
        self.attachment_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attachment_list.setSpacing(2)
        self.add_files_button = QPushButton("添加照片、视频或文档…")
        self.add_link_button = QPushButton("添加网盘链接…")
        self.remove_button = QPushButton("移除")
        self.caption = QPlainTextEdit()
        self.caption.setTabChangesFocus(True)
        self.caption.setMaximumHeight(64)
        self.caption.setPlaceholderText("选中上面的附件后，在这里填写照片说明或视频简介")
        self.caption_count = QLabel()
        self.caption_count.setObjectName("pageHint")

        form = QFormLayout()
        form.addRow("开展单位：", self.unit)
        form.addRow("活动日期：", self.on)
        form.addRow("活动类别：", self.category)
        form.addRow("活动名称：", self.title)
        form.addRow("活动地点：", self.place)
        form.addRow("参与人次：", self.participants)
        form.addRow("", self.important)
        if works_items or activity.works_item:
            form.addRow("作品项目：", self.works_item)
        form.addRow("活动内容：", self.description)

        attachment_buttons = QHBoxLayout()
        attachment_buttons.addWidget(self.add_files_button)
        attachment_buttons.addWidget(self.add_link_button)
        attachment_buttons.addStretch(1)
        attachment_buttons.addWidget(self.remove_button)
        caption_row = QHBoxLayout()
        caption_row.addWidget(QLabel("说明/简介："))
        caption_row.addStretch(1)
        caption_row.addWidget(self.caption_count)

        self.problems = QLabel()
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.advice = QLabel()
        self.advice.setObjectName("pageHint")
        self.advice.setWordWrap(True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("保存 (Ctrl+S)")
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")

        # Everything but the buttons scrolls, so 保存 stays on a 1366×768 screen at 125 %.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        attachments_title = QLabel("附件（照片需为原图，视频简介200字以内）：")
        layout.addWidget(attachments_title)
        layout.addWidget(self.attachment_list, 1)
        layout.addLayout(attachment_buttons)
        layout.addLayout(caption_row)
        layout.addWidget(self.caption)
        layout.addWidget(self.problems)
        layout.addWidget(self.advice)
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(body), 1)
        outer.addWidget(self.buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.attachment_list, self.remove_selected)
        for signal in (
            self.unit.currentIndexChanged,
            self.on.dateChanged,
            self.category.currentIndexChanged,
            self.title.textChanged,
            self.place.textChanged,
            self.participants.valueChanged,
            self.important.toggled,
            self.works_item.currentIndexChanged,
            self.description.textChanged,
        ):
            signal.connect(self._changed)
        self.add_files_button.clicked.connect(self.choose_files)
        self.add_link_button.clicked.connect(self.choose_link)
        self.remove_button.clicked.connect(self.remove_selected)
        self.attachment_list.currentRowChanged.connect(self._show_caption)
        self.attachment_list.itemDoubleClicked.connect(lambda _item: self.view_photos())
        self.caption.textChanged.connect(self._caption_edited)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self._fill_attachments()
        self._loading = False
        self._show_caption(self.attachment_list.currentRow())
        self._update()
        self.title.setFocus()

    # -- values -----------------------------------------------------------------------------

    def activity(self) -> Activity:
        """The edited activity with its stored files and links (new files: ``new_files()``)."""
        participants = self.participants.value() or None
        return replace(
            self._original,
            unit_id=self.unit.currentData(),
            on=self.on.date().toPython(),
            category=self.category.currentText(),
            title=self.title.text().strip(),
            place=self.place.text().strip(),
            participants=participants,
            description=self.description.toPlainText().strip(),
            important=self.important.isChecked(),
            works_item=self.works_item.currentData() or "",
            media=tuple(a.item for a in self.attachments if a.path is None),
        )

    def new_files(self) -> list[NewFile]:
        return [(a.path, a.item.kind, a.item.caption) for a in self.attachments if a.path]

    def _provisional(self) -> Activity:
        return replace(self.activity(), media=tuple(a.item for a in self.attachments))

    # -- attachments ------------------------------------------------------------------------

    def _icon(self, a: Attachment) -> QIcon:
        data = None
        if a.item.kind == PHOTO:
            if a.path is not None:
                data = self._media.preview(a.path, THUMB)
            elif a.item.sha256:
                data = self._media.thumbnail(a.item.sha256, THUMB)
        if data:
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                return QIcon(pixmap)
        standard = {
            VIDEO: QStyle.StandardPixmap.SP_MediaPlay,
            LINK: QStyle.StandardPixmap.SP_DriveNetIcon,
        }.get(a.item.kind, QStyle.StandardPixmap.SP_FileIcon)
        return self.style().standardIcon(standard)

    @staticmethod
    def _text(a: Attachment) -> str:
        m = a.item
        kind = MEDIA_KINDS.get(m.kind, m.kind)
        head = f"【{kind}】{m.label}"
        if m.kind != LINK and m.size:
            head += f"（{_size_text(m.size)}）"
        if a.path is not None:
            head += "　待保存"
        caption = m.caption.replace("\n", " ")
        if caption:
            head += f"\n{caption[:40]}{'…' if len(caption) > 40 else ''}"
        elif m.kind in (PHOTO, VIDEO):
            head += "\n（未填写说明）" if m.kind == PHOTO else "\n（未填写简介）"
        return head

    def photo_files(self) -> list[tuple[Path, str, int]]:
        """The photos among the attachments: (file, caption, row)."""
        found = []
        for row, a in enumerate(self.attachments):
            if a.item.kind != PHOTO:
                continue
            if a.path is not None:
                found.append((Path(a.path), a.item.caption, row))
            elif a.item.sha256 and self._media.has(a.item.sha256):
                found.append((self._media.path_of(a.item.sha256), a.item.caption, row))
        return found

    def view_photos(self) -> PhotoViewer | None:
        """Double-click a photo: it opens large, ← → go through the activity's photos."""
        photos = self.photo_files()
        row = self.attachment_list.currentRow()
        start = next((i for i, (_p, _c, r) in enumerate(photos) if r == row), None)
        if start is None:
            return None
        viewer = PhotoViewer([(p, c) for p, c, _r in photos], start, self)
        viewer.open()
        return viewer

    def _fill_attachments(self) -> None:
        current = self.attachment_list.currentRow()
        self.attachment_list.blockSignals(True)
        self.attachment_list.clear()
        for a in self.attachments:
            item = QListWidgetItem(self._icon(a), self._text(a))
            item.setToolTip(str(a.path) if a.path else a.item.label)
            self.attachment_list.addItem(item)
        self.attachment_list.blockSignals(False)
        if self.attachments:
            self.attachment_list.setCurrentRow(min(max(current, 0), len(self.attachments) - 1))
        self._show_caption(self.attachment_list.currentRow())

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "添加照片、视频或文档", "", FILE_FILTER)
        if paths:
            self.add_files([Path(p) for p in paths])

    def add_files(self, paths: Sequence[Path]) -> list[str]:
        """Checks and lists the files; refused ones are reported together. Returns them."""
        refused: list[str] = []
        added = 0
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                if any(a.path == path for a in self.attachments):
                    continue
                try:
                    item = self._media.check_file(path)
                except ValidationError as exc:
                    refused.append(exc.problems[0].message)
                    continue
                self.attachments.append(Attachment(item, path))
                added += 1
        finally:
            QApplication.restoreOverrideCursor()
        if added:
            self._fill_attachments()
            self.attachment_list.setCurrentRow(len(self.attachments) - 1)
            self._changed()
        if refused:
            messages.warn(self, "有文件未添加", "\n".join(refused))
        return refused

    def choose_link(self) -> None:
        dialog = LinkDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_link(dialog.item())

    def add_link(self, item: MediaItem) -> None:
        # Saved attachments come first, then the files still to copy: the order they are saved.
        position = next(
            (i for i, a in enumerate(self.attachments) if a.path is not None),
            len(self.attachments),
        )
        self.attachments.insert(position, Attachment(item))
        self._fill_attachments()
        self.attachment_list.setCurrentRow(position)
        self._changed()

    def remove_selected(self) -> None:
        row = self.attachment_list.currentRow()
        if 0 <= row < len(self.attachments):
            del self.attachments[row]
            self._fill_attachments()
            self._changed()

    def _show_caption(self, row: int) -> None:
        has = 0 <= row < len(self.attachments)
        self.caption.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.caption.blockSignals(True)
        self.caption.setPlainText(self.attachments[row].item.caption if has else "")
        self.caption.blockSignals(False)
        self._count_caption()

    def _caption_edited(self) -> None:
        row = self.attachment_list.currentRow()
        if not 0 <= row < len(self.attachments):
            return
        a = self.attachments[row]
        a.item = replace(a.item, caption=self.caption.toPlainText())
        item = self.attachment_list.item(row)
        if item is not None:
            item.setText(self._text(a))
        self._count_caption()
        self._changed()

    def _count_caption(self) -> None:
        row = self.attachment_list.currentRow()
        if not 0 <= row < len(self.attachments):
            self.caption_count.setText("")
            return
        m = self.attachments[row].item
        n = len(m.caption.strip())
        if m.kind == VIDEO:
            over = n > VIDEO_INTRO_MAX
            self.caption_count.setText(f"视频简介 {n}/{VIDEO_INTRO_MAX} 字")
            self.caption_count.setStyleSheet("color: #c62828;" if over else "")
        else:
            self.caption_count.setText(f"{n} 字")
            self.caption_count.setStyleSheet("")

    # -- checking and saving ----------------------------------------------------------------

    def _changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.dirty = True
        self._update()

    def _update(self) -> None:
        a = self._provisional()
        problems = validate_activity(a, (*self._categories, self.category.currentText()))
        self.problems.setText(messages.problems_text(problems))
        self.problems.setVisible(bool(problems))
        advice = [text for m in a.media if (text := media_advice(m))]
        self.advice.setText("\n".join(f"提示：{t}" for t in advice))
        self.advice.setVisible(bool(advice))

    def save(self) -> None:
        """Writes through the repository; on a refusal the dialog stays open with the reason."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            saved = self._save(self.activity(), self.new_files())
        except ValidationError as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, "无法保存", messages.problems_text(exc.problems))
            return
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            messages.error(self, "保存失败", exc.message)
            return
        QApplication.restoreOverrideCursor()
        self.saved = saved
        self.dirty = False
        self.accept()

    def reject(self) -> None:
        if self.dirty:
            answer = messages.ask_save_discard_cancel(self, "这条活动记录")
            if answer == "save":
                self.save()
                return
            if answer == "cancel":
                return
        super().reject()
