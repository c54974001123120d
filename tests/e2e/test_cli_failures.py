"""A full disk during an export: one Chinese message, no half file, no partial set of files."""

from __future__ import annotations

import errno

from anquanyue_desktop import cli


def test_a_full_disk_during_blank_forms_leaves_no_file(tmp_path, capsys, monkeypatch):
    data, out = tmp_path / "data", tmp_path / "空白表"
    assert cli.main(["demo", "--data-dir", str(data)]) == 0
    import io
    import zipfile

    # Every workbook file is a zip written part by part (by openpyxl, or as a copy of the one
    # laid out in memory): the disk fills half-way through the second unit's file.
    real = zipfile.ZipFile.writestr
    calls: list = []  # the files written to, in order

    def fill_the_disk(self, zinfo_or_arcname, data, *args, **kwargs):
        if not isinstance(self.fp, io.BytesIO):
            if not any(f is self.fp for f in calls):
                calls.append(self.fp)
            if len(calls) == 2:
                self.fp.write(b"PK\x03\x04 half")
                raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, zinfo_or_arcname, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fill_the_disk)
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
