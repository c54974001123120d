"""备份与设置 page: where the data is, the backups, backing up now and restoring."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...store import Store, StoreError
from ...store.backups import BackupInfo, backups_dir_for, create_backup, list_backups, rotate
from ...usecases.reminders import reminder_lead_minutes, save_reminder_lead_minutes
from ..widgets import messages
from ..widgets.table_models import RowTableModel


class BackupTableModel(RowTableModel):
    HEADERS = ("备份时间", "大小", "文件")

    def rows(self):
        return self.backups

    def __init__(self, parent=None):
        super().__init__(parent)
        self.backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self.backups = backups
        self.endResetModel()

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        b = self.backups[index.row()]
        return (b.label, f"{max(1, b.size // 1024)} KB", b.path.name)[index.column()]


class BackupsPage(QWidget):
    """Restoring is the main window's job (it owns the store); this page asks for it."""

    restore_requested = Signal(Path)
    backup_made = Signal()
    settings_changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        title = QLabel("备份与设置")
        title.setObjectName("pageTitle")
        self.db_label = QLabel()
        self.db_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.backup_dir_label = QLabel()
        self.backup_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info = QFormLayout()
        info.addRow("数据文件：", self.db_label)
        info.addRow("备份文件夹：", self.backup_dir_label)
        explain = QLabel(
            "每次启动程序时自动备份一次。保留最近10份，更早的每月保留一份。"
            "恢复备份前，当前数据会另存一份，可随时再恢复回来。"
        )
        explain.setWordWrap(True)
        explain.setObjectName("pageHint")

        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 260)
        self.table.verticalHeader().hide()

        self.backup_button = QPushButton("立即备份")
        self.restore_button = QPushButton("恢复所选备份…")
        self.open_button = QPushButton("打开备份文件夹")
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)

        self.lead = QSpinBox()
        self.lead.setRange(10, 24 * 60)
        self.lead.setSingleStep(30)
        self.lead.setSuffix(" 分钟")
        self.lead.setValue(reminder_lead_minutes(store))
        self.holidays_button = QPushButton("节假日设置…")
        settings = QHBoxLayout()
        settings.addWidget(QLabel("截止前提醒："))
        settings.addWidget(self.lead)
        settings.addSpacing(24)
        settings.addWidget(self.holidays_button)
        settings.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(settings)
        layout.addLayout(info)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button.clicked.connect(self._restore_selected)
        self.open_button.clicked.connect(self._open_folder)
        self.table.doubleClicked.connect(lambda _i: self._restore_selected())
        self.lead.editingFinished.connect(self._save_lead)
        self.holidays_button.clicked.connect(self._edit_holidays)
        self.refresh()

    def set_store(self, store: Store) -> None:
        self.store = store
        self.refresh()

    def _save_lead(self) -> None:
        try:
            save_reminder_lead_minutes(self.store, self.lead.value())
        except StoreError as exc:
            messages.error(self, "保存失败", exc.message)

    def _edit_holidays(self) -> None:
        from ..deadlines.holidays_dialog import HolidaysDialog

        if HolidaysDialog(self.store, self).exec() == HolidaysDialog.DialogCode.Accepted:
            self.settings_changed.emit()

    @property
    def backups_dir(self) -> Path:
        return backups_dir_for(self.store.path)

    def refresh(self) -> None:
        self.db_label.setText(str(self.store.path))
        self.backup_dir_label.setText(str(self.backups_dir))
        self.model.set_backups(list_backups(self.backups_dir))
        if self.model.rowCount():
            self.table.selectRow(0)
        self.restore_button.setEnabled(self.model.rowCount() > 0)

    def backup_now(self) -> None:
        try:
            info = create_backup(self.store.path)
            rotate(self.backups_dir)
        except StoreError as exc:
            messages.error(self, "备份失败", exc.message)
            return
        self.refresh()
        self.backup_made.emit()
        messages.info(self, "备份完成", f"已备份到：\n{info.path}")

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def _restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        question = (
            f"用 {backup.label} 的备份替换现在的数据？\n\n"
            "现在的数据会先另存到备份文件夹（标为“恢复前的数据”），需要时可再恢复回来。"
        )
        if messages.ask(self, "恢复备份", question):
            self.restore_requested.emit(backup.path)

    def _open_folder(self) -> None:
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.backups_dir)))
