"""Builds pinyin.csv, the pinyin initials of every Chinese character in occupation names.

The table lets people search occupations by pinyin initials, e.g. "cg" finds 车工
(车 → c|j, 工 → g). It covers every distinct CJK character in occupations.csv (column
name) and aliases.csv (column alias); ASCII, digits, punctuation and brackets are
skipped. A polyphonic character keeps every initial pypinyin knows for it (调 → d|t,
行 → h|x, 重 → c|t|z), so a search matches whichever reading the user has in mind.

Reads occupations.csv, which catalog.py writes, so all.py runs this script after it.
Needs pypinyin (pip install pypinyin).
"""
import csv
import unicodedata

from common import DATA, finish, write_csv

try:
    from pypinyin import Style, pinyin
except ImportError:
    raise SystemExit("pinyin.py needs pypinyin: pip install pypinyin")


def column(relative: str, key: str) -> list[str]:
    with open(DATA / relative, encoding="utf-8", newline="") as handle:
        return [row[key] for row in csv.DictReader(handle)]


def is_cjk(char: str) -> bool:
    """True for a CJK ideograph (unified, extensions or compatibility), not punctuation."""
    return unicodedata.name(char, "").startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH"))


def initials(char: str) -> str:
    readings = pinyin(char, style=Style.FIRST_LETTER, heteronym=True, errors=lambda _: [])
    letters = {reading[0].lower() for group in readings for reading in group if reading}
    letters = {letter for letter in letters if "a" <= letter <= "z"}
    if not letters:
        raise SystemExit(f"pypinyin has no reading for {char} (U+{ord(char):04X})")
    return "|".join(sorted(letters))


def main() -> None:
    names = column("occupations.csv", "name") + column("aliases.csv", "alias")
    chars = sorted({char for name in names for char in name if is_cjk(char)}, key=ord)
    write_csv("pinyin.csv", ["char", "initials"], [{"char": char, "initials": initials(char)} for char in chars])
    finish()


if __name__ == "__main__":
    main()
