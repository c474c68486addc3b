"""浙人社发〔2022〕77号 附件: 技能人才职业（工种）与专技人才职称系列对应关系表.

Seed 003 (舟人社发〔2022〕99号 forwarding 浙人社发〔2022〕77号). The table follows the
line "附件"; each row is "序号\\t职业工种\\t对应职称系列". Writes
zhejiang/occupation-series.csv with one row per 序号 (883 rows, 1..883 contiguous).

- `printed_series` is the 对应职称系列 cell as printed.
- `series` holds each "或" alternative separated by `|`
  (工程技术或实验技术 → 工程技术|实验技术).
- `specialty` is a bracketed part (工艺美术（工业设计）→ 工艺美术 / 工业设计).
- Row 883 is a described population, not an occupation: its text goes in `population`
  and `occupation` stays empty.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

HEADER = ["row", "occupation", "population", "series", "specialty", "printed_series", "note"]
TABLE_HEADER = "序号\t职业工种\t对应职称系列"
EXPECTED_ROWS = 883
POPULATION = "在技工院校从事教育工作，且具有相应职业资格或职业技能等级的人员"
POPULATION_ROW = 883


def split_series(printed: str) -> tuple[str, str]:
    """工程技术或实验技术 → ("工程技术|实验技术", ""); 艺术（舞台技术）→ ("艺术", "舞台技术")."""
    match = re.fullmatch(r"([^（）]+?)(?:（([^（）]+)）)?", printed)
    if not match:
        raise SystemExit(f"unexpected 对应职称系列 cell: {printed!r}")
    base, specialty = match.group(1), match.group(2) or ""
    alternatives = base.split("或")
    if any(not part for part in alternatives):
        raise SystemExit(f"empty series alternative in {printed!r}")
    return "|".join(alternatives), specialty


def main() -> None:
    lines = seed_lines("003")
    # The attachment starts at a line that is exactly "附件"; the table header follows it.
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件")
    header_at = next(i for i in range(start, len(lines)) if lines[i].strip() == TABLE_HEADER)

    rows: list[dict] = []
    for number, line in enumerate(lines[header_at + 1:], start=header_at + 2):
        if not line.strip():
            continue
        if line.startswith("注："):
            break
        if line.strip() == TABLE_HEADER:  # a repeated header on a new page
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not cells[0].strip().isdigit():
            raise SystemExit(f"seed 003 line {number}: unexpected table line {line!r}")
        row = int(cells[0])
        name = squash(cells[1])
        printed = squash(cells[2])
        series, specialty = split_series(printed)
        record = {
            "row": row,
            "occupation": name,
            "population": "",
            "series": series,
            "specialty": specialty,
            "printed_series": printed,
            "note": "",
        }
        if name == POPULATION:
            if row != POPULATION_ROW:
                raise SystemExit(f"population text found at row {row}, expected {POPULATION_ROW}")
            record["occupation"] = ""
            record["population"] = name
        rows.append(record)

    numbers = [r["row"] for r in rows]
    assert len(rows) == EXPECTED_ROWS, f"{len(rows)} rows, expected {EXPECTED_ROWS}"
    assert numbers == list(range(1, EXPECTED_ROWS + 1)), "序号 is not 1..883 contiguous"
    assert rows[POPULATION_ROW - 1]["population"] == POPULATION, "row 883 is not the population"
    for r in rows:
        assert r["occupation"] or r["population"], f"row {r['row']} has no name"
        assert not re.search(r"[<>\s]", r["occupation"] + r["population"]), f"row {r['row']} has damage"
    occupations = [r["occupation"] for r in rows if r["occupation"]]
    assert len(set(occupations)) == len(occupations), "an occupation appears twice"

    write_csv("zhejiang/occupation-series.csv", HEADER, rows)
    finish()


if __name__ == "__main__":
    main()
