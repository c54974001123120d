"""The one form renderer: a widget for every field type, record and table views checked as typed."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from anquanyue_desktop.domain.blank_parser import normalize_line
from anquanyue_desktop.domain.forms import (
    FIELD_TYPES,
    Field,
    body_fields,
    progress_text,
    table_rows,
)
from anquanyue_desktop.imports.form_files import load_shipped
from anquanyue_desktop.ui.form_renderer.fields import FIELD_WIDGETS, make_field_widget
from anquanyue_desktop.ui.form_renderer.record_view import RecordFormView
from anquanyue_desktop.ui.form_renderer.table_view import TableFormView

from .conftest import type_chinese

SAMPLES = {
    "text": "王建国",
    "longtext": "第一行\n第二行",
    "number": 12,
    "landline": "0355-6627527",
    "mobile": "13800001007",
    "phone": "13800001007",
    "email": "anquan@163.com",
    "date": date(2024, 6, 3),
    "choice": "女",
    "yesno": True,
}


@pytest.fixture(scope="module")
def shipped():
    return {t.key: t for t in load_shipped()}


def field_of(type_: str) -> Field:
    return Field(
        key=f"k_{type_}",
        label=FIELD_TYPES[type_],
        type=type_,
        unit="次" if type_ == "number" else "",
        choices=("男", "女") if type_ == "choice" else (),
    )


def test_every_field_type_has_a_widget():
    assert set(FIELD_WIDGETS) == set(FIELD_TYPES)


@pytest.mark.parametrize("type_", sorted(FIELD_TYPES))
def test_each_widget_shows_reads_and_signals_its_value(qtbot, type_):
    f = field_of(type_)
    w = make_field_widget(f)
    qtbot.addWidget(w)
    assert isinstance(w, FIELD_WIDGETS[type_])
    assert w.value() is None
    with qtbot.waitSignal(w.changed):
        w.set_value(SAMPLES[type_])
    assert w.value() == SAMPLES[type_]
    assert w.check() == (SAMPLES[type_], [])
    w.set_problem("有误")
    assert w.problem == "有误" and "有误" in w.toolTip() and w.styleSheet()
    w.set_problem(None)
    assert w.problem is None and not w.styleSheet()


def test_typing_a_bad_mobile_marks_the_field_with_its_message(qtbot, shipped):
    view = RecordFormView(shipped["zushi-liaison"])
    qtbot.addWidget(view)
    view.show()
    mobile = view.widget_for("mobile")
    qtbot.keyClicks(mobile, "1380000100")  # ten digits
    assert mobile.problem and "11位" in mobile.problem
    assert "11位" in mobile.toolTip()
    assert any(p.field == "mobile" for p in view.problems)
    label = view._messages[id(mobile)]
    assert label.isVisible() and "11位" in label.text()
    qtbot.keyClick(mobile, Qt.Key.Key_7)
    assert mobile.problem is None and not label.isVisible()
    # The whole entry is checked too: 姓名 and 单位名称 are required once anything is typed.
    assert {p.field for p in view.problems} == {"name", "unit"}
    type_chinese(view.widget_for("name"), "李丽娟")
    view.widget_for("unit").setText("东村")
    assert view.problems == []
    assert view.values() == {"name": "李丽娟", "mobile": "13800001007", "unit": "东村"}


def test_an_untouched_form_shows_no_problems(qtbot, shipped):
    view = RecordFormView(shipped["zushi-liaison"])
    qtbot.addWidget(view)
    assert view.problems == []
    assert all(w.problem is None for w in view.inputs())


def test_enter_and_tab_move_to_the_next_box(qtbot, shipped):
    view = RecordFormView(shipped["yincheng-liaison"])
    qtbot.addWidget(view)
    with qtbot.waitExposed(view):
        view.show()
    view.focus_first()
    first, second, third = view.inputs()[:3]
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is second
    qtbot.keyClick(second, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is third


def test_set_values_shows_values_without_signalling_a_change(qtbot, shipped):
    view = RecordFormView(shipped["zushi-liaison"])
    qtbot.addWidget(view)
    with qtbot.assertNotEmitted(view.changed):
        view.set_values({"name": "王芳", "gender": "女", "mobile": "13800001007", "other": 1})
    assert view.values() == {"name": "王芳", "gender": "女", "mobile": "13800001007"}
    assert view.widget_for("gender").currentText() == "女"


def test_table_form_sentence_has_boxes_in_place_of_its_blanks(qtbot, shipped):
    t = shipped["activity-statistics"]
    view = TableFormView(t)
    qtbot.addWidget(view)
    rows = table_rows(t)
    assert list(view.sentences) == [r.key for r in rows]
    blanks = [w for w in view.inputs() if w.field in body_fields(t)]
    assert len(blanks) == 75
    for row in rows:
        sentence = view.sentences[row.key]
        # Joined with the boxes as （）, the sentence reads as on paper: the unit once, after the box.
        assert sentence.plain_text() == normalize_line(progress_text(row.progress))
        assert [c for c in sentence.children() if isinstance(c, QLineEdit)] == [
            view.widget_for(f.key) for f in row.fields
        ]


def test_statistics_entered_by_keyboard_alone(qtbot, shipped):
    t = shipped["activity-statistics"]
    view = TableFormView(t)
    qtbot.addWidget(view)
    view.resize(900, 700)
    with qtbot.waitExposed(view):
        view.show()
    view.set_values({"unit": "东村"})
    view.set_field_read_only("unit")
    view.focus_first()
    assert QApplication.focusWidget() is view.widget_for("contact")
    typed = {"r1_b1": "3", "r1_b2": "45", "r1_b3": "2", "r1_b4": "60"}
    focus = QApplication.focusWidget()
    for _ in range(3):  # 联系人, 电话, 填报日期 left empty
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
    for key, text in typed.items():
        assert focus is view.widget_for(key)
        qtbot.keyClicks(focus, text)
        qtbot.keyClick(focus, Qt.Key.Key_Tab if key != "r1_b2" else Qt.Key.Key_Return)
        focus = QApplication.focusWidget()
    assert view.values() == {"unit": "东村", "r1_b1": 3, "r1_b2": 45, "r1_b3": 2, "r1_b4": 60}
    assert view.problems == []


def test_a_bad_number_in_a_blank_is_marked_beside_its_row(qtbot, shipped):
    t = shipped["activity-statistics"]
    view = TableFormView(t)
    qtbot.addWidget(view)
    view.show()
    view.set_values({"unit": "东村"})
    box = view.widget_for("r2_b3")
    qtbot.keyClicks(box, "3.5")
    assert box.problem and "整数" in box.problem
    message = view._row_messages["r2"]
    assert message.isVisible() and "全员应急救援演练" in message.text()
    assert not view._row_messages["r1"].isVisible()
    box.clear()
    assert view.problems == [] and not message.isVisible()


def test_read_only_view_shows_values_and_takes_no_input(qtbot, shipped):
    t = shipped["activity-statistics"]
    view = TableFormView(t, read_only=True)
    qtbot.addWidget(view)
    view.set_values({"r1_b1": 92, "r4_b3": "2条，见下方"})
    box = view.widget_for("r1_b1")
    assert box.text() == "92" and box.isReadOnly()
    assert all(w.is_read_only() for w in view.inputs())
    assert view.problems == []


def test_repeating_form_rows_are_added_and_checked(qtbot, shipped):
    t = shipped["zushi-works-report"]
    view = RecordFormView(t)
    qtbot.addWidget(view)
    view.show()
    editor = view.rows_editor
    assert editor is not None and editor.row_count() == 1
    assert view.problems == []  # an empty row is no row
    view.set_entry({"unit": "东城社区"}, [{"item": "安全警示教育", "title": "警示片"}])
    assert view.rows() == [{"item": "安全警示教育", "title": "警示片"}]
    with qtbot.waitSignal(view.changed):
        editor.add_button.click()
    assert editor.row_count() == 2
    title = [w for w in editor.boxes() if w.field.key == "title"][1]
    type_chinese(title, "演练视频")
    # 项目 is required in a row that has anything in it.
    item = [w for w in editor.boxes() if w.field.key == "item"][1]
    assert item.problem and "项目" in item.problem
    item.set_text("应急逃生避险演练")
    assert view.problems == []
    assert len(view.rows()) == 2
    editor.remove_row(0)
    assert view.rows() == [{"item": "应急逃生避险演练", "title": "演练视频"}]


@pytest.mark.parametrize(
    "key",
    ["yincheng-liaison", "zushi-liaison", "zushi-works-report", "activity-statistics"],
)
def test_every_shipped_fillable_form_renders(qtbot, shipped, key):
    t = shipped[key]
    view = TableFormView(t) if t.kind == "table" else RecordFormView(t, show_title=True)
    qtbot.addWidget(view)
    keys = {w.field.key for w in view.inputs()}
    expected = {f.key for f in (*t.header_fields, *t.footer_fields)}
    if not t.repeating:
        expected |= {f.key for f in body_fields(t)}
    assert expected <= keys
