"""Times reading the seed notices, the real notices of the test corpus and a megabyte of
notice-like text, per KB of text and as a ratio to a baseline measured in the same run
(splitting the same text into lines and running one regular expression over it), so the
figures compare across machines.

Also reading each seed printed to a PDF (by our own PDF writer) as a notice file, against
pypdf's plain text of the same file: what reading characters where they stand (pdfplumber)
costs.

python benchmarks/bench_notice.py [--seeds ../shared/seeds] [--repeat 9]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from anquanyue_desktop.domain.notice import parse_notice

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "notice_corpus" / "notices.json"
_DATE = re.compile(r"\d{1,2}月\d{1,2}日")


def _median(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def timed(label: str, text: str, repeat: int) -> None:
    kb = len(text.encode("utf-8")) / 1024
    t = _median(lambda: parse_notice(text), repeat)
    base = _median(lambda: [_DATE.findall(line) for line in text.splitlines()], repeat)
    print(
        f"{label:<26} {kb:8.1f} KB  median {t * 1000:8.1f} ms  {t * 1000 / kb:6.3f} ms/KB"
        f"  {t / base if base else 0:8.0f}x baseline"
    )


def timed_pdf(label: str, text: str, repeat: int, folder: Path) -> None:
    from pypdf import PdfReader

    from anquanyue_desktop.exports import pdf
    from anquanyue_desktop.imports.notice_text import read_notice_file

    path = folder / f"{label}.pdf"
    story = [pdf.TextBlock(line, pdf.BODY) for line in text.splitlines() if line.strip()]
    pdf.write_pdf(path, story, title="通知")
    pages = len(PdfReader(path).pages)
    t = _median(lambda: read_notice_file(path), repeat)
    base = _median(lambda: [p.extract_text() for p in PdfReader(path).pages], repeat)
    print(
        f"{label + ' as PDF':<26} {pages:5d} pages  median {t * 1000:8.1f} ms"
        f"  {t * 1000 / pages:6.1f} ms/page  {t / base if base else 0:6.1f}x pypdf's text"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--seeds", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds")
    )
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    for path in seeds:
        timed(path.name[:3], path.read_text(encoding="utf-8"), args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        for path in seeds:
            timed_pdf(path.name[:3], path.read_text(encoding="utf-8"), 5, Path(folder))
    if CORPUS.exists():
        notices = json.loads(CORPUS.read_text(encoding="utf-8"))
        timed(
            f"corpus ({len(notices)} notices)", "\n\n".join(n["text"] for n in notices), args.repeat
        )
    paragraph = "各村于5月31日前报送1名联络员，6月份每周三18:00前报送周活动开展情况。7月4日前报送工作总结。\n"
    timed("1 MB of notice text", (paragraph * 20000)[:1_000_000], 3)


if __name__ == "__main__":
    main()
