"""催报: who still owes an occurrence, with their liaisons, for the grid's dialog and the CLI."""

from __future__ import annotations

from datetime import datetime

from ..domain.board import OccurrenceState
from ..domain.chase import ChaseRow
from .board import CampaignBoard


def liaison_for(board: CampaignBoard, unit_id: int | None) -> tuple[str, str]:
    """The unit's liaison (name, mobile) from the campaign's liaison form, if entered."""
    if unit_id is None:
        return "", ""
    return board.liaisons.get(unit_id, ("", ""))


def chase_rows(board: CampaignBoard, state: OccurrenceState) -> list[ChaseRow]:
    """The units still owing ``state``'s occurrence (未报, 逾期未报), in the units' order."""
    names = board.unit_names()
    rows = []
    for unit_id in state.outstanding:
        if unit_id is None:
            continue  # the township's own report: nobody to chase
        liaison, mobile = liaison_for(board, unit_id)
        rows.append(ChaseRow(names.get(unit_id, ""), liaison, mobile, state.statuses[unit_id]))
    return rows


def occurrence_to_chase(
    board: CampaignBoard, deadline_id: int | None = None, key: str | None = None
) -> OccurrenceState | None:
    """The occurrence asked for, else the latest one due with units still owing, else the
    next one due."""
    states = [s for s in board.states if not s.is_own]
    if deadline_id is not None:
        states = [s for s in states if s.occurrence.deadline.id == deadline_id]
    if key is not None:
        return next((s for s in states if s.occurrence.key == key), None)
    now: datetime = board.now
    owed = [s for s in states if s.occurrence.is_past(now) and s.outstanding]
    if owed:
        return owed[-1]
    upcoming = [s for s in states if not s.occurrence.is_past(now)]
    return upcoming[0] if upcoming else (states[-1] if states else None)
