"""A full disk during an export: one Chinese message, no half file, no partial set of files."""

from __future__ import annotations

import errno

from anquanyue_desktop import cli


def test_a_full_disk_during_blank_forms_leaves_no_file(tmp_path, capsys, monkeypatch):
    data, out = tmp_path / "data", tmp_path / "空白表"
    assert cli.main(["demo", "--data-dir", str(data)]) == 0
    from openpyxl import Workbook

    real = Workbook.save
    calls = []

    def fill_the_disk(self, target):
        calls.append(target)
        if len(calls) == 2:  # the second unit's workbook: the disk is full half-way
            if hasattr(target, "write"):
                target.write(b"PK\x03\x04 half")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, target)

    monkeypatch.setattr(Workbook, "save", fill_the_disk)
    capsys.readouterr()
    code = cli.main(
        [
            "export",
            "blank-forms",
            "--data-dir",
            str(data),
            "--role",
            "liaison",
            "--out-dir",
            str(out),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "磁盘空间已满" in err and "Errno" not in err
    assert len(calls) == 2  # one workbook was written whole before the disk filled
    assert list(out.iterdir()) == []


def test_a_read_only_target_gets_a_chinese_message(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    assert cli.main(["demo", "--data-dir", str(data)]) == 0
    from anquanyue_desktop.exports import roster

    def read_only(*a, **k):
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "x.pdf"))

    monkeypatch.setattr(roster, "write_roster_pdf", read_only)
    capsys.readouterr()
    code = cli.main(
        [
            "export",
            "units",
            "--data-dir",
            str(data),
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "x.pdf"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 1 and "没有写入权限" in err and "Errno" not in err
    assert not (tmp_path / "x.pdf").exists()
