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
          "左移：原文第189行将职业“电子商务师”印在机构栏，等级“五级、四级、三级、二级”印在职业栏"
          "（左移两栏）；读作职业电子商务师、无工种，理由是：电子商务师是职业而非机构，联系方式栏为空，"
          "且该行位于衢州市技师学院按拼音排序的职业列表中电工与动画制作员之间；机构与联系方式沿用"
          "衢州市技师学院"),
    190: ("left2",
          "左移：原文第190行将工种“网商”印在联系方式栏，等级“四级、三级、二级”印在职业栏（左移两栏）；"
          "读作上一行职业电子商务师的工种网商，理由是：网商不是联系方式（无电话号码），且是电子商务师的"
          "工种（衢州中等专业学校名下亦同，见原文第266行）；机构与联系方式沿用衢州市技师学院"),
    243: ("left2",
          "左移：原文第243行将职业“形象设计师”印在机构栏，等级“三级、二级”印在职业栏（左移两栏）；"
          "读作职业形象设计师、无工种，理由是：形象设计师是职业而非机构，联系方式栏为空，且该行位于"
          "衢州市技师学院按拼音排序的职业列表中信息通信网络运行管理员与养老护理员之间；机构与联系方式"
          "沿用衢州市技师学院"),
    244: ("left2",
          "左移：原文第244行将职业“行政办事员”印在机构栏，工种“政务服务综合窗口办事员”印在联系方式栏，"
          "等级“五级、四级、三级”印在职业栏（左移两栏）；按此读取，理由是：行政办事员是职业而非机构，"
          "第二栏是工种名称而非联系方式（无电话号码）；机构与联系方式沿用衢州市技师学院"),
    257: ("left2",
          "左移：原文第257行将职业“中央空调系统运行操作员”印在机构栏，等级“五级、四级、三级、二级”印在"
          "职业栏（左移两栏）；读作职业中央空调系统运行操作员、无工种，理由是：该项是职业而非机构，"
          "联系方式栏为空，且该行在衢州市技师学院按拼音排序的职业列表中紧接中式烹调师之后；机构与"
          "联系方式沿用衢州市技师学院"),
    258: ("left2",
          "左移：原文第258行将职业“装饰美工”印在机构栏，等级“五级、四级、三级、二级”印在职业栏"
          "（左移两栏）；读作职业装饰美工、无工种，理由是：该项是职业而非机构，联系方式栏为空，且该行"
          "在衢州市技师学院按拼音排序的职业列表中紧接中央空调系统运行操作员之后；机构与联系方式沿用"
          "衢州市技师学院"),
    266: ("left2+1",
          "左移：原文第266行将职业“电子商务师”印在机构栏，工种“网商”印在联系方式栏（左移两栏），"
          "等级“五级、四级、三级、二级”印在工种栏（左移一栏）；读作职业电子商务师、工种网商，理由是："
          "电子商务师是职业而非机构，网商不是联系方式，而是电子商务师的工种（衢州市技师学院名下亦同，"
          "见原文第190行）；机构与联系方式沿用衢州中等专业学校"),
    267: ("lone_levels_left1",
          "存疑：原文第267行仅有“一级”，印在工种栏（左移一栏），位于职业电子商务师、工种网商之下；"
          "可能是网商的等级单元格折行后的末尾（即网商为五级至一级），也可能是电子商务师另一条无工种的"
          "一级条目；按原文保留：职业沿用上方的电子商务师，无工种，等级一级"),
    280: ("lone_levels_left1",
          "存疑：原文第280行仅有“二级”，印在工种栏（左移一栏），位于职业家政服务员、工种母婴护理员之下；"
          "可能是母婴护理员的等级单元格折行后的末尾（即母婴护理员为五级至二级），也可能是家政服务员另一条"
          "无工种的二级条目；按原文保留：职业沿用上方的家政服务员，无工种，等级二级"),
    281: ("levels_left1",
          "左移：原文第281行将等级“五级、四级、三级、二级”印在工种栏（左移一栏），等级栏为空；读作职业"
          "养老护理员、无工种，理由是：该单元格所载为等级而非工种名称，且养老护理员本身是一个职业（本表"
          "他处作为职业列出），并非上方家政服务员的工种；机构与联系方式沿用衢州市家庭服务业协会"),
    224: ("lone_levels",
          "存疑：原文第224行职业栏、工种栏为空，等级为“四级、三级、二级、一级”，位于职业企业人力资源管理师、"
          "工种劳务派遣管理员之下；可能是企业人力资源管理师本身（无工种），也可能是名称在文本提取中丢失的"
          "某一工种；按原文保留：职业沿用上方的企业人力资源管理师，无工种"),
    287: ("lone_levels",
          "存疑：原文第287行仅在等级栏有“五级”，位于职业车工及其工种普通车床、数控车床之下；可能是车工"
          "无工种的五级（衢州市技师学院即列有无工种的车工，见原文第183行），也可能属于上方的工种；按原文"
          "保留：职业沿用上方的车工，无工种，等级五级"),
    307: ("left2",
          "左移：原文第307行将职业“中式烹调师”印在机构栏，等级“五级、四级、三级”印在职业栏（左移两栏）；"
          "读作职业中式烹调师、无工种，理由是：该项是职业而非机构，联系方式栏为空，且该行在浙江省衢州数字"
          "工业学校按拼音排序的职业列表中紧接育婴员之后（下一行起为开化县技工学校）；机构与联系方式沿用"
          "浙江省衢州数字工业学校"),
}
SAME_AS_OCCUPATION = "所印工种与职业相同（{name}）；照原文保留"


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
