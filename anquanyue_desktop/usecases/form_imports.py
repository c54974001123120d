"""Importing the units' filled workbooks: one rule set for the desktop program and the CLI.

The rules: the whole batch or nothing (one bad file keeps every file out), a workbook exported
for another year's campaign is refused, only units in use are matched, and the messages are the
same wherever the import was started.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..domain.campaign import Campaign
from ..domain.form_entries import FormEntry
from ..domain.forms import FormTemplate
from ..domain.units import Unit
from ..imports.form_workbook import ImportResult, read_filled_workbooks
from ..store.database import Store
from .receipts import Receipts, save_form_entries

REFUSED_TITLE = "没有导入"
_SHOWN_LINES = 40


@dataclass(frozen=True)
class WorkbookImport:
    """What a batch of filled workbooks holds, checked against the campaign; nothing saved yet."""

    campaign: Campaign
    result: ImportResult
    groups: tuple[tuple[FormTemplate, tuple[FormEntry, ...]], ...] = ()
    # names of the units whose saved entries the import would replace
    replaces: tuple[str, ...] = ()
    unit_names: dict[int, str] = field(default_factory=dict)

    @property
    def refused(self) -> bool:
        """True when any file has a problem: then no file of the batch is imported."""
        return bool(self.result.failed)

    @property
    def empty(self) -> bool:
        return not self.refused and not self.groups

    @property
    def entry_count(self) -> int:
        return sum(len(es) for _, es in self.groups)

    def problem_lines(self, limit: int | None = _SHOWN_LINES) -> list[str]:
        lines = [line for f in self.result.failed for line in f.lines()]
        if limit is not None and len(lines) > limit:
            lines = [*lines[:limit], f"……另有{len(lines) - limit}处问题"]
        return lines

    def refusal_text(self, limit: int | None = _SHOWN_LINES) -> str:
        """The message for a refused batch: the summary, the rule, then every problem."""
        return (
            f"{self.result.summary()}。有问题时全部文件都不导入，请改正后重新导入：\n"
            + "\n".join(self.problem_lines(limit))
        )

    def replace_question(self) -> str:
        return f"{'、'.join(self.replaces)}已有本年度的数据，导入后将被替换。继续吗？"

    def done_text(self) -> str:
        parts = []
        for t, entries in self.groups:
            who = "、".join(self.unit_names.get(e.unit_id or 0, "") for e in entries)
            parts.append(f"已导入 {len(entries)} 个单位的{t.name}：{who}")
        return "\n".join(parts)


EMPTY_TEXT = "所选文件中没有可导入的内容。"


def collected_templates(
    store: Store, campaign: Campaign, template_key: str | None = None
) -> dict[tuple[str, int], FormTemplate]:
    """Every version of the forms the campaign collects (or of ``template_key`` alone), by
    ``(key, version)``: a workbook exported before the form was revised still imports."""
    assert campaign.id is not None
    if template_key is not None:
        keys = [template_key]
    else:
        keys = [k for k, _role in store.campaign_forms.chosen(campaign.saved_id)]
    out: dict[tuple[str, int], FormTemplate] = {}
    for key in keys:
        for v in store.forms.versions(key):
            t = store.forms.get(key, v)
            if t is not None and t.kind != "quota":
                out[t.ident] = t
    return out


@dataclass(frozen=True)
class ImportPlan:
    """What reading a batch needs from the store, read first so that the files can be read
    away from the database (on a worker thread)."""

    campaign: Campaign
    templates: dict[tuple[str, int], FormTemplate]
    units: tuple[Unit, ...]

    def read(
        self, paths: Sequence[str | Path], progress: Callable[[int, int], object] | None = None
    ) -> ImportResult:
        """Reads every file (no database): ``progress(done, total)`` after each one."""
        return read_filled_workbooks(
            [Path(p) for p in paths],
            self.templates,
            [u.name for u in self.units],
            campaign_year=self.campaign.year,
            progress=progress,
        )


def plan_import(store: Store, campaign: Campaign, template_key: str | None = None) -> ImportPlan:
    """The campaign's forms (every version) and its units in use."""
    return ImportPlan(
        campaign,
        collected_templates(store, campaign, template_key),
        tuple(store.units.list(include_inactive=False)),
    )


def match_batch(store: Store, plan: ImportPlan, result: ImportResult) -> WorkbookImport:
    """The read batch against what is saved: entries by form, and whose would be replaced."""
    campaign = plan.campaign
    unit_ids = {u.name: u.id for u in plan.units if u.id is not None}
    unit_names = {i: n for n, i in unit_ids.items()}
    if result.failed:
        return WorkbookImport(campaign, result, unit_names=unit_names)
    groups = []
    replaces: list[str] = []
    for ident in result.by_template():
        t = plan.templates[ident]
        entries = tuple(result.entries(t, campaign.saved_id, unit_ids))
        if not entries:
            continue
        groups.append((t, entries))
        existing = store.form_entries.for_campaign(campaign.saved_id, t.key)
        replaces += [
            unit_names[e.unit_id]
            for e in entries
            if e.unit_id is not None and e.unit_id in existing
        ]
    return WorkbookImport(campaign, result, tuple(groups), tuple(replaces), unit_names)


def check_workbooks(
    store: Store,
    campaign: Campaign,
    paths: Sequence[str | Path],
    *,
    template_key: str | None = None,
) -> WorkbookImport:
    """Reads every file and matches it to the campaign's forms and its units in use."""
    plan = plan_import(store, campaign, template_key)
    return match_batch(store, plan, plan.read(paths))


def save_workbooks(
    store: Store, checked: WorkbookImport, *, at: datetime | None = None
) -> Receipts:
    """Saves a checked batch in one transaction; a refused batch is never saved. The units
    whose forms came in are marked received at ``at`` (now) for the deadlines those forms
    deliver; returns those receipts."""
    if checked.refused:
        raise ValueError("a refused batch is not saved")
    at = at or datetime.now()
    receipts = Receipts()
    assert checked.campaign.id is not None
    with store.transaction():
        for t, entries in checked.groups:
            receipts += save_form_entries(store, checked.campaign.id, t, entries, at=at, how="导入")
    return receipts
