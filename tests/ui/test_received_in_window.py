"""In the window: a liaison saved on the 报表 page is received on the grid, said in the banner,
and 撤销登记 takes it back."""

from __future__ import annotations

from anquanyue_desktop.domain.campaign_templates import template
from anquanyue_desktop.domain.submissions import DONE
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.ui.main_window import MainWindow
from anquanyue_desktop.usecases.campaigns import create_campaign


def _liaison_status(window, unit_id):
    grid = window.page_ready(window.grid_page)  # off screen, a page catches up when used
    grid.refresh()
    board = grid.board
    state = next(s for s in board.states if "联络员" in s.occurrence.deadline.title)
    return state.statuses[unit_id]


def test_saved_liaison_is_received_and_undone(qtbot, store, dialogs):
    store.units.save_all([Unit("东村", sort_order=1), Unit("西坡村", sort_order=2)])
    t = template("yincheng-2022")
    campaign, deadlines = t.for_year(2022)
    create_campaign(store, campaign, deadlines, t.forms)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.reload_campaigns(2022)
    east = next(u for u in store.units.list() if u.name == "东村")
    assert _liaison_status(window, east.id) not in DONE

    window.show_page(window.forms_page)
    panel = window.forms_page.panel
    row = panel.model.row_of_unit(east.id)
    panel.model.setData(panel.model.index(row, panel.model.column_of("name")), "王建国")
    panel.model.setData(panel.model.index(row, panel.model.column_of("mobile")), "13800001007")
    assert panel.save()

    assert "已登记为已报：东村" in window.banner_label.text()
    assert window.undo_receipts_button.isVisibleTo(window)
    assert _liaison_status(window, east.id) in DONE
    window.undo_receipts_button.click()
    assert "已撤销自动登记 1 项" in window.banner_label.text()
    assert _liaison_status(window, east.id) not in DONE
