"""The Windows installer script and the freezing spec say what the release needs.

They are built on Windows only, so their key settings are checked here as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from anquanyue_desktop.ui.app_mutex import RUNNING_MUTEX_NAME

ROOT = Path(__file__).resolve().parents[2]
ISS = (ROOT / "installer" / "anquanyue.iss").read_text(encoding="utf-8-sig")
SPEC = (ROOT / "installer" / "anquanyue.spec").read_text(encoding="utf-8")


def setting(name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", ISS, re.M)
    assert match, f"{name} missing from anquanyue.iss"
    return match.group(1).strip()


def test_windows_floor_is_the_one_qt6_supports():
    assert setting("MinVersion") == "10.0.17763"


def test_per_user_only_without_an_all_users_page():
    assert setting("PrivilegesRequired") == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in ISS


def test_setup_detects_the_running_program():
    assert '#define RunningMutex "' + RUNNING_MUTEX_NAME + '"' in ISS
    assert setting("AppMutex") == "{#RunningMutex},Global\\{#RunningMutex}"
    assert setting("SetupMutex")


def test_the_wizard_is_chinese_or_the_build_fails():
    assert "#if Ver < EncodeVer(7, 0, 2)" in ISS
    assert 'MessagesFile: "compiler:Languages\\ChineseSimplified.isl"' in ISS
    assert "Default.isl" not in ISS  # no English fallback
    assert re.search(r'ChineseSimplified\.isl"\)\n\s+#error', ISS)


def test_version_comes_from_the_built_program_and_nothing_else():
    assert not re.search(r'#define AppVersion "', ISS)
    assert "GetStringFileInfo(AddBackslash(DistDir) + AppExeName, PRODUCT_VERSION)" in ISS
    assert "#error Could not read the version" in ISS


def test_real_publisher_and_no_silent_downgrade():
    assert 'anquanyue"' not in re.search(r'#define AppPublisher "(.*)"', ISS).group(0)
    assert setting("AppCopyright")
    assert "ComparePackedVersion(InstalledPacked, ThisPacked) > 0" in ISS
    assert "确实要安装旧版本吗" in ISS


def test_the_spec_keeps_python_docx_templates_reachable():
    assert 'MODULE_COLLECTION_MODE = {"docx": "pyz+py"}' in SPEC
    assert SPEC.count("module_collection_mode=MODULE_COLLECTION_MODE") == 2
