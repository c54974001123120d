"""Collects the licence texts of everything the program ships into resources/licenses/.

Run after changing dependencies (the test tests/unit/test_licenses.py fails until you do):

    python installer/collect_licenses.py

It walks the runtime requirements of anquanyue-desktop (and of its ``ocr`` extra, which the
Windows build includes) in the current environment, copies each distribution's licence files
from its metadata, adds Python's own licence and the LGPL/GPL texts Qt for Python is under,
and writes ``index.json`` (name, version, licence, files) that 帮助 › 关于 › 第三方许可 shows.
The bundled fonts keep their licences beside them in resources/fonts/.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "licenses"
APP = "anquanyue-desktop"
EXTRAS = ("ocr",)
LICENSE_FILE = re.compile(r"(licen[cs]e|copying|notice|authors)", re.I)
# Texts of licences that some wheels name but do not carry (Qt for Python ships none).
COMMON_LICENSES = Path("/usr/share/common-licenses")
TEXT_FOR_SPDX = {"LGPL-3.0": "LGPL-3", "GPL-3.0": "GPL-3", "GPL-2.0": "GPL-2"}
# Hand-kept texts for distributions whose wheels carry none (named <distribution>-*.txt).
EXTRA = Path(__file__).resolve().parent / "licenses-extra"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_closure(
    app: str = APP, extras: tuple[str, ...] = EXTRAS
) -> dict[str, metadata.Distribution]:
    """Installed distributions the program needs at run time (not the test tools)."""
    env = default_environment()
    seen: dict[str, metadata.Distribution] = {}
    todo: list[tuple[str, tuple[str, ...]]] = [(app, extras)]
    while todo:
        name, wanted = todo.pop()
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = canonical(dist.metadata["Name"])
        if key in seen and not wanted:
            continue
        seen[key] = dist
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is not None and not any(
                req.marker.evaluate({**env, "extra": e}) for e in ("", *wanted)
            ):
                continue
            if canonical(req.name) not in seen:
                todo.append((req.name, tuple(req.extras)))
    seen.pop(canonical(app), None)
    return dict(sorted(seen.items()))


def licence_name(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [
        c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
    ]
    return "; ".join(classifiers) or "见许可文件"


def licence_files(dist: metadata.Distribution) -> list[Path]:
    files = []
    for f in dist.files or []:
        parts = Path(str(f)).parts
        if parts and parts[0].endswith(".dist-info") and LICENSE_FILE.search(parts[-1]):
            files.append(Path(str(f.locate())))
    return [f for f in files if f.is_file()]


def main() -> int:
    if OUT.exists():
        for old in OUT.iterdir():
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    entries = []

    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if not python_licence.is_file():
        python_licence = Path(sys.base_prefix) / "LICENSE.txt"
    shutil.copyfile(python_licence, OUT / "Python-LICENSE.txt")
    entries.append(
        {
            "name": "Python",
            "version": sys.version.split()[0],
            "license": "PSF-2.0",
            "files": ["Python-LICENSE.txt"],
        }
    )

    missing = []
    for key, dist in runtime_closure().items():
        files = licence_files(dist)
        names = []
        for f in files:
            target = f"{key}-{f.name}"
            if not target.endswith(".txt"):
                target += ".txt"
            shutil.copyfile(f, OUT / target)
            names.append(target)
        licence = licence_name(dist)
        if not names:
            for extra in sorted(EXTRA.glob(f"{key}-*.txt")):
                shutil.copyfile(extra, OUT / extra.name)
                names.append(extra.name)
        if not names:
            for spdx, common in TEXT_FOR_SPDX.items():
                if spdx in licence and (COMMON_LICENSES / common).is_file():
                    target = f"{spdx}.txt"
                    shutil.copyfile(COMMON_LICENSES / common, OUT / target)
                    names.append(target)
        if not names:
            missing.append(key)
        entries.append(
            {
                "name": dist.metadata["Name"],
                "version": dist.version,
                "license": licence,
                "files": names,
            }
        )

    (OUT / "index.json").write_text(
        json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print(f"{len(entries)} components written to {OUT}")
    if missing:
        print(
            "No licence text found for: " + ", ".join(missing) + " (add one by hand)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
