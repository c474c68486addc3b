"""浙江省人社厅办公室 2023-05-11 附件1: 浙江省2023-2024年省级题库开发参考目录.

Seed 004. The table follows the line "## 附件 1"; its header is 序号, 职业, 工种,
职业(工种)数量, 等级, 国标版本, 备注 and it ends with the line "职业（工种）合计 … 120".
Writes question-bank/2023-2024.csv, one row per 序号 (51 rows).

- `occupation`, `work_type_text`: the cells with the line-wrap spaces removed (`squash`);
  the spaces the text puts between Chinese and digits ("本职业 5-4 级") are kept as printed.
- `work_types`: the 工种 names joined with `|`, each with the level range printed after it.
  A list ("A、B、C。") is split on 、 outside brackets and its closing 。 dropped. Half-width
  brackets "(5-1)" (row 4 only) are written full-width "（5-1）" like every other row;
  `work_type_text` keeps them as printed. Cells that describe rather than list (rows 19,
  34, 40, 42) are read by the patterns in DESCRIBED, and each such row's note says how.
- `count`: 职业(工种)数量 as printed; `levels`: the 等级 cell as printed (empty where the
  levels are given per 工种); `standard_versions`, `remarks`: the space-separated values
  joined with `|`.

Checks: 序号 1..51, the counts sum to the printed total (120), each 工种 carries a level
range exactly when the 等级 cell is empty, and where work_types is non-empty the number
of names is compared with count (a mismatch is noted in the row, not hidden).
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

HEADER = ["row", "occupation", "work_types", "work_type_text", "count", "levels",
          "standard_versions", "remarks", "note"]
TABLE_HEADER = "序号\t职业\t工种\t职业(工种)数量\t等级\t国标版本\t备注"
TOTAL_LABEL = "职业（工种）合计"
EXPECTED_ROWS = 51
EXPECTED_TOTAL = 120
LEVEL_RANGE = re.compile(r"[1-5]-[1-5]")
NAME = re.compile(r"[\u4e00-\u9fff（）、]+?(?:（[1-5]-[1-5]）)?")
NUMERALS = {"两": 2, "三": 3, "五": 5}

# Cells that describe rather than list: the pattern picks out the list of names (group
# "names") and the number the sentence states (group "n"); the note says how it was read.
DESCRIBED = {
    19: (r"分为(?P<names>.+)(?P<n>[两三五])个职业方向。",
         "工种栏为一句话，列出五个职业方向（是职业方向而非工种名称）；按原文将这些职业方向"
         "作为工种（植保、安防等）"),
    34: (r"本职业分为(?P<names>.+)(?P<n>[两三五])个职业方向。",
         "工种栏为一句话；将其列出的两个职业方向作为工种"),
    40: (r"本职业 ?5-4 ?级不细分工种，3-1 ?级细分为(?P<names>.+)(?P<n>[两三五])个工种。",
         "工种栏为一句话；所列三个工种仅适用于3-1级，5-4级本职业不细分工种"
         "（等级栏所印5-1同时涵盖5-4级与3-1级）"),
    42: (r"(?P<names>[^。]+)。2019 ?版标准仅适用于轧制备品工、轧钢工、车轮轧制工三个工种。"
         r"2022 ?版标准仅适用于热压延工、冷压延工两个工种。",
         "工种取工种栏第一句所列六个工种，各附等级范围；后两句（在工种栏原文中保留）规定2019版"
         "标准仅适用于轧制备品工、轧钢工、车轮轧制工，2022版标准仅适用于热压延工、冷压延工——"
         "轧管工两句均未提及"),
}


def split_names(cell: str) -> list[str]:
    """Splits on 、 but never inside brackets （…）."""
    names, current, depth = [], [], 0
    for char in cell:
        if char == "（":
            depth += 1
        elif char == "）":
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


def read_work_types(row: int, text: str) -> tuple[list[str], list[str]]:
    """The 工种 names of a cell and the notes on how the cell was read."""
    if not text:
        return [], []
    notes: list[str] = []
    if row in DESCRIBED:
        pattern, note = DESCRIBED[row]
        match = re.fullmatch(pattern, text)
        if not match:
            raise SystemExit(f"row {row}: the 工种 cell no longer reads as expected: {text!r}")
        names = split_names(match.group("names"))
        if "n" in match.groupdict() and match.group("n") and len(names) != NUMERALS[match.group("n")]:
            raise SystemExit(f"row {row}: the sentence says {match.group('n')}, found {names}")
        if row == 42:  # the standards' sentences must name only 工种 of the list
            bare = {re.sub(r"（[1-5]-[1-5]）$", "", name) for name in names}
            named = set(split_names("轧制备品工、轧钢工、车轮轧制工、热压延工、冷压延工"))
            assert named <= bare, f"row 42: {named - bare} not in the list"
        notes.append(note)
    else:
        listed = text[:-1] if text.endswith("。") else text
        if "。" in listed:
            raise SystemExit(f"row {row}: unexpected sentence in the 工种 cell: {text!r}")
        names = split_names(listed)
        if text.endswith("。"):
            notes.append(f"工种栏为以“、”分隔的{len(names)}个名称，句末“。”已删去")
    if any("(" in name or ")" in name for name in names):
        names = [name.replace("(", "（").replace(")", "）") for name in names]
        notes.append("工种名称后原印的半角括号，如“(5-1)”，已按其他各行改为全角“（5-1）”；"
                     "工种栏原文仍照原样保留半角括号")
    for name in names:
        if not NAME.fullmatch(name):
            raise SystemExit(f"row {row}: unexpected 工种 name {name!r}")
    return names, notes


def main() -> None:
    lines = seed_lines("004")
    start = next(i for i, line in enumerate(lines) if line.strip() == "## 附件 1")
    header_at = next(i for i in range(start, len(lines)) if lines[i].strip() == TABLE_HEADER)

    rows: list[dict] = []
    total = None
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 7:
            raise SystemExit(f"seed 004 line {number}: {len(cells)} cells in {line!r}")
        if cells[0].strip() == TOTAL_LABEL:
            total = int(squash(cells[3]))
            break
        if not cells[0].strip().isdigit():
            raise SystemExit(f"seed 004 line {number}: unexpected table line {line!r}")
        row = int(cells[0])
        occupation = squash(cells[1])
        work_type_text = squash(cells[2])
        levels = cells[4].strip()
        if levels and not LEVEL_RANGE.fullmatch(levels):
            raise SystemExit(f"seed 004 line {number}: unexpected 等级 {levels!r}")
        versions = cells[5].split()
        if not versions or not all(re.fullmatch(r"20\d\d", v) for v in versions):
            raise SystemExit(f"seed 004 line {number}: unexpected 国标版本 {cells[5]!r}")
        if not re.fullmatch(r"[\u4e00-\u9fff]+", occupation):
            raise SystemExit(f"seed 004 line {number}: unexpected 职业 {occupation!r}")
        names, notes = read_work_types(row, work_type_text)

        # A 工种 carries its own level range exactly when the 等级 cell is empty.
        ranged = [bool(re.search(r"（[1-5]-[1-5]）$", name)) for name in names]
        if levels:
            assert not any(ranged), f"row {row}: levels printed both per row and per 工种"
        else:
            assert names and all(ranged), f"row {row}: no levels for some 工种"

        count = int(cells[3].strip())
        if names and len(names) != count:
            notes.append(f"职业(工种)数量栏印{count}，但工种栏列出{len(names)}个名称")
        rows.append({
            "row": row,
            "occupation": occupation,
            "work_types": "|".join(names),
            "work_type_text": work_type_text,
            "count": count,
            "levels": levels,
            "standard_versions": "|".join(versions),
            "remarks": "|".join(cells[6].split()),
            "note": "；".join(notes),
        })

    assert total is not None, "the 合计 line was not found"
    assert [r["row"] for r in rows] == list(range(1, EXPECTED_ROWS + 1)), "序号 is not 1..51"
    assert total == EXPECTED_TOTAL, f"printed total {total}, expected {EXPECTED_TOTAL}"
    assert sum(r["count"] for r in rows) == total, \
        f"counts sum to {sum(r['count'] for r in rows)}, printed total {total}"
    for r in rows:
        assert not re.search(r"[<>]|[\u4e00-\u9fff（）、]\s+[\u4e00-\u9fff（）、]",
                             r["occupation"] + r["work_type_text"]), f"row {r['row']} has damage"
    mismatched = [r["row"] for r in rows if r["work_types"] and
                  len(r["work_types"].split("|")) != r["count"]]
    print(f"{len(rows)} rows, counts sum to {total}; "
          f"rows whose work_types differ from count: {mismatched or 'none'}")

    write_csv("question-bank/2023-2024.csv", HEADER, rows)
    finish()


if __name__ == "__main__":
    main()
