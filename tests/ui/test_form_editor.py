"""表样管理: fields and rows edited with a live preview, tables built from pasted text, versions."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from anquanyue_desktop.domain.forms import Field, body_fields, table_rows
from anquanyue_desktop.ui.form_editor.dialog import FormEditorDialog
from anquanyue_desktop.ui.form_editor.field_list import table_text_from_xlsx
from anquanyue_desktop.ui.form_editor.paste_dialog import PasteTableDialog
from anquanyue_desktop.ui.form_renderer.record_view import RecordFormView
from anquanyue_desktop.ui.form_renderer.table_view import TableFormView
from anquanyue_desktop.usecases.demo import install_demo
from anquanyue_desktop.usecases.shipped_forms import ensure_shipped_forms
from tests.unit.domain.test_blank_parser import SEED_004_TABLE

from .conftest import type_chinese


@pytest.fixture
def editor_for(qtbot, store, dialogs):
    made = []

    def make(key: str | None):
        ensure_shipped_forms(store)
        dialog = FormEditorDialog(store, store.forms.latest(key) if key else None)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:  # closed before the store is: unsaved edits are dropped
        dialog._set_dirty(False)
        dialog.hide()


def test_add_a_field_to_a_used_form_saves_a_new_version(
    qtbot, demo_template, store, editor_for, dialogs
):
    campaign = install_demo(store)  # the demo's units filled in version 1
    editor = editor_for("yincheng-liaison")
    assert "已有单位按第1版填报" in editor.version_label.text()
    fields = editor.fields_editor
    fields.list.setCurrentRow(len(body_fields(store.forms.latest("yincheng-liaison"))) - 1)
    fields.add_button.click()
    assert editor.dirty
    type_chinese(fields.label, "微信号")
    fields.type.setCurrentIndex(fields.type.findData("text"))
    editor.refresh_preview()
    preview = editor.preview_view
    assert isinstance(preview, RecordFormView)
    assert preview.widget_for(fields.key_label.text()) is not None
    assert editor.problems() == []
    assert editor.save()
    latest = store.forms.latest("yincheng-liaison")
    assert latest.version == 2
    assert [f.label for f in latest.fields][-1] == "微信号"
    assert latest.fields[-1].key not in {f.key for f in store.forms.get(latest.key, 1).fields}
    assert dialogs.texts("information") == [
        "已保存为新版本|已有单位按第1版填报，本次保存为第2版；旧数据仍按第1版显示。"
    ]
    entries = store.form_entries.for_campaign(campaign.id, "yincheng-liaison")
    assert {e.template_version for e in entries.values()} == {1}
    assert not editor.dirty


def test_editing_an_unused_form_keeps_its_version(qtbot, store, editor_for, dialogs):
    editor = editor_for("zushi-liaison")
    fields = editor.fields_editor
    fields.list.setCurrentRow(1)  # 性别
    fields.required.setChecked(True)
    assert editor.save()
    latest = store.forms.latest("zushi-liaison")
    assert latest.version == 1 and latest.fields[1].required
    assert dialogs.texts("information") == []
    with qtbot.waitSignal(editor.finished):
        editor.close_button.click()
    assert dialogs.texts("question") == []  # nothing unsaved to ask about


def test_problems_are_shown_and_block_saving(qtbot, store, editor_for, dialogs):
    editor = editor_for("zushi-liaison")
    fields = editor.fields_editor
    fields.list.setCurrentRow(0)
    fields.label.clear()
    fields.label.textEdited.emit("")
    editor.refresh_preview()
    assert "没有名称" in editor.problems_label.text()
    fields.list.setCurrentRow(2)
    fields.label.setText("姓名")
    fields.label.textEdited.emit("姓名")
    fields.list.setCurrentRow(0)
    fields.label.setText("姓名")
    fields.label.textEdited.emit("姓名")
    editor.refresh_preview()
    assert "都叫“姓名”" in editor.problems_label.text()
    assert not editor.save()
    assert any("都叫“姓名”" in t for t in dialogs.texts("warning"))
    assert store.forms.latest("zushi-liaison").fields[2].label == "职务"


def test_a_used_fields_type_cannot_change(qtbot, demo_template, store, editor_for):
    install_demo(store)
    editor = editor_for("yincheng-liaison")
    fields = editor.fields_editor
    row = next(i for i, (_, f) in enumerate(fields._items) if f.key == "position")
    fields.list.setCurrentRow(row)
    fields.type.setCurrentIndex(fields.type.findData("number"))
    editor.refresh_preview()
    assert "类型不能从" in editor.problems_label.text()


def test_fields_are_reordered_and_removed(qtbot, store, editor_for):
    editor = editor_for("zushi-liaison")
    fields = editor.fields_editor
    fields.list.setCurrentRow(1)
    fields.up_button.click()
    assert [f.key for f in editor.draft().fields][:2] == ["gender", "name"]
    fields.remove_button.click()
    assert "gender" not in {f.key for f in editor.draft().fields}
    fields.list.setCurrentRow(0)
    fields.type.setCurrentIndex(fields.type.findData("choice"))
    fields.choices.setText("是、否、不确定")
    fields.choices.textEdited.emit("是、否、不确定")
    assert editor.draft().fields[0].choices == ("是", "否", "不确定")


def test_a_table_from_pasted_text_has_every_blank_and_saves(qtbot, store, editor_for):
    editor = editor_for(None)
    paste = PasteTableDialog(editor)
    qtbot.addWidget(paste)
    paste.text.setPlainText(SEED_004_TABLE)
    parsed = paste.read()
    assert parsed is not None and paste.ok_button.isEnabled()
    assert "8 行、75 个填空" in paste.result_label.text()
    editor.use_parsed_table(parsed)
    assert editor.dirty and editor.kind == "table"
    draft = editor.draft()
    assert len(table_rows(draft)) == 8 and len(body_fields(draft)) == 75
    assert [f.key for f in draft.header_fields] == ["unit", "contact", "phone", "date"]
    editor.refresh_preview()
    preview = editor.preview_view
    assert isinstance(preview, TableFormView)
    assert len([w for w in preview.inputs() if w.field in body_fields(draft)]) == 75
    editor.name.setText("活动情况统计表（县交通）")
    editor.name.textEdited.emit(editor.name.text())
    assert editor.problems() == []
    assert editor.save()
    saved = store.forms.latest(draft.key)
    assert saved.version == 1 and len(body_fields(saved)) == 75
    assert saved.name == "活动情况统计表（县交通）"


def test_editing_a_sentence_keeps_the_keys_of_its_blanks(qtbot, store, editor_for):
    editor = editor_for("activity-statistics")
    rows = editor.rows_editor
    rows.list.setCurrentRow(0)
    before = rows._rows[0].blanks()
    assert [f.key for f in before] == [f"r1_b{i}" for i in range(1, 8)]
    # Rename a blank in the blanks table: the name is kept through later edits of the sentence.
    rows.blanks.item(4, 1).setText("心得体会篇数")
    assert rows._rows[0].blanks()[4].label == "心得体会篇数"
    text = rows.progress.toPlainText()
    rows.set_progress_text("开展专题党课（）次；" + text)
    after = rows._rows[0].blanks()
    assert len(after) == 8
    assert after[0].label == "专题党课" and after[0].key == "r1_b8"  # a fresh key
    assert [f.key for f in after[1:]] == [f.key for f in before]
    assert after[5].label == "心得体会篇数"
    draft = editor.draft()
    assert len(body_fields(draft)) == 76
    assert rows.list.item(0).text().endswith("（8空）")


def test_rows_are_added_and_a_row_without_blanks_is_refused(qtbot, store, editor_for):
    editor = editor_for("activity-statistics")
    rows = editor.rows_editor
    rows.list.setCurrentRow(7)
    rows.add_button.click()
    assert rows.current() == 8 and rows._rows[8].key == "r9"
    type_chinese(rows.item, "安全生产知识竞赛")
    editor.refresh_preview()
    assert "没有填空" in editor.problems_label.text()
    rows.set_progress_text("组织知识竞赛（）场，参与（）人次")
    editor.refresh_preview()
    assert editor.problems() == []
    new_row = table_rows(editor.draft())[8]
    assert [(f.key, f.unit) for f in new_row.fields] == [("r9_b1", "场"), ("r9_b2", "人次")]
    assert new_row.item == "安全生产知识竞赛"


def test_new_record_form_from_scratch(qtbot, store, editor_for):
    editor = editor_for(None)
    editor.new_template("record")
    assert editor.kind == "record" and editor.original is None
    type_chinese(editor.name, "应急队伍登记表")
    fields = editor.fields_editor
    fields.add_button.click()
    type_chinese(fields.label, "队员人数")
    fields.type.setCurrentIndex(fields.type.findData("number"))
    fields.unit.setCurrentText("人")
    editor.refresh_preview()
    assert editor.problems() == []
    assert editor.save()
    saved = store.forms.latest("form")
    assert saved.name == "应急队伍登记表"
    assert saved.fields[-1] == Field(key="f1", label="队员人数", type="number", unit="人")


def test_closing_with_unsaved_edits_asks_first(qtbot, store, editor_for, dialogs):
    editor = editor_for("zushi-liaison")
    editor.name.setText("联络员反馈表")
    editor.name.textEdited.emit("联络员反馈表")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    editor.close_button.click()
    assert editor.isVisible()
    dialogs.answer = QMessageBox.StandardButton.Save
    with qtbot.waitSignal(editor.finished):
        editor.close_button.click()
    assert store.forms.latest("zushi-liaison").name == "联络员反馈表"


def test_switching_templates_with_unsaved_edits_asks(qtbot, store, editor_for, dialogs):
    editor = editor_for("zushi-liaison")
    editor.note.setPlainText("注：改过")
    assert editor.dirty
    dialogs.answer = QMessageBox.StandardButton.Cancel
    other = next(i for i, t in enumerate(editor._templates) if t.key == "yincheng-liaison")
    editor.template_list.setCurrentRow(other)
    assert editor.original.key == "zushi-liaison" and editor.dirty
    dialogs.answer = QMessageBox.StandardButton.Discard
    editor.template_list.setCurrentRow(other)
    assert editor.original.key == "yincheng-liaison" and not editor.dirty
    assert store.forms.latest("zushi-liaison").note != "注：改过"


def test_a_form_with_data_cannot_be_deleted(qtbot, demo_template, store, editor_for, dialogs):
    install_demo(store)
    editor = editor_for("activity-statistics")
    assert not editor.delete_current()
    assert any("不能删除" in t for t in dialogs.texts("warning"))
    editor.duplicate()
    assert editor.save()
    copy = store.forms.latest("activity-statistics-copy")
    assert copy is not None and copy.name.endswith("（副本）")
    assert editor.delete_current()
    assert store.forms.latest("activity-statistics-copy") is None


def test_table_text_from_an_upstream_xlsx(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["“安全生产月”活动情况统计表"])
    ws.append(["填报单位：", "联系人：", "电话：", "填报日期："])
    ws.append(["活动项目", "内容要求", "进展情况"])
    ws.append(["“安全宣传咨询日”活动", "广泛开展\n咨询活动", "开展咨询活动（）场，参与（）人次"])
    ws.append([None, "张贴宣传资料", "发放宣传资料（）张（条）"])
    ws.merge_cells("A4:A5")
    path = tmp_path / "统计表.xlsx"
    book.save(path)
    text = table_text_from_xlsx(path)
    assert "广泛开展咨询活动" in text
    paste = PasteTableDialog()
    paste.text.setPlainText(text)
    parsed = paste.read()
    rows = table_rows(parsed)
    assert [len(r.fields) for r in rows] == [2, 1]
    assert rows[1].fields[0].alt_unit == "条"
    paste.deleteLater()


def test_a_file_that_is_no_xlsx_gets_a_message(tmp_path):
    bad = tmp_path / "表.xlsx"
    bad.write_text("不是表格", encoding="utf-8")
    with pytest.raises(ValueError, match="不是有效的 xlsx"):
        table_text_from_xlsx(bad)
