"""Measures that ``benchmarks/run.py`` runs, found by module.

The convention: every module in this package exposes ``MEASURES``, a list of :class:`Measure`.
A measure gets the :class:`Context` of one run (the dataset at a scale, the baselines) and
returns one number: a ratio against a baseline taken in the same run, or milliseconds (the
median of several tries). ``budget`` is the most it may be; ``growth=True`` measures it again
at every scale and checks that it grows linearly with the data (exponent ≤ ``GROWTH_BUDGET``).

To add measures (exports, OCR …), add a module here with ``MEASURES = [Measure(...), ...]``.
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GROWTH_BUDGET = 1.1


@dataclass
class Context:
    """What a measure may use: the dataset of this scale (never changed by a measure: each
    measure that writes works on a copy), the run's baselines and a place for shared objects."""

    data_dir: Path
    scale: int
    work_dir: Path
    baselines: dict[str, float] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)

    def copy_of_data(self, name: str) -> Path:
        """A fresh copy of the dataset's folder for a measure that writes."""
        import shutil

        target = self.work_dir / f"{name}-x{self.scale}"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(self.data_dir, target)
        return target


@dataclass(frozen=True)
class Measure:
    name: str
    run: Callable[[Context], float]
    budget: float
    unit: str = "ms"  # "ms" or "×" (a ratio)
    growth: bool = False


def median_ms(fn: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """The median wall time of ``fn`` in milliseconds."""
    for _ in range(warmup):
        fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def discover() -> list[Measure]:
    found: list[Measure] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "MEASURES", []))
    return found
