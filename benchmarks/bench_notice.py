"""Times reading the seed notices and a megabyte of notice-like text.

python benchmarks/bench_notice.py [--seeds ../shared/seeds]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from anquanyue_desktop.domain.notice import parse_notice


def timed(label: str, text: str, repeat: int = 5) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse_notice(text)
        runs.append(time.perf_counter() - start)
    print(f"{label:<30} median {statistics.median(runs) * 1000:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--seeds", default=str(Path(__file__).resolve().parents[2] / "shared" / "seeds")
    )
    args = parser.parse_args()
    for path in sorted(Path(args.seeds).glob("*.txt")):
        timed(path.name[:3], path.read_text(encoding="utf-8"))
    paragraph = "各村于5月31日前报送1名联络员，6月份每周三18:00前报送周活动开展情况。7月4日前报送工作总结。\n"
    timed("1 MB of notice text", (paragraph * 20000)[:1_000_000], repeat=3)


if __name__ == "__main__":
    main()
