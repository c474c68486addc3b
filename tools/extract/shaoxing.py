"""绍市人社发〔2019〕64号 附件1, 附件2 and 附件3 → the shaoxing/*.csv tables.

In this seed each table cell is a line of its own that starts with a tab; a line that
does not start with a tab continues the cell above (a line break inside the cell), and
blank lines separate the table rows. The first row of each table is its header.

- 附件1 绍兴市技能职业资格申报工程专业技术职称适用职业（工种）及专业指导表 (13 series)
  → skill-to-title-series.csv and skill-to-title.csv
- 附件2 绍兴市工程专业技术职称申报技能职业资格适用职业（工种）及专业指导表 (8 series)
  → title-to-skill-series.csv and title-to-skill.csv
- 附件3 全市互通所涉职业（工种）技能鉴定服务点 (24 service points) → service-points.csv
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

SERIES_HEADER = ["row", "series", "specialty_text", "note"]
MEMBER_HEADER = ["series_row", "position", "occupation", "population", "note"]
POINT_HEADER = ["row", "org", "occupations", "levels", "contact_name", "contact_phone", "note"]
END = "注：此表根据实际情况，动态调整。"
POINT_LEVELS = {"高级工", "技师", "高级技师"}

# (attachment, series row, name as printed) → note. Names stay as printed; these notes
# only point the reviewer at spellings that differ between the attachments.
MEMBER_NOTES = {
    ("附件2", 5, "眼睛验光员"): "原印眼睛验光员（附件1第10行作眼镜验光员）；照原文保留",
    ("附件2", 5, "眼镜定配员"): "原印眼镜定配员（附件1第10行作眼镜定配工）；照原文保留",
}
# Service point row → note for a cell the script had to interpret.
POINT_NOTES = {
    12: "“职工（工种）”栏跨两行印出（原文第{first}–{last}行），首行在汽车维修工后以“、”结尾；"
        "由此产生的空项已删除",
    22: "数车、数铣为原文所印简称（推测分别指数控车工、数控铣工）；照原文保留",
}


def split_list(text: str) -> list[str]:
    """Splits a 、-separated list, never inside （） or () brackets."""
    items, depth, current = [], 0, ""
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                raise SystemExit(f"unbalanced brackets in {text!r}")
        if char == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    if depth != 0:
        raise SystemExit(f"unbalanced brackets in {text!r}")
    items.append(current)
    return [squash(item) for item in items]


class Cell:
    """One table cell: its physical lines (tab removed) and the seed line numbers."""

    def __init__(self, number: int, text: str):
        self.lines = [text]
        self.numbers = [number]

    @property
    def text(self) -> str:
        return squash("".join(self.lines))

    def items(self) -> tuple[list[str], bool]:
        """The 、-separated items, line by line; True when an empty item was dropped."""
        items: list[str] = []
        dropped = False
        for line in self.lines:
            for item in split_list(line):
                if item:
                    items.append(item)
                else:
                    dropped = True
        return items, dropped


def table(lines: list[str], marker: str, title: str) -> list[list[Cell]]:
    """The rows of the table that follows the line `marker` (e.g. 附件1) and its title."""
    starts = [i for i, line in enumerate(lines) if line.strip() == marker]
    if len(starts) != 1:
        raise SystemExit(f"{marker} found {len(starts)} times")
    start = starts[0]
    title_at = next(i for i in range(start + 1, len(lines)) if lines[i].strip())
    if squash(lines[title_at]) != title:
        raise SystemExit(f"{marker}: title is {lines[title_at]!r}")
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for i in range(title_at + 1, len(lines)):
        line = lines[i]
        if line.strip() == END:
            break
        if not line.strip() and not line.startswith("\t"):
            if row:
                rows.append(row)
                row = []
        elif line.startswith("\t"):
            row.append(Cell(i + 1, line[1:]))
        else:
            if not row:
                raise SystemExit(f"seed line {i + 1}: continuation line outside a cell")
            row[-1].lines.append(line)
            row[-1].numbers.append(i + 1)
    else:
        raise SystemExit(f"{marker}: closing note not found")
    if row:
        rows.append(row)
    return rows


def series_table(lines: list[str], marker: str, title: str, count: int) -> tuple[list[dict], list[dict]]:
    rows = table(lines, marker, title)
    header = [cell.text for cell in rows[0]]
    if header != ["序号", "工程系列", "专业", "职业资格"]:
        raise SystemExit(f"{marker}: unexpected header {header}")
    series_rows, member_rows = [], []
    for cells in rows[1:]:
        if len(cells) != 4:
            raise SystemExit(f"seed line {cells[0].numbers[0]}: expected 4 cells, found {len(cells)}")
        number, series, specialty, members = cells
        if any(len(cell.lines) > 1 for cell in cells):
            raise SystemExit(f"seed line {number.numbers[0]}: unexpected line break inside a cell")
        row = int(number.text)
        series_rows.append({"row": row, "series": series.text, "specialty_text": specialty.text, "note": ""})
        names, dropped = members.items()
        if dropped:
            raise SystemExit(f"{marker} row {row}: unexpected empty item")
        for position, name in enumerate(names, start=1):
            member_rows.append({
                "series_row": row,
                "position": position,
                "occupation": name,
                "population": "",
                "note": MEMBER_NOTES.get((marker, row, name), ""),
            })
    numbers = [row["row"] for row in series_rows]
    if numbers != list(range(1, count + 1)):
        raise SystemExit(f"{marker}: rows are {numbers}, expected 1..{count}")
    used = {(marker, m["series_row"], m["occupation"]) for m in member_rows}
    missing = [key for key in MEMBER_NOTES if key[0] == marker and key not in used]
    if missing:
        raise SystemExit(f"{marker}: noted names not found: {missing}")
    return series_rows, member_rows


def service_points(lines: list[str]) -> list[dict]:
    rows = table(lines, "附件3", "全市互通所涉职业（工种）技能鉴定服务点")
    header = [cell.text for cell in rows[0]]
    if header != ["序号", "鉴定所站或定点培训机构", "职工（工种）", "等级", "联系人", "联系电话"]:
        raise SystemExit(f"附件3: unexpected header {header}")
    out: list[dict] = []
    current: dict | None = None
    continued: set[int] = set()
    noted: set[int] = set()
    for cells in rows[1:]:
        if len(cells) != 6:
            raise SystemExit(f"seed line {cells[0].numbers[0]}: expected 6 cells, found {len(cells)}")
        number, org, occupations, levels, name, phone = cells
        for cell in (number, org, levels, name, phone):
            if len(cell.lines) > 1:
                raise SystemExit(f"seed line {cell.numbers[0]}: unexpected line break inside a cell")
        if number.text:
            if not (org.text and name.text and phone.text.isdigit()):
                raise SystemExit(f"seed line {number.numbers[0]}: incomplete service point")
            current = {"row": int(number.text), "org": org.text,
                       "contact_name": name.text, "contact_phone": phone.text}
        else:
            if current is None or org.text or name.text or phone.text:
                raise SystemExit(f"seed line {number.numbers[0]}: unexpected continuation line")
            continued.add(current["row"])
        names, dropped = occupations.items()
        level_items, level_dropped = levels.items()
        if level_dropped or not level_items or not set(level_items) <= POINT_LEVELS:
            raise SystemExit(f"seed line {levels.numbers[0]}: unexpected levels {levels.text!r}")
        note = ""
        if current["row"] in POINT_NOTES and current["row"] not in noted:
            noted.add(current["row"])
            note = POINT_NOTES[current["row"]].format(first=occupations.numbers[0], last=occupations.numbers[-1])
            if current["row"] == 12 and not (dropped and len(occupations.lines) == 2):
                raise SystemExit("附件3 row 12: expected a 职工（工种） cell broken after 、")
        if dropped and current["row"] != 12:
            raise SystemExit(f"seed line {occupations.numbers[0]}: unexpected empty item")
        out.append({**current, "occupations": "|".join(names), "levels": "|".join(level_items), "note": note})
    numbers = sorted({row["row"] for row in out})
    if numbers != list(range(1, 25)):
        raise SystemExit(f"附件3: service points are {numbers}, expected 1..24")
    if [row["row"] for row in out] != sorted(row["row"] for row in out):
        raise SystemExit("附件3: service points out of order")
    if continued != {1, 3, 5, 21}:
        raise SystemExit(f"附件3: continuation lines under {sorted(continued)}, expected 1, 3, 5, 21")
    if noted != set(POINT_NOTES):
        raise SystemExit(f"附件3: notes not used: {sorted(set(POINT_NOTES) - noted)}")
    if "数车" not in out[[r["row"] for r in out].index(22)]["occupations"].split("|"):
        raise SystemExit("附件3 row 22: 数车 not found")
    return out


def main() -> None:
    lines = seed_lines("001")
    series, members = series_table(
        lines, "附件1", "绍兴市技能职业资格申报工程专业技术职称适用职业（工种）及专业指导表", 13)
    write_csv("shaoxing/skill-to-title-series.csv", SERIES_HEADER, series)
    write_csv("shaoxing/skill-to-title.csv", MEMBER_HEADER, members)
    series, members = series_table(
        lines, "附件2", "绍兴市工程专业技术职称申报技能职业资格适用职业（工种）及专业指导表", 8)
    write_csv("shaoxing/title-to-skill-series.csv", SERIES_HEADER, series)
    write_csv("shaoxing/title-to-skill.csv", MEMBER_HEADER, members)
    write_csv("shaoxing/service-points.csv", POINT_HEADER, service_points(lines))
    finish()


if __name__ == "__main__":
    main()
