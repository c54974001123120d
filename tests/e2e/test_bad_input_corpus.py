"""Every file of the bad-input corpus (tests/bad_inputs.py) through every import path, as the
CLI and the program run them: a Chinese message or a clean read, never a traceback, and
nothing written when refused."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from anquanyue_desktop import cli
from anquanyue_desktop.store import Store
from anquanyue_desktop.store.media import MediaRefused

from ..bad_inputs import build_corpus

CJK = re.compile(r"[\u4e00-\u9fff]")
LEAKS = ("Traceback", "Error:", "Errno", "codec can't", "Exception ignored", "EOF marker")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    assert cli.main(["demo", "--data-dir", str(folder)]) == 0
    return folder


def test_the_corpus_is_big_and_takes_no_disk(corpus):
    assert len(corpus) >= 90
    files = [c.path for c in corpus if c.path.is_file()]
    on_disk = sum(f.stat().st_blocks * 512 for f in files)
    declared = sum(f.stat().st_size for f in files)
    assert declared > 10 * 1024**3  # sparse multi-GB files
    assert on_disk < 40 * 1024**2


def _run(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _snapshot(folder: Path) -> dict[str, object]:
    """Every file of the data folder: the database's bytes (each command closes the store,
    which folds the WAL into it, so equal bytes mean nothing was written), the others' size
    and modification time."""
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.name.endswith("-shm"):
            continue
        st = p.stat()
        out[str(p.relative_to(folder))] = (
            p.read_bytes() if p.name.startswith("anquanyue.db") else (st.st_size, st.st_mtime_ns)
        )
    return out


def _assert_message(what: str, code: int, text: str) -> None:
    assert CJK.search(text), f"{what}: no Chinese message: {text!r}"
    for leak in LEAKS:
        assert leak not in text, f"{what}: {leak!r} in {text!r}"


def test_every_bad_file_through_every_cli_import_path(corpus, data, capsys, monkeypatch):
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    refused = 0
    for case in corpus:
        p = str(case.path)
        what = f"{case.path.name} ({case.what})"
        commands = [
            ["parse-notice", p],
            ["parse-form", p],
            ["import-forms", p, "--data-dir", str(data)],
            ["restore", p, "--data-dir", str(data)],
            ["import-all", p, "--data-dir", str(data)],
            ["units", "--add-from", p, "--data-dir", str(data)],
        ]
        for command in commands:
            before = _snapshot(data)
            code, text = _run(capsys, *command)
            label = f"{command[0]} {what}"
            if command[0] in ("restore", "import-all"):
                assert code == 1, label  # nothing in the corpus is a backup or an archive
            if code != 0:
                refused += 1
                _assert_message(label, code, text)
                assert _snapshot(data) == before, f"{label}: refused but wrote"
            else:
                for leak in LEAKS:
                    assert leak not in text, f"{label}: {leak!r} in {text!r}"
    assert refused > 3 * len(corpus)  # most of it is refused, each with a message


def test_every_bad_file_as_an_activity_attachment(corpus, tmp_path):
    with Store(tmp_path / "anquanyue.db") as store:
        root = store.media.root
        for case in corpus:
            stored = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
            try:
                store.media.check_file(case.path)
                item = store.media.add_file(case.path)
            except MediaRefused as exc:
                _assert_message(case.path.name, 1, exc.message)
                now = {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
                assert now == stored, f"{case.path.name}: left {now - stored}"
            else:
                assert store.media.has(item.sha256)
                assert item.size < 1024**3
