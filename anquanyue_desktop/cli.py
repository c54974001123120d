"""anquanyue-cli: headless commands over the same functions the program uses.

For scripting, support and tests. Messages are Chinese like the program's; exit code 0 on
success, 1 on a problem the user can fix, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from . import APP_NAME, __version__
from .domain.validation import ValidationError
from .store import Store, StoreError
from .store.paths import ENV_DATA_DIR, database_path, prepare_data_dir
from .usecases.exports import writer_for


def _data_dir(args: argparse.Namespace) -> Path:
    data_dir, moved = prepare_data_dir(args.data_dir)
    if moved is not None:
        print(moved.message, file=sys.stderr)
    return data_dir


def _open(args: argparse.Namespace, *, writing: bool = False) -> Store:
    data_dir = _data_dir(args)
    if writing:
        from .store.instance import refuse_if_running

        refuse_if_running(data_dir)
    from .usecases.printable import can_print

    return Store(database_path(data_dir), can_print=can_print)


def _iso_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日期“{text}”无效，应写成 年-月-日，如 2022-06-30"
        ) from None


_DATE_LABELS = {"issued_on": "成文日期", "made_on": "制表日期"}


def _add_date_option(p: argparse.ArgumentParser, kind: str) -> None:
    label = _DATE_LABELS[kind]
    p.add_argument(
        "--date",
        type=_iso_day,
        metavar="YYYY-MM-DD",
        help=f"{label}（默认为本年度上次选定的日期，或今天；写了就记住，供以后导出）",
    )
    p.set_defaults(date_kind=kind)


def _export_date(
    store: Store, campaign, args: argparse.Namespace, today: date | None = None
) -> date:
    """--date, remembered for the campaign; else the campaign's remembered date, or today
    (``today``: the day of a --now given)."""
    from .usecases.export_dates import choose_export_date, export_date

    if args.date is not None:
        choose_export_date(store, campaign, args.date_kind, args.date)
        return args.date
    return export_date(store, campaign, args.date_kind, today=today)


def _exported(args: argparse.Namespace, line: str, on: date) -> None:
    """The export's line with the date it carries, and for a PDF the faces that stood in."""
    from .domain.campaign import chinese_date

    print(f"{line}（{_DATE_LABELS[args.date_kind]}：{chinese_date(on)}）")
    if getattr(args, "format", None) == "pdf":
        from .exports.fonts import stand_in_message

        if message := stand_in_message(roles=args.drawn_roles):
            print(message)


@contextlib.contextmanager
def _drawing_recorded(args: argparse.Namespace) -> Iterator[None]:
    """A PDF export's font roles in ``args.drawn_roles``: its message names only their
    stand-ins. (Fonts load only for a PDF: other commands start without reportlab.)"""
    if getattr(args, "format", None) != "pdf":
        yield
        return
    from .exports.fonts import recording_roles

    with recording_roles() as args.drawn_roles:
        yield


def _campaign(store: Store, year: int | None):
    if year is None:
        campaigns = store.campaigns.list()
        return campaigns[0] if campaigns else None
    campaign = store.campaigns.by_year(year)
    if campaign is None:
        raise LookupError(f"没有{year}年的活动。已有年度：{_years(store) or '无'}")
    return campaign


def _required_campaign(store: Store, year: int | None):
    campaign = _campaign(store, year)
    if campaign is None:
        raise LookupError("还没有活动年度。请先在程序中建立，或运行 anquanyue-cli demo。")
    return campaign


def _years(store: Store) -> str:
    return "、".join(str(c.year) for c in store.campaigns.list())


def cmd_demo(args: argparse.Namespace) -> int:
    from .usecases.demo import install_demo

    with _open(args, writing=True) as store:
        campaign = install_demo(store)
        print(
            f"示例活动已就绪：{campaign.title}，单位 {store.units.count()} 个。数据文件：{store.path}"
        )
    return 0


def cmd_campaigns(args: argparse.Namespace) -> int:
    with _open(args) as store:
        campaigns = store.campaigns.list()
        if args.json:
            rows = [
                {
                    "year": c.year,
                    "ordinal": c.ordinal,
                    "theme": c.theme,
                    "period_start": c.period_start.isoformat() if c.period_start else None,
                    "period_end": c.period_end.isoformat() if c.period_end else None,
                    "issuer": c.issuer,
                    "demo": c.is_demo,
                }
                for c in campaigns
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for c in campaigns:
                print(f"{c.year}\t{c.title}\t{c.theme}")
    return 0


def cmd_forms(args: argparse.Namespace) -> int:
    """The forms a campaign collects (role, template) and the form library."""
    from .domain.form_entries import ROLE_NAMES
    from .domain.forms import KINDS

    with _open(args) as store:
        campaign = _campaign(store, args.campaign)
        library = store.forms.list_latest()
        chosen = store.campaign_forms.chosen(campaign.id) if campaign else []
    names = {t.key: t for t in library}
    used = [
        {
            "role": role,
            "role_name": ROLE_NAMES.get(role, role),
            "key": key,
            "name": names[key].name if key in names else "",
            "version": names[key].version if key in names else None,
        }
        for key, role in chosen
    ]
    if args.json:
        out = {
            "campaign": campaign.year if campaign else None,
            "chosen": used,
            "library": [
                {"key": t.key, "name": t.name, "version": t.version, "kind": t.kind}
                for t in library
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if campaign is not None:
        print(f"{campaign.title} 使用的表：")
        for u in used:
            print(f"  {u['role_name']}\t{u['name']}（{u['key']} 第{u['version']}版）")
        if not used:
            print("  （未选用）")
    print("表样库：")
    for t in library:
        print(f"  {t.key}\t{t.label}\t{KINDS.get(t.kind, t.kind)}\t第{t.version}版")
    return 0


def cmd_add_activity(args: argparse.Namespace) -> int:
    """Logs a unit's activity; its unit is marked received for the week the date falls in."""
    from .domain.activities import Activity
    from .domain.units import name_key
    from .usecases.receipts import save_activity

    with _open(args, writing=True) as store:
        campaign = _required_campaign(store, args.campaign)
        unit_id = None
        if args.unit and args.unit != "本级":
            found = [u for u in store.units.list() if name_key(u.name) == name_key(args.unit)]
            if not found:
                raise LookupError(f"没有单位“{args.unit}”。")
            unit_id = found[0].id
        categories = store.activities.categories(campaign.id)
        category = args.category or categories[0]
        if category not in categories:
            raise LookupError(f"没有活动类别“{category}”。可用：{'、'.join(categories)}")
        activity = Activity(
            campaign_id=campaign.id,
            unit_id=unit_id,
            on=date.fromisoformat(args.date),
            category=category,
            title=args.title,
            place=args.place or "",
            participants=args.participants,
            description=args.description or "",
        )
        now = datetime.fromisoformat(args.now) if args.now else None
        saved, receipts = save_activity(
            store, activity, [(p, None, "") for p in args.file or []], at=now
        )
    print(f"已登记活动：{saved.on} {saved.title}")
    if receipts:
        print(receipts.text())
    return 0


def cmd_receive(args: argparse.Namespace) -> int:
    """Marks received what the saved forms and logged activities already show."""
    from .usecases.receipts import receive_from_records

    with _open(args, writing=True) as store:
        campaign = _required_campaign(store, args.campaign)
        receipts = receive_from_records(store, campaign)
    print(receipts.text() or "没有需要补登的报送。")
    return 0


def cmd_units(args: argparse.Namespace) -> int:
    with _open(args, writing=bool(args.add_from)) as store:
        if args.add_from:
            from .imports.unit_names import read_names_file

            added, skipped = store.units.add_names(read_names_file(args.add_from))
            print(f"新增单位 {len(added)} 个，跳过重复 {len(skipped)} 个。")
            return 0
        units = store.units.list()
        if args.json:
            rows = [
                {"name": u.name, "kind": u.kind, "order": u.sort_order, "active": u.active}
                for u in units
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for u in units:
                print(f"{u.sort_order}\t{u.name}\t{u.kind}\t{'在用' if u.active else '停用'}")
    return 0


def cmd_export_units(args: argparse.Namespace) -> int:
    with _open(args, writing=args.date is not None) as store:
        campaign = _campaign(store, args.campaign)
        units = store.units.list(include_inactive=args.include_inactive)
        on = _export_date(store, campaign, args)
    out = Path(args.out)
    writer = writer_for("roster", args.format)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer(campaign, units, out, generated_on=on)
    _exported(args, f"已导出单位名册（{len(units)} 个单位）：{out}", on)
    return 0


def _unit_state(board, occ, unit_id, status) -> dict:
    """One unit's cell of an occurrence: status, when received, and where the mark came from."""
    s = board.submissions.get((occ.deadline.id, occ.key, unit_id))
    unit = board.unit(unit_id)
    return {
        "unit": unit.name if unit else "本级",
        "status": status,
        "received_at": s.received_at.isoformat() if s and s.received_at else None,
        "materials": s.materials if s else "",
        "note": s.note if s else "",
    }


def cmd_deadlines(args: argparse.Namespace) -> int:
    from .domain.deadlines import format_due
    from .domain.delivery import delivery_of
    from .usecases.board import load_board

    now = datetime.fromisoformat(args.now) if args.now else datetime.now().replace(microsecond=0)
    with _open(args) as store:
        campaign = _required_campaign(store, args.campaign)
        board = load_board(store, campaign, now)
    deadlines = board.deadlines
    rows = []
    for state in board.states:
        occ = state.occurrence
        t = state.tally
        rows.append(
            {
                "deadline_id": occ.deadline.id,
                "what": occ.deadline.title,
                "label": occ.label,
                "direction": occ.deadline.direction,
                "kind": occ.deadline.rule.kind,
                "due": occ.due.isoformat(timespec="seconds"),
                "has_time": occ.has_time,
                "due_text": format_due(occ),
                "past": occ.is_past(now),
                "delivery": delivery_of(occ.deadline).text,
                "delivered_by": delivery_of(occ.deadline).describe(),
                "units": [
                    _unit_state(board, occ, unit_id, status)
                    for unit_id, status in state.statuses.items()
                ],
                "counts": {k: v for k, v in t.counts.items()},
                "outstanding": t.outstanding,
                "on_time_rate": t.on_time_rate,
                "overall_rate": t.overall_rate,
            }
        )
    standing = [
        {"deadline_id": d.id, "what": d.title, "kind": d.rule.kind, "rule": d.rule.describe()}
        for d in deadlines
        if d.rule.kind == "asap"
    ]
    if args.json:
        out = {
            "campaign": campaign.year,
            "now": now.isoformat(),
            "occurrences": rows,
            "standing": standing,
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            c = r["counts"]
            print(
                f"{r['due_text']}\t{r['label']}\t按时{c['按时已报']} 补报{c['逾期补报']} "
                f"免报{c['免报']} 未报{c['未报'] + c['逾期未报']}"
            )
        for d in standing:
            print(f"随时\t{d['what']}\t{d['rule']}")
    return 0


def cmd_new_campaign(args: argparse.Namespace) -> int:
    """From a notice file, a notice template or an earlier year; --year moves every date."""
    from .domain.deadlines import format_due, occurrences
    from .usecases import campaigns as uc

    with _open(args, writing=not args.dry_run) as store:
        if args.from_notice:
            draft, _notice = uc.draft_from_notice(uc.read_notice(args.from_notice), year=args.year)
        elif args.from_year:
            previous = _required_campaign(store, args.from_year)
            year = args.year or previous.year + 1
            draft = uc.draft_from_previous(store, previous, year)
        else:
            draft = uc.draft_from_template(args.template, args.year)
        if not args.dry_run:
            saved = uc.create_from_draft(store, draft)
    c = draft.campaign
    period = f"{c.period_start}至{c.period_end}" if c.period_start else "未填"
    print(
        f"{c.year}年安全生产月"
        + (f"（第{c.ordinal}个）" if c.ordinal else "")
        + f"，活动时间 {period}"
    )
    for d in draft.deadlines:
        occ = occurrences(d)
        when = format_due(occ[0]) if len(occ) == 1 else d.rule.describe()
        print(f"  {d.title}\t{when}")
    if args.dry_run:
        print(f"（未建立，--dry-run）报送节点 {len(draft.deadlines)} 个。")
    else:
        print(f"已创建 {saved.title}，报送节点 {len(draft.deadlines)} 个。")
    return 0


def cmd_parse_notice(args: argparse.Namespace) -> int:
    from .domain.notice import parse_notice
    from .imports.notice_parser import describe, notice_json_text, ocr_notes, read_notice_source

    files = args.file
    if len(files) > 1 or not _is_text_notice(files[0]):
        from .imports import ocr

        ocr.require()  # says how to add the OCR extra before anything else
        print(f"正在识别图片中的文字（{'、'.join(Path(f).name for f in files)}）…", file=sys.stderr)
    source = read_notice_source(
        files, progress=lambda done, total: _page_progress(done, total) if total > 1 else None
    )
    if args.json:
        print(notice_json_text(files, source=source))
    else:
        for line in describe(parse_notice(source.text)):
            print(line)
        for line in ocr_notes(source):
            print(line)
    return 0


def _is_text_notice(path: str) -> bool:
    from .imports.notice_parser import needs_ocr

    return not needs_ocr(path)


def _page_progress(done: int, total: int) -> None:
    if done:
        print(f"  已识别 {done}/{total} 页", file=sys.stderr)


def cmd_parse_form(args: argparse.Namespace) -> int:
    from .domain.forms import iter_blanks, table_rows, validate_template
    from .imports.form_files import dump_template, parse_table_file

    template, problems = parse_table_file(args.file, key=args.key, name=args.name or "")
    if args.json:
        print(dump_template(template), end="")
    else:
        print(
            f"{template.name}：{len(table_rows(template))} 行，{sum(1 for _ in iter_blanks(template))} 个填空"
        )
    for p in [*problems, *validate_template(template)]:
        print(p.message, file=sys.stderr)
    return 1 if problems or not table_rows(template) else 0


def _template_for_role(store, campaign, role: str):
    from .domain.form_entries import ROLE_NAMES

    key = store.campaign_forms.key_for_role(campaign.id, role)
    template = store.forms.latest(key) if key else None
    if template is None:
        raise LookupError(f"{campaign.title}没有选用{ROLE_NAMES[role]}，请先在活动设置中选择表单")
    return template


def cmd_export_liaisons(args: argparse.Namespace) -> int:
    from .domain.form_entries import ROLE_LIAISON

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        template = _template_for_role(store, campaign, ROLE_LIAISON)
        entries = store.form_entries.for_campaign(campaign.id, template.key)
        units = store.units.list(include_inactive=False)
        on = _export_date(store, campaign, args)
    rows = [(u.name, entries[u.id].values if u.id in entries else None) for u in units]
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_for("liaisons", args.format)
    writer(campaign, template, rows, out, generated_on=on)
    done = sum(1 for _, v in rows if v)
    _exported(args, f"已导出联络员名册（{len(rows)} 个单位，已报 {done} 个）：{out}", on)
    return 0


def cmd_export_statistics(args: argparse.Namespace) -> int:
    """--unit NAME: that unit's table; without it the township's sum of all units."""
    from .domain.form_entries import ROLE_STATISTICS, aggregate, aggregate_as_entry
    from .domain.units import name_key

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        template = _template_for_role(store, campaign, ROLE_STATISTICS)
        on = _export_date(store, campaign, args)
        entries = store.form_entries.for_campaign(campaign.id, template.key)
        units = store.units.list(include_inactive=False)
        if args.unit:
            unit = next((u for u in units if name_key(u.name) == name_key(args.unit)), None)
            if unit is None:
                raise LookupError(f"没有名为“{args.unit}”的单位")
            entry = entries.get(unit.id)
            if entry is None:
                raise LookupError(f"“{unit.name}”还没有填报{template.name}")
            # An entry prints with the template version it was entered in.
            shown = store.forms.get(template.key, entry.template_version) or template
            values, unit_name, missing, texts = entry.values, unit.name, (), None
        else:
            shown = template
            unit_entries = {k: e for k, e in entries.items() if k is not None}
            agg = aggregate(template, unit_entries, [(u.id, u.name) for u in units])
            own = entries.get(None)  # the township's own header values (联系人, 电话 …)
            summed = aggregate_as_entry(template, agg, campaign.id, campaign.issuer_short)
            values = {**(own.values if own else {}), **summed.values}
            unit_name, missing, texts = campaign.issuer_short, agg.units_missing, agg.texts
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_for("statistics", args.format)
    writer(
        campaign,
        shown,
        values,
        out,
        unit_name=unit_name,
        generated_on=on,
        missing_units=missing,
        text_lists=texts,
    )
    _exported(args, f"已导出{shown.name}（{unit_name}）：{out}", on)
    return 0


def cmd_export_blank_forms(args: argparse.Namespace) -> int:
    """One blank workbook per active unit into --out-dir, for the given role's template."""
    from .exports.form_workbook import write_blank_workbooks

    with _open(args) as store:
        campaign = _required_campaign(store, args.campaign)
        template = _template_for_role(store, campaign, args.role)
        units = store.units.list(include_inactive=False)
    paths = write_blank_workbooks(template, campaign, [u.name for u in units], args.out_dir)
    print(f"已为 {len(paths)} 个单位导出空白《{template.name}》：{args.out_dir}")
    return 0


def cmd_import_forms(args: argparse.Namespace) -> int:
    """Reads filled workbooks: the whole batch is saved in one transaction, or none of it."""
    from .usecases.form_imports import EMPTY_TEXT, check_workbooks, save_workbooks

    with _open(args, writing=not args.dry_run) as store:
        campaign = _required_campaign(store, args.campaign)
        checked = check_workbooks(store, campaign, args.files)
        if checked.refused:
            print(f"没有导入：{checked.refusal_text(limit=None)}", file=sys.stderr)
            return 1
        if checked.empty:
            print(EMPTY_TEXT, file=sys.stderr)
            return 1
        for line in checked.result.lines():
            print(line)
        if args.dry_run:
            print(f"{checked.result.summary()}（未保存，--dry-run）")
            return 0
        if checked.replaces:
            print(f"替换已有数据：{'、'.join(checked.replaces)}")
        now = datetime.fromisoformat(args.now) if args.now else None
        receipts = save_workbooks(store, checked, at=now)
        print(checked.done_text())
        if receipts:
            print(receipts.text())
    return 0


def _weekly_choice(store: Store, campaign, week: int | None):
    from .usecases.reports import weekly_occurrences

    occurrences = weekly_occurrences(store, campaign)
    if not occurrences:
        raise LookupError(f"{campaign.title}没有“每周”报送的节点。")
    if week is None:
        now = datetime.now()
        return next((o for o in occurrences if not o.is_past(now)), occurrences[-1])
    if not 1 <= week <= len(occurrences):
        raise LookupError(f"没有第{week}周，共 {len(occurrences)} 周。")
    return occurrences[week - 1]


def cmd_export_weekly(args: argparse.Namespace) -> int:
    from .exports.weekly_report import weekly_file_name
    from .usecases.reports import weekly_report

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        report = weekly_report(store, campaign, _weekly_choice(store, campaign, args.week))
        on = _export_date(store, campaign, args)
    out = Path(args.out)
    if out.is_dir():
        out = out / weekly_file_name(campaign, report, args.format)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_for("weekly", args.format)
    writer(campaign, report, out, generated_on=on)
    _exported(args, f"已导出第{report.number}周活动情况：{out}", on)
    return 0


def cmd_export_summary(args: argparse.Namespace) -> int:
    from .usecases.reports import saved_summary_text, summary_draft

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        draft = summary_draft(store, campaign, datetime.now())
        on = _export_date(store, campaign, args)
        text = (
            Path(args.text).read_text(encoding="utf-8-sig")
            if args.text
            else saved_summary_text(store, campaign) or draft.text()
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_for("summary", args.format)
    writer(
        campaign,
        draft.title,
        text,
        out,
        issuer=campaign.issuer or campaign.issuer_short,
        date=on,
    )
    _exported(args, f"已导出工作总结：{out}", on)
    return 0


def cmd_export_works(args: argparse.Namespace) -> int:
    from .usecases.works import campaign_works_register

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        register = campaign_works_register(store, campaign)
        on = _export_date(store, campaign, args)
    if register is None:
        raise LookupError(f"{campaign.title}没有选用“五个一”作品分配表。")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer = writer_for("works", args.format)
    writer(campaign, register, out, generated_on=on)
    for line in register.shortfall_lines():
        print(line)
    _exported(args, f"已导出作品报送情况：{out}", on)
    return 0


def cmd_export_works_unit(args: argparse.Namespace) -> int:
    """One unit's “五个一”作品报送表 from the activities it tagged as works."""
    from .domain.units import name_key
    from .usecases.works import unit_submission

    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        on = _export_date(store, campaign, args)
        unit = next(
            (u for u in store.units.list() if name_key(u.name) == name_key(args.unit)), None
        )
        if unit is None or unit.id is None:
            raise LookupError(f"没有名为“{args.unit}”的单位")
        found = unit_submission(store, campaign, unit.id)
    if found is None:
        raise LookupError(f"{campaign.title}没有选用“五个一”作品分配表。")
    item_names, entries = found
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer_for("works-unit", args.format)(unit.name, item_names, entries, out, submitted_on=on)
    _exported(args, f"已导出{unit.name}的作品报送表（{len(entries)} 项）：{out}", on)
    return 0


def cmd_export_chase(args: argparse.Namespace) -> int:
    """催报名单 of one occurrence: the latest one due with units still owing, unless chosen."""
    from .domain.chase import chase_message
    from .exports.chase_list import chase_file_name
    from .usecases.board import load_board
    from .usecases.chase import chase_rows, occurrence_to_chase

    now = datetime.fromisoformat(args.now) if args.now else datetime.now().replace(microsecond=0)
    with _open(args, writing=args.date is not None) as store:
        campaign = _required_campaign(store, args.campaign)
        board = load_board(store, campaign, now)
        on = _export_date(store, campaign, args, today=now.date())
    state = occurrence_to_chase(board, args.deadline, args.key)
    if state is None:
        raise LookupError(f"{campaign.title}没有要催报的报送节点。")
    rows = chase_rows(board, state)
    out = Path(args.out)
    if out.is_dir():
        out = out / chase_file_name(campaign, state.occurrence, args.format, on)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer_for("chase", args.format)(campaign, state.occurrence, rows, out, generated_on=on)
    print(chase_message(state.occurrence, rows, now=now, sender=campaign.issuer_short))
    _exported(args, f"已导出催报名单（{len(rows)} 个单位）：{out}", on)
    return 0


def cmd_export_ics(args: argparse.Namespace) -> int:
    """The campaign's deadlines as an .ics calendar for phones and Outlook."""
    from .exports.ics import ics_file_name

    with _open(args) as store:
        campaign = _required_campaign(store, args.campaign)
        deadlines = store.deadlines.list(campaign.saved_id)
    now = datetime.now().replace(microsecond=0)
    out = Path(args.out)
    if out.is_dir():
        out = out / ics_file_name(campaign, now.date())
    out.parent.mkdir(parents=True, exist_ok=True)
    writer_for("calendar", "ics")(campaign, deadlines, out, now=now)
    print(f"已导出报送日历（{len(deadlines)} 个报送节点）：{out}")
    return 0


def cmd_export_pack(args: argparse.Namespace) -> int:
    from .usecases.reports import weekly_pack, weekly_report

    with _open(args) as store:
        campaign = _required_campaign(store, args.campaign)
        report = weekly_report(store, campaign, _weekly_choice(store, campaign, args.week))
        summary = weekly_pack(
            store, campaign, report, Path(args.out), mail_limit_bytes=args.limit_mb * 1024 * 1024
        )
    print(
        f"已生成报送包：{args.out}（{len(summary.files)} 个文件，{summary.size / 1024 / 1024:.1f} MB）"
    )
    if summary.links_text:
        print(summary.links_text)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .store.backups import backups_dir_for, create_backup, rotate

    with _open(args, writing=True) as store:
        path = store.path
    info = create_backup(path)
    rotate(backups_dir_for(path))
    print(f"已备份：{info.path}")
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from .store.backups import backups_dir_for, list_backups

    path = database_path(_data_dir(args))
    for b in list_backups(backups_dir_for(path)):
        print(f"{b.label}\t{b.size // 1024} KB\t{b.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from .store.backups import restore
    from .store.instance import holding_folder

    data_dir = _data_dir(args)
    with holding_folder(data_dir):
        result = restore(Path(args.backup), database_path(data_dir))
    print(f"已从备份恢复：{args.backup}（{result.summary.counts_text}）")
    if result.kept:
        print(f"恢复前的数据保存在：{result.kept}")
    if result.media_note:
        print(result.media_note)
    return 0


def cmd_export_all(args: argparse.Namespace) -> int:
    from .store.transfer import default_archive_name, export_all

    path = database_path(_data_dir(args))
    if not path.exists():
        raise LookupError(f"数据文件不存在：{path}")
    out = Path(args.out)
    if out.is_dir():
        out = out / default_archive_name()
    result = export_all(path, out)
    print(f"已导出全部数据（照片和视频 {result.media_files} 个）：{result.path}")
    if result.missing:
        print(f"注意：有 {len(result.missing)} 个照片或视频文件在 media 文件夹中找不到，未包含。")
    return 0


def cmd_import_all(args: argparse.Namespace) -> int:
    from .store.instance import holding_folder
    from .store.transfer import import_all

    data_dir = _data_dir(args)
    with holding_folder(data_dir):
        result = import_all(Path(args.archive), database_path(data_dir))
    print(f"已导入全部数据：{result.summary.counts_text}，照片和视频 {result.media_files} 个。")
    if result.kept:
        print(f"导入前的数据保存在：{result.kept}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .store.database import check_file

    path = database_path(_data_dir(args))
    if not path.exists():
        print(f"数据文件不存在：{path}")
        return 1
    check_file(path)
    print(f"数据文件完好：{path}")
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from .usecases.user_guide import write_guide

    out = Path(args.out)
    write_guide(out)
    print(f"使用说明已保存：{out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anquanyue-cli", description="安全生产月 命令行工具（与桌面程序共用同一数据文件）"
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} 命令行工具 {__version__}"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", help=f"数据文件夹（默认为用户数据目录，或环境变量 {ENV_DATA_DIR}）"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("demo", parents=[common], help="创建示例活动（荫城镇2022）和示例单位")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("campaigns", parents=[common], help="列出活动年度")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_campaigns)

    p = sub.add_parser(
        "add-activity", parents=[common], help="登记活动（该单位本期的报送随之登记为已报）"
    )
    p.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    p.add_argument("--unit", help="单位名称（不填或“本级”为本级活动）")
    p.add_argument("--date", required=True, help="活动日期，如 2022-06-16")
    p.add_argument("--category", help="活动类别（默认第一个类别）")
    p.add_argument("--title", required=True, help="活动名称")
    p.add_argument("--place")
    p.add_argument("--participants", type=int, help="参与人次")
    p.add_argument("--description")
    p.add_argument("--file", action="append", help="照片、视频或文档（可多次）")
    p.add_argument("--now", help="登记时间（默认现在），如 2022-06-16T17:00:00")
    p.set_defaults(func=cmd_add_activity)

    p = sub.add_parser(
        "receive", parents=[common], help="按已录入的表和已登记的活动补登“已报”（只填空格）"
    )
    p.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    p.set_defaults(func=cmd_receive)

    p = sub.add_parser("forms", parents=[common], help="列出某年度使用的表和表样库")
    p.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("units", parents=[common], help="列出或批量添加下级单位")
    p.add_argument("--json", action="store_true")
    p.add_argument("--add-from", metavar="TXT", help="从文本文件批量添加（每行一个单位名称）")
    p.set_defaults(func=cmd_units)

    p = sub.add_parser("export", help="导出报表")
    export_sub = p.add_subparsers(dest="what", required=True, metavar="报表")
    pu = export_sub.add_parser("units", parents=[common], help="单位名册")
    pu.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pu.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pu.add_argument("--out", required=True, metavar="FILE")
    pu.add_argument("--include-inactive", action="store_true", help="包括已停用的单位")
    _add_date_option(pu, "made_on")
    pu.set_defaults(func=cmd_export_units)

    pl = export_sub.add_parser("liaisons", parents=[common], help="联络员名册")
    pl.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pl.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pl.add_argument("--out", required=True, metavar="FILE")
    _add_date_option(pl, "made_on")
    pl.set_defaults(func=cmd_export_liaisons)

    ps = export_sub.add_parser("statistics", parents=[common], help="活动情况统计表（单位或汇总）")
    ps.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    ps.add_argument("--unit", metavar="NAME", help="某单位的表；不写则导出全镇汇总")
    ps.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    ps.add_argument("--out", required=True, metavar="FILE")
    _add_date_option(ps, "made_on")
    ps.set_defaults(func=cmd_export_statistics)

    pw = export_sub.add_parser("weekly", parents=[common], help="周活动开展情况（周报）")
    pw.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pw.add_argument("--week", type=int, metavar="N", help="第几周（默认最近一次截止）")
    pw.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pw.add_argument("--out", required=True, metavar="FILE_OR_DIR")
    _add_date_option(pw, "made_on")
    pw.set_defaults(func=cmd_export_weekly)

    pm = export_sub.add_parser("summary", parents=[common], help="工作总结（公文格式 PDF 或 Word）")
    pm.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pm.add_argument("--format", choices=["pdf", "docx"], required=True)
    pm.add_argument(
        "--text", metavar="TXT", help="用此文件的文字（默认用程序中保存的或自动起草的）"
    )
    pm.add_argument("--out", required=True, metavar="FILE")
    _add_date_option(pm, "issued_on")
    pm.set_defaults(func=cmd_export_summary)

    pv = export_sub.add_parser("works", parents=[common], help="“五个一”作品报送情况及差额")
    pv.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pv.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pv.add_argument("--out", required=True, metavar="FILE")
    _add_date_option(pv, "made_on")
    pv.set_defaults(func=cmd_export_works)

    pk = export_sub.add_parser("pack", parents=[common], help="某周的报送包（zip）")
    pk.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pk.add_argument("--week", type=int, metavar="N", help="第几周（默认最近一次截止）")
    pk.add_argument("--limit-mb", type=int, default=50, help="邮件附件上限（MB）")
    pk.add_argument("--out", required=True, metavar="ZIP")
    pk.set_defaults(func=cmd_export_pack)

    pwu = export_sub.add_parser("works-unit", parents=[common], help="某单位的“五个一”作品报送表")
    pwu.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pwu.add_argument("--unit", required=True, metavar="NAME")
    pwu.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pwu.add_argument("--out", required=True, metavar="FILE")
    _add_date_option(pwu, "made_on")
    pwu.set_defaults(func=cmd_export_works_unit)

    pc = export_sub.add_parser(
        "chase", parents=[common], help="催报名单（及可复制到微信的催报消息）"
    )
    pc.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pc.add_argument(
        "--deadline", type=int, metavar="ID", help="报送节点编号（见 deadlines --json）"
    )
    pc.add_argument("--key", metavar="KEY", help="哪一次（occurrence key）")
    pc.add_argument("--now", help="按此时间计算（如 2022-06-08T18:00:01），默认现在")
    pc.add_argument("--format", choices=["pdf", "xlsx"], required=True)
    pc.add_argument("--out", required=True, metavar="FILE_OR_DIR")
    _add_date_option(pc, "made_on")
    pc.set_defaults(func=cmd_export_chase)

    pn = export_sub.add_parser(
        "ics", parents=[common], help="报送日历（.ics，可导入手机或 Outlook）"
    )
    pn.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pn.add_argument("--out", required=True, metavar="FILE_OR_DIR")
    pn.set_defaults(func=cmd_export_ics)

    pb = export_sub.add_parser("blank-forms", parents=[common], help="各单位的空白填报表（xlsx）")
    pb.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pb.add_argument("--role", choices=["liaison", "statistics", "works_report"], required=True)
    pb.add_argument("--out-dir", required=True, metavar="DIR")
    pb.set_defaults(func=cmd_export_blank_forms)

    pi = sub.add_parser("import-forms", parents=[common], help="导入各单位填好的工作簿")
    pi.add_argument("files", nargs="+", metavar="XLSX")
    pi.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    pi.add_argument("--dry-run", action="store_true", help="只检查，不保存")
    pi.add_argument("--now", help="收到时间（默认现在），如 2022-05-30T10:00:00")
    pi.set_defaults(func=cmd_import_forms)

    p = sub.add_parser("deadlines", parents=[common], help="列出报送节点及各单位报送情况")
    p.add_argument("--campaign", type=int, metavar="YEAR", help="活动年度（默认最新）")
    p.add_argument("--json", action="store_true")
    p.add_argument("--now", help="按此时间计算状态（如 2022-06-08T18:00:01），默认现在")
    p.set_defaults(func=cmd_deadlines)

    p = sub.add_parser(
        "new-campaign", parents=[common], help="新建活动年度：按上级通知、通知模板或沿用往年"
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--template", help="模板：yincheng-2022、zushi-2024、transport-2023、jianghai-2023"
    )
    source.add_argument("--from-notice", metavar="FILE", help="上级通知（.docx/.txt/.pdf）")
    source.add_argument("--from-year", type=int, metavar="YEAR", help="沿用某年度的设置")
    p.add_argument("--year", type=int, help="新年度（日期、活动时间和第N个随之顺延）")
    p.add_argument("--dry-run", action="store_true", help="只列出将建立的内容，不保存")
    p.set_defaults(func=cmd_new_campaign)

    p = sub.add_parser(
        "parse-notice",
        help="读取上级通知（.docx/.txt/.pdf，或通知的照片、截图、扫描版 PDF），列出主题、时间和报送节点",
    )
    p.add_argument(
        "file", metavar="FILE", nargs="+", help="通知文件；同一份通知各页的照片可按顺序给出多个"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse_notice)

    p = sub.add_parser("parse-form", help="从文本（如 Word/WPS 复制的表格）读出统计表模板")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true", help="按表单模板文件的格式输出")
    p.add_argument("--key", default="activity-statistics", help="模板编号")
    p.add_argument("--name", help="表名（默认取文中的标题）")
    p.set_defaults(func=cmd_parse_form)

    p = sub.add_parser("backup", parents=[common], help="立即备份数据文件")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("backups", parents=[common], help="列出备份")
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser("restore", parents=[common], help="从备份恢复（请先关闭桌面程序）")
    p.add_argument("backup", metavar="BACKUP_FILE")
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser(
        "export-all", parents=[common], help="导出全部数据（数据和照片视频，一个文件，换电脑用）"
    )
    p.add_argument("--out", required=True, metavar="ZIP_OR_DIR")
    p.set_defaults(func=cmd_export_all)
    p = sub.add_parser(
        "import-all", parents=[common], help="导入全部数据（替换当前数据，当前数据另存一份）"
    )
    p.add_argument("archive", metavar="ZIP")
    p.set_defaults(func=cmd_import_all)
    p = sub.add_parser("guide", help="保存使用说明（PDF）")
    p.add_argument("--out", required=True, metavar="PDF")
    p.set_defaults(func=cmd_guide)
    p = sub.add_parser("check", parents=[common], help="检查数据文件是否完好")
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .store.files import outputs_removed_on_failure

    # A file object that failed to write (full disk) complains again when it is collected
    # ("Exception ignored … seek of closed file"); the failure is reported once, below.
    sys.unraisablehook = lambda _unraisable: None
    try:
        with (
            outputs_removed_on_failure(getattr(args, "out", None), getattr(args, "out_dir", None)),
            _drawing_recorded(args),
        ):
            return int(args.func(args))
    except ValidationError as exc:
        for problem in exc.problems:
            print(problem.message, file=sys.stderr)
        return 1
    except StoreError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except LookupError as exc:
        print(exc.args[0], file=sys.stderr)
        return 1
    except OSError as exc:
        # A full or read-only disk, a file open in Excel: the store's Chinese message.
        from .store.errors import translate

        err = translate(exc, Path(exc.filename) if exc.filename else None)
        print(f"失败：{err.message if err else exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        # MissingGlyphError, a file refused by an import: the message says what and where.
        print(f"失败：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
