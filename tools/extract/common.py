"""Shared helpers for the extraction scripts.

Every script reads one seed text from ../shared/seeds (or $GUANTONG_SEEDS) and writes
CSV files under Sources/PolicyData/Data. Run with --check to compare instead of write:
the exit status is then 1 when a committed data file differs from what the script makes.
"""
import csv
import io
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "Sources" / "PolicyData" / "Data"


def seeds_dir() -> Path:
    env = os.environ.get("GUANTONG_SEEDS")
    if env:
        return Path(env)
    return REPO.parent / "shared" / "seeds"


def seed_lines(prefix: str) -> list[str]:
    """The lines of the seed whose file name starts with prefix ("000", "003"...)."""
    matches = sorted(seeds_dir().glob(prefix + "_*.txt"))
    if len(matches) != 1:
        raise SystemExit(f"seed {prefix}_*.txt not found in {seeds_dir()}")
    return matches[0].read_text(encoding="utf-8").split("\n")


def squash(text: str) -> str:
    """Removes the spaces a PDF line-wrap or cell padding left inside Chinese text."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(?<=[\u4e00-\u9fff（）、])\s+(?=[\u4e00-\u9fff（）、])", "", text)
    return text.strip()


def render_csv(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: ("" if row.get(key) is None else row.get(key)) for key in header})
    return buffer.getvalue()


CHECK = "--check" in sys.argv
_mismatches: list[str] = []


def write_csv(relative: str, header: list[str], rows: list[dict]) -> None:
    path = DATA / relative
    text = render_csv(header, rows)
    if CHECK:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            _mismatches.append(relative)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {relative}: {len(rows)} rows")


def write_text(relative: str, text: str) -> None:
    """Writes (or, with --check, compares) a non-CSV data file such as clause YAML."""
    path = DATA / relative
    if CHECK:
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            _mismatches.append(relative)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {relative}")


def finish() -> None:
    """Call at the end of a script: reports --check mismatches and sets the exit status."""
    if CHECK:
        if _mismatches:
            print("differs from the script's output: " + ", ".join(_mismatches))
            raise SystemExit(1)
        print("data files match the seeds")
