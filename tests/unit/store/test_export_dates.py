"""Export dates chosen by the clerk, remembered per campaign."""

from datetime import date

import pytest

from anquanyue_desktop.store import Store
from anquanyue_desktop.store.export_dates import ISSUED_ON, MADE_ON, chosen_date, remember_date

TODAY = date(2022, 6, 20)


def test_today_until_chosen_then_remembered_per_campaign(tmp_path) -> None:
    with Store(tmp_path / "a.db") as store:
        assert chosen_date(store.settings, 1, ISSUED_ON, TODAY) == TODAY
        remember_date(store.settings, 1, ISSUED_ON, date(2022, 7, 4))
        assert chosen_date(store.settings, 1, ISSUED_ON, TODAY) == date(2022, 7, 4)
        assert chosen_date(store.settings, 1, MADE_ON, TODAY) == TODAY  # each kind its own
        assert chosen_date(store.settings, 2, ISSUED_ON, TODAY) == TODAY  # each campaign its own
    with Store(tmp_path / "a.db") as store:  # kept in the file
        assert chosen_date(store.settings, 1, ISSUED_ON, TODAY) == date(2022, 7, 4)


def test_a_damaged_value_falls_back_to_today_and_unknown_kinds_are_refused(tmp_path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.settings.set("export_date.1.made_on", "not a date")
        assert chosen_date(store.settings, 1, MADE_ON, TODAY) == TODAY
        with pytest.raises(ValueError):
            chosen_date(store.settings, 1, "printed_on", TODAY)
