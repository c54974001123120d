"""编辑 › 撤销/重做 (Ctrl+Z / Ctrl+Y) on the editing pages, in the real window: the units
table, the forms' sheet and unit form, the activity list, the deadlines and the grid."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from anquanyue_desktop.domain.activities import activity_photos
from anquanyue_desktop.domain.form_entries import ROLE_LIAISON, ROLE_STATISTICS
from anquanyue_desktop.ui.activities.activity_dialog import ActivityDialog
from anquanyue_desktop.ui.units.model import COL_NAME

from .conftest import type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier


def demo_window(window_factory):
    window = window_factory()
    assert window.create_demo()
    return window


def undo_key(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Z, CTRL)


def redo_key(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_Y, CTRL)


def menu_state(window) -> tuple[bool, bool]:
    window._show_undo_state()
    undo, redo = window.undo_actions
    state = (undo.isEnabled(), redo.isEnabled())
    for action in window.undo_actions:
        action.setEnabled(True)
    return state


def test_units_table_edits_undo_and_redo(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_page(window.units_page)
    page = window.units_page
    names = [u.name for u in page.model.units()]
    assert menu_state(window) == (False, False)
    page.model.setData(page.model.index(0, COL_NAME), "新建村")
    page.model.remove_rows([1, 2])
    assert [u.name for u in page.model.units()][:2] == ["新建村", names[3]]
    assert page.dirty and menu_state(window) == (True, False)
    assert window.undo_actions[0].text() == "撤销：删除单位"

    page.view.setCurrentIndex(page.model.index(5, COL_NAME))
    undo_key(qtbot, page.view)  # the deletion: both rows at once
    assert page.view.currentIndex().row() == 5  # the cursor stays where it was
    assert [u.name for u in page.model.units()] == ["新建村", *names[1:]]
    undo_key(qtbot, page.view)
    assert [u.name for u in page.model.units()] == names
    assert not page.dirty and not page.save_button.isEnabled()
    assert menu_state(window) == (False, True)
    redo_key(qtbot, page.view)
    assert page.model.unit_at(0).name == "新建村" and page.dirty
    # Saved: the edits are done with, nothing left to take back on the table.
    assert page.save()
    assert window.store.units.list()[0].name == "新建村"
    assert not page.can_undo()
    assert not window.undo_on_page()
    assert "没有可撤销" in window.statusBar().currentMessage()


def test_a_deleted_activity_comes_back_with_its_photos_and_pick(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_page(window.activities_page)
    page = window.activities_page
    store, campaign = window.store, window.current_campaign()
    a = next(x for x in page.model.activities if len(activity_photos(x)) >= 2)
    pick = (activity_photos(a)[1].id,)
    store.activities.save_photo_choices({a.id: pick})
    page.select(a.id)
    page.delete_selected()
    assert store.activities.get(a.id) is None
    assert a.title not in [x.title for x in page.model.activities]

    undo_key(qtbot, page.table)
    back = next(x for x in page.model.activities if x.title == a.title)
    assert page.selected() == back  # shown selected where it was
    assert [m.sha256 for m in back.media] == [m.sha256 for m in a.media]
    assert [m.caption for m in back.media] == [m.caption for m in a.media]
    assert store.activities.photo_choices(campaign.id)[back.id] == pick
    redo_key(qtbot, page.table)
    assert a.title not in [x.title for x in page.model.activities]
    undo_key(qtbot, page.table)  # and back once more, under yet another id
    assert a.title in [x.title for x in page.model.activities]


def test_adding_an_activity_undone_takes_back_its_receipt(
    qtbot, window_factory, dialogs, monkeypatch
):
    window = demo_window(window_factory)
    window.show_page(window.activities_page)
    page = window.activities_page
    store, campaign = window.store, window.current_campaign()
    received = dict(store.submissions.for_campaign(campaign.id))
    village = store.units.list(include_inactive=False)[0]

    def fill(dialog: ActivityDialog):
        dialog.unit.setCurrentIndex(dialog.unit.findData(village.id))
        type_chinese(dialog.title, "夜间消防巡查")
        dialog.on.setDate(QDate(2022, 6, 30))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ActivityDialog, "exec", fill)
    page.add()
    assert "夜间消防巡查" in [x.title for x in page.model.activities]
    after_add = store.submissions.for_campaign(campaign.id)
    undo_key(qtbot, page.table)
    assert "夜间消防巡查" not in [x.title for x in page.model.activities]
    assert store.submissions.for_campaign(campaign.id) == received
    redo_key(qtbot, page.table)
    assert "夜间消防巡查" in [x.title for x in page.model.activities]
    assert set(store.submissions.for_campaign(campaign.id)) == set(after_add)


def test_a_deleted_deadline_comes_back_with_what_was_recorded(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_page(window.deadlines_page)
    page = window.deadlines_page
    store, campaign = window.store, window.current_campaign()

    def recorded(title):
        ids = {d.id for d in store.deadlines.list(campaign.id) if d.title == title}
        return sorted(
            (key, unit, s.received_at)
            for (d, key, unit), s in store.submissions.for_campaign(campaign.id).items()
            if d in ids
        )

    counts = {d.title: len(recorded(d.title)) for d in page.model.deadlines}
    d = next(x for x in page.model.deadlines if counts[x.title] > 0)
    before = recorded(d.title)
    page.table.selectRow(page.model.deadlines.index(d))
    page.delete_selected()
    assert d.title not in [x.title for x in page.model.deadlines]
    undo_key(qtbot, page.table)
    assert d.title in [x.title for x in page.model.deadlines]
    assert recorded(d.title) == before
    redo_key(qtbot, page.table)
    assert d.title not in [x.title for x in page.model.deadlines] and recorded(d.title) == []


def test_liaison_sheet_and_unit_form_undo(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_page(window.forms_page)
    page = window.forms_page
    assert page.show_form(ROLE_LIAISON)
    model, view = page.panel.model, page.panel.view
    row = 0
    old = model.texts_at(row).get("name", "")
    assert model.setData(model.index(row, model.column_of("name")), "李四")
    assert page.dirty
    undo_key(qtbot, view)
    assert model.texts_at(row).get("name", "") == old and not page.dirty
    redo_key(qtbot, view)
    assert model.texts_at(row)["name"] == "李四" and page.dirty
    assert page.save()

    assert page.show_form(ROLE_STATISTICS)
    panel = page.panel
    unit = window.store.units.list(include_inactive=False)[-1]
    assert panel.select_unit(unit.id)
    box = panel.view.widget_for("r1_b1")
    box.setFocus()
    was = box.text()
    qtbot.keyClicks(QApplication.focusWidget(), "17")
    assert box.text() == was + "17" and page.dirty
    # 编辑 › 撤销 from the menu: the typing in that box, in one step.
    undo, redo = window.undo_actions
    undo.trigger()
    assert box.text() == was and not page.dirty
    redo.trigger()
    assert box.text() == was + "17" and page.dirty


def test_grid_undo_through_the_window(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_page(window.grid_page)
    grid = window.grid_page
    cell = next(
        (r, c)
        for r in range(grid.model.summary_row)
        for c in range(grid.model.columnCount())
        if grid.model.cell(grid.model.index(r, c)) is not None
        and grid.model.cell(grid.model.index(r, c)).submission is None
    )
    before = dict(window.store.submissions.for_campaign(window.current_campaign().id))
    grid.view.setFocus()
    grid.view.setCurrentIndex(grid.model.index(*cell))
    qtbot.keyClick(grid.view, Qt.Key.Key_Space)
    assert window.store.submissions.for_campaign(window.current_campaign().id) != before
    undo_key(qtbot, grid.view)
    assert window.store.submissions.for_campaign(window.current_campaign().id) == before


def test_redo_of_a_deletion_never_drops_what_was_recorded_since(qtbot, window_factory, dialogs):
    """Deleted, taken back, then a receipt recorded on the grid under the deadline brought
    back: 重做 would delete that receipt unasked (and a second 撤销 could not bring it back),
    so it is refused with the reason; nothing changes."""
    window = demo_window(window_factory)
    window.show_page(window.deadlines_page)
    page = window.deadlines_page
    store, campaign = window.store, window.current_campaign()
    d = next(x for x in page.model.deadlines if x.rule.kind == "weekly")
    page.table.selectRow(page.model.deadlines.index(d))
    page.delete_selected()
    undo_key(qtbot, page.table)
    (back,) = [x for x in store.deadlines.list(campaign.id) if x.title == d.title]

    def recorded():
        return {k: s for k, s in store.submissions.for_campaign(campaign.id).items()}

    brought_back = recorded()
    window.show_page(window.grid_page)
    grid = window.grid_page
    grid.select_deadline(back.id)
    model = grid.model
    cell = next(
        (r, c)
        for c in range(model.columnCount())
        for r in range(model.summary_row)
        if (x := model.cell(model.index(r, c))) is not None and x.submission is None
    )
    grid.view.setFocus()
    grid.view.setCurrentIndex(model.index(*cell))
    qtbot.keyClick(grid.view, Qt.Key.Key_Space)
    with_receipt = recorded()
    (new,) = set(with_receipt) - set(brought_back)
    assert new[0] == back.id

    window.show_page(page)
    assert menu_state(window) == (False, True)
    redo_key(qtbot, page.table)
    (refusal,) = dialogs.texts("warning")
    assert (
        refusal.startswith("无法重做|") and f"“{d.title}”下又登记或修改了 1 条报送记录" in refusal
    )
    assert "如确要删除" in refusal
    assert d.title in [x.title for x in page.model.deadlines]
    assert recorded() == with_receipt  # the receipt is there, and all the earlier ones
    assert "没有可重做" not in window.statusBar().currentMessage()

    # Taken back on the grid: the deadline is just as the undo left it, and redo deletes it.
    window.show_page(grid)
    assert grid.undo()
    window.show_page(page)
    redo_key(qtbot, page.table)
    assert d.title not in [x.title for x in page.model.deadlines]
    assert len(dialogs.texts("warning")) == 1


def test_redo_of_an_activity_deletion_keeps_the_captions_and_picks_made_since(
    qtbot, window_factory, dialogs
):
    """Deleted, taken back, then its photos picked and captioned for the 周报 (the photo
    picker writes them): 重做 would throw them away, so it is refused."""
    window = demo_window(window_factory)
    window.show_page(window.activities_page)
    page = window.activities_page
    store, campaign = window.store, window.current_campaign()
    a = next(x for x in page.model.activities if len(activity_photos(x)) >= 2)
    page.select(a.id)
    page.delete_selected()
    undo_key(qtbot, page.table)
    back = page.selected()
    assert back.title == a.title
    photo = activity_photos(back)[1]
    store.activities.save_photo_choices({back.id: (photo.id,)}, {(back.id, photo.id): "新说明"})

    redo_key(qtbot, page.table)
    (refusal,) = dialogs.texts("warning")
    assert f"活动“{a.title}”又修改过" in refusal
    kept = store.activities.get(back.id)
    assert kept is not None and store.activities.photo_choices(campaign.id)[back.id] == (photo.id,)
    assert "新说明" in [m.caption for m in kept.media]
    # Undone and redone with nothing changed in between, it goes as before.
    page.select(back.id)
    page.delete_selected()
    undo_key(qtbot, page.table)
    redo_key(qtbot, page.table)
    assert a.title not in [x.title for x in page.model.activities]
    assert len(dialogs.texts("warning")) == 1


def test_redo_of_an_edit_keeps_the_captions_written_since_the_undo(
    qtbot, window_factory, dialogs, monkeypatch
):
    """An activity renamed, the rename undone, then a photo captioned on the 周报 page:
    saving the rename again would put the old captions back, so 重做 is refused."""
    window = demo_window(window_factory)
    window.show_page(window.activities_page)
    page = window.activities_page
    store = window.store
    a = next(x for x in page.model.activities if len(activity_photos(x)) >= 1)

    def rename(dialog: ActivityDialog):
        dialog.title.clear()
        type_chinese(dialog.title, "改过名称的活动")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ActivityDialog, "exec", rename)
    page.select(a.id)
    page.edit_selected()
    assert store.activities.get(a.id).title == "改过名称的活动"
    undo_key(qtbot, page.table)
    assert store.activities.get(a.id).title == a.title
    photo = activity_photos(a)[0]
    store.activities.save_photo_choices({a.id: (photo.id,)}, {(a.id, photo.id): "撤销后写的说明"})

    redo_key(qtbot, page.table)
    (refusal,) = dialogs.texts("warning")
    assert f"撤销修改之后，活动“{a.title}”又修改过" in refusal and "编辑" in refusal
    now = store.activities.get(a.id)
    assert now.title == a.title and "撤销后写的说明" in [m.caption for m in now.media]

    # With nothing changed after the undo, the edit is done again.
    page.select(a.id)
    page.edit_selected()
    undo_key(qtbot, page.table)
    redo_key(qtbot, page.table)
    assert store.activities.get(a.id).title == "改过名称的活动"
    assert len(dialogs.texts("warning")) == 1


def test_the_banner_offers_undo_of_the_last_receipt_in_its_campaign_only(
    qtbot, window_factory, dialogs, monkeypatch
):
    """撤销登记 is offered whenever the last receipt can be taken back in the campaign shown:
    after switching away and back (the activity list kept its 编辑 › 撤销), not in another
    campaign, not once 编辑 › 撤销 took it back, again after 重做."""
    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.usecases.campaigns import create_campaign

    window = demo_window(window_factory)
    store = window.store
    demo_year = window.current_campaign().year
    create_campaign(store, Campaign(year=demo_year + 1, theme="人人讲安全"), [])
    window.reload_campaigns(demo_year)
    window.show_page(window.activities_page)
    page = window.activities_page
    campaign = window.current_campaign()
    received = dict(store.submissions.for_campaign(campaign.id))
    village = store.units.list(include_inactive=False)[0]

    def fill(dialog: ActivityDialog):
        dialog.unit.setCurrentIndex(dialog.unit.findData(village.id))
        type_chinese(dialog.title, "夜间消防巡查")
        dialog.on.setDate(QDate(demo_year, 6, 20))  # its week (to 6月22日) is not received yet
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(ActivityDialog, "exec", fill)
    page.add()
    offered = window.undo_receipts_button.isVisibleTo
    assert offered(window) and "已登记为已报" in window.banner_label.text()

    def choose(year: int) -> None:
        combo = window.campaign_combo
        index = next(i for i in range(combo.count()) if combo.itemData(i).year == year)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # as the clerk picks it

    window.show_page(window.dashboard_page)
    choose(demo_year + 1)
    assert not offered(window) and "已登记为已报" not in window.banner_label.text()
    choose(demo_year)
    assert offered(window) and "已登记为已报" in window.banner_label.text()
    window.show_page(window.activities_page)
    assert page.can_undo() and "夜间消防巡查" in page.undo_texts()[0]

    undo_key(qtbot, page.table)  # the save and its receipt taken back
    assert store.submissions.for_campaign(campaign.id) == received
    assert not offered(window) and "已登记为已报" not in window.banner_label.text()
    redo_key(qtbot, page.table)  # received again
    assert store.submissions.for_campaign(campaign.id) != received
    assert offered(window)
    window.undo_receipts_button.click()
    assert "已撤销自动登记 1 项" in window.banner_label.text() and not offered(window)
    assert store.submissions.for_campaign(campaign.id) == received
    assert "夜间消防巡查" in [x.title for x in page.model.activities]  # only the receipt went
