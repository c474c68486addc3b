"""衢市人社专〔2023〕23号 附件4 衢州市职业技能等级认定社会培训评价组织目录 → quzhou/providers.csv.

The table has five columns (机构, 联系方式, 职业, 工种, 等级), one line per row, the header
repeated at each page. Blank 机构/联系方式/职业 cells are merged cells and continue the
value above; a blank 工种 means the row has no 工种.

The PDF extraction shifted some cells to the left. Every shifted line is recognised by
its shape (where the list of levels sits) and must be one of the lines listed in NOTES,
which says for each what was shifted and why it is read that way; lines whose meaning
cannot be settled are kept as printed and their note says they are ambiguous.
"""
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

HEADER = ["row", "org", "contact_name", "contact_phone", "occupation", "work_type", "levels", "note"]
TABLE_HEADER = "机构\t联系方式\t职业\t工种\t等级"
TITLE = "衢州市职业技能等级认定社会培训评价组织目录"
END = "注：此表根据实际情况，动态调整。"
LEVELS = {"五级", "四级", "三级", "二级", "一级"}
CONTACT = re.compile(r"^(?P<name>\D+?)\s*(?P<phone>\d[\d-]{6,})$")

# Seed line → (shape the script must detect there, the row's note).
# Shapes: "left2" = 职业/工种/等级 printed two columns left; "left2+1" = 职业/工种 two
# columns left and 等级 one column left; "levels_left1" = only 等级 printed one column
# left (in the 工种 column); "lone_levels_left1" = a line holding only levels, printed in
# the 工种 column; "lone_levels" = a line with levels but blank 职业 and 工种.
NOTES = {
    189: ("left2",
          "shifted: seed line 189 prints 职业 电子商务师 in the 机构 column and 等级 五级、四级、三级、二级 "
          "in the 职业 column (two columns left); read as 职业 电子商务师 with no 工种, because 电子商务师 "
          "is an occupation, not an institution, the 联系方式 cell is empty, and the line sits in "
          "衢州市技师学院's pinyin-ordered list between 电工 and 动画制作员; 机构 and 联系方式 carried "
          "from 衢州市技师学院"),
    190: ("left2",
          "shifted: seed line 190 prints 工种 网商 in the 联系方式 column and 等级 四级、三级、二级 in the "
          "职业 column (two columns left); read as 工种 网商 of 电子商务师 on the line above, because 网商 "
          "is no contact (no phone number) and is the 工种 of 电子商务师 (as under 衢州中等专业学校, seed "
          "line 266); 机构 and 联系方式 carried from 衢州市技师学院"),
    243: ("left2",
          "shifted: seed line 243 prints 职业 形象设计师 in the 机构 column and 等级 三级、二级 in the 职业 "
          "column (two columns left); read as 职业 形象设计师 with no 工种, because 形象设计师 is an "
          "occupation, not an institution, the 联系方式 cell is empty, and the line sits in 衢州市技师学院's "
          "pinyin-ordered list between 信息通信网络运行管理员 and 养老护理员; 机构 and 联系方式 carried from "
          "衢州市技师学院"),
    244: ("left2",
          "shifted: seed line 244 prints 职业 行政办事员 in the 机构 column, 工种 政务服务综合窗口办事员 in "
          "the 联系方式 column and 等级 五级、四级、三级 in the 职业 column (two columns left); read so "
          "because 行政办事员 is an occupation, not an institution, and the second cell is a 工种 name, not "
          "a contact (no phone number); 机构 and 联系方式 carried from 衢州市技师学院"),
    257: ("left2",
          "shifted: seed line 257 prints 职业 中央空调系统运行操作员 in the 机构 column and 等级 "
          "五级、四级、三级、二级 in the 职业 column (two columns left); read as 职业 中央空调系统运行操作员 "
          "with no 工种, because it is an occupation, not an institution, the 联系方式 cell is empty, and "
          "the line continues 衢州市技师学院's pinyin-ordered list after 中式烹调师; 机构 and 联系方式 "
          "carried from 衢州市技师学院"),
    258: ("left2",
          "shifted: seed line 258 prints 职业 装饰美工 in the 机构 column and 等级 五级、四级、三级、二级 in "
          "the 职业 column (two columns left); read as 职业 装饰美工 with no 工种, because it is an "
          "occupation, not an institution, the 联系方式 cell is empty, and the line continues "
          "衢州市技师学院's pinyin-ordered list after 中央空调系统运行操作员; 机构 and 联系方式 carried "
          "from 衢州市技师学院"),
    266: ("left2+1",
          "shifted: seed line 266 prints 职业 电子商务师 in the 机构 column, 工种 网商 in the 联系方式 column "
          "(two columns left) and 等级 五级、四级、三级、二级 in the 工种 column (one column left); read as "
          "职业 电子商务师, 工种 网商, because 电子商务师 is an occupation, not an institution, and 网商 is no "
          "contact but the 工种 of 电子商务师 (as under 衢州市技师学院, seed line 190); 机构 and 联系方式 "
          "carried from 衢州中等专业学校"),
    267: ("lone_levels_left1",
          "ambiguous: seed line 267 holds only 一级, printed in the 工种 column (one column left), under "
          "电子商务师 / 网商; it may be the end of 网商's 等级 cell wrapped onto a new line (making 网商 "
          "五级 to 一级) or a separate 一级 entry for 电子商务师 without 工种; kept as printed: 职业 "
          "电子商务师 carried from above, no 工种, 等级 一级"),
    280: ("lone_levels_left1",
          "ambiguous: seed line 280 holds only 二级, printed in the 工种 column (one column left), under "
          "家政服务员 / 母婴护理员; it may be the end of 母婴护理员's 等级 cell wrapped onto a new line "
          "(making 母婴护理员 五级 to 二级) or a separate 二级 entry for 家政服务员 without 工种; kept as "
          "printed: 职业 家政服务员 carried from above, no 工种, 等级 二级"),
    281: ("levels_left1",
          "shifted: seed line 281 prints 等级 五级、四级、三级、二级 in the 工种 column (one column left) and "
          "leaves the 等级 column empty; read as 职业 养老护理员 with no 工种, because the cell holds levels, "
          "not a 工种 name, and 养老护理员 is an occupation of its own (a 职业 elsewhere in this table), not "
          "a 工种 of 家政服务员 above; 机构 and 联系方式 carried from 衢州市家庭服务业协会"),
    224: ("lone_levels",
          "ambiguous: seed line 224 has blank 职业 and 工种 cells and 等级 四级、三级、二级、一级 under "
          "企业人力资源管理师 / 劳务派遣管理员; it may be 企业人力资源管理师 itself without 工种, or a 工种 "
          "whose name the extraction lost; kept as printed: 职业 企业人力资源管理师 carried from above, "
          "no 工种"),
    287: ("lone_levels",
          "ambiguous: seed line 287 holds only 五级 in the 等级 column under 车工 / 普通车床 / 数控车床; it "
          "may be 车工 without 工种 at 五级 (as 衢州市技师学院 lists 车工, seed line 183) or belong to the "
          "工种 above; kept as printed: 职业 车工 carried from above, no 工种, 等级 五级"),
    307: ("left2",
          "shifted: seed line 307 prints 职业 中式烹调师 in the 机构 column and 等级 五级、四级、三级 in the "
          "职业 column (two columns left); read as 职业 中式烹调师 with no 工种, because it is an occupation, "
          "not an institution, the 联系方式 cell is empty, and the line continues 浙江省衢州数字工业学校's "
          "pinyin-ordered list after 育婴员 (the next line starts 开化县技工学校); 机构 and 联系方式 carried "
          "from 浙江省衢州数字工业学校"),
}
SAME_AS_OCCUPATION = "工种 printed the same as the 职业 ({name}); kept as printed"


def is_levels(cell: str) -> bool:
    return bool(cell) and all(item in LEVELS for item in cell.split("、"))


def shape(cells: list[str]) -> str:
    """Where this line's cells sit: "normal" or one of the shifted shapes of NOTES."""
    levels_at = [i for i, cell in enumerate(cells) if is_levels(cell)]
    if len(levels_at) != 1:
        raise ValueError("expected exactly one cell of levels")
    at = levels_at[0]
    filled = [i for i, cell in enumerate(cells) if cell]
    if at == 4:
        if not cells[2] and not cells[3]:
            if cells[0] or cells[1]:
                raise ValueError("levels with an institution but no occupation")
            return "lone_levels"
        return "normal"
    if at == 2 and cells[3] == cells[4] == "" and (cells[0] or cells[1]):
        return "left2"
    if at == 3 and cells[4] == "":
        if filled == [0, 1, 3]:
            return "left2+1"
        if filled == [3]:
            return "lone_levels_left1"
        if filled == [2, 3]:
            return "levels_left1"
    raise ValueError("unrecognised shape")


def table_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(seed line number, line) of the table's body, from its title to the closing note."""
    starts = [i for i, line in enumerate(lines) if line.strip() == TITLE]
    if len(starts) != 1:
        raise SystemExit(f"title {TITLE} found {len(starts)} times")
    start = starts[0]
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == END)
    return [(i + 1, lines[i]) for i in range(start + 1, end)]


def main() -> None:
    lines = seed_lines("000")
    rows: list[dict] = []
    org = contact_name = contact_phone = occupation = ""
    seen_shapes: dict[int, str] = {}
    headers = 0
    for number, line in table_lines(lines):
        if not line.strip():
            continue
        if line.strip() == TABLE_HEADER:
            headers += 1
            continue
        cells = [squash(cell) for cell in line.split("\t")]
        if len(cells) > 5:
            raise SystemExit(f"seed line {number}: more than five cells: {line!r}")
        cells += [""] * (5 - len(cells))
        try:
            kind = shape(cells)
        except ValueError as error:
            raise SystemExit(f"seed line {number}: {error}: {line!r}")
        note = ""
        if kind == "normal":
            new_org, contact, new_occupation, work_type, levels = cells
            if new_org or contact:
                match = CONTACT.match(contact)
                if not (new_org and match):
                    raise SystemExit(f"seed line {number}: institution without contact: {line!r}")
                org = new_org
                contact_name, contact_phone = squash(match["name"]), match["phone"]
                if not new_occupation:
                    raise SystemExit(f"seed line {number}: new institution without occupation")
            if new_occupation:
                occupation = new_occupation
        else:
            seen_shapes[number] = kind
            if number not in NOTES or NOTES[number][0] != kind:
                raise SystemExit(f"seed line {number}: unexpected {kind} line: {line!r}")
            note = NOTES[number][1]
            if kind == "left2":
                new_occupation, work_type, levels = cells[0], cells[1], cells[2]
            elif kind == "left2+1":
                new_occupation, work_type, levels = cells[0], cells[1], cells[3]
            elif kind == "levels_left1":
                new_occupation, work_type, levels = cells[2], "", cells[3]
            elif kind == "lone_levels_left1":
                new_occupation, work_type, levels = "", "", cells[3]
            else:  # lone_levels: in place, only blank 职业 and 工种
                new_occupation, work_type, levels = "", "", cells[4]
            if CONTACT.match(work_type):
                raise SystemExit(f"seed line {number}: shifted 工种 looks like a contact")
            if new_occupation:
                occupation = new_occupation
        if not org or not occupation:
            raise SystemExit(f"seed line {number}: no institution or occupation to continue")
        if work_type and work_type == occupation:
            note = SAME_AS_OCCUPATION.format(name=occupation)
        rows.append({
            "row": len(rows) + 1,
            "org": org,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
            "occupation": occupation,
            "work_type": work_type,
            "levels": "|".join(levels.split("、")),
            "note": note,
        })

    missing = sorted(set(NOTES) - set(seen_shapes))
    if missing:
        raise SystemExit(f"expected irregular lines not found: {missing}")
    if headers != 6:
        raise SystemExit(f"expected the table header on 6 pages, found {headers}")

    write_csv("quzhou/providers.csv", HEADER, rows)
    counts = Counter(row["org"] for row in rows)
    for name, count in counts.items():
        print(f"  {name}: {count} rows")
    print(f"  {len(counts)} institutions, {len(rows)} rows")
    finish()


if __name__ == "__main__":
    main()
