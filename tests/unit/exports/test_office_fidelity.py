"""What LibreOffice prints from our workbooks and the summary .docx (the fidelity check).

Every xlsx export and the .docx are converted to PDF in ONE soffice run (start-up dominates:
one run for all files keeps this at a few seconds), then read back: page counts, no page with
only the signature block, no merged block cut by a page break, fitted type at least 9 pt, the
summary's 28 characters a line and 22 lines a page, the same page count as our own PDF.

LibreOffice sees the Chinese office faces (宋体, 仿宋_GB2312, 黑体 …) as our bundled fonts,
through a private fontconfig file: a machine without them would measure a fallback face. CI
installs LibreOffice (.ci/run); elsewhere these tests are skipped when ``soffice`` is absent,
unless ANQUANYUE_OFFICE_CHECK=1 demands them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from anquanyue_desktop.domain.activities import Activity
from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.deadlines import WEEKLY_KIND, Deadline, DeadlineRule, occurrences
from anquanyue_desktop.domain.demo import demo_liaisons
from anquanyue_desktop.domain.forms import iter_blanks
from anquanyue_desktop.domain.reports import build_weekly_report, works_register
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.exports import form_reports, roster, summary_report, works_report
from anquanyue_desktop.exports.form_workbook import write_blank_workbook
from anquanyue_desktop.exports.weekly_report import write_weekly_xlsx
from anquanyue_desktop.exports.xlsx import MIN_PRINT_SIZE, print_size
from anquanyue_desktop.imports.form_files import FORMS_DIR, load_shipped, load_template
from anquanyue_desktop.resources import FONTS_DIR


def weekly_report():
    """A week of 40 units, 60 activities: a table over several printed pages."""
    occs = occurrences(
        Deadline(
            1,
            "周活动开展情况",
            DeadlineRule(
                WEEKLY_KIND, at=time(18), weekday=3, start=date(2022, 6, 1), end=date(2022, 6, 30)
            ),
            id=3,
        )
    )
    units = [Unit(f"荫城镇第{i}村村民委员会", id=i) for i in range(1, 41)]
    acts = [
        Activity(
            1,
            1 + i % 30,
            date(2022, 6, 3 + i % 5),
            "“五进”宣传",
            f"安全宣传进农户第{i}场",
            participants=45,
        )
        for i in range(60)
    ]
    return build_weekly_report(occs[1], occs, acts, units, campaign_start=date(2022, 6, 1))


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("ANQUANYUE_OFFICE_CHECK") != "1":
    pytest.skip("LibreOffice (soffice) is not installed", allow_module_level=True)

D = date(2022, 6, 30)
CAMPAIGN = Campaign(
    year=2022,
    issuer="荫城镇人民政府",
    ordinal=21,
    contact_person="王芳",
    contact_phone="0355-1234567",
)
SIGNATURE = "填报单位（盖章）"
STATS = {t.key: t for t in load_shipped()}["activity-statistics"]
_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
{aliases}
</fontconfig>
"""
_ALIASES = {
    "宋体": "AR PL SungtiL GB",
    "仿宋_GB2312": "AR PL SungtiL GB",
    "仿宋": "AR PL SungtiL GB",
    "楷体_GB2312": "AR PL SungtiL GB",
    "方正小标宋简体": "AR PL SungtiL GB",
    "黑体": "Droid Sans Fallback",
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Converted:
    folder: Path
    ours: dict[str, Path] = field(default_factory=dict)  # our own PDFs, to compare with

    def pages(self, stem: str) -> list[str]:
        reader = PdfReader(self.folder / f"{stem}.pdf")
        return [squeeze(p.extract_text()) for p in reader.pages]


def _liaison_rows(n: int) -> list:
    people = demo_liaisons(n)
    return [(f"荫城镇{'东西南北'[i % 4]}{i + 1}村村民委员会", people[i]) for i in range(n)]


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> Converted:
    src = tmp_path_factory.mktemp("office-src")
    out = tmp_path_factory.mktemp("office-pdf")
    shipped = {t.key: t for t in load_shipped()}
    result = Converted(out)
    for n in (10, 12, 40):
        rows = _liaison_rows(n)
        t = shipped["yincheng-liaison"]
        form_reports.write_liaison_roster_xlsx(
            CAMPAIGN, t, rows, src / f"liaisons{n}.xlsx", generated_on=D
        )
        ours = out / f"ours_liaisons{n}.pdf"
        form_reports.write_liaison_roster_pdf(CAMPAIGN, t, rows, ours, generated_on=D)
        result.ours[f"liaisons{n}"] = ours
    units = [Unit(f"荫城镇第{i}村村民委员会", "村", i) for i in range(1, 41)]
    roster.write_roster_xlsx(CAMPAIGN, units, src / "units40.xlsx", generated_on=D)
    stats = shipped["activity-statistics"]
    values = {
        f.key: 3 if f.type == "number" else "某加油站违规动火作业被查处"
        for _, _, f in iter_blanks(stats)
    }
    form_reports.write_statistics_xlsx(
        CAMPAIGN,
        stats,
        values,
        src / "statistics_sum.xlsx",
        unit_name="荫城镇",
        generated_on=D,
        missing_units=[f"第{i}村" for i in range(65)],
    )
    write_weekly_xlsx(CAMPAIGN, weekly_report(), src / "weekly.xlsx", generated_on=D)
    quota = load_template(FORMS_DIR / "zushi-works-quota.json").quota
    names = [f"{c}社区" for c in "甲乙丙丁戊己庚辛壬癸"]
    delivered = {
        (u, item.key, fmt): (i + len(item.key)) % 4
        for i, u in enumerate(names)
        for item in quota.items
        for fmt in ("图片", "视频", "典型案例", "课件（录像）")
    }
    register = works_register(quota, names, delivered)
    works_report.write_works_register_xlsx(CAMPAIGN, register, src / "works.xlsx", generated_on=D)
    entries = [
        works_report.WorkEntry("应急逃生避险演练", "高层住宅火灾疏散演练", "视频1个、照片3张")
    ]
    works_report.write_works_submission_xlsx(
        "乙社区",
        quota.item_names(),
        entries,
        src / "works_submission.xlsx",
        submitted_on=D,
        contact="王亚伟",
    )
    for key in ("activity-statistics", "yincheng-liaison", "zushi-liaison", "zushi-works-report"):
        write_blank_workbook(
            shipped[key], CAMPAIGN, "荫城镇东村", src / f"blank_{key}.xlsx", generated_on=D
        )
    text = "\n".join(
        ["一、活动开展总体情况"]
        + [
            f"开展“安全宣传咨询日”现场活动第{i}场，参与325人次，"
            + "各村各单位结合实际开展宣传教育。" * 4
            for i in range(1, 16)
        ]
    )
    title = "荫城镇2022年“安全生产月”活动工作总结"
    summary_report.write_summary_docx(
        CAMPAIGN, title, text, src / "summary.docx", issuer=CAMPAIGN.issuer, date=D
    )
    ours = out / "ours_summary.pdf"
    summary_report.write_summary_pdf(CAMPAIGN, title, text, ours, issuer=CAMPAIGN.issuer, date=D)
    result.ours["summary"] = ours

    fc = tmp_path_factory.mktemp("fontconfig")
    aliases = "\n".join(
        f'  <alias binding="same"><family>{a}</family><prefer><family>{b}</family></prefer></alias>'
        for a, b in _ALIASES.items()
    )
    (fc / "fonts.conf").write_text(
        _FONTCONFIG.format(fonts=FONTS_DIR, cache=fc / "cache", aliases=aliases), encoding="utf-8"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(fc / "fonts.conf")}
    files = sorted(str(p) for p in src.iterdir())
    assert SOFFICE, "ANQUANYUE_OFFICE_CHECK=1 but LibreOffice (soffice) is not installed"
    profile = (fc / "profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *files,
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    for f in files:
        assert (out / f"{Path(f).stem}.pdf").is_file(), (
            f"LibreOffice did not convert {Path(f).name}"
        )
    result.src = src  # type: ignore[attr-defined]
    return result


def _no_lonely_signature(pages: list[str], last_row: str) -> None:
    """The page with the signature also holds the table's last row."""
    signed = [i for i, p in enumerate(pages) if SIGNATURE in p]
    assert signed, "no signature block printed"
    page = pages[signed[-1]]
    assert last_row in page, f"the signature stands on page {signed[-1] + 1} without the table"


@pytest.mark.parametrize("n", [10, 12, 40])
def test_liaison_roster_never_leaves_the_seal_alone(converted: Converted, n: int) -> None:
    last = f"荫城镇{'东西南北'[(n - 1) % 4]}{n}村村民委员会"
    _no_lonely_signature(converted.pages(f"liaisons{n}"), last)
    ours = [squeeze(p.extract_text()) for p in PdfReader(converted.ours[f"liaisons{n}"]).pages]
    _no_lonely_signature(ours, last)
    if n <= 12:  # the seal moves with the last rows, one page more at most
        assert len(converted.pages(f"liaisons{n}")) <= 2 and len(ours) <= 2


def test_page_counts_and_signatures(converted: Converted) -> None:
    assert len(converted.pages("units40")) == 2
    _no_lonely_signature(converted.pages("units40"), "荫城镇第40村村民委员会")
    weekly = converted.pages("weekly")
    assert len(weekly) >= 2
    _no_lonely_signature(weekly, "合计")
    assert len(converted.pages("works_submission")) == 1
    stats = converted.pages("statistics_sum")
    last = squeeze(form_reports.statistics_table(STATS, {}).rows[-1][1])[:12]
    _no_lonely_signature(stats, last)
    assert not any("未报送单位" in p for p in stats[:-1])  # the list is a sheet of its own
    for stem in ("works", "works_submission"):  # every line printed, nothing left out
        text = "".join(converted.pages(stem))
        assert "未达标单位" in text or "联系人：王亚伟" in text


def test_no_merged_block_is_cut_by_a_page_break(converted: Converted) -> None:
    stats = {t.key: t for t in load_shipped()}["activity-statistics"]
    pages = converted.pages("blank_activity-statistics")
    assert len(pages) > 1
    for section in stats.sections:
        for row in section.rows:
            requirement = squeeze(row.requirement)
            assert any(requirement in p for p in pages), f"“{row.item}”的内容要求被分页截断"
            assert any(squeeze(row.item) in p for p in pages)


def test_every_workbook_prints_at_nine_points_or_more(converted: Converted) -> None:
    for path in sorted(converted.src.iterdir()):  # type: ignore[attr-defined]
        if path.suffix != ".xlsx":
            continue
        wb = openpyxl.load_workbook(path)
        ws = wb.worksheets[0]
        assert print_size(ws) >= MIN_PRINT_SIZE, (path.name, print_size(ws))
        # Every filled row lies inside the print area.
        area = ws.print_area
        last = int(re.search(r"(\d+)$", area if isinstance(area, str) else area[0]).group(1))
        assert ws.max_row <= last, (path.name, area, ws.max_row)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and ws.title != "_anquanyue":
                    assert c.font.name in ("宋体", "黑体"), (path.name, c.coordinate, c.font.name)


def _lines(pdf_path: Path, page: int) -> list[tuple[float, str]]:
    """(baseline y, text) of the text drawn on a page, merged by baseline."""
    found: dict[float, str] = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            y = round(cm[5] + tm[5] * cm[3], 0)
            found[y] = found.get(y, "") + text.strip()

    PdfReader(pdf_path).pages[page].extract_text(visitor_text=visit)
    return sorted(found.items(), reverse=True)


def _chars(text: str) -> float:
    return sum(0.5 if ord(c) < 128 else 1 for c in text)


def test_summary_docx_lays_out_like_our_pdf(converted: Converted) -> None:
    lo = converted.folder / "summary.pdf"
    ours = converted.ours["summary"]
    assert len(PdfReader(lo).pages) == len(PdfReader(ours).pages)
    # A full page: 22 lines of body text (the page number aside), 28 characters a full line.
    lines = [t for _, t in _lines(lo, 1) if not re.fullmatch(r"—\d+—", t)]
    assert len(lines) == 22
    widths = [_chars(t) for t in lines]
    assert max(widths) <= 28.5
    assert sum(1 for w in widths if w == 28) >= 8  # the full lines: 28 characters exactly
    # On the same 22-line grid as our PDF.
    theirs_y = [y for y, _ in _lines(lo, 1)][:22]
    ours_y = [y for y, _ in _lines(ours, 1)][:22]
    assert all(abs(a - b) <= 1.5 for a, b in zip(theirs_y, ours_y, strict=True))
