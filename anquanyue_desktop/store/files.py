"""Files written all or nothing: an export that fails (full disk, cancelled, bad text)
leaves no half file and no partial set of files behind."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .instance import part_name


@contextmanager
def atomic_output(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A path to write instead of ``target``; renamed onto it only when the block succeeds.

    The half file keeps ``target``'s ending (writers may look at it) and carries the process
    id, so a clean-up can tell it from one being written.
    """
    target = Path(target)
    part = target.with_name(f"{part_name(target.stem)}{target.suffix}")
    try:
        yield part
        os.replace(part, target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink()


@contextmanager
def outputs_removed_on_failure(
    out: str | os.PathLike[str] | None = None, out_dir: str | os.PathLike[str] | None = None
) -> Iterator[None]:
    """On failure, removes the file ``out`` and the files in ``out_dir`` that the block
    created (what was there before is left as it was)."""
    out_path = Path(out) if out else None
    dir_path = Path(out_dir) if out_dir else None
    out_before = _stamp(out_path) if out_path is not None else None
    before: dict[Path, tuple[int, int] | None] = {}
    if dir_path is not None and dir_path.is_dir():
        before = {p: _stamp(p) for p in dir_path.iterdir()}
    try:
        yield
    except BaseException:
        # New files, and old ones the failed writer already overwrote in part, go.
        if out_path is not None and out_path.is_file() and _stamp(out_path) != out_before:
            with contextlib.suppress(OSError):
                out_path.unlink()
        if dir_path is not None and dir_path.is_dir():
            for p in dir_path.iterdir():
                if p.is_file() and (p not in before or _stamp(p) != before[p]):
                    with contextlib.suppress(OSError):
                        p.unlink()
        raise


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


__all__ = ["atomic_output", "outputs_removed_on_failure"]
