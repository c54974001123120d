"""活动记录 page and dialog driven as the clerk would, on the demo campaign."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QInputDialog

from anquanyue_desktop.domain.activities import LINK, PHOTO, VIDEO, Activity
from anquanyue_desktop.ui.activities.activity_dialog import ActivityDialog, LinkDialog
from anquanyue_desktop.ui.activities.page import ActivitiesPage
from anquanyue_desktop.usecases.demo import install_demo

from .conftest import type_chinese


@pytest.fixture
def page(qtbot, demo_template, store, dialogs):
    campaign = install_demo(store)
    p = ActivitiesPage(store)
    qtbot.addWidget(p)
    p.set_campaign(campaign)
    p.show()
    return p


def jpeg(path, size=(120, 80)):
    out = io.BytesIO()
    Image.new("RGB", size, (30, 90, 200)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def titles(page):
    return [a.title for a in page.model.activities]


def test_demo_activities_are_listed_and_filtered(page):
    everything = len(page.model.activities)
    assert everything >= 15 and "照片" in page.summary.text()
    assert page.week_filter.count() == 1 + 5  # 全部周次 + five Wednesdays of June 2022
    assert page.week_filter.itemText(2).startswith("第2周（6月8日18:00报）：6月2日至6月8日")
    page.week_filter.setCurrentIndex(2)
    assert page.model.activities
    assert all(date(2022, 6, 2) <= a.on <= date(2022, 6, 8) for a in page.model.activities)
    page.week_filter.setCurrentIndex(0)
    page.unit_filter.setCurrentIndex(page.unit_filter.findText("本级"))
    assert titles(page) == ["“安全宣传咨询日”现场活动"]
    page.unit_filter.setCurrentIndex(0)
    type_chinese(page.search, "演练")
    assert page.model.activities and all("演练" in t for t in titles(page))
    page.search.clear()
    assert len(page.model.activities) == everything
    page.category_filter.setCurrentIndex(page.category_filter.findText("安全宣传咨询日"))
    assert len(page.model.activities) == 1


def test_add_an_activity_with_a_file_and_a_link(page, dialogs, monkeypatch, tmp_path):
    photo = jpeg(tmp_path / "演练现场.jpg")
    fake = tmp_path / "假照片.jpg"
    fake.write_bytes(b"%PDF-1.7\n")
    village = page.store.units.list()[0]
    page.unit_filter.setCurrentIndex(page.unit_filter.findData(village.id))
    seen = {}

    def fill(dialog: ActivityDialog):
        seen["dialog"] = dialog
        assert dialog.unit.currentData() == village.id  # starts from the filter
        type_chinese(dialog.title, "森林防火应急演练")
        dialog.category.setCurrentText("应急演练")
        dialog.on.setDate(QDate(2022, 6, 14))
        dialog.participants.setValue(85)
        dialog.important.setChecked(True)
        refused = dialog.add_files([photo, fake])
        assert len(refused) == 1 and "假照片.jpg" in refused[0]
        assert [a.item.kind for a in dialog.attachments] == [PHOTO]
        assert dialog.attachment_list.item(0).icon().availableSizes()  # a thumbnail
        type_chinese(dialog.caption, "群众有序疏散")
        link = LinkDialog(dialog)
        link.url.setText("链接：https://pan.baidu.com/s/1drill 提取码：ab12 --来自百度网盘")
        assert (link.url.text(), link.code.text()) == ("https://pan.baidu.com/s/1drill", "ab12")
        dialog.add_link(link.item())
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ActivityDialog, "exec", fill)
    page.add()
    assert any("有文件未添加" in t for t in dialogs.texts("warning"))
    saved = seen["dialog"].saved
    assert saved is not None and saved.important and saved.participants == 85
    assert [m.kind for m in saved.media] == [LINK, PHOTO]
    assert saved.media[1].caption == "群众有序疏散" and saved.media[0].code == "ab12"
    assert page.store.media.path_of(saved.media[1].sha256).read_bytes() == photo.read_bytes()
    assert page.selected().id == saved.id
    # Find it again by text.
    page.unit_filter.setCurrentIndex(0)
    type_chinese(page.search, "森林防火")
    assert titles(page) == ["森林防火应急演练"]
    assert page.model.data(page.model.index(0, 6)) == "照片1 链接1"


def test_the_200_character_rule_and_large_video_advice_are_shown_live(qtbot, page, tmp_path):
    video = tmp_path / "演练.mp4"
    with video.open("wb") as f:
        f.write(b"\x00\x00\x00\x18ftypmp42")
        f.truncate(120 * 1024 * 1024)  # sparse: large on paper, instant to make
    store = page.store
    a = Activity(page.campaign.id, None, date(2022, 6, 20), "应急演练", "演练")
    dialog = ActivityDialog(
        a, [], store.activities.categories(page.campaign.id), store.media, store.activities.save
    )
    qtbot.addWidget(dialog)
    dialog.add_files([video])
    assert dialog.attachments[0].item.kind == VIDEO
    assert "网盘链接" in dialog.advice.text() and dialog.advice.isVisibleTo(dialog)
    type_chinese(dialog.caption, "字" * 201)
    assert "视频简介最多200字，现在有201字" in dialog.problems.text()
    assert dialog.caption_count.text() == "视频简介 201/200 字"
    dialog.caption.setPlainText("字" * 200)
    assert not dialog.problems.isVisibleTo(dialog)


def test_ctrl_s_saves_and_a_refusal_keeps_the_dialog_open(qtbot, page, dialogs, tmp_path):
    store = page.store
    a = Activity(page.campaign.id, None, date(2022, 6, 20), "其他", "")
    dialog = ActivityDialog(
        a, [], store.activities.categories(page.campaign.id), store.media, store.activities.save
    )
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "请填写活动名称" in dialogs.texts("warning")[-1]
    type_chinese(dialog.title, "安全生产月启动仪式")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.saved is not None and dialog.saved.title == "安全生产月启动仪式"


def test_a_used_category_cannot_be_renamed(page, dialogs, monkeypatch):
    categories = page.store.activities.categories(page.campaign.id)
    renamed = "\n".join("演练" if c == "应急演练" else c for c in categories)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (renamed, True))
    page.edit_categories()
    assert "“应急演练”下已有" in dialogs.texts("warning")[-1]
    added = "\n".join([*categories, "企业安全公开承诺"])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: (added, True))
    page.edit_categories()
    assert page.category_filter.findText("企业安全公开承诺") > 0


def test_delete_asks_first(page, dialogs):
    before = len(page.model.activities)
    page.table.selectRow(0)
    dialogs.answer = dialogs.answer.No
    page.delete_selected()
    assert len(page.model.activities) == before
    dialogs.answer = dialogs.answer.Yes
    page.delete_selected()
    assert len(page.model.activities) == before - 1
