"""选择图文照片: which photos of each activity (two to four) go into the 图文 material of the
weekly report and the summary, with the caption printed under each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.activities import (
    REPORT_PHOTOS_MAX,
    Activity,
    activity_photos,
    report_photos,
    summary_activities,
)
from ...domain.reports import OWN_UNIT_NAME, md
from ...domain.validation import ValidationError
from ...store import Store, StoreError
from ...usecases.activities import fresh_activities, media_files, save_photo_picks
from ..widgets import messages
from ..widgets.fit import fit_to_screen
from ..widgets.photo_viewer import PhotoViewer

THUMB = 128
MEDIA_ID = Qt.ItemDataRole.UserRole


class PhotoPickDialog(QDialog):
    """``activities``: those with photos to pick from; ``default_count``: how many photos an
    activity not yet picked brings (four in the weekly material, two in the summary);
    ``summary_limit``: for the summary's appendix, which takes every picked activity and then
    others up to that many (those left out are said so)."""

    def __init__(
        self,
        store: Store,
        activities: Sequence[Activity],
        unit_names: Mapping[int, str],
        default_count: int,
        parent: QWidget | None = None,
        *,
        title: str = "选择图文照片",
        summary_limit: int | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.store = store
        self._media = media_files(store)
        self.default_count = default_count
        self.summary_limit = summary_limit
        # As stored now (a report read earlier may hold older captions), in the given order.
        fresh, saved = fresh_activities(store, activities)
        self.activities = [a for a in fresh if a.id is not None and activity_photos(a)]
        # Working copies: the picks (None: not picked, the defaults) and the captions.
        self.choices: dict[int, tuple[int, ...] | None] = {
            a.id: saved.get(a.id) for a in self.activities if a.id is not None
        }
        self._saved = dict(self.choices)
        self.captions: dict[tuple[int, int], str] = {
            (a.id, m.id): m.caption
            for a in self.activities
            for m in activity_photos(a)
            if a.id is not None and m.id is not None
        }
        self._saved_captions = dict(self.captions)
        self._loading = False
        self._left_out: set[int] = set()
        self._left_out = self.left_out()

        hint = QLabel(
            f"每项活动勾选2～{REPORT_PHOTOS_MAX}张照片，按勾选顺序放入周报和工作总结的图文材料，"
            "照片下方印“照片说明”。未选过的活动按默认放入前几张；一张也不勾，该活动不放入图文材料。"
            "双击照片可放大查看。"
        )
        hint.setWordWrap(True)
        hint.setObjectName("pageHint")
        self.activity_list = QListWidget()
        self.activity_list.setMinimumWidth(260)
        # Long activity names wrap rather than hide behind a sideways scroll bar.
        self.activity_list.setWordWrap(True)
        self.activity_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for a in self.activities:
            name = unit_names.get(a.unit_id or 0, OWN_UNIT_NAME) if a.unit_id else OWN_UNIT_NAME
            item = QListWidgetItem()
            item.setData(MEDIA_ID, a.id)
            item.setToolTip(f"{name}　{md(a.on)}　{a.title}")
            self.activity_list.addItem(item)
            self._label(item, a, name)
        self.photo_list = QListWidget()
        self.photo_list.setViewMode(QListView.ViewMode.IconMode)
        self.photo_list.setIconSize(QSize(THUMB, THUMB))
        self.photo_list.setGridSize(QSize(THUMB + 24, THUMB + 40))
        self.photo_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.photo_list.setMovement(QListView.Movement.Static)
        self.photo_list.setWordWrap(True)
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("照片说明，印在照片下方（空着则用活动名称）")
        self.caption.setMaxLength(100)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.none_button = QPushButton("本项不放照片")
        self.default_button = QPushButton("恢复默认")
        self.default_button.setToolTip(f"不再单独选择：按默认放入前{default_count}张")
        photo_bar = QHBoxLayout()
        photo_bar.addWidget(QLabel("照片说明："))
        photo_bar.addWidget(self.caption, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.state, 1)
        tools.addWidget(self.none_button)
        tools.addWidget(self.default_button)
        right = QVBoxLayout()
        right.addWidget(self.photo_list, 1)
        right.addLayout(photo_bar)
        right.addLayout(tools)
        body = QHBoxLayout()
        body.addWidget(self.activity_list, 2)
        body.addLayout(right, 3)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        if not self.activities:
            layout.addWidget(QLabel("这里没有带照片的活动记录。先在“活动记录”中给活动添加照片。"))
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.activity_list.currentRowChanged.connect(self._show_activity)
        self.photo_list.itemChanged.connect(self._photo_toggled)
        self.photo_list.currentItemChanged.connect(self._show_caption)
        self.photo_list.itemDoubleClicked.connect(lambda _item: self.view_photos())
        self.caption.textEdited.connect(self._caption_edited)
        self.none_button.clicked.connect(self.pick_none)
        self.default_button.clicked.connect(self.use_defaults)
        fit_to_screen(self, 960, 620)
        if self.activities:
            self.activity_list.setCurrentRow(0)

    # -- what is shown -----------------------------------------------------------------
    def current_activity(self) -> Activity | None:
        row = self.activity_list.currentRow()
        return self.activities[row] if 0 <= row < len(self.activities) else None

    def picked(self, a: Activity) -> tuple[int, ...]:
        """The media ids that go in for ``a`` now, picked or by default (none for one the
        summary's appendix leaves out)."""
        if self.choices.get(a.id or 0) is None and a.id in self._left_out:
            return ()
        return tuple(
            m.id
            for m in report_photos(a, self.choices.get(a.id or 0), self.default_count)
            if m.id is not None
        )

    def left_out(self) -> set[int]:
        """Activities with photos the summary's appendix leaves out (beyond its limit)."""
        if self.summary_limit is None:
            return set()
        picks = {k: v for k, v in self.choices.items() if v is not None}
        shown = summary_activities(self.activities, picks, self.summary_limit)
        return {a.id for a in self.activities if a.id is not None} - {a.id for a in shown}

    def _label(self, item: QListWidgetItem, a: Activity, name: str | None = None) -> None:
        if name is None:
            name = item.toolTip().split("　", 1)[0]
        total = len(activity_photos(a))
        count = len(self.picked(a))
        how = "默认" if self.choices.get(a.id or 0) is None else "已选"
        state = "不放照片" if count == 0 else f"{how}{count}/{total}张"
        if a.id in self._left_out:
            state = f"未放入（附件已有{self.summary_limit}项；勾选照片即放入）"
        item.setText(f"{name}　{md(a.on)}　{a.title}\n　　{state}")

    def _label_all(self) -> None:
        self._left_out = self.left_out()
        for row, a in enumerate(self.activities):
            item = self.activity_list.item(row)
            if item is not None:
                self._label(item, a)

    def _show_activity(self, _row: int = -1) -> None:
        a = self.current_activity()
        self._loading = True
        self.photo_list.clear()
        if a is not None:
            picked = self.picked(a)
            for m in activity_photos(a):
                item = QListWidgetItem(
                    self._icon(m.sha256), self._caption_of(a, m.id) or "（无说明）"
                )
                item.setData(MEDIA_ID, m.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if m.id in picked else Qt.CheckState.Unchecked
                )
                item.setToolTip(m.original_name)
                self.photo_list.addItem(item)
            if self.photo_list.count():
                self.photo_list.setCurrentRow(0)
        self._loading = False
        self._show_caption()
        self._show_state()

    def _icon(self, sha256: str) -> QIcon:
        data = self._media.thumbnail(sha256, THUMB)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            return QIcon(pixmap)
        return self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)

    def _caption_of(self, a: Activity, media_id: int | None) -> str:
        return self.captions.get((a.id or 0, media_id or 0), "")

    def _show_caption(self, *_args) -> None:
        a, item = self.current_activity(), self.photo_list.currentItem()
        self.caption.setEnabled(item is not None)
        self.caption.setText(self._caption_of(a, item.data(MEDIA_ID)) if a and item else "")

    def _show_state(self, warning: str = "") -> None:
        a = self.current_activity()
        if a is None:
            self.state.clear()
            return
        count = len(self.picked(a))
        text = warning or (
            f"总结附件已有{self.summary_limit}项，本项未放入；勾选照片即放入。"
            if a.id in self._left_out
            else "本项不放入图文材料。"
            if count == 0
            else f"放入 {count} 张（按默认）。"
            if self.choices.get(a.id or 0) is None
            else f"放入 {count} 张。"
        )
        self.state.setText(text)
        self.state.setStyleSheet("color: #b71c1c;" if warning else "")
        self._label_all()  # a pick may take another activity's place in the summary

    # -- edits -------------------------------------------------------------------------
    def _checked_ids(self) -> tuple[int, ...]:
        return tuple(
            int(self.photo_list.item(i).data(MEDIA_ID))
            for i in range(self.photo_list.count())
            if self.photo_list.item(i).checkState() == Qt.CheckState.Checked
        )

    def _photo_toggled(self, item: QListWidgetItem) -> None:
        a = self.current_activity()
        if self._loading or a is None or a.id is None:
            return
        checked = self._checked_ids()
        if len(checked) > REPORT_PHOTOS_MAX:
            self._loading = True
            item.setCheckState(Qt.CheckState.Unchecked)
            self._loading = False
            self._show_state(f"每项活动最多选{REPORT_PHOTOS_MAX}张照片，请先取消一张。")
            return
        self.choices[a.id] = checked
        self._show_state()

    def _caption_edited(self, text: str) -> None:
        a, item = self.current_activity(), self.photo_list.currentItem()
        if a is None or item is None:
            return
        self.captions[(a.id or 0, int(item.data(MEDIA_ID)))] = text
        item.setText(text.strip() or "（无说明）")

    def set_checked(self, media_ids: Sequence[int]) -> None:
        """Checks exactly ``media_ids`` of the current activity, as clicking them would."""
        for i in range(self.photo_list.count()):
            item = self.photo_list.item(i)
            want = int(item.data(MEDIA_ID)) in media_ids
            state = Qt.CheckState.Checked if want else Qt.CheckState.Unchecked
            if item.checkState() != state:
                item.setCheckState(state)

    def pick_none(self) -> None:
        a = self.current_activity()
        if a is None or a.id is None:
            return
        self.choices[a.id] = ()
        self._show_activity()

    def use_defaults(self) -> None:
        a = self.current_activity()
        if a is None or a.id is None:
            return
        self.choices[a.id] = None
        self._show_activity()

    def view_photos(self) -> PhotoViewer | None:
        a = self.current_activity()
        if a is None:
            return None
        photos = [
            (Path(self._media.path_of(m.sha256)), self._caption_of(a, m.id) or a.title)
            for m in activity_photos(a)
        ]
        viewer = PhotoViewer(photos, max(0, self.photo_list.currentRow()), self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    # -- saving ------------------------------------------------------------------------
    def changes(self) -> tuple[dict[int, tuple[int, ...] | None], dict[tuple[int, int], str]]:
        choices = {k: v for k, v in self.choices.items() if v != self._saved.get(k)}
        captions = {
            k: v.strip()
            for k, v in self.captions.items()
            if v.strip() != self._saved_captions.get(k, "").strip()
        }
        return choices, captions

    def save(self) -> bool:
        """Writes the picks and captions as one action, then closes."""
        choices, captions = self.changes()
        if choices or captions:
            try:
                save_photo_picks(self.store, choices, captions)
            except ValidationError as exc:
                messages.warn(self, "无法保存", messages.problems_text(exc.problems))
                return False
            except StoreError as exc:
                messages.error(self, "保存失败", exc.message)
                return False
        self.accept()
        return True
