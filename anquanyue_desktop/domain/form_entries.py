"""报表数据: one unit's filled form, and the township's sum of its units' tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .forms import FormTemplate, body_fields, field_map, value_from_data, value_to_data

# What a campaign uses a template for; the entry screens and exports go by it.
ROLE_LIAISON = "liaison"
ROLE_STATISTICS = "statistics"
ROLE_WORKS_QUOTA = "works_quota"
ROLE_WORKS_REPORT = "works_report"
ROLE_OTHER = "other"
ROLE_NAMES = {
    ROLE_LIAISON: "联络员表",
    ROLE_STATISTICS: "活动情况统计表",
    ROLE_WORKS_QUOTA: "作品分配表",
    ROLE_WORKS_REPORT: "作品报送表",
    ROLE_OTHER: "其他表",
}


@dataclass(frozen=True)
class FormEntry:
    """``values`` by field key (header, body, footer); ``rows`` for repeating record forms.

    ``template_version`` is the version it was entered in: old entries keep showing with it.
    """

    campaign_id: int
    template_key: str
    template_version: int
    unit_id: int | None
    values: Mapping[str, Any] = field(default_factory=dict)
    rows: tuple[Mapping[str, Any], ...] = ()
    updated_at: str = ""

    def is_empty(self) -> bool:
        filled = [v for v in self.values.values() if v not in (None, "")]
        return not filled and not self.rows


def entry_to_data(t: FormTemplate, entry: FormEntry) -> dict[str, Any]:
    fields = field_map(t)
    values = {k: value_to_data(fields[k], v) for k, v in entry.values.items() if k in fields}
    rows = [
        {k: value_to_data(fields[k], v) for k, v in r.items() if k in fields} for r in entry.rows
    ]
    return {"values": values, "rows": rows}


def entry_from_data(
    t: FormTemplate,
    campaign_id: int,
    unit_id: int | None,
    data: Mapping[str, Any],
    updated_at: str = "",
) -> FormEntry:
    fields = field_map(t)
    values = {
        k: value_from_data(fields[k], v) for k, v in data.get("values", {}).items() if k in fields
    }
    rows = tuple(
        {k: value_from_data(fields[k], v) for k, v in r.items() if k in fields}
        for r in data.get("rows", [])
    )
    return FormEntry(campaign_id, t.key, t.version, unit_id, values, rows, updated_at)


@dataclass(frozen=True)
class Aggregate:
    """The township's table: numbers summed field by field; text blanks listed by unit.

    A blank left empty is not a 0: ``reported[key]`` counts the units that filled it.
    """

    sums: Mapping[str, int]
    reported: Mapping[str, int]
    texts: Mapping[str, tuple[tuple[str, str], ...]]
    units_in: tuple[str, ...]
    units_missing: tuple[str, ...]


def aggregate(
    t: FormTemplate, entries: Mapping[int, FormEntry], unit_names: Sequence[tuple[int, str]]
) -> Aggregate:
    """Sums by field key, so entries of an older version with the same keys count too."""
    sums: dict[str, int] = {}
    reported: dict[str, int] = {}
    texts: dict[str, list[tuple[str, str]]] = {}
    units_in: list[str] = []
    missing: list[str] = []
    fields = body_fields(t)
    for unit_id, name in unit_names:
        entry = entries.get(unit_id)
        if entry is None or entry.is_empty():
            missing.append(name)
            continue
        units_in.append(name)
        for f in fields:
            value = entry.values.get(f.key)
            if value is None or value == "":
                continue
            if f.type == "number":
                sums[f.key] = sums.get(f.key, 0) + int(value)
                reported[f.key] = reported.get(f.key, 0) + 1
            else:
                texts.setdefault(f.key, []).append((name, str(value)))
                reported[f.key] = reported.get(f.key, 0) + 1
    return Aggregate(
        sums, reported, {k: tuple(v) for k, v in texts.items()}, tuple(units_in), tuple(missing)
    )


def aggregate_as_entry(
    t: FormTemplate, agg: Aggregate, campaign_id: int, township: str
) -> FormEntry:
    """The aggregate shaped as an entry of ``t``, so the same exports print it."""
    values: dict[str, Any] = {}
    for f in body_fields(t):
        if f.type == "number":
            if f.key in agg.sums:
                values[f.key] = agg.sums[f.key]
        elif f.key in agg.texts:
            values[f.key] = "；".join(f"{unit}：{text}" for unit, text in agg.texts[f.key])
    keys = {f.key for f in t.header_fields}
    if "unit" in keys:
        values["unit"] = township
    return FormEntry(campaign_id, t.key, t.version, None, values)
