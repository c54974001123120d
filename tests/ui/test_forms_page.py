"""报表 page over the demo: the liaison sheet, statistics per unit, 本级汇总, choosing forms."""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from anquanyue_desktop.domain.campaign import Campaign
from anquanyue_desktop.domain.form_entries import (
    ROLE_LIAISON,
    ROLE_STATISTICS,
    aggregate,
)
from anquanyue_desktop.domain.forms import body_fields
from anquanyue_desktop.ui.forms.choose_forms_dialog import ChooseFormsDialog
from anquanyue_desktop.ui.forms.entry_sheet import EntrySheetModel
from anquanyue_desktop.ui.forms.page import FormsPage
from anquanyue_desktop.ui.forms.sheet_panel import SheetPanel
from anquanyue_desktop.ui.forms.unit_panel import UnitFormPanel
from anquanyue_desktop.usecases.demo import install_demo

from .conftest import type_chinese


@pytest.fixture
def demo(store):
    return install_demo(store)


@pytest.fixture
def page_for(qtbot, store, dialogs):
    def make(campaign):
        page = FormsPage(store)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.set_campaign(campaign)
        with qtbot.waitActive(page):  # Ctrl+S only reaches an active window
            page.show()
            page.activateWindow()
        return page

    return make


def units(store):
    return store.units.list(include_inactive=False)


def liaison_panel(page) -> SheetPanel:
    assert page.show_form(ROLE_LIAISON)
    assert isinstance(page.panel, SheetPanel)
    return page.panel


def stats_panel(page) -> UnitFormPanel:
    assert page.show_form(ROLE_STATISTICS)
    assert isinstance(page.panel, UnitFormPanel)
    return page.panel


def first_unfilled(store, campaign, key):
    entries = store.form_entries.for_campaign(campaign.id, key)
    return next(u for u in units(store) if u.id not in entries)


# ---------------------------------------------------------------- the liaison sheet


def test_liaison_sheet_lists_every_unit_with_the_forms_fields(store, demo, page_for):
    page = page_for(demo)
    assert page.form_combo.count() == 2
    panel = liaison_panel(page)
    model = panel.model
    assert model.rowCount() == 12
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["村（单位）名称", "状态", "姓名 *", "职务", "办公电话", "手机号码 *", "备注"]
    statuses = [model.index(r, EntrySheetModel.COL_STATUS).data() for r in range(12)]
    assert statuses.count("已填") == 10 and statuses.count("未填") == 2
    assert "已填 10 个" in panel.count_label.text()
    assert not page.dirty


def test_liaison_entered_by_keyboard_and_saved_with_ctrl_s(qtbot, store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = liaison_panel(page)
    model, view = panel.model, panel.view
    unit = first_unfilled(store, demo, "yincheng-liaison")
    row = model.row_of_unit(unit.id)
    view.setFocus()
    view.setCurrentIndex(model.index(row, model.column_of("name")))
    # Typing starts editing, as in Excel: the input method first shows the 拼音, then commits.
    QApplication.sendEvent(view, QInputMethodEvent("wangxiaoming", []))
    type_chinese(view, "王小明")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_chinese(QApplication.focusWidget(), "村委会主任")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "0355-6627999")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "13800009999")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.texts_at(row).get("mobile") == "13800009999")
    assert view.currentIndex().row() == row + 1  # Enter moved down
    assert page.dirty and panel.save_button.isEnabled()
    assert model.index(row, EntrySheetModel.COL_STATUS).data() == "新填"
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.shown == []
    saved = store.form_entries.for_campaign(demo.id, "yincheng-liaison")[unit.id]
    assert saved.values == {
        "name": "王小明",
        "position": "村委会主任",
        "office_phone": "0355-6627999",
        "mobile": "13800009999",
        "unit": unit.name,
    }
    assert not page.dirty
    assert model.index(row, EntrySheetModel.COL_STATUS).data() == "已填"
    # An input method that commits without showing 拼音 first also starts editing.
    view.setCurrentIndex(model.index(row, model.column_of("remark")))
    type_chinese(view, "新任")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.texts_at(row).get("remark") == "新任")


def test_an_invalid_cell_is_marked_and_blocks_saving(qtbot, store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = liaison_panel(page)
    model, view = panel.model, panel.view
    before = store.form_entries.for_campaign(demo.id, "yincheng-liaison")
    index = model.index(0, model.column_of("mobile"))
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_1)  # typing starts editing
    qtbot.keyClicks(QApplication.focusWidget(), "380000")
    # While typing, the editor itself turns red with the message as its tooltip.
    editor = QApplication.focusWidget()
    assert editor.problem and "11位" in editor.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.texts_at(0).get("mobile") == "1380000")
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "11位" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert "11位" in panel.problems_label.text() and model.unit_at(0).name in (
        panel.problems_label.text()
    )
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert any("11位" in t for t in dialogs.texts("warning"))
    assert store.form_entries.for_campaign(demo.id, "yincheng-liaison") == before
    assert page.dirty


def test_paste_a_block_by_unit_name_and_clear_with_delete(qtbot, store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = liaison_panel(page)
    model, view = panel.model, panel.view
    missing = [
        u
        for u in units(store)
        if u.id not in store.form_entries.for_campaign(demo.id, "yincheng-liaison")
    ]
    text = (
        "".join(f"{u.name}\t刘{i}\t文书\t\t1380000200{i}\n" for i, u in enumerate(missing))
        + "不存在的村\t某人\n"
    )
    QApplication.clipboard().setText(text)
    view.setFocus()
    view.setCurrentIndex(model.index(0, EntrySheetModel.COL_UNIT))
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert any("不存在的村" in t for t in dialogs.texts("warning"))
    for i, u in enumerate(missing):
        row = model.row_of_unit(u.id)
        assert model.texts_at(row) == {
            "name": f"刘{i}",
            "position": "文书",
            "mobile": f"1380000200{i}",
        }
    row = model.row_of_unit(missing[0].id)
    view.setCurrentIndex(model.index(row, model.column_of("position")))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "position" not in model.texts_at(row)
    assert panel.save()
    entries = store.form_entries.for_campaign(demo.id, "yincheng-liaison")
    assert all(u.id in entries for u in missing)


@pytest.fixture
def next_year(store, demo):
    """2023, using the same liaison form: last year's liaisons pre-fill it."""
    c = store.campaigns.save(Campaign(year=2023, issuer="荫城镇人民政府", ordinal=22))
    store.campaign_forms.set_chosen(c.id, [("yincheng-liaison", ROLE_LIAISON)])
    return c


def test_last_years_liaisons_prefill_marked_until_taken_over(
    qtbot, store, demo, next_year, page_for
):
    last_year = store.form_entries.for_campaign(demo.id, "yincheng-liaison")
    page = page_for(next_year)
    panel = liaison_panel(page)
    model = panel.model
    assert not page.dirty  # shown, not yet this year's
    assert len(model.proposed_rows()) == 10
    u0 = units(store)[0]
    row = model.row_of_unit(u0.id)
    name = model.index(row, model.column_of("name"))
    assert name.data() == last_year[u0.id].values["name"]
    assert name.data(Qt.ItemDataRole.FontRole).italic()
    assert name.data(Qt.ItemDataRole.ToolTipRole) == f"沿用上年：{name.data()}"
    assert model.index(row, EntrySheetModel.COL_STATUS).data() == "上年"
    # A new mobile: the row becomes this year's, the changed cell is marked with last year's value.
    mobile = model.index(row, model.column_of("mobile"))
    model.setData(mobile, "13900001111")
    assert page.dirty
    assert mobile.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff3cd"
    assert mobile.data(Qt.ItemDataRole.ToolTipRole) == f"上年：{last_year[u0.id].values['mobile']}"
    assert name.data(Qt.ItemDataRole.FontRole).italic()  # still last year's, unsaved
    # Another unit is taken over unchanged.
    u1 = units(store)[1]
    panel.view.setCurrentIndex(model.index(model.row_of_unit(u1.id), 2))
    panel.take_over_selected()
    assert panel.save()
    saved = store.form_entries.for_campaign(next_year.id, "yincheng-liaison")
    assert set(saved) == {u0.id, u1.id}  # units not touched are not reported for them
    assert saved[u0.id].values["mobile"] == "13900001111"
    assert saved[u0.id].values["name"] == last_year[u0.id].values["name"]
    assert dict(saved[u1.id].values) == dict(last_year[u1.id].values)
    # Saved this year: no longer italic, the changed mobile still marked against last year.
    name = model.index(model.row_of_unit(u0.id), model.column_of("name"))
    font = name.data(Qt.ItemDataRole.FontRole)
    assert not (isinstance(font, QFont) and font.italic())
    mobile = model.index(model.row_of_unit(u0.id), model.column_of("mobile"))
    assert mobile.data(Qt.ItemDataRole.BackgroundRole) is not None


def test_switching_campaign_with_unsaved_edits_offers_to_save(
    store, demo, next_year, page_for, dialogs
):
    page = page_for(demo)
    panel = liaison_panel(page)
    panel.model.setData(panel.model.index(0, panel.model.column_of("position")), "站长")
    page.set_campaign(next_year)
    assert any("未保存" in t for t in dialogs.texts("question"))
    unit = units(store)[0]
    assert (
        store.form_entries.for_campaign(demo.id, "yincheng-liaison")[unit.id].values["position"]
        == "站长"
    )


# ---------------------------------------------------------------- statistics


def test_statistics_entered_by_keyboard_in_the_boxes_and_saved(qtbot, store, demo, page_for):
    page = page_for(demo)
    panel = stats_panel(page)
    unit = first_unfilled(store, demo, "activity-statistics")
    row = panel._row_of(unit.id)
    assert panel.unit_list.status_at(row) == "未填"
    assert panel.select_unit(unit.id)
    view = panel.view
    assert view.widget_for("unit").text() == unit.name and view.widget_for("unit").is_read_only()
    view.focus_first()
    focus = QApplication.focusWidget()
    type_chinese(focus, "赵春梅")
    for _ in range(3):  # 联系人 → 电话 → 填报日期 → the first blank
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
    for text in ("4", "120", "1", "35"):
        qtbot.keyClicks(focus, text)
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
    assert focus is view.widget_for("r1_b5")
    assert page.dirty
    qtbot.keyClick(focus, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = store.form_entries.for_campaign(demo.id, "activity-statistics")[unit.id]
    assert saved.values == {
        "unit": unit.name,
        "contact": "赵春梅",
        "r1_b1": 4,
        "r1_b2": 120,
        "r1_b3": 1,
        "r1_b4": 35,
    }
    assert not page.dirty
    assert panel.unit_list.status_at(panel._row_of(unit.id)) == "已填"


def test_a_bad_blank_blocks_saving_the_unit(qtbot, store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = stats_panel(page)
    unit = first_unfilled(store, demo, "activity-statistics")
    panel.select_unit(unit.id)
    box = panel.view.widget_for("r3_b1")
    qtbot.keyClicks(box, "-2")
    assert box.problem and "负数" in box.problem
    assert "负数" in panel.problems_label.text()
    assert not panel.save()
    assert unit.id not in store.form_entries.for_campaign(demo.id, "activity-statistics")


def test_switching_unit_with_unsaved_edits_asks(qtbot, store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = stats_panel(page)
    first, second = units(store)[:2]
    panel.select_unit(first.id)
    panel.view.widget_for("r1_b1").setText("999")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    panel.unit_list.setCurrentRow(panel._row_of(second.id))
    assert panel.unit_id == first.id and panel.unit_list.currentRow() == panel._row_of(first.id)
    assert panel.view.widget_for("r1_b1").text() == "999"
    dialogs.answer = QMessageBox.StandardButton.Discard
    panel.unit_list.setCurrentRow(panel._row_of(second.id))
    assert panel.unit_id == second.id and not panel.dirty
    entries = store.form_entries.for_campaign(demo.id, "activity-statistics")
    assert entries[first.id].values.get("r1_b1") != 999


def test_aggregate_sums_what_the_units_entered(qtbot, store, demo, page_for):
    page = page_for(demo)
    panel = stats_panel(page)
    unit = first_unfilled(store, demo, "activity-statistics")
    panel.select_unit(unit.id)
    panel.view.widget_for("r1_b1").setText("1000")
    assert panel.save()
    panel.select_unit(-1)
    agg_panel = panel.aggregate_panel
    assert panel.view_stack.currentWidget() is agg_panel
    entries = store.form_entries.for_campaign(demo.id, "activity-statistics")
    t = store.forms.latest("activity-statistics")
    expected = aggregate(t, entries, [(u.id, u.name) for u in units(store)])
    view = agg_panel.view
    assert expected.sums["r1_b1"] == 1000 + sum(
        e.values.get("r1_b1", 0) for k, e in entries.items() if k != unit.id
    )
    assert view.widget_for("r1_b1").text() == str(expected.sums["r1_b1"])
    assert all(w.is_read_only() for w in view.inputs())
    assert view.widget_for("unit").text() == "荫城镇"
    # Units that did not report, and blanks some units left empty, are named.
    for name in expected.units_missing:
        assert name in agg_panel.summary.text()
    assert len(expected.units_in) == 8
    details = agg_panel.details.toPlainText()
    assert "部分单位未填的空" in details
    text_key = next(f.key for f in body_fields(t) if f.type != "number")
    assert expected.texts.get(text_key)
    for who, text in expected.texts.get(text_key, ()):
        assert f"{who}：{text}" in details
    assert "个单位填报" in view.widget_for("r1_b1").toolTip()


def test_an_entry_of_an_older_version_shows_with_that_version(qtbot, store, demo, page_for):
    t1 = store.forms.latest("activity-statistics")
    row = t1.sections[0].rows[0]
    changed = replace(
        t1,
        sections=(
            replace(
                t1.sections[0], rows=(replace(row, item="学习重要论述"), *t1.sections[0].rows[1:])
            ),
        ),
    )
    t2 = store.forms.save(changed)
    assert t2.version == 2
    page = page_for(demo)
    panel = stats_panel(page)
    filled = next(iter(k for k in store.form_entries.for_campaign(demo.id, t1.key) if k))
    panel.select_unit(filled)
    assert panel.view.template.version == 1
    assert "按第1版填报" in panel.version_label.text()
    assert "（第1版）" in panel.unit_list.status_at(panel._row_of(filled))
    unit = first_unfilled(store, demo, t1.key)
    panel.select_unit(unit.id)
    assert panel.view.template.version == 2


# ---------------------------------------------------------------- choosing the forms


def test_choose_the_forms_of_a_campaign(qtbot, store, demo, page_for, monkeypatch):
    c = store.campaigns.save(Campaign(year=2024, issuer="祖师街道办事处"))
    page = page_for(c)
    assert page.form_combo.count() == 0 and "本年度使用的表" in page.empty.text()

    def answer(dialog):
        dialog.set_checked("zushi-liaison", ROLE_LIAISON)
        dialog.set_checked("zushi-works-report", "works_report")
        dialog.set_checked("zushi-works-quota", "works_quota")
        dialog.set_checked("activity-statistics", ROLE_STATISTICS)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ChooseFormsDialog, "exec", answer)
    assert page.choose_forms()
    assert set(store.campaign_forms.chosen(c.id)) == {
        ("zushi-liaison", ROLE_LIAISON),
        ("zushi-works-report", "works_report"),
        ("zushi-works-quota", "works_quota"),
        ("activity-statistics", ROLE_STATISTICS),
    }
    assert page.form_combo.count() == 4
    assert page.show_form("works_quota") and page.panel.table.rowCount() == 5
    assert page.show_form("works_report") and isinstance(page.panel, UnitFormPanel)
    assert page.panel.aggregate_panel is None


def test_choosing_forms_dialog_finishes_with_the_choice(qtbot, store, demo):
    dialog = ChooseFormsDialog(store, store.campaign_forms.chosen(demo.id))
    qtbot.addWidget(dialog)
    dialog.set_checked("activity-statistics", checked=False)
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert dialog.chosen() == [("yincheng-liaison", ROLE_LIAISON)]


def test_two_liaison_forms_are_refused(qtbot, store, demo):
    dialog = ChooseFormsDialog(store, [("yincheng-liaison", ROLE_LIAISON)])
    qtbot.addWidget(dialog)
    dialog.set_checked("zushi-liaison", ROLE_LIAISON)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "只能选一张" in dialog.problems_label.text()


def test_works_report_rows_entered_per_unit(qtbot, store, demo, page_for):
    store.campaign_forms.set_chosen(demo.id, [("zushi-works-report", "works_report")])
    page = page_for(demo)
    panel = page.panel
    unit = units(store)[0]
    panel.select_unit(unit.id)
    editor = panel.view.rows_editor
    boxes = {w.field.key: w for w in editor.boxes()}
    boxes["item"].set_text("安全警示教育")
    type_chinese(boxes["title"], "警示教育片")
    assert panel.dirty and panel.save()
    saved = store.form_entries.for_campaign(demo.id, "zushi-works-report")[unit.id]
    assert saved.rows == ({"item": "安全警示教育", "title": "警示教育片"},)


# ---------------------------------------------------------------- workbooks and exports


def test_blank_workbooks_round_trip_through_the_import(
    qtbot, store, demo, page_for, dialogs, tmp_path
):
    page = page_for(demo)
    stats_panel(page)
    paths = page.write_blank_workbooks(str(tmp_path))
    assert len(paths) == 12
    unit = first_unfilled(store, demo, "activity-statistics")
    path = next(p for p in paths if p.name.startswith(unit.name))
    from anquanyue_desktop.domain.workbook_identity import IDENTITY_SHEET

    book = openpyxl.load_workbook(path)
    cells = {
        row[0].value: row[1].value
        for row in book[IDENTITY_SHEET].iter_rows(min_row=1)
        if row[0].value and len(row) > 1
    }
    ref = cells.get("r1_b1")
    assert ref, f"the identity sheet no longer maps field r1_b1 to a cell: {cells}"
    book.worksheets[0][ref.split(":")[0]] = 7
    book.save(path)
    assert page.import_workbooks([str(path)]), dialogs.shown
    saved = store.form_entries.for_campaign(demo.id, "activity-statistics")[unit.id]
    assert saved.values["r1_b1"] == 7


def test_a_file_that_is_no_workbook_imports_nothing(
    qtbot, store, demo, page_for, dialogs, tmp_path
):
    page = page_for(demo)
    stats_panel(page)
    bad = tmp_path / "东村.xlsx"
    bad.write_text("不是工作簿", encoding="utf-8")
    before = store.form_entries.for_campaign(demo.id, "activity-statistics")
    assert not page.import_workbooks([str(bad)])
    assert any("东村.xlsx" in t for t in dialogs.texts("warning"))
    assert store.form_entries.for_campaign(demo.id, "activity-statistics") == before


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_exports_write_the_saved_tables(
    qtbot, store, demo, page_for, dialogs, tmp_path, monkeypatch, fmt
):
    from anquanyue_desktop.ui.forms import sheet_panel, unit_panel

    outs = iter([tmp_path / f"liaison.{fmt}", tmp_path / f"agg.{fmt}"])
    monkeypatch.setattr(sheet_panel, "ask_export_path", lambda *a: next(outs))
    monkeypatch.setattr(unit_panel, "ask_export_path", lambda *a: next(outs))
    page = page_for(demo)
    liaison_panel(page).export(fmt)
    panel = stats_panel(page)
    panel.select_unit(-1)
    panel.export(fmt)
    assert (tmp_path / f"liaison.{fmt}").stat().st_size > 0
    assert (tmp_path / f"agg.{fmt}").stat().st_size > 0
    assert [k for k, *_ in dialogs.shown] == ["box", "box"], dialogs.shown


def test_paste_by_position_skips_a_copied_header(store, demo, page_for):
    page = page_for(demo)
    model = liaison_panel(page).model
    col = model.column_of("mobile")
    written, unknown = model.paste_block(0, col, "手机号码 *\n13800000001\n13800000002\n")
    assert (written, unknown) == (2, [])
    assert [model.texts_at(r)["mobile"] for r in (0, 1)] == ["13800000001", "13800000002"]
    assert model.edited_rows() == [0, 1]


def test_another_record_form_is_a_sheet_without_last_years_entries(
    store, demo, next_year, page_for
):
    store.campaign_forms.set_chosen(next_year.id, [("yincheng-liaison", "other")])
    page = page_for(next_year)
    assert isinstance(page.panel, SheetPanel)
    assert page.panel.model.proposed_rows() == []
    assert page.form_combo.currentText().startswith("其他表：")


def test_clearing_a_units_table_removes_it_after_asking(store, demo, page_for, dialogs):
    page = page_for(demo)
    panel = stats_panel(page)
    unit = units(store)[0]
    panel.select_unit(unit.id)
    for box in panel.view.inputs():
        if not box.is_read_only():
            box.set_text("")
    assert panel.dirty and panel.view.problems == []
    dialogs.answer = QMessageBox.StandardButton.No
    assert not panel.save()
    assert unit.id in store.form_entries.for_campaign(demo.id, "activity-statistics")
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert panel.save(), dialogs.shown
    assert unit.id not in store.form_entries.for_campaign(demo.id, "activity-statistics")
    assert panel.unit_list.status_at(panel._row_of(unit.id)) == "未填"


def test_a_long_form_title_is_cut_with_an_ellipsis_and_read_whole_in_tooltip_and_list(
    qtbot, store, demo, page_for
):
    """On a narrow window the chosen form's title does not fit the box: it ends in “…”
    (never half a character), the tooltip says all of it, and the list opens wide enough."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QHelpEvent

    page = page_for(demo)
    assert page.show_form(ROLE_STATISTICS)
    combo = page.form_combo
    full = combo.currentText()
    assert full.startswith("活动情况统计表：") and full.endswith("年样表）")
    metrics = combo.fontMetrics()
    # As narrow as a small window leaves it (the test platform's font is narrower than
    # the office PC's, so the box is sized from the text).
    combo.setMinimumWidth(0)
    combo.setFixedWidth(metrics.horizontalAdvance(full) // 2)
    QApplication.sendEvent(combo, QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), QPoint()))
    assert combo.toolTip() == full
    shown = combo.shown_text()
    assert shown.endswith("…") and full.startswith(shown[:-1]) and len(shown) > 8
    assert metrics.horizontalAdvance(shown) < combo.width()
    combo.showPopup()
    try:
        longest = max(metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
        assert combo.view().width() >= longest
    finally:
        combo.hidePopup()
    # A title that fits is shown whole.
    assert page.show_form(ROLE_LIAISON)
    combo.setFixedWidth(metrics.horizontalAdvance(combo.currentText()) + 80)
    assert combo.shown_text() == combo.currentText()
