"""Every report that leaves the office, in one registry: its writer for each format and its
file name. The desktop program and the CLI both pick writers here, never by hand.

Writers are named, not imported, so that reportlab and openpyxl load when a file is written,
not when the program starts.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Writer = Callable[..., None]


@dataclass(frozen=True)
class Report:
    key: str
    title: str
    # format → "module:function" under anquanyue_desktop.exports
    writers: Mapping[str, str]
    file_name: str = ""  # "module:function" making the file name, where there is one

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.writers)

    def writer(self, fmt: str) -> Writer:
        target = self.writers.get(fmt.lower().lstrip("."))
        if target is None:
            raise LookupError(f"{self.title}不能导出为 {fmt}，可用：{'、'.join(self.formats)}")
        return _resolve(target)

    def name_maker(self) -> Callable[..., str]:
        if not self.file_name:
            raise LookupError(f"{self.title}没有默认文件名")
        return _resolve(self.file_name)


def _resolve(target: str) -> Any:
    module, name = target.split(":")
    return getattr(importlib.import_module(f"anquanyue_desktop.exports.{module}"), name)


REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "roster",
            "单位名册",
            {"pdf": "roster:write_roster_pdf", "xlsx": "roster:write_roster_xlsx"},
            "roster:roster_file_name",
        ),
        Report(
            "liaisons",
            "联络员名册",
            {
                "pdf": "form_reports:write_liaison_roster_pdf",
                "xlsx": "form_reports:write_liaison_roster_xlsx",
            },
            "form_reports:liaison_roster_file_name",
        ),
        Report(
            "statistics",
            "活动情况统计表",
            {
                "pdf": "form_reports:write_statistics_pdf",
                "xlsx": "form_reports:write_statistics_xlsx",
            },
            "form_reports:statistics_file_name",
        ),
        Report(
            "weekly",
            "周活动开展情况",
            {"pdf": "weekly_report:write_weekly_pdf", "xlsx": "weekly_report:write_weekly_xlsx"},
            "weekly_report:weekly_file_name",
        ),
        Report(
            "summary",
            "工作总结",
            {
                "pdf": "summary_report:write_summary_pdf",
                "docx": "summary_report:write_summary_docx",
            },
            "summary_report:summary_file_name",
        ),
        Report(
            "works",
            "作品报送情况",
            {
                "pdf": "works_report:write_works_register_pdf",
                "xlsx": "works_report:write_works_register_xlsx",
            },
            "works_report:works_file_name",
        ),
        Report(
            "works-unit",
            "作品报送表",
            {
                "pdf": "works_report:write_works_submission_pdf",
                "xlsx": "works_report:write_works_submission_xlsx",
            },
            "works_report:works_file_name",
        ),
        Report(
            "chase",
            "催报名单",
            {"pdf": "chase_list:write_chase_pdf", "xlsx": "chase_list:write_chase_xlsx"},
            "chase_list:chase_file_name",
        ),
        Report("calendar", "报送日历", {"ics": "ics:write_ics"}, "ics:ics_file_name"),
    )
}


def report(key: str) -> Report:
    return REPORTS[key]


def writer_for(key: str, fmt: str) -> Writer:
    """The writer of report ``key`` for ``fmt`` (pdf, xlsx, docx, ics)."""
    return REPORTS[key].writer(fmt)


__all__ = ["REPORTS", "Report", "Writer", "report", "writer_for"]
