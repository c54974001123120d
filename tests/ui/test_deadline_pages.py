"""Dashboard, calendar, deadline editor, new campaign and reminders, on the demo campaign
at a fixed moment: 2022-06-08 09:30, the morning of the second weekly report."""

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt

from anquanyue_desktop.domain.deadlines import ONCE, WEEKLY_KIND
from anquanyue_desktop.ui.campaign.new_campaign_dialog import NewCampaignDialog
from anquanyue_desktop.ui.deadlines.deadline_dialog import DeadlineDialog

from .conftest import type_chinese

MORNING = datetime(2022, 6, 8, 9, 30)


def demo_window(window_factory, clock=MORNING):
    window = window_factory()
    for page in (window.dashboard_page, window.calendar_page):
        page.clock = lambda: clock
    window.reminders.clock = lambda: clock
    window.create_demo()
    return window


def texts(widget):
    return [widget.item(i).text() for i in range(widget.count())]


def test_dashboard_calendar_and_cli_tell_the_same_story(window_factory, dialogs, capsys):
    from anquanyue_desktop import cli

    window = demo_window(window_factory)
    dash = window.dashboard_page
    (today,) = texts(dash.today_list)
    assert today.startswith("6月8日（周三）18:00") and "周活动开展情况（第2周）" in today
    overdue = texts(dash.overdue_list)
    from anquanyue_desktop.domain.board import overdue as overdue_states

    expected = overdue_states(dash.summary.states, MORNING)
    assert expected and len(overdue) == len(expected)
    assert {t.split("　")[1] for t in overdue} == {s.occurrence.label for s in expected}
    assert all(s.occurrence.due < MORNING for s in expected)
    assert "随时报送：重要活动、特色活动" in dash.standing.text()

    cal = window.page_ready(window.calendar_page)
    assert cal.calendar.selectedDate() == QDate(2022, 6, 8)
    assert texts(cal.day_list) == [today]
    assert [s.occurrence.due.date() for s in cal.calendar.by_day[date(2022, 6, 8)]] == [
        date(2022, 6, 8)
    ]
    assert texts(cal.overdue_list) == overdue
    agenda = texts(cal.agenda_list)
    assert agenda[0] == today and len(agenda) == 3  # 6/8, 6/15, 6/22 within 14 days

    # The CLI counts the same outstanding units for that occurrence.
    cli.main(
        [
            "deadlines",
            "--data-dir",
            str(window.store.path.parent),
            "--campaign",
            "2022",
            "--json",
            "--now",
            MORNING.isoformat(),
        ]
    )
    import json

    rows = json.loads(capsys.readouterr().out)["occurrences"]
    second = next(r for r in rows if r["label"] == "周活动开展情况（第2周）")
    assert f"还差{second['outstanding']}个单位" in today


def test_dragon_boat_holiday_is_marked(window_factory, dialogs):
    window = demo_window(window_factory)
    cal = window.page_ready(window.calendar_page)
    cal.calendar.setSelectedDate(QDate(2022, 6, 3))
    assert "端午节" in cal.day_label.text()


def test_reminder_banner_at_start_and_before_the_due_time(window_factory, dialogs):
    window = demo_window(window_factory)
    window.show_start_reminders()
    assert window.banner.isVisible()
    from anquanyue_desktop.domain.board import overdue

    late = overdue(window.dashboard_page.summary.states, MORNING)
    assert f"已逾期 {len(late)} 项" in window.banner_label.text()
    window.banner.hide()
    window.reminders.clock = lambda: datetime(2022, 6, 8, 16, 30)
    (text,) = window.reminders.check()
    assert "周活动开展情况（第2周）" in text and "约90分钟后" in text
    assert window.banner.isVisible() and window.banner_label.text() == text
    assert window.reminders.check() == []  # announced once


def test_deadline_dialog_shows_due_dates_and_refuses_bad_rules(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    weekly = next(
        d
        for d in window.page_ready(window.deadlines_page).model.deadlines
        if d.rule.kind == WEEKLY_KIND
    )
    dialog = DeadlineDialog(
        weekly,
        window.store.units.list(),
        window.page_ready(window.deadlines_page).work_calendar(),
        window,
    )
    qtbot.addWidget(dialog)
    assert "6月8日（周三）18:00" in dialog.preview.text() and "共5次" in dialog.preview.text()
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.end.setDate(QDate(2022, 5, 1))
    assert "结束日期早于开始日期" in dialog.problems.text() and not ok.isEnabled()
    dialog.end.setDate(QDate(2022, 6, 30))
    dialog.kind.setCurrentIndex(dialog.kind.findData(ONCE))
    dialog.on.setDate(QDate(2022, 6, 3))
    assert "端午节假期" in dialog.preview.text()
    assert ok.isEnabled()


def test_add_a_deadline_through_the_page(qtbot, window_factory, dialogs, monkeypatch):
    window = demo_window(window_factory)
    page = window.page_ready(window.deadlines_page)
    before = len(page.model.deadlines)

    def fill(dialog):
        type_chinese(dialog.title, "安全生产大检查情况")
        dialog.on.setDate(QDate(2022, 6, 20))
        dialog.has_time.setChecked(True)
        return DeadlineDialog.DialogCode.Accepted

    monkeypatch.setattr(DeadlineDialog, "exec", fill)
    page.add()
    assert len(page.model.deadlines) == before + 1
    added = page.model.deadlines[-1]
    assert added.title == "安全生产大检查情况" and added.rule.at is not None
    # The calendar counts the new day once it is shown.
    window.show_page(window.calendar_page)
    assert date(2022, 6, 20) in window.page_ready(window.calendar_page).calendar.by_day


def test_new_campaign_from_last_year_moves_dates(qtbot, window_factory, dialogs):
    window = demo_window(window_factory)
    dialog = NewCampaignDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2022)
    assert "已经存在" in dialog.problem.text()
    dialog.year.setValue(2023)
    dialog.from_previous.setChecked(True)
    assert dialog.items.count() == 5
    dialog.items.item(3).setCheckState(Qt.CheckState.Unchecked)
    assert [d.title for d in dialog.result_deadlines] == [
        "联络员推荐表",
        "活动方案",
        "周活动开展情况",
        "工作总结",
    ]
    assert dialog.result_deadlines[0].rule.on == date(2023, 5, 31)
    assert dialog.result_campaign.ordinal == 22 and dialog.result_campaign.theme == ""


def test_calendar_jumps_to_the_campaign_when_it_is_over(window_factory, dialogs):
    window = demo_window(window_factory, clock=datetime(2026, 11, 22, 10))
    assert window.page_ready(window.calendar_page).calendar.selectedDate() == QDate(2022, 5, 31)
    owing = [s for s in window.dashboard_page.summary.states if s.owed]
    assert len(texts(window.dashboard_page.overdue_list)) == len(owing) > 0
    assert window.reminders.check() == []
    assert timedelta(minutes=120) == window.reminders.lead


def test_calendar_says_no_units_rather_than_all_in(window_factory, dialogs):
    """With no units nobody owes anything: the day says 没有单位, not 齐 (all in)."""
    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.domain.deadlines import Deadline, DeadlineRule
    from anquanyue_desktop.ui.calendar.page import NO_UNITS_COLOR, day_mark
    from anquanyue_desktop.usecases.campaigns import create_campaign

    window = window_factory()
    store = window.store
    rule = DeadlineRule(ONCE, on=date(2023, 5, 29))
    create_campaign(
        store, Campaign(year=2023, theme="人人讲安全"), [Deadline(None, "联络员", rule)]
    )
    window.reload_campaigns(2023)
    cal = window.page_ready(window.calendar_page)
    cal.clock = lambda: datetime(2023, 5, 20, 9)
    cal.refresh()
    states = cal.calendar.by_day[date(2023, 5, 29)]
    assert day_mark(states, datetime(2023, 5, 20, 9)) == ("1项 没有单位", NO_UNITS_COLOR)
    cal.calendar.setSelectedDate(QDate(2023, 5, 29))
    (line,) = texts(cal.day_list)
    assert "尚无报送单位" in line and "全部已报" not in line
    # Once a unit is there it owes the delivery.
    from anquanyue_desktop.domain.units import Unit
    from anquanyue_desktop.ui.session import UNITS

    store.units.save_all([Unit(name="东村")], set())
    window.session.notify(UNITS)
    window.page_ready(cal)
    text, _color = day_mark(cal.calendar.by_day[date(2023, 5, 29)], datetime(2023, 5, 20, 9))
    assert text == "1项 差1"


def test_switching_the_campaign_leaves_only_its_own_reminders_in_the_banner(
    window_factory, dialogs
):
    """The 2022 demo is all overdue on 2023-05-27; the 2023 year has its liaison due in two
    days. Each year shown says only its own reminders, back and forth."""
    from anquanyue_desktop.domain.campaign import Campaign
    from anquanyue_desktop.domain.deadlines import Deadline, DeadlineRule
    from anquanyue_desktop.usecases.campaigns import create_campaign

    window = demo_window(window_factory, clock=datetime(2023, 5, 27, 9))
    rule = DeadlineRule(ONCE, on=date(2023, 5, 29))
    create_campaign(
        window.store, Campaign(year=2023, theme="人人讲安全"), [Deadline(None, "报联络员", rule)]
    )
    window.reload_campaigns(2022)
    window.show_start_reminders()
    assert window.banner.isVisible() and "已逾期" in window.banner_label.text()

    def choose(year: int) -> None:
        combo = window.campaign_combo
        index = next(i for i in range(combo.count()) if combo.itemData(i).year == year)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # as the clerk picks it
        assert window.current_campaign().year == year

    choose(2023)
    assert window.banner.isVisible()
    assert "报联络员" in window.banner_label.text() and "已逾期" not in window.banner_label.text()
    choose(2022)
    assert "已逾期" in window.banner_label.text() and "报联络员" not in window.banner_label.text()
    # A year with nothing due soon or late: the banner goes.
    create_campaign(window.store, Campaign(year=2024, theme="安全生产"), [])
    window.reload_campaigns(2022)
    choose(2024)
    assert not window.banner.isVisible()
