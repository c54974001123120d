"""Smoke check of a frozen build: every CLI export in every format, notices, and the GUI.

    python installer/smoke_frozen.py dist/anquanyue

Runs the frozen ``anquanyue-cli`` (never the source tree) on a throw-away data folder:
``--version``, ``demo``, every ``export`` subcommand in every ``--format`` its help offers
(and every ``--role``), ``guide``, ``parse-notice`` on a .txt, a .docx and a text .pdf made
from a real seed notice and on a PDF drawn as word processors draw quotation marks,
``check``; then starts the frozen windowed program offscreen for a few seconds. Each output is checked by its first bytes. Any failure exits non-zero with what
failed. Used by .ci/run after the tests and by installer/build_windows.ps1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
MAGIC = {
    "pdf": b"%PDF-",
    "xlsx": b"PK",
    "docx": b"PK",
    "zip": b"PK",
    "ics": b"BEGIN:VCALENDAR",
}
EXE = ".exe" if sys.platform == "win32" else ""


class SmokeFailure(Exception):
    pass


def run(cli: Path, *args: str, data: Path | None = None, timeout: int = 300) -> str:
    command = [str(cli), *args]
    if data is not None:
        command += ["--data-dir", str(data)]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(command, capture_output=True, timeout=timeout, env=env, check=False)
    out = result.stdout.decode("utf-8", "replace")
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode != 0 or "Traceback" in err:
        raise SmokeFailure(f"{' '.join(args)} → exit {result.returncode}\n{out}\n{err}")
    return out


def check_file(path: Path, kind: str) -> None:
    if not path.is_file() or path.stat().st_size == 0:
        raise SmokeFailure(f"no output file {path}")
    head = path.read_bytes()[:32]
    if not head.startswith(MAGIC[kind]):
        raise SmokeFailure(f"{path} does not look like .{kind}: {head!r}")


def export_commands() -> list[tuple[str, list[str | None], list[str | None], bool, bool]]:
    """(report, formats, roles, writes a folder, needs a unit) for every ``export`` subcommand.

    Read from the program's own argument parser (the build venv has the package), so a report
    added later is smoke-checked without touching this script.
    """
    import argparse

    from anquanyue_desktop.cli import build_parser

    def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return dict(action.choices)
        return {}

    export = subcommands(build_parser()).get("export")
    if export is None:
        raise SmokeFailure("the CLI has no export command")
    found = []
    for what, parser in subcommands(export).items():
        options = {o: a for a in parser._actions for o in a.option_strings}
        formats = list(options["--format"].choices or []) if "--format" in options else [None]
        roles = list(options["--role"].choices or []) if "--role" in options else [None]
        needs_unit = "--unit" in options and options["--unit"].required
        found.append((what, formats, roles, "--out-dir" in options, needs_unit))
    return found


# The demo (2022, 荫城镇) has no works forms; 祖师街道 2024 has them. Each report must be made
# from one of these campaigns; a refusal must be a plain message, never a trace.
CAMPAIGNS = ("2022", "2024")


def export_one(cli: Path, data: Path, args: list[str], target: Path, kind: str | None) -> None:
    refusals = []
    for year in CAMPAIGNS:
        option = "--out-dir" if kind is None else "--out"
        try:
            run(cli, *args, "--campaign", year, option, str(target), data=data)
        except SmokeFailure as failure:
            if "Traceback" in str(failure):
                raise
            refusals.append(str(failure))
            continue
        if kind is None:
            files = [p for p in target.rglob("*") if p.is_file()]
            if not files:
                raise SmokeFailure(f"{' '.join(args)}: nothing written to {target}")
            for f in files:
                check_file(f, f.suffix.lstrip("."))
        else:
            check_file(target, kind)
        return
    raise SmokeFailure("\n".join(refusals))


def first_unit(cli: Path, data: Path) -> str:
    import json

    units = json.loads(run(cli, "units", "--json", data=data))
    if not units:
        raise SmokeFailure("the demo made no units")
    return units[0]["name"]


def export_all(cli: Path, data: Path, out: Path) -> list[str]:
    done = []
    unit = first_unit(cli, data)
    for what, formats, roles, to_folder, needs_unit in export_commands():
        for fmt in formats:
            for role in roles:
                args = ["export", what]
                tag = "-".join(x for x in (what, fmt, role) if x)
                if fmt:
                    args += ["--format", fmt]
                if role:
                    args += ["--role", role]
                if needs_unit:
                    args += ["--unit", unit]
                if to_folder:
                    export_one(cli, data, args, out / tag, None)
                else:
                    kind = fmt or {"pack": "zip", "ics": "ics"}.get(what, "pdf")
                    export_one(cli, data, args, out / f"{tag}.{kind}", kind)
                done.append(tag)
    return done


def notice_files(out: Path) -> list[Path]:
    """The seed 002 notice as .txt (GBK, as offices save it), .docx and a text PDF."""
    seed = next(SEEDS.glob("002_*.txt"), None) or next(SEEDS.glob("*.txt"), None)
    if seed is None:
        raise SmokeFailure(f"no seed notices in {SEEDS}")
    text = seed.read_text(encoding="utf-8")
    txt = out / "notice.txt"
    txt.write_bytes(text.encode("gb18030"))

    import docx  # the build venv has the program's dependencies

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    docx_path = out / "notice.docx"
    document.save(docx_path)

    # A text PDF as our own export layer writes it (each character in a font that has it).
    from anquanyue_desktop.exports import pdf

    pdf_path = out / "notice.pdf"
    story = [pdf.TextBlock(line, pdf.BODY) for line in text.splitlines() if line.strip()]
    pdf.write_pdf(pdf_path, story, title="通知")
    files = [txt, docx_path, pdf_path, quotes_pdf(out / "quotes.pdf")]
    import importlib.util

    if importlib.util.find_spec("rapidocr") is not None:
        files.append(notice_image(text, out))
    return files


def quotes_pdf(path: Path) -> Path:
    """A line drawn the way word processors draw it: Chinese in one font (a CID font, so the
    frozen pdfminer needs its CMaps), digits and quotation marks in another, the marks right
    after the digits in the file's order but placed where they stand. Read in drawing order
    (pypdf) 5月31日前 is split and the deadline lost: only pdfplumber finds it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pieces = [
        ("请于", "c"),
        ("5", "l"),
        ("月", "c"),
        ("31", "l"),
        ("日前将", "c"),
        ("“", "l"),
        ("安全生产月", "c"),
        ("”", "l"),
        ("活动方案报送镇安监站。", "c"),
    ]
    font = {"c": "STSong-Light", "l": "Helvetica"}
    x, placed = 72.0, []
    for text, kind in pieces:
        placed.append((x, text, font[kind]))
        x += pdfmetrics.stringWidth(text, font[kind], 12)
    order = [0, 1, 2, 3, 5, 7, 4, 6, 8]  # the marks drawn with the digits before them
    c = canvas.Canvas(str(path))
    for k in order:
        px, text, name = placed[k]
        c.setFont(name, 12)
        c.drawString(px, 800, text)
    c.save()
    return path


def notice_image(text: str, out: Path) -> Path:
    """The notice's first lines as a 150 dpi page image, for the OCR path of the frozen CLI."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "gbsn00lp.ttf"), 26)
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    y = 120
    lines = [line for line in text.splitlines() if line.strip()]
    # The lines that carry the first deadline, and a few around them.
    first = next((i for i, line in enumerate(lines) if "5月31日" in line), 0)
    for line in lines[max(first - 3, 0) : first + 4]:
        for start in range(0, len(line), 38):
            draw.text((110, y), line[start : start + 38], fill="black", font=font)
            y += 44
    path = out / "notice.png"
    page.save(path)
    return path


def smoke_gui(app: Path, data: Path, seconds: float = 8) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    log = data / "gui-stderr.txt"
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            [str(app), "--data-dir", str(data)], stdout=subprocess.DEVNULL, stderr=stderr, env=env
        )
        try:
            time.sleep(seconds)
            code = process.poll()
        finally:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
    errors = log.read_text(encoding="utf-8", errors="replace")
    if code is not None:
        raise SmokeFailure(f"the windowed program ended after start (exit {code})\n{errors}")
    if "Traceback" in errors or "Fatal Python error" in errors:
        raise SmokeFailure(f"the windowed program reported errors:\n{errors}")
    app_log = data / "logs" / "anquanyue.log"
    if app_log.is_file() and " ERROR " in app_log.read_text(encoding="utf-8", errors="replace"):
        raise SmokeFailure("the windowed program logged an error:\n" + app_log.read_text("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1]).resolve()
    cli = folder / f"anquanyue-cli{EXE}"
    app = folder / f"anquanyue{EXE}"
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="anquanyue-smoke-") as tmp:
        tmp_path = Path(tmp)
        data = tmp_path / "data"
        out = tmp_path / "out"
        out.mkdir()
        try:
            print(run(cli, "--version").strip())
            run(cli, "demo", data=data)
            run(cli, "new-campaign", "--template", "zushi-2024", data=data)
            exported = export_all(cli, data, out)
            print(f"exports: {len(exported)} ({', '.join(exported)})")
            guide = out / "guide.pdf"
            run(cli, "guide", "--out", str(guide))
            check_file(guide, "pdf")
            for notice in notice_files(out):
                found = run(cli, "parse-notice", str(notice), "--json")
                if '"05-31"' not in found:
                    raise SmokeFailure(f"parse-notice {notice.name}: 5月31日 not found\n{found}")
                print(f"parse-notice {notice.suffix}: ok")
            run(cli, "check", data=data)
            smoke_gui(app, data)
            print("windowed program: started and stayed up")
        except SmokeFailure as failure:
            print(f"FROZEN BUILD SMOKE CHECK FAILED: {failure}", file=sys.stderr)
            return 1
    print(f"frozen build smoke check passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
