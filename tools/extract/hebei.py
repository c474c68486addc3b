"""河北省实施方案 附件: 技能人才工种与职称系列对应表.

Seed 002. The table follows the line "附件:技能人才工种与职称系列对应表". Every page repeats
a two-line header ("职称 系列\\t技能人才工种…" / "\\t序号\\t职 业\\t职业编码"); a data line
is 职称系列, 序号, 职业, 职业编码. Writes hebei/occupation-series.csv (one row per printed
row) and hebei/gaps.csv (what the text lacks).

How a line is read. The cells are split on tabs and the empty ones dropped, which undoes
every shift seen in the seed ("394\\t\\t水煤浆制备工\\t6-10-03-04\\t",
"399\\t制冷工\\t6-11-01-04\\t\\t", "\\t\\t390\\t炼焦工\\t6-10-02-02"): the first all-digit
cell is the 序号, the cells before it are pieces of the vertical 职称系列 label, the cell
after it the name and the one after that, if any, the 职业编码. Where the series character
sits in the 序号 column ("\\t程\\t175\\t弹簧工") the code cell is gone: the code is left
empty and listed in gaps.csv as `missing_code`. No code and no name is ever supplied from
anywhere but the line itself.

How the series is found. The 职称系列 column is printed vertically, a character or two
on some lines of each page (工 … 程 → 工程; "工 艺 美 术"; "实验 技术"). The data rows are
cut into segments: a segment starts on every page and wherever the 序号 restarts (at 1)
inside a page; the label pieces of a segment, joined, must be exactly one series name.
A segment with the same label as the series before it, and a higher 序号, continues
that series; otherwise it starts a new series (which must not have been seen before).

Gaps. Whole pages are missing: each jump in the 序号 of a series is a `missing_rows` gap
(inclusive range), as are the rows before the first row seen. When a series' last row
seen is followed by another series that starts above 序号 1, pages are missing in
between and the series may continue: that is written as a `missing_rows` gap whose
`to_row` is empty (the last row is unknown; there may be no further rows at all).

Corrections (each says why in the row's note):
- "增材制造设备操作员 L": the stray Latin letter after the Chinese name is extraction
  residue (seeds 000, 003 and 004 print the name without it) and is dropped.
- "缝制机械装配调试工（征求意见稿）" and the three "…（标准征求意见稿）" names: the bracket
  remarks the status of the occupation's standard and is not part of the name (the other
  seeds print the bare names); `occupation` holds the name, the note the printed remark.
"""
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, squash, write_csv  # noqa: E402

ROW_HEADER = ["series", "row", "occupation", "code", "note"]
GAP_HEADER = ["series", "from_row", "to_row", "kind", "note"]
SERIES = ["工程", "农业", "工艺美术", "文物博物", "实验技术", "艺术", "体育"]
SERIES_CHARS = set("".join(SERIES))
CODE = re.compile(r"\d-\d\d-\d\d-\d\d")
NAME = re.compile(r"[\u4e00-\u9fff]+")
STRAY_LATIN = re.compile(r"(.+?)\s+([A-Za-z])")
STANDARD_REMARK = re.compile(r"(.+?)（((?:标准)?征求意见稿)）")

# What the seed is known to contain, so that a changed seed fails loudly.
EXPECTED_ORDER = SERIES
EXPECTED_LOST_CODES = {("工程", 175), ("工程", 205), ("工程", 311), ("工艺美术", 1)}
EXPECTED_STRAY = {("工程", 204)}
EXPECTED_REMARKS = {("工程", 208), ("工程", 323), ("工程", 334), ("工程", 346)}


def parse_line(number: int, line: str) -> dict:
    tokens = [squash(cell) for cell in line.split("\t") if cell.strip()]
    at = next((i for i, token in enumerate(tokens) if token.isdigit()), None)
    if at is None:
        raise SystemExit(f"seed 002 line {number}: no 序号 in {line!r}")
    label_parts = tokens[:at]
    for part in label_parts:
        if not set(part.replace(" ", "")) <= SERIES_CHARS:
            raise SystemExit(f"seed 002 line {number}: {part!r} is not part of a series label")
    rest = tokens[at + 1:]
    if len(rest) not in (1, 2) or CODE.fullmatch(rest[0]):
        raise SystemExit(f"seed 002 line {number}: unexpected cells {rest!r}")
    code = ""
    if len(rest) == 2:
        if not CODE.fullmatch(rest[1]):
            raise SystemExit(f"seed 002 line {number}: {rest[1]!r} is not a 职业编码")
        code = rest[1]
    return {
        "line": number,
        "raw": line,
        "label": "".join(part.replace(" ", "") for part in label_parts),
        "row": int(tokens[at]),
        "printed": rest[0],
        "code": code,
    }


def printed_cells(raw: str) -> str:
    """A seed line's tab-separated cells for a note: （空）、“程”、“175”、“弹簧工”."""
    return "、".join(f"“{cell}”" if cell.strip() else "（空）" for cell in raw.split("\t"))


def clean_name(record: dict) -> tuple[str, list[str]]:
    """The occupation name and the notes its corrections need."""
    name, notes = record["printed"], []
    stray = STRAY_LATIN.fullmatch(name)
    if stray:
        name = stray.group(1)
        notes.append(
            f"原印“{record['printed']}”；名称后多出的拉丁字母“{stray.group(2)}”为PDF文本提取残留"
            "（衢市人社专〔2023〕23号、浙人社发〔2022〕77号与浙江省2023-2024年省级题库开发参考目录"
            "所印名称均无此字母）"
        )
    remark = STANDARD_REMARK.fullmatch(name)
    if remark:
        name = remark.group(1)
        notes.append(
            f"原印“{record['printed']}”；括号“（{remark.group(2)}）”说明该职业标准所处的状态，"
            "不属于职业名称"
        )
    if not NAME.fullmatch(name):
        raise SystemExit(f"seed 002 line {record['line']}: unexpected name {record['printed']!r}")
    return name, notes


def main() -> None:
    lines = seed_lines("002")
    start = next(
        i for i, line in enumerate(lines)
        if line.strip().startswith("附件") and "技能人才工种与职称系列对应表" in line
    )

    # Read the data lines, each with the page it is on.
    records: list[dict] = []
    page = 0
    for number, line in enumerate(lines[start + 1:], start=start + 2):
        if not line.strip():
            continue
        if "技能人才工种" in line:  # first header line: a new page
            page += 1
            continue
        if "序号" in line:  # second header line
            continue
        if page == 0:
            raise SystemExit(f"seed 002 line {number}: data before the first table header")
        record = parse_line(number, line)
        record["page"] = page
        records.append(record)

    # Segments: a new one on each page and where the 序号 restarts within a page.
    segments: list[list[dict]] = []
    for record in records:
        previous = segments[-1][-1] if segments else None
        if previous is None or previous["page"] != record["page"]:
            segments.append([record])
        elif record["row"] <= previous["row"]:
            if record["row"] != 1 or not record["label"]:
                raise SystemExit(
                    f"seed 002 line {record['line']}: 序号 restarts at {record['row']} "
                    "without a series label starting at 1"
                )
            segments.append([record])
        else:
            segments[-1].append(record)

    # Series: join each segment's label pieces; continue or start a series.
    by_series: dict[str, list[dict]] = {}
    order: list[str] = []
    for segment in segments:
        label = "".join(record["label"] for record in segment)
        if label not in SERIES:
            raise SystemExit(
                f"seed 002 lines {segment[0]['line']}-{segment[-1]['line']}: "
                f"label pieces join to {label!r}, not a series name"
            )
        if order and order[-1] == label:
            if segment[0]["row"] <= by_series[label][-1]["row"]:
                raise SystemExit(f"seed 002 line {segment[0]['line']}: {label} 序号 goes back")
        else:
            if label in by_series:
                raise SystemExit(f"seed 002 line {segment[0]['line']}: {label} starts a second time")
            order.append(label)
            by_series[label] = []
        for record in segment:
            record["series"] = label
        by_series[label].extend(segment)
    assert order == EXPECTED_ORDER, f"series order {order}"

    rows: list[dict] = []
    gaps: list[dict] = []
    lost, stray, remarks = set(), set(), set()
    for index, series in enumerate(order):
        items = by_series[series]
        numbers = [r["row"] for r in items]
        assert all(a < b for a, b in zip(numbers, numbers[1:])), f"{series}: 序号 not increasing"
        series_gaps: list[dict] = []
        if numbers[0] > 1:
            series_gaps.append({
                "series": series, "from_row": 1, "to_row": numbers[0] - 1, "kind": "missing_rows",
                "note": f"首个可见行之前的行缺失：原文{series}系列自序号{numbers[0]}起"
                        f"（原文第{items[0]['line']}行）",
            })
        for before, after in zip(items, items[1:]):
            if after["row"] > before["row"] + 1:
                series_gaps.append({
                    "series": series, "from_row": before["row"] + 1, "to_row": after["row"] - 1,
                    "kind": "missing_rows",
                    "note": f"序号由{before['row']}（原文第{before['line']}行）跳至"
                            f"{after['row']}（原文第{after['line']}行）：页面缺失",
                })
        following = by_series[order[index + 1]][0] if index + 1 < len(order) else None
        if following is not None and following["row"] > 1:
            last = items[-1]
            series_gaps.append({
                "series": series, "from_row": last["row"] + 1, "to_row": "", "kind": "missing_rows",
                "note": f"{series}系列末行不详：序号{last['row']}（原文第{last['line']}行）为所见"
                        f"最后一行，其后原文接{following['series']}系列序号{following['row']}"
                        f"（原文第{following['line']}行），故两者之间页面缺失，缺失页面可能还有"
                        f"{series}系列的行（也可能没有）",
            })
        for record in items:
            name, notes = clean_name(record)
            key = (series, record["row"])
            if record["printed"] != name:
                (stray if STRAY_LATIN.fullmatch(record["printed"]) else remarks).add(key)
            if not record["code"]:
                lost.add(key)
                notes.append(
                    f"职业编码缺失：原文第{record['line']}行各栏依次为{printed_cells(record['raw'])}"
                    "（职称系列字样落在序号栏，其后无职业编码）"
                )
                series_gaps.append({
                    "series": series, "from_row": record["row"], "to_row": record["row"],
                    "kind": "missing_code",
                    "note": f"{name}：原文第{record['line']}行各栏依次为"
                            f"{printed_cells(record['raw'])}，职业编码单元格缺失",
                })
            rows.append({
                "series": series, "row": record["row"], "occupation": name,
                "code": record["code"], "note": "；".join(notes),
            })
        series_gaps.sort(key=lambda g: (g["from_row"], g["kind"] != "missing_rows"))
        gaps.extend(series_gaps)

        # Every row from 1 to the last seen is present or inside a missing_rows gap.
        present = set(numbers)
        covered = set()
        for gap in series_gaps:
            if gap["kind"] == "missing_rows" and gap["to_row"] != "":
                span = set(range(gap["from_row"], gap["to_row"] + 1))
                assert not span & present, f"{series}: gap {gap} overlaps present rows"
                assert not span & covered, f"{series}: gaps overlap"
                covered |= span
        assert present | covered == set(range(1, numbers[-1] + 1)), f"{series}: rows unaccounted"
        assert len({r["occupation"] for r in rows if r["series"] == series}) == len(items), \
            f"{series}: a name appears twice"
        codes = [r["code"] for r in rows if r["series"] == series and r["code"]]
        assert len(set(codes)) == len(codes), f"{series}: a code appears twice"
        tail = any(g["to_row"] == "" for g in series_gaps)
        print(
            f"{series}: {len(items)} rows present (序号 {numbers[0]}..{numbers[-1]}), "
            f"{len(covered)} rows missing{' + unknown rows after ' + str(numbers[-1]) if tail else ''}, "
            f"{sum(1 for g in series_gaps if g['kind'] == 'missing_code')} codes missing"
        )

    assert lost == EXPECTED_LOST_CODES, f"lost codes {sorted(lost)}"
    assert stray == EXPECTED_STRAY, f"stray letters {sorted(stray)}"
    assert remarks == EXPECTED_REMARKS, f"standard remarks {sorted(remarks)}"
    # A name printed in two series carries the same code in both.
    code_of: dict[str, str] = {}
    for r in rows:
        if r["code"]:
            assert code_of.setdefault(r["occupation"], r["code"]) == r["code"], \
                f"{r['occupation']} has two codes"

    write_csv("hebei/occupation-series.csv", ROW_HEADER, rows)
    write_csv("hebei/gaps.csv", GAP_HEADER, gaps)
    finish()


if __name__ == "__main__":
    main()
