"""Bumps the Windows build's lock file, only after the whole test suite passes on it.

    python installer/update_lock.py [--python python3.12] [--upgrade-package NAME ...]

1. Resolves the program with the extras the Windows build installs (``ocr``, ``test``,
   ``freeze``) for CPython 3.12 on 64-bit Windows, with uv's cross-platform resolver, into a
   candidate lock: exact versions and hashes.
2. Resolves the same project for this machine, constrained to the candidate's versions, into
   a fresh virtual environment of the same Python minor version, and runs the whole test
   suite there (offscreen).
3. Only when the tests pass, replaces ``installer/requirements-windows.txt``. The build
   (``installer/build_windows.ps1``) installs from that file with ``--require-hashes`` and
   nothing else, so every release gets exactly the versions that were tested.

Needs ``uv`` (``pip install uv``) and a CPython 3.12 interpreter; package registries only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "installer" / "requirements-windows.txt"
PYTHON_VERSION = "3.12"
EXTRAS = ("ocr", "test", "freeze")


def uv() -> str:
    found = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(found).exists():
        raise SystemExit("uv not found: pip install uv")
    return found


def declared_extras() -> list[str]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [e for e in EXTRAS if e in project.get("optional-dependencies", {})]


def compile_lock(
    out: Path, *, platform: str | None, constraint: Path | None, upgrade: list[str]
) -> None:
    command = [
        uv(),
        "pip",
        "compile",
        str(ROOT / "pyproject.toml"),
        "--python-version",
        PYTHON_VERSION,
        "--generate-hashes",
        # Wheels only: the clerk's build PC has no compiler.
        "--only-binary",
        ":all:",
        "--quiet",
        "--output-file",
        str(out),
        "--custom-compile-command",
        "python installer/update_lock.py",
    ]
    for extra in declared_extras():
        command += ["--extra", extra]
    if platform:
        command += ["--python-platform", platform]
    if constraint:
        command += ["--constraint", str(constraint)]
    # uv keeps the versions already in the output file except those named (or all with none).
    for name in upgrade:
        command += ["--upgrade-package", name]
    if not upgrade:
        command += ["--upgrade"]
    subprocess.run(command, check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--python", default=f"python{PYTHON_VERSION}")
    parser.add_argument("--upgrade-package", action="append", default=[])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="anquanyue-lock-") as tmp:
        tmp_path = Path(tmp)
        candidate = tmp_path / "requirements-windows.txt"
        if LOCK.exists() and args.upgrade_package:
            shutil.copyfile(LOCK, candidate)
        compile_lock(
            candidate,
            platform="x86_64-pc-windows-msvc",
            constraint=None,
            upgrade=args.upgrade_package,
        )
        local = tmp_path / "requirements-here.txt"
        compile_lock(local, platform=None, constraint=candidate, upgrade=[])
        venv = tmp_path / "venv"
        subprocess.run([uv(), "venv", "--python", args.python, str(venv)], check=True)
        python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        subprocess.run(
            [uv(), "pip", "install", "--python", str(python), "--require-hashes", "-r", str(local)],
            check=True,
        )
        subprocess.run(
            [uv(), "pip", "install", "--python", str(python), "--no-deps", "-e", str(ROOT)],
            check=True,
        )
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        tests = subprocess.run(
            [str(python), "-m", "pytest", "-q", "-x"], cwd=ROOT, env=env, check=False
        )
        if tests.returncode != 0:
            print(
                "The tests failed on the candidate versions: the lock file was NOT changed.",
                file=sys.stderr,
            )
            return 1
        shutil.copyfile(candidate, LOCK)
    print(f"{LOCK} updated: the whole test suite passed on these versions.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
