"""衢市人社专〔2023〕23号 附件1: 衢州市高技能人才职业（工种）与专技人才职称系列对应关系表.

Seed 000. Columns 序号, 职称系列, 专业, 职业工种; 25 series rows. The 职业工种 cell of a
row continues across page breaks: the new page repeats the header and then has a line
starting with three tabs that holds the rest of the cell. A name can be broken across
the break ("液晶显示器件" + "制造工"), so the continuation is joined without a separator;
that is PDF damage (see Sources/PolicyData/Data/README.md) and gets no note.

Writes quzhou/series.csv (one row per series, 专业 as printed) and
quzhou/occupation-series.csv (each name in a 职业工种 cell, split on 、 outside brackets,
with its 1-based position in the cell). Row 25's cell describes a population, not an
occupation: it goes in `population`.
"""
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

SERIES_HEADER = ["row", "series", "specialty_text", "note"]
OCCUPATION_HEADER = ["series_row", "position", "occupation", "population", "note"]
TABLE_HEADER = "序号\t职称系列\t专业\t职业工种"
EXPECTED_SERIES = 25
POPULATION = "在技工院校从事教育工作，且具有相应职业资格或职业技能等级的人员"
# What the seed is known to contain: the rows continued after a page break, and the
# names the break fell inside (row 4's break falls between two names, after a 、).
EXPECTED_CONTINUED = [1, 4, 5, 8]
EXPECTED_JOINED = ["液晶显示器件制造工", "绘图仪器制作工", "矿山安全设备监测检修工"]


def split_names(cell: str) -> list[str]:
    """Splits on 、 but never inside brackets （…） or (…)."""
    names, current, depth = [], [], 0
    for char in cell:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                raise SystemExit(f"unbalanced bracket in {cell!r}")
        if char == "、" and depth == 0:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    if depth != 0:
        raise SystemExit(f"unbalanced bracket in {cell!r}")
    names.append("".join(current))
    return [name.strip() for name in names]


def main() -> None:
    lines = seed_lines("000")
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件 1")
    header_at = next(i for i in range(start, len(lines)) if lines[i] == TABLE_HEADER)

    series_rows: list[dict] = []
    cells: dict[int, str] = {}  # 序号 → the raw 职业工种 cell, continuations joined
    continued_rows: list[int] = []  # rows whose cell continues after a page break
    joined_names: list[str] = []  # names broken across a page break, joined again
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if line.startswith("注：") or line.strip().startswith("附件"):
            break
        if not line.strip() or line == TABLE_HEADER:
            continue
        if line.startswith("\t\t\t"):
            # The rest of the previous row's 职业工种 cell, after a page break.
            if not series_rows:
                raise SystemExit(f"seed 000 line {number}: continuation before any row")
            row = series_rows[-1]["row"]
            before, after = cells[row], squash(line[3:])
            if not before.endswith("、") and not after.startswith("、"):
                # The break fell inside a name: remember the joined name to check it.
                head = re.split("、", before)[-1]
                tail = re.split("、", after)[0]
                joined_names.append(head + tail)
            cells[row] = before + after
            continued_rows.append(row)
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not parts[0].isdigit():
            raise SystemExit(f"seed 000 line {number}: unexpected table line {line!r}")
        row = int(parts[0])
        series_rows.append({
            "row": row,
            "series": squash(parts[1]),
            "specialty_text": squash(parts[2]),
            "note": "",
        })
        cells[row] = squash(parts[3])

    numbers = [r["row"] for r in series_rows]
    assert numbers == list(range(1, EXPECTED_SERIES + 1)), f"series 序号 are {numbers}"
    assert all(r["series"] for r in series_rows), "a series name is empty"
    assert [r["row"] for r in series_rows if not r["specialty_text"]] == [25], "专业 blanks moved"

    occupation_rows: list[dict] = []
    for series in series_rows:
        row = series["row"]
        cell = cells[row]
        assert "<" not in cell and ">" not in cell, f"row {row}: leftover tag in {cell!r}"
        if cell == POPULATION:
            occupation_rows.append({
                "series_row": row, "position": 1, "occupation": "", "population": cell, "note": "",
            })
            continue
        names = split_names(cell)
        for position, name in enumerate(names, start=1):
            assert name, f"row {row}: empty name at position {position}"
            assert not re.search(r"[\s<>]", name), f"row {row}: damaged name {name!r}"
            occupation_rows.append({
                "series_row": row, "position": position, "occupation": name, "population": "", "note": "",
            })

    assert [r["series_row"] for r in occupation_rows if r["population"]] == [25], "population moved"
    assert continued_rows == EXPECTED_CONTINUED, f"page-break continuations in rows {continued_rows}"
    assert joined_names == EXPECTED_JOINED, f"names joined across a page break: {joined_names}"
    for series in series_rows:
        listed = [r["occupation"] for r in occupation_rows if r["series_row"] == series["row"] and r["occupation"]]
        assert len(set(listed)) == len(listed), f"row {series['row']}: a name appears twice"

    write_csv("quzhou/series.csv", SERIES_HEADER, series_rows)
    write_csv("quzhou/occupation-series.csv", OCCUPATION_HEADER, occupation_rows)
    counts = Counter(r["series_row"] for r in occupation_rows)
    for series in series_rows:
        print(f"  {series['row']:>2} {series['series']}: {counts[series['row']]}")
    finish()


if __name__ == "__main__":
    main()
