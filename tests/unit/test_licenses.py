"""Every component the program ships has its licence text in the package.

When a dependency is added, this fails until ``python installer/collect_licenses.py`` is run.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from anquanyue_desktop.resources import FONTS_DIR, LICENSES_DIR

ROOT = Path(__file__).resolve().parents[2]


def _collector():
    spec = importlib.util.spec_from_file_location(
        "collect_licenses", ROOT / "installer" / "collect_licenses.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_runtime_dependency_has_its_licence_shipped():
    collector = _collector()
    index = json.loads((LICENSES_DIR / "index.json").read_text(encoding="utf-8"))
    listed = {collector.canonical(entry["name"]): entry for entry in index}
    needed = collector.runtime_closure()
    assert "pyside6-essentials" in needed and "reportlab" in needed
    missing = sorted(set(needed) - set(listed))
    assert not missing, f"licences missing for {missing}: run installer/collect_licenses.py"
    for key in needed:
        files = listed[key]["files"]
        assert files, f"{key} has no licence text"
        for name in files:
            assert (LICENSES_DIR / name).is_file(), name


def test_qt_python_and_fonts_licences_are_there():
    index = json.loads((LICENSES_DIR / "index.json").read_text(encoding="utf-8"))
    by_name = {entry["name"].lower(): entry for entry in index}
    qt = (
        by_name["pyside6_essentials"]
        if "pyside6_essentials" in by_name
        else by_name["pyside6-essentials"]
    )
    assert "LGPL-3.0.txt" in qt["files"]
    lgpl = (LICENSES_DIR / "LGPL-3.0.txt").read_text(encoding="utf-8")
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in lgpl and "Version 3" in lgpl
    python = (LICENSES_DIR / "Python-LICENSE.txt").read_text(encoding="utf-8")
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in python
    for font in FONTS_DIR.glob("*.tt[fc]"):
        stem = font.stem.removesuffix("Full")
        assert list(FONTS_DIR.glob(f"LICENSE-*{stem}*")), f"no licence beside {font.name}"
