"""Shared fixtures. Qt tests live in tests/ui and set the offscreen platform there."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The real upstream notices live beside the checkout (../shared/seeds), in CI too.
SEEDS = Path(
    os.environ.get("ANQUANYUE_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds")
)


def seed_file(prefix: str) -> Path:
    """The seed notice ``prefix_*.txt``; a missing one fails the test, never skips it."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert found, f"seed notice {prefix}_*.txt not found in {SEEDS} (set ANQUANYUE_SEEDS)"
    return found[0]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder, also exported as ANQUANYUE_DATA_DIR so nothing touches the real one."""
    d = tmp_path / "data"
    monkeypatch.setenv("ANQUANYUE_DATA_DIR", str(d))
    return d


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo (荫城镇 2022, its units, forms, activities and posters) installed once per test
    session; installing takes seconds, copying it a few milliseconds."""
    from anquanyue_desktop.store import Store
    from anquanyue_desktop.store.paths import database_path
    from anquanyue_desktop.usecases.demo import install_demo

    d = tmp_path_factory.mktemp("demo-template") / "data"
    with Store(database_path(d)) as s:
        install_demo(s)
    return d


@pytest.fixture
def store(data_dir: Path, request: pytest.FixtureRequest):
    """The test's database; a copy of the session's demo when the test uses ``demo`` or
    ``demo_template`` (``install_demo`` on it then finds everything there)."""
    from anquanyue_desktop.store import Store
    from anquanyue_desktop.store.paths import database_path

    if {"demo", "demo_template"} & set(request.fixturenames):
        template = request.getfixturevalue("demo_template")
        shutil.copytree(template, data_dir, dirs_exist_ok=True)
    s = Store(database_path(data_dir))
    yield s
    s.close()


# CI runs the same examples every time (a failure there is reproducible, never luck);
# locally hypothesis keeps exploring. HYPOTHESIS_PROFILE=thorough digs deeper.
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("thorough", max_examples=5000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)
