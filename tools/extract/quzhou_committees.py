"""衢市人社专〔2023〕23号 附件3: 衢州市高技能人才与专业技术人才职业发展贯通领域职称评审委员会信息表.

Seed 000. Columns 序号, 职称系列, 专业, 评审委员会, 评委会所在单位及电话; 24 series rows.
Writes quzhou/committees.csv.

- "市经信局 8758639" is split into host and phone.
- Spaces a line wrap left inside a committee name are removed (PDF damage, no note).
- A vertically merged 评审委员会 / 所在单位及电话 cell is printed on the first row of the
  merge and left blank on the following rows; those rows take the values of the row
  the merge starts at, with a note saying so (MERGED below).
- Row 18 is printed on two lines: 专业 特种设备 with its committee, then the other 专业
  with a blank committee cell. Both lines become rows with row=18; the second keeps its
  committee empty (the table does not say which committee reviews it).
- Rows 16 and 17 name a committee but no host or phone; those stay empty.
- 专业 is kept as this table prints it (it differs slightly from 附件1).
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

HEADER = ["row", "series", "specialty_text", "committee", "host", "phone", "note"]
TABLE_HEADER = "序号\t职称系列\t专业\t评审委员会\t评委会所在单位及电话"
EXPECTED_SERIES = 24
# row → the row its merged 评审委员会 / 所在单位及电话 cell starts at
MERGED = {2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 8: 7, 13: 12, 20: 19, 22: 21}
NO_HOST = {16, 17}
SPLIT_ROW = 18
NOTE_MERGED = "附件3评委会栏为合并单元格，随第{}行"
NOTE_NO_HOST = "附件3未载所在单位及电话"
NOTE_SPLIT_BLANK = "附件3未列该专业的评审委员会（此栏空白），不作推断"


def split_host(cell: str) -> tuple[str, str]:
    """"市经信局 8758639" → ("市经信局", "8758639")."""
    if not cell:
        return "", ""
    match = re.fullmatch(r"(\S.*?)\s*(\d{7,8})", cell)
    if not match:
        raise SystemExit(f"unexpected 评委会所在单位及电话 cell: {cell!r}")
    return squash(match.group(1)), match.group(2)


def main() -> None:
    lines = seed_lines("000")
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件 3")
    header_at = next(i for i in range(start, len(lines)) if lines[i] == TABLE_HEADER)

    rows: list[dict] = []
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if line.startswith("注：") or line.strip().startswith("附件"):
            break
        if not line.strip() or line == TABLE_HEADER:
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            raise SystemExit(f"seed 000 line {number}: unexpected table line {line!r}")
        number_cell, series, specialty, committee, host_cell = (part.strip() for part in parts)
        host, phone = split_host(host_cell)
        record = {
            "row": None,
            "series": squash(series),
            "specialty_text": squash(specialty),
            "committee": squash(committee),
            "host": host,
            "phone": phone,
            "note": "",
        }
        if number_cell:
            if not number_cell.isdigit():
                raise SystemExit(f"seed 000 line {number}: bad 序号 {number_cell!r}")
            record["row"] = int(number_cell)
        else:
            # A second line of the previous row (only row 18 has one): 序号 and 职称系列
            # are merged cells and belong to that row.
            if not rows or series:
                raise SystemExit(f"seed 000 line {number}: unexpected continuation {line!r}")
            record["row"] = rows[-1]["row"]
            record["series"] = rows[-1]["series"]
        rows.append(record)

    numbers = [r["row"] for r in rows]
    assert numbers == list(range(1, SPLIT_ROW + 1)) + list(range(SPLIT_ROW, EXPECTED_SERIES + 1)), (
        f"rows are {numbers}"
    )
    assert all(r["series"] and r["specialty_text"] for r in rows), "a series or 专业 is empty"

    # The blanks must be exactly the merges, the second line of row 18, and rows 16-17's host.
    split_second = [i for i, r in enumerate(rows) if r["row"] == SPLIT_ROW][1]
    blank_committee = {r["row"] for i, r in enumerate(rows) if not r["committee"] and i != split_second}
    assert blank_committee == set(MERGED), f"blank 评审委员会 in rows {sorted(blank_committee)}"
    assert not rows[split_second]["committee"] and not rows[split_second]["host"], "row 18 second line"
    blank_host = {r["row"] for i, r in enumerate(rows) if r["committee"] and not r["host"]}
    assert blank_host == NO_HOST, f"committee without host in rows {sorted(blank_host)}"

    first_line: dict[int, dict] = {}  # row → its first line (row 18 has two)
    for r in rows:
        first_line.setdefault(r["row"], r)
    for i, r in enumerate(rows):
        if i == split_second:
            r["note"] = NOTE_SPLIT_BLANK
        elif r["row"] in MERGED:
            assert not r["host"] and not r["phone"], f"row {r['row']}: merged row has a host"
            source = first_line[MERGED[r["row"]]]
            assert source["committee"] and source["host"], f"merge source row {source['row']} is blank"
            r["committee"], r["host"], r["phone"] = source["committee"], source["host"], source["phone"]
            r["note"] = NOTE_MERGED.format(source["row"])
        elif r["row"] in NO_HOST:
            r["note"] = NOTE_NO_HOST

    for r in rows:
        assert not re.search(r"[\s<>]", r["committee"] + r["host"] + r["series"]), f"row {r['row']} damaged"

    write_csv("quzhou/committees.csv", HEADER, rows)
    finish()


if __name__ == "__main__":
    main()
