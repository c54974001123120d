"""Received means received, as the CLI shows it: a unit's liaison workbook imported, or its
activity logged in a weekly window, marks that unit's submission received at that moment."""

import json

from openpyxl import load_workbook

from .test_cli import cli


def _occurrences(data, year, now):
    r = cli("deadlines", "--data-dir", str(data), "--campaign", str(year), "--json", "--now", now)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["occurrences"]


def _cell(occurrences, title_part, unit, number=None):
    for occ in occurrences:
        if title_part in occ["what"] and (number is None or f"第{number}周" in occ["label"]):
            return occ, next(u for u in occ["units"] if u["unit"] == unit)
    raise AssertionError(f"no occurrence {title_part} {number}")


def test_import_and_activity_mark_received(tmp_path):
    data = tmp_path / "data"
    names = tmp_path / "单位.txt"
    names.write_text("东村\n西坡村\n", encoding="utf-8")
    assert cli("units", "--data-dir", str(data), "--add-from", str(names)).returncode == 0
    r = cli("new-campaign", "--data-dir", str(data), "--template", "yincheng-2022")
    assert r.returncode == 0, r.stderr

    before = _occurrences(data, 2022, "2022-06-01T09:00:00")
    occ, east = _cell(before, "联络员", "东村")
    assert occ["delivery"] == "联络员表" and east["status"] == "逾期未报"

    blank = tmp_path / "blank"
    r = cli(
        "export",
        "blank-forms",
        "--data-dir",
        str(data),
        "--role",
        "liaison",
        "--out-dir",
        str(blank),
    )
    assert r.returncode == 0, r.stderr
    (path,) = [p for p in blank.glob("*.xlsx") if "东村" in p.name]
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for label, value in {"姓名": "王建国", "手机号码": "13800001007"}.items():
        row = next(r for r in ws.iter_rows() if r[0].value == label)
        row[1].value = value
    wb.save(path)
    r = cli("import-forms", "--data-dir", str(data), str(path), "--now", "2022-05-30T10:15:00")
    assert r.returncode == 0, r.stderr
    assert "已登记为已报：东村" in r.stdout

    after = _occurrences(data, 2022, "2022-06-01T09:00:00")
    occ, east = _cell(after, "联络员", "东村")
    assert east["status"] == "按时已报" and east["received_at"] == "2022-05-30T10:15:00"
    assert east["note"].startswith("自动登记")
    assert _cell(after, "联络员", "西坡村")[1]["status"] == "逾期未报"
    assert occ["counts"]["按时已报"] == 1

    # An activity dated in week 3's window (after 6月8日, up to 6月15日 18:00), logged on time.
    r = cli(
        "add-activity", "--data-dir", str(data), "--unit", "西坡村", "--date", "2022-06-13",
        "--category", "应急演练", "--title", "西坡村防汛演练", "--now", "2022-06-14T16:00:00",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    weekly = _occurrences(data, 2022, "2022-06-30T09:00:00")
    occ3, west3 = _cell(weekly, "周活动", "西坡村", 3)
    assert occ3["delivery"] == "活动记录"
    assert west3["status"] == "按时已报" and west3["received_at"] == "2022-06-14T16:00:00"
    # The weeks around it are untouched.
    assert _cell(weekly, "周活动", "西坡村", 2)[1]["status"] == "逾期未报"
    assert _cell(weekly, "周活动", "西坡村", 4)[1]["status"] == "逾期未报"
