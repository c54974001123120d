"""The workbook import follows one rule set whether the desktop program or the CLI runs it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from anquanyue_desktop.domain.workbook_identity import IDENTITY_SHEET
from anquanyue_desktop.exports.form_workbook import write_blank_workbook
from anquanyue_desktop.ui.forms.page import FormsPage
from anquanyue_desktop.usecases.demo import install_demo


def filled_workbook(template, campaign, unit_name: str, path: Path, value: int = 7) -> Path:
    """A blank workbook as the program exports it, with one blank filled in."""
    write_blank_workbook(template, campaign, unit_name, path)
    book = openpyxl.load_workbook(path)
    cells = {
        row[0].value: row[1].value
        for row in book[IDENTITY_SHEET].iter_rows(min_row=1)
        if row[0].value and len(row) > 1
    }
    assert cells.get("r1_b1"), f"the identity sheet of {path.name} no longer maps r1_b1: {cells}"
    book.worksheets[0][cells["r1_b1"].split(":")[0]] = value
    book.save(path)
    return path


@pytest.fixture
def setup(qtbot, demo_template, store, data_dir, dialogs, tmp_path):
    campaign = install_demo(store)
    template = store.forms.latest("activity-statistics")
    entries = store.form_entries.for_campaign(campaign.id, template.key)
    unfilled = [u for u in store.units.list(include_inactive=False) if u.id not in entries]
    page = FormsPage(store)
    qtbot.addWidget(page)
    page.set_campaign(campaign)
    assert page.show_form("statistics")
    return campaign, template, unfilled, page


def run_cli(data_dir: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", "import-forms", "--data-dir", str(data_dir)]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ".xlsx" in line]


@pytest.mark.parametrize("batch", ["wrong_year", "mixed"])
def test_desktop_and_cli_refuse_the_same_batch_the_same_way(
    setup, store, data_dir, dialogs, tmp_path, batch
):
    campaign, template, unfilled, page = setup
    good = filled_workbook(template, campaign, unfilled[0].name, tmp_path / "好.xlsx")
    if batch == "wrong_year":
        last_year = replace(campaign, year=campaign.year - 1)
        bad = filled_workbook(template, last_year, unfilled[1].name, tmp_path / "去年.xlsx")
        expected = f"是为{campaign.year - 1}年“安全生产月”导出的表"
    else:
        bad = tmp_path / "坏.xlsx"
        bad.write_text("不是工作簿", encoding="utf-8")
        expected = "坏.xlsx"
    before = store.form_entries.for_campaign(campaign.id, template.key)

    assert not page.import_workbooks([good, bad])
    (warning,) = dialogs.texts("warning")
    assert expected in warning and "全部文件都不导入" in warning
    assert store.form_entries.for_campaign(campaign.id, template.key) == before

    store.close()  # the CLI opens the same data file, as after quitting the program
    r = run_cli(data_dir, good, bad)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "全部文件都不导入" in r.stderr and "可以导入的已保存" not in r.stdout
    assert problem_lines(r.stderr) == problem_lines(warning)
    reopened = type(store)(store.path)
    try:
        assert reopened.form_entries.for_campaign(campaign.id, template.key) == before
    finally:
        reopened.close()


def test_a_good_batch_imports_alike_and_only_for_units_in_use(
    setup, store, data_dir, dialogs, tmp_path
):
    campaign, template, unfilled, page = setup
    a = filled_workbook(template, campaign, unfilled[0].name, tmp_path / "甲.xlsx", 3)
    assert page.import_workbooks([a]), dialogs.shown
    assert (
        f"已导入 1 个单位的{template.name}：{unfilled[0].name}" in dialogs.texts("information")[-1]
    )

    # A unit no longer in use is not matched by either face.
    retired = unfilled[1]
    store.units.save_all(
        [replace(u, active=False) if u.id == retired.id else u for u in store.units.list()]
    )
    b = filled_workbook(template, campaign, retired.name, tmp_path / "乙.xlsx", 4)
    assert not page.import_workbooks([b])
    desktop = problem_lines(dialogs.texts("warning")[-1])
    store.close()
    r = run_cli(data_dir, b)
    assert r.returncode == 1
    assert problem_lines(r.stderr) == desktop and retired.name in desktop[0]
