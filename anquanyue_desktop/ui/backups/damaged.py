"""A damaged data file: the clerk is told so and offered the intact backups, newest first.

One offer for both moments the damage can be found: at the door (the first page of the file is
unreadable) and once the window is up (the check that runs behind it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from ...store import DatabaseDamaged
from ...store.backups import BackupInfo, backups_dir_for, intact_backups, list_backups
from ..widgets import messages


def choose_backup(path: Path, damage: DatabaseDamaged, parent: QWidget | None) -> BackupInfo | None:
    """The backup the clerk chose to restore, or None (no intact backup, or she declined).

    Offers only backups that pass the check; a bad newest one is skipped and said so."""
    directory = backups_dir_for(path)
    choices = intact_backups(directory)
    skipped = len(list_backups(directory)) - len(choices)
    skipped_note = f"（有 {skipped} 份备份已损坏或不是本程序的备份，已跳过）" if skipped else ""
    if not choices:
        messages.error(
            parent,
            "数据文件已损坏",
            f"{damage.message}\n\n没有找到可用的备份{skipped_note}。"
            "损坏的文件不会被删除，请联系技术支持。",
        )
        return None
    keep_note = "损坏的文件会另存到备份文件夹，不会删除。"
    if len(choices) == 1:
        info, summary = choices[0]
        question = (
            f"{damage.message}\n\n是否用最近的备份（{info.label}，{summary.counts_text}）恢复？"
            f"{skipped_note}\n{keep_note}"
        )
        if not messages.ask(parent, "数据文件已损坏", question, default_yes=True):
            return None
        return info
    labels = [f"{b.label}　{s.counts_text}" for b, s in choices]
    question = f"{damage.message}\n\n请选择用哪一份完好的备份恢复{skipped_note}：\n{keep_note}"
    picked = messages.choose(parent, "数据文件已损坏", question, labels)
    return None if picked is None else choices[picked][0]


def restored_text(info: BackupInfo, media_note: str) -> str:
    return f"已从 {info.label} 的备份恢复数据。{media_note}"


__all__ = ["choose_backup", "restored_text"]
