"""The CLI as a user or a support script runs it: a real process over a real data folder."""

import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.conftest import seed_file
from tests.unit.imports.test_notice_parser import KEYS

# The shape ``parse-notice --json`` keeps (issue 14: new fields only inside deadlines).
NOTICE_JSON_KEYS = set(KEYS)


def cli(*args, env_dir=None):
    return subprocess.run(
        [sys.executable, "-m", "anquanyue_desktop.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_demo_then_roster_exports(tmp_path):
    data = tmp_path / "data"
    r = cli("demo", "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    assert "示例活动已就绪" in r.stdout
    r = cli("campaigns", "--data-dir", str(data), "--json")
    (campaign,) = json.loads(r.stdout)
    assert campaign["year"] == 2022 and campaign["ordinal"] == 21 and campaign["demo"]

    pdf = tmp_path / "out" / "名册.pdf"
    r = cli(
        "export",
        "units",
        "--data-dir",
        str(data),
        "--campaign",
        "2022",
        "--format",
        "pdf",
        "--out",
        str(pdf),
    )
    assert r.returncode == 0, r.stderr
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "荫城村（示例）" in text and "单位名册" in text and "— 1 —" in text

    xlsx = tmp_path / "名册.xlsx"
    r = cli("export", "units", "--data-dir", str(data), "--format", "xlsx", "--out", str(xlsx))
    assert r.returncode == 0, r.stderr
    ws = load_workbook(xlsx).active
    values = [c for row in ws.iter_rows(values_only=True) for c in row if c]
    assert "长治市荫城建材有限公司（示例）" in values


def test_unknown_year_and_bad_file_get_chinese_messages(tmp_path):
    data = tmp_path / "data"
    cli("demo", "--data-dir", str(data))
    r = cli(
        "export",
        "units",
        "--data-dir",
        str(data),
        "--campaign",
        "2031",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert r.returncode == 1
    assert "没有2031年的活动" in r.stderr and "2022" in r.stderr
    assert not (tmp_path / "x.pdf").exists()

    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "anquanyue.db").write_bytes(b"not sqlite" * 500)
    r = cli("check", "--data-dir", str(broken))
    assert r.returncode == 1 and "已损坏" in r.stderr
    assert "Traceback" not in r.stderr


def test_backup_and_restore_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    names = tmp_path / "names.txt"
    names.write_text("东村\n西村\n", encoding="utf-8")
    assert cli("units", "--data-dir", str(data), "--add-from", str(names)).returncode == 0
    r = cli("backup", "--data-dir", str(data))
    assert r.returncode == 0, r.stderr
    backup = r.stdout.split("：", 1)[1].strip()
    names.write_text("南村\n", encoding="utf-8")
    cli("units", "--data-dir", str(data), "--add-from", str(names))
    r = cli("restore", "--data-dir", str(data), backup)
    assert r.returncode == 0, r.stderr
    r = cli("units", "--data-dir", str(data), "--json")
    assert [u["name"] for u in json.loads(r.stdout)] == ["东村", "西村"]


def test_parse_form_reads_a_table_pasted_from_word(tmp_path):
    text = tmp_path / "表.txt"
    text.write_text(
        "活动项目\t内容要求\t进展情况\n宣传\t开展宣传\t发放资料（）份，受众约（）人（）个单位\n",
        encoding="gb18030",
    )
    r = cli("parse-form", str(text), "--json")
    assert r.returncode == 0, r.stderr
    template = json.loads(r.stdout)
    (row,) = template["sections"][0]["rows"]
    blanks = [run for run in row["progress"] if isinstance(run, dict)]
    assert [b["unit"] for b in blanks] == ["份", "人", "个"]


def test_liaison_roster_statistics_and_blank_forms(tmp_path):
    data = tmp_path / "data"
    cli("demo", "--data-dir", str(data))
    roster = tmp_path / "联络员.xlsx"
    r = cli("export", "liaisons", "--data-dir", str(data), "--format", "xlsx", "--out", str(roster))
    assert r.returncode == 0, r.stderr
    cells = [
        c for row in load_workbook(roster).active.iter_rows(values_only=True) for c in row if c
    ]
    assert "13800001000" in [str(c) for c in cells]
    stats = tmp_path / "统计.pdf"
    r = cli("export", "statistics", "--data-dir", str(data), "--format", "pdf", "--out", str(stats))
    assert r.returncode == 0, r.stderr
    text = "".join(p.extract_text() for p in PdfReader(stats).pages)
    assert "活动情况统计表" in text and "未报送单位" in text
    blank = tmp_path / "blank"
    r = cli(
        "export",
        "blank-forms",
        "--data-dir",
        str(data),
        "--role",
        "statistics",
        "--out-dir",
        str(blank),
    )
    assert r.returncode == 0, r.stderr
    files = sorted(blank.glob("*.xlsx"))
    assert len(files) == 12
    r = cli("import-forms", "--data-dir", str(data), str(files[0]), "--dry-run")
    assert r.returncode == 1 and "没有填写任何内容" in r.stderr and "全部文件都不导入" in r.stderr


def test_parse_notice_prints_the_issue_shape(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_bytes(
        "某镇人民政府关于开展2025年“安全生产月”活动的通知\n今年6月是第24个全国“安全生产月”。\n"
        "请各村于5月30日前报送联络员，6月份每周五17:00前报送周活动情况。\n".encode("gb18030")
    )
    r = cli("parse-notice", str(notice), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data) >= NOTICE_JSON_KEYS
    assert data["ordinal"] == 24
    kinds = {(d["kind"], d["date"], d["time"], d["weekday"]) for d in data["deadlines"]}
    assert ("once", "05-30", None, None) in kinds or ("once", "05-30", None, 5) in kinds
    assert any(k[0] == "weekly" and k[2] == "17:00" and k[3] == 5 for k in kinds)
    doc = tmp_path / "旧.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    r = cli("parse-notice", str(doc))
    assert r.returncode == 1 and ".docx" in r.stderr and "Traceback" not in r.stderr


def test_parse_notice_lists_what_may_be_missed_and_keeps_its_json(tmp_path):
    notice = tmp_path / "通知.txt"
    notice.write_text(
        "请各村于5月30日前报送联络员名单。\n请于第二天上午10点前报送当日巡查情况。\n",
        encoding="utf-8",
    )
    r = cli("parse-notice", str(notice))
    assert r.returncode == 0, r.stderr
    missed = [x for x in r.stdout.splitlines() if x.startswith("可能遗漏：")]
    assert missed == [
        "可能遗漏：请于第二天上午10点前报送当日巡查情况（含“上午10点前”和“报送”，未读出报送节点）"
    ]
    data = json.loads(cli("parse-notice", str(notice), "--json").stdout)
    assert set(data) == NOTICE_JSON_KEYS
    assert [d["what"] for d in data["deadlines"]] == ["联络员名单"]


@pytest.mark.parametrize("year", [None, 2026])
def test_new_campaign_from_a_notice_moves_every_date_with_the_year(tmp_path, year):
    data = tmp_path / "data"
    args = ["new-campaign", "--data-dir", str(data), "--from-notice", str(seed_file("002"))]
    r = cli(*args, *(["--year", str(year)] if year else []))
    assert r.returncode == 0, r.stderr
    y = year or 2022
    (campaign,) = json.loads(cli("campaigns", "--data-dir", str(data), "--json").stdout)
    assert campaign["year"] == y and campaign["ordinal"] == y - 2001
    assert campaign["period_start"] == f"{y}-06-01" and campaign["period_end"] == f"{y}-06-30"
    r = cli("deadlines", "--data-dir", str(data), "--campaign", str(y), "--json")
    due = sorted(o["due"] for o in json.loads(r.stdout)["occurrences"])
    wednesdays = [
        d.isoformat() + "T18:00:00"
        for d in (date(y, 6, 1) + timedelta(days=i) for i in range(30))
        if d.weekday() == 2
    ]
    assert due == sorted([f"{y}-05-31T23:59:59"] * 2 + wednesdays + [f"{y}-07-04T23:59:59"]), due


def test_cli_twins_chase_list_calendar_and_works_table(tmp_path):
    """What the desktop program exports from the grid, the deadlines page and the works tab."""
    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data)).returncode == 0
    chase = tmp_path / "催报.xlsx"
    r = cli(
        "export", "chase", "--data-dir", str(data), "--now", "2022-06-09T09:00:00",
        "--format", "xlsx", "--out", str(chase),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    cells = [c for row in load_workbook(chase).active.iter_rows(values_only=True) for c in row]
    assert "催报名单" in "".join(str(c) for c in cells if c)
    assert "已导出催报名单" in r.stdout
    ics = tmp_path / "日历.ics"
    r = cli("export", "ics", "--data-dir", str(data), "--out", str(ics))
    assert r.returncode == 0, r.stderr
    text = ics.read_text(encoding="utf-8")
    assert text.startswith("BEGIN:VCALENDAR") and text.count("BEGIN:VEVENT") >= 5
    assert cli("new-campaign", "--data-dir", str(data), "--template", "zushi-2024").returncode == 0
    names = tmp_path / "名单.txt"
    names.write_text("北关社区\n", encoding="utf-8")
    assert cli("units", "--data-dir", str(data), "--add-from", str(names)).returncode == 0
    table = tmp_path / "报送表.pdf"
    r = cli(
        "export", "works-unit", "--data-dir", str(data), "--campaign", "2024",
        "--unit", "北关社区", "--format", "pdf", "--out", str(table),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "北关社区" in "".join(p.extract_text() for p in PdfReader(table).pages)
    r = cli(
        "export", "works-unit", "--data-dir", str(data), "--campaign", "2022",
        "--unit", "北关社区", "--format", "pdf", "--out", str(table),
    )  # fmt: skip
    # The demo campaign (seed 002) has no 作品分配表: the CLI says so instead of a trace.
    assert r.returncode == 1 and "作品分配表" in r.stderr and "Traceback" not in r.stderr


def _pdf_text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_export_dates_are_chosen_remembered_and_printed(tmp_path):
    """--date sets the 制表日期/成文日期 printed on the export and is remembered for the
    campaign: the next export without --date carries it too. A PDF's message names the faces
    that stood in for missing Windows fonts."""
    from docx import Document

    from anquanyue_desktop.exports.fonts import stand_in_message

    data = tmp_path / "data"
    assert cli("demo", "--data-dir", str(data)).returncode == 0
    base = ("--data-dir", str(data), "--campaign", "2022")

    pdf = tmp_path / "名册.pdf"
    r = cli("export", "units", *base, "--format", "pdf", "--out", str(pdf), "--date", "2022-06-30")
    assert r.returncode == 0, r.stderr
    assert "制表日期：2022年6月30日" in _pdf_text(pdf)
    assert "（制表日期：2022年6月30日）" in r.stdout
    # This machine's fonts, as the CLI process sees them, of the faces a roster draws (no 仿宋).
    faces = stand_in_message(roles=("song", "hei", "kai", "xiaobiaosong"))
    if faces:
        assert faces in r.stdout and "代替" in faces and "仿宋" not in r.stdout
    else:
        assert "代替" not in r.stdout

    xlsx = tmp_path / "周报.xlsx"
    r = cli("export", "weekly", *base, "--week", "2", "--format", "xlsx", "--out", str(xlsx))
    assert r.returncode == 0, r.stderr
    cells = [c for row in load_workbook(xlsx).active.iter_rows(values_only=True) for c in row]
    assert "制表日期：2022年6月30日" in cells  # remembered from the roster's export
    assert "代替" not in r.stdout  # a workbook names no fonts to stand in

    chase = tmp_path / "催报"
    chase.mkdir()
    r = cli(
        "export", "chase", *base, "--now", "2022-06-09T09:00:00",
        "--format", "xlsx", "--out", str(chase),
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    (made,) = chase.iterdir()
    cells = [c for row in load_workbook(made).active.iter_rows(values_only=True) for c in row]
    assert "制表日期：2022年6月30日" in cells and made.stem.endswith("_0630")  # not --now's day
    assert "（制表日期：2022年6月30日）" in r.stdout

    summary = tmp_path / "总结.pdf"
    r = cli("export", "summary", *base, "--format", "pdf", "--out", str(summary))
    assert r.returncode == 0, r.stderr
    today = date.today()
    assert f"{today.year}年{today.month}月{today.day}日" in _pdf_text(summary)  # never chosen
    docx = tmp_path / "总结.docx"
    r = cli(
        "export", "summary", *base, "--format", "docx", "--out", str(docx), "--date", "2022-07-04"
    )
    assert r.returncode == 0, r.stderr
    assert "2022年7月4日" in [p.text.strip() for p in Document(docx).paragraphs]
    r = cli("export", "summary", *base, "--format", "pdf", "--out", str(summary))
    assert "2022年7月4日" in _pdf_text(summary) and "成文日期：2022年7月4日" in r.stdout

    r = cli("export", "units", *base, "--format", "pdf", "--out", str(pdf), "--date", "2022-6-31")
    assert r.returncode == 2 and "日期“2022-6-31”无效" in r.stderr
