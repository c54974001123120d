"""Receipts through the use cases: in the record's transaction, shown alike everywhere, undone."""

from datetime import date, datetime

from anquanyue_desktop.domain.activities import Activity
from anquanyue_desktop.domain.campaign_templates import template
from anquanyue_desktop.domain.form_entries import FormEntry
from anquanyue_desktop.domain.submissions import LATE, ON_TIME, OVERDUE
from anquanyue_desktop.domain.units import Unit
from anquanyue_desktop.usecases.board import load_board
from anquanyue_desktop.usecases.campaigns import create_campaign
from anquanyue_desktop.usecases.receipts import (
    receive_from_records,
    save_activity,
    save_form_entries,
    undo_receipts,
)
from anquanyue_desktop.usecases.reports import weekly_occurrences, weekly_report


def _setup(store):
    store.units.save_all([Unit("东村", sort_order=1), Unit("西坡村", sort_order=2)])
    t = template("yincheng-2022")
    campaign, deadlines = t.for_year(2022)
    c = create_campaign(store, campaign, deadlines, t.forms)
    units = {u.name: u.id for u in store.units.list()}
    return c, units


def _status(store, c, title, unit_id, key=None, now=datetime(2022, 7, 1)):
    board = load_board(store, c, now)
    for s in board.states:
        occ = s.occurrence
        if title in occ.deadline.title and (key is None or occ.key == key):
            return s.statuses[unit_id]
    raise AssertionError(title)


def test_saving_a_liaison_form_marks_received_and_undo_takes_it_back(store):
    c, units = _setup(store)
    liaison = store.forms.latest("yincheng-liaison")
    entry = FormEntry(
        c.id,
        liaison.key,
        liaison.version,
        units["东村"],
        {"name": "王建国", "mobile": "13800001007"},
    )
    at = datetime(2022, 5, 30, 9, 30)
    receipts = save_form_entries(store, c.id, liaison, [entry], at=at)
    assert receipts.text().startswith("已登记为已报：东村：")
    assert _status(store, c, "联络员", units["东村"]) == ON_TIME
    assert _status(store, c, "联络员", units["西坡村"]) == OVERDUE
    # Saved again later (a phone number corrected): the first receipt's time stays.
    assert not save_form_entries(store, c.id, liaison, [entry], at=datetime(2022, 6, 9))
    assert undo_receipts(store, receipts) == 1
    assert _status(store, c, "联络员", units["东村"]) == OVERDUE
    # The form itself stays saved; the clerk can mark it again from the records.
    assert store.form_entries.for_campaign(c.id, liaison.key)
    again = receive_from_records(store, c)
    # at the time it was last saved (the real clock here, so after the 2022 due day)
    assert len(again.written) == 1 and _status(store, c, "联络员", units["东村"]) == LATE


def test_weekly_report_and_grid_name_the_same_silent_units(store):
    c, units = _setup(store)
    activity = Activity(c.id, units["东村"], date(2022, 6, 16), "应急演练", "东村演练")
    saved, receipts = save_activity(store, activity, at=datetime(2022, 6, 17, 10))
    assert saved.id is not None and len(receipts.written) == 1
    occurrence = next(o for o in weekly_occurrences(store, c) if o.key == "2022-06-22")
    report = weekly_report(store, c, occurrence)
    assert report.silent_units == ("西坡村",)
    assert _status(store, c, "周活动", units["东村"], "2022-06-22") == ON_TIME
    assert _status(store, c, "周活动", units["西坡村"], "2022-06-22") == OVERDUE
