from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from anquanyue_desktop.domain.campaign import Campaign

from .conftest import release, type_chinese


def test_first_start_offers_the_demo_and_builds_it(window_factory, dialogs):
    window = window_factory()
    window.offer_demo_on_first_start()
    assert any("示例活动" in t for t in dialogs.texts("question"))
    campaign = window.current_campaign()
    assert campaign.year == 2022 and campaign.is_demo and campaign.ordinal == 21
    assert window.units_page.model.rowCount() == 12
    assert window.campaign_page.theme.text() == "遵守安全生产法 当好第一责任人"
    # Only on the first start.
    dialogs.shown.clear()
    window.offer_demo_on_first_start()
    assert dialogs.shown == []


def answer_new_campaign(monkeypatch, choose):
    """The new-campaign dialog is filled in by ``choose`` and accepted."""
    from anquanyue_desktop.ui.campaign.new_campaign_dialog import NewCampaignDialog

    def fake_exec(dialog):
        choose(dialog)
        return NewCampaignDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCampaignDialog, "exec", fake_exec)


def blank(year):
    def choose(dialog):
        dialog.year.setValue(year)
        dialog.blank.setChecked(True)

    return choose


def test_create_a_campaign_with_the_keyboard_and_save_with_ctrl_s(
    qtbot, window_factory, dialogs, monkeypatch
):
    window = window_factory()
    answer_new_campaign(monkeypatch, blank(2024))
    assert window.new_campaign()
    page = window.campaign_page
    assert window.stack.currentWidget() is page
    assert page.year.value() == 2024 and page.ordinal.value() == 23
    type_chinese(page.theme, "人人讲安全、个个会应急——畅通生命通道")
    type_chinese(page.issuer, "祖师街道办事处")
    type_chinese(page.contact_person, "李明")
    qtbot.keyClicks(page.contact_phone, "1523453771")  # one digit short
    assert "11位" in page.problems_label.text()
    assert page.contact_phone.styleSheet()
    qtbot.keyClick(page.contact_phone, Qt.Key.Key_9)
    assert page.problems_label.text() == ""
    page.theme.setFocus()
    qtbot.keyClick(page.theme, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = window.store.campaigns.by_year(2024)
    assert saved is not None and saved.contact_phone == "15234537719"
    assert saved.period_start == date(2024, 6, 1) and saved.period_end == date(2024, 6, 30)
    assert window.current_campaign().year == 2024
    assert "2024年安全生产月（第23个）" in window.windowTitle()


def test_period_end_before_start_blocks_saving(window_factory, dialogs, monkeypatch):
    window = window_factory()
    answer_new_campaign(monkeypatch, blank(2025))
    window.new_campaign()
    page = window.campaign_page
    page.period_end.setDate(QDate(2025, 5, 1))
    assert "早于开始日期" in page.problems_label.text()
    assert not page.save()
    assert window.store.campaigns.by_year(2025).period_end == date(2025, 6, 30)
    assert any("早于开始日期" in t for t in dialogs.texts("warning"))


def test_units_added_from_pasted_text_survive_a_restart(qtbot, window_factory, dialogs):
    from anquanyue_desktop.ui.units.add_units_dialog import AddUnitsDialog

    window = window_factory()
    page = window.units_page
    dialog = AddUnitsDialog(page.model.units(), page)
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("1. 荫城村\n2、东村\n\n北关社区\n东村\n镇财政所")
    assert "将添加 4 个单位" in dialog.summary.text()
    page.add_names(dialog.names())
    assert [u.name for u in window.store.units.list()] == ["荫城村", "东村", "北关社区", "镇财政所"]
    assert window.close()
    release(window)
    window = window_factory()
    names = [
        window.units_page.model.unit_at(r).name for r in range(window.units_page.model.rowCount())
    ]
    assert names == ["荫城村", "东村", "北关社区", "镇财政所"]
    kinds = [u.kind for u in window.store.units.list()]
    assert kinds == ["村", "村", "社区", "站所"]


def test_table_editing_like_a_spreadsheet(qtbot, window_factory, dialogs):
    window = window_factory()
    page = window.units_page
    window.show_page(window.units_page)
    page.view.setFocus()
    page.add_row()
    type_chinese(QApplication.focusWidget(), "荫城村")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    # The delegate commits on Enter through a queued call.
    qtbot.waitUntil(lambda: page.model.unit_at(0).name == "荫城村")
    assert page.model.unit_at(0).kind == "村"
    # A block pasted from Excel fills rows and columns and adds rows as needed.
    QApplication.clipboard().setText("东村\t村\t在用\t新任支书\n东村\t村\t在用\t\n")
    page.view.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 3
    assert "重复" in page.problems_label.text()
    assert not page.save_button.isEnabled() or not page.save()
    assert window.store.units.count() == 0  # nothing half-written
    page.model.setData(page.model.index(2, 0), "西村")
    assert page.problems_label.text() == ""
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = window.store.units.list()
    assert [(u.name, u.notes) for u in saved] == [
        ("荫城村", ""),
        ("东村", "新任支书"),
        ("西村", ""),
    ]


def test_deleting_units_asks_and_saves(qtbot, window_factory, dialogs):
    window = window_factory()
    window.store.units.add_names(["甲村", "乙村"])
    page = window.units_page
    page.reload()
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.delete_selected()
    assert any("删除 甲村" in t for t in dialogs.texts("question"))
    assert page.save()
    assert [u.name for u in window.store.units.list()] == ["乙村"]


def test_unsaved_changes_are_guarded_on_close(qtbot, window_factory, dialogs):
    from PySide6.QtWidgets import QMessageBox

    window = window_factory()
    window.units_page.model.append_units([])
    window.units_page.add_names(["甲村"])
    window.units_page.model.setData(window.units_page.model.index(0, 3), "改了没存")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not window.close()
    assert window.isVisible()
    dialogs.answer = QMessageBox.StandardButton.Save
    assert window.close()
    assert window.store.units.list()[0].notes == "改了没存"


def test_restore_a_backup_from_the_backups_page(qtbot, window_factory, dialogs):
    window = window_factory()
    store = window.store
    store.campaigns.save(Campaign(year=2023, theme="备份前"))
    window.backups_page.backup_now()
    store.campaigns.save(Campaign(year=2024, theme="备份后"))
    window.reload_campaigns(2024)
    page = window.backups_page
    page.refresh()
    assert page.model.rowCount() >= 2
    page.table.selectRow(0)  # newest: the one made after 2023 was saved
    with qtbot.waitSignal(page.restore_requested):
        page.restore_button.click()
    assert [c.year for c in window.store.campaigns.list()] == [2023]
    assert window.current_campaign().year == 2023
    assert any("恢复前的数据" in t for t in dialogs.texts("information"))
    labels = [b.label for b in page.model.backups]
    assert any("恢复前的数据" in label for label in labels)


def test_status_bar_shows_database_and_last_backup(window_factory):
    window = window_factory()
    assert str(window.store.path) in window.db_status.text()
    assert window.backup_status.text().startswith("最近备份：20")


def test_roster_exported_from_the_units_page(qtbot, window_factory, dialogs, tmp_path, monkeypatch):
    from openpyxl import load_workbook
    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    window = window_factory()
    window.create_demo()
    page = window.units_page
    asked = {}

    def fake_save(parent, title, suggested, filters):
        asked["name"] = suggested
        return str(tmp_path / ("roster." + ("pdf" if "pdf" in filters else "xlsx"))), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    page.pdf_button.click()
    assert asked["name"].endswith(
        "荫城镇_2022安全生产月_单位名册_示例_" + date.today().strftime("%m%d") + ".pdf"
    )
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "roster.pdf").pages)
    assert "镇财政所（示例）" in text
    page.xlsx_button.click()
    ws = load_workbook(tmp_path / "roster.xlsx").active
    assert any("荫城村（示例）" in str(c) for row in ws.iter_rows(values_only=True) for c in row)
    assert sum("导出完成" in t for t in dialogs.texts("box")) == 2


def test_export_all_then_import_all_replaces_the_data_and_keeps_the_old(
    window_factory, dialogs, tmp_path
):
    window = window_factory()
    window.store.units.add_names(["随身带走的单位"])
    archive = tmp_path / "全部数据.zip"
    assert window.export_all_data(archive)
    assert archive.exists() and "已导出全部数据" in dialogs.texts("information")[-1]
    window.store.units.add_names(["导出后加的单位"])
    assert window.import_all_data(archive)
    names = {u.name for u in window.store.units.list()}
    assert "随身带走的单位" in names and "导出后加的单位" not in names
    assert "原来的数据已另存为" in dialogs.texts("information")[-1]


def test_import_all_refuses_a_foreign_file_and_keeps_the_window_working(
    window_factory, dialogs, tmp_path
):
    window = window_factory()
    window.store.units.add_names(["原有单位"])
    bad = tmp_path / "别人的.zip"
    bad.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    assert not window.import_all_data(bad)
    assert "当前数据没有改动" in dialogs.texts("critical")[-1]
    assert "原有单位" in {u.name for u in window.store.units.list()}


def test_pages_are_built_when_first_shown_and_show_the_current_campaign(
    window_factory, monkeypatch
):
    window = window_factory()
    assert window.create_demo()
    # Only the first page exists after start; the others come when first needed.
    assert window.built("dashboard") is not None
    assert all(window.built(key) is None for key in ("grid", "reports", "units", "backups"))
    demo = window.current_campaign()
    answer_new_campaign(monkeypatch, blank(2024))
    assert window.new_campaign()
    created = window.current_campaign()
    assert created.year == 2024
    # Built after the switch: it shows the campaign chosen now, not the one at start.
    window.nav.setCurrentRow(1)
    grid = window.built("grid")
    assert grid is not None and window.stack.currentWidget() is grid
    assert grid.campaign.id == created.id
    # A change made while a page stays unbuilt costs nothing and is read when it is built.
    window.reload_campaigns(demo.year)
    assert window.built("reports") is None
    window.show_page(window.reports_page)
    assert window.stack.currentWidget() is window.built("reports")
    assert window.reports_page.campaign.id == demo.id
    # Navigation indices stay those of the list.
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
        assert window.stack.currentWidget() is window.page(list(window._slots)[row])


def test_after_the_grid_was_used_a_switch_reads_the_board_ahead(
    qtbot, window_factory, dialogs, monkeypatch
):
    """A clerk who stays on the 工作台 never waits for every unit's record; one who has used
    the 报送情况 grid finds it ready after switching years (read just after the switch)."""
    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.store.deadline_repository import SubmissionRepository
    from anquanyue_desktop.usecases.campaigns import create_campaign

    window = window_factory()
    window.create_demo()
    create_campaign(window.store, Campaign(year=2023, theme="人人讲安全"), [])
    window.reload_campaigns(2022)
    read = []
    real = SubmissionRepository.for_campaign
    monkeypatch.setattr(
        SubmissionRepository,
        "for_campaign",
        lambda self, *a, **k: read.append(a) or real(self, *a, **k),
    )

    def choose(year: int) -> None:
        combo = window.campaign_combo
        index = next(i for i in range(combo.count()) if combo.itemData(i).year == year)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # as the clerk picks it
        qtbot.wait(50)  # the switch is on screen; what was queued after it runs

    choose(2023)
    assert read == []  # the grid was never opened: nothing read ahead
    window.show_page(window.grid_page)
    assert len(read) == 1
    window.show_page(window.dashboard_page)
    choose(2022)
    assert len(read) == 2  # read just after the switch, the grid not shown
    window.show_page(window.grid_page)
    assert len(read) == 2  # the grid opens on what was read ahead
    assert window.grid_page.board is not None and window.grid_page.board.campaign.year == 2022
