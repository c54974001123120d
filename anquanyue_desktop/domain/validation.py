"""Frozen validation results shared by every form and import."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with user input.

    ``field`` names the field (an attribute name, or ``"row 3"`` style locations),
    ``message`` is the Chinese text shown to the clerk, ``code`` is stable for tests.
    """

    field: str
    message: str
    code: str


class ValidationError(ValueError):
    """Raised by a save that was handed invalid data; carries the problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("；".join(p.message for p in self.problems))


def can_save(problems: Iterable[Problem]) -> bool:
    return not any(True for _ in problems)


def raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise ValidationError(problems)
