"""The numbered clauses of the five seed documents, with their exact wording.

Writes clauses/<document-id>.yaml for qz-2023-23, sx-2019-64, hb-plan, zs-2022-99,
zj-2022-77 and qb-2023 (seed 003 holds two documents: 舟人社发〔2022〕99号 and the
浙人社发〔2022〕77号 it forwards).

Clause ids
- An id is the path of the document's own numbering from the top, concatenated with no
  separators, in the document's own characters: 一、→ "一", （二）→ "（二）", 1. → "1",
  （2）→ "（2）"; so "三（二）1（2）".
- Half-width brackets: where a document prints "(一)" or "(1)" (河北 throughout, parts of
  浙人社发〔2022〕77号 and of the 题库 notice), the `text` keeps them as printed, but the
  id is built with full-width brackets "（一）", "（1）" so that ids are uniform.
- The numbering marker itself ("三、", "（二）", "1.", "(1) ", "注：") is not part of
  `text`; the rest of the paragraph is, verbatim.
- A heading that is only a title ("（一）扩大贯通领域", "(一)指导思想。") takes the
  paragraph that follows it as its `text`, and keeps the title, as printed (河北 ends
  its titles with 。), in `heading`. A title
  followed directly by numbered items (no paragraph of its own) gets `heading` and a
  `text` equal to the title.
- Unnumbered paragraphs under a heading are counted like the 款 of a legal text: the
  heading's own paragraph (its inline text, or the paragraph after a title) is 第1段 and
  carries the heading's id; each further unnumbered paragraph is "<id>第N段". Numbered
  items are not counted. An unnumbered paragraph after a run of numbered items belongs
  to the items' parent, not to the last item: in 浙人社发〔2022〕77号 "取得职业资格或职业
  技能等级1年后…" follows （1）…（4） and is "三（四）1第2段".
- Paragraphs outside the numbering: "序言" (the text before 一、), "通知" (the cover
  letter of 浙人社发〔2022〕77号, before the 实施办法), "正文" (the single paragraph of
  舟人社发〔2022〕99号).
- Attachments: "附件1" is the attachment's title, "附件1注" its note; numbered text in
  an attachment is prefixed ("附件2二1"). An attachment without a number is "附件".
  Table bodies, forms, addressees, signatures and contact lines are not clauses.

Exact wording: `text` is the seed's wording with only PDF damage undone, by normalise():
a paragraph broken across a page (listed per document in JOINS; each must match once),
spaces a line wrap left between Chinese characters, Markdown heading marks and HTML
tags. Spaces between Chinese and Latin/digits ("不少于 90 个学时") are the original's
and stay. The script asserts that every text and heading is unchanged by normalise()
and is a substring of normalise(seed).

Run with --check to compare with the committed files instead of writing.
"""
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import finish, seed_lines, write_text  # noqa: E402

# Characters between which a space or line break is line-wrap damage: CJK ideographs and
# full-width punctuation (、。〔〕《》（），：；…).
CJK = r"[\u4e00-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"

# Paragraphs broken by a page (or, for 绍兴's title, a line): (end of the first fragment,
# start of the second). Each pair must occur exactly once in its seed.
JOINS: dict[str, list[tuple[str, str]]] = {
    "000": [
        ("以支持高技能人", "才参加工程系列职称评审"),
        ("参与技术改造革新、传技带徒等方面的", "能力和贡献，把技能技艺"),
        ("支持和鼓励高技能人才", "通过考试取得经济"),
    ],
    "001": [
        ("绍兴市人力资源和社会保障局", "关于做好在工程技术领域"),
    ],
    "002": [
        ("可分别申请参加与现岗位相对应职业(工种)", "的高级工、技师、高级技师"),
        ("消防设备操作员由公安消防部", "门负责实施"),
        ("强化技能贡献,突出工", "作业绩,保持两类人才"),
    ],
    "003": [
        ("推进职称制度与职业资格、职业技能等级", "制度有效衔接"),
        ("参与制定评价标", "准，参加相关职称评委会评审"),
        ("不低于特级技师薪", "酬待遇。"),
        ("认真做好政策宣传解读，引导", "广大高技能人才"),
    ],
    "004": [],
}


def normalise(text: str, joins: list[tuple[str, str]] = ()) -> str:
    """Undoes the PDF damage (only): page-broken paragraphs, line-wrap spaces, marks."""
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(?m)^[ \t]*#+[ \t]+", "", text)
    text = re.sub(r"(?m)[ \t\u3000]+$", "", text)
    for head, tail in joins:
        text = re.sub(re.escape(head) + r"[ \t]*\n\s*" + re.escape(tail), head + tail, text)
    text = re.sub(rf"(?<={CJK})[ \t\u3000]+(?={CJK})", "", text)
    return text


def load(prefix: str) -> tuple[str, list[str]]:
    """The normalised seed and its non-empty lines, stripped."""
    raw = "\n".join(seed_lines(prefix))
    for head, tail in JOINS[prefix]:
        found = len(re.findall(re.escape(head) + r"[ \t]*\n\s*" + re.escape(tail), raw))
        if found != 1:
            raise SystemExit(f"seed {prefix}: page-break join {head!r} / {tail!r} matches {found} times")
    text = normalise(raw, JOINS[prefix])
    return text, [line.strip() for line in text.split("\n") if line.strip()]


# Numbering markers, from the top level down. Ids use the full-width form.
MARKERS = [
    (1, re.compile(r"([一二三四五六七八九十]+)、\s*"), lambda n: n),
    (2, re.compile(r"[（(]([一二三四五六七八九十]+)[）)]\s*"), lambda n: f"（{n}）"),
    (3, re.compile(r"(\d+)[.．]\s*"), lambda n: n),
    (4, re.compile(r"[（(](\d+)[）)]\s*"), lambda n: f"（{n}）"),
]


def marker(line: str):
    """(rank, id part, rest of the line) for a numbered line, else None."""
    for rank, pattern, label in MARKERS:
        match = pattern.match(line)
        if match and line[match.end():]:
            return rank, label(match.group(1)), line[match.end():]
    return None


def looks_like_title(rest: str) -> bool:
    """A short phrase with no inner punctuation, at most a final 。."""
    body = rest[:-1] if rest.endswith("。") else rest
    return len(body) <= 30 and not re.search(r"[，,；;：:。！？、]", body)


def parse_body(lines: list[str], prefix: str) -> list[dict]:
    """The clauses of a run of numbered text (see the module docstring)."""
    clauses: list[dict] = []
    root = {"rank": 0, "id": prefix, "clause": None, "title": False, "paragraphs": 0, "children": 0}
    stack = [root]
    for index, line in enumerate(lines):
        found = marker(line)
        if found:
            rank, label, rest = found
            while stack[-1]["rank"] >= rank:
                stack.pop()
            parent = stack[-1]
            parent["children"] += 1
            following = marker(lines[index + 1]) if index + 1 < len(lines) else None
            # A title-only heading is followed by its paragraph or by its own items.
            title = looks_like_title(rest) and index + 1 < len(lines) and (
                following is None or following[0] > rank)
            clause = {"id": parent["id"] + label}
            if title:
                clause["heading"] = rest
                clause["text"] = None
            else:
                clause["text"] = rest
            clauses.append(clause)
            stack.append({"rank": rank, "id": clause["id"], "clause": clause, "title": title,
                          "paragraphs": 0 if title else 1, "children": 0})
            continue
        node = stack[-1]
        if node["title"] and node["clause"]["text"] is None:
            if node["children"]:
                raise SystemExit(f"{prefix}: paragraph after the items of a title: {line[:30]}")
            node["clause"]["text"] = line
            node["paragraphs"] = 1
            continue
        if not node["title"] and node["rank"] > 0:
            # After a numbered item: the paragraph belongs to the item's parent.
            stack.pop()
            node = stack[-1]
        if node["rank"] == 0:
            raise SystemExit(f"{prefix}: unnumbered paragraph outside any heading: {line[:30]}")
        node["paragraphs"] += 1
        clauses.append({"id": f"{node['id']}第{node['paragraphs']}段", "text": line})
    for clause in clauses:
        if clause["text"] is None:
            clause["text"] = clause["heading"]
    return clauses


class Reader:
    """Walks the lines of a seed, following a document's layout."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.seed, self.lines = load(prefix)
        self.at = 0

    def fail(self, message: str):
        raise SystemExit(f"seed {self.prefix}, line {self.at + 1} of the text: {message}")

    def skip_to(self, pattern: str) -> None:
        """Moves to the next line matching pattern (a regex matched at the line start)."""
        while self.at < len(self.lines) and not re.match(pattern, self.lines[self.at]):
            self.at += 1
        if self.at == len(self.lines):
            self.fail(f"no line matches {pattern!r}")

    def take(self, pattern: str = r"") -> str:
        """The current line (which must match pattern); moves past it."""
        if self.at == len(self.lines) or not re.match(pattern, self.lines[self.at]):
            self.fail(f"expected a line matching {pattern!r}")
        line = self.lines[self.at]
        self.at += 1
        return line

    def until(self, pattern: str) -> list[str]:
        """The lines up to (not including) the next one matching pattern."""
        start = self.at
        self.skip_to(pattern)
        return self.lines[start:self.at]


def attachment(reader: Reader, header: str, clause_id: str) -> list[dict]:
    """An attachment's header line ("附件 1"), then its title line."""
    reader.skip_to(header + "$")
    reader.take(header + "$")
    return [{"id": clause_id, "text": reader.take()}]


def note(reader: Reader, clause_id: str) -> list[dict]:
    """The attachment's note "注：…" after its table."""
    reader.skip_to("注：")
    return [{"id": clause_id, "text": reader.take("注：")[len("注："):]}]


def quzhou() -> tuple[dict, Reader]:
    r = Reader("000")
    r.skip_to("衢州市人力资源和社会保障局关于贯彻")
    title = r.take()
    r.skip_to("为认真落实")
    clauses = [{"id": "序言", "text": r.take()}]
    clauses += parse_body(r.until("高技能人才参评专业技术职称："), "")
    clauses += attachment(r, "附件 1", "附件1") + note(r, "附件1注")
    clauses += attachment(r, "附件 2", "附件2")
    clauses += parse_body(r.until("附件 3$"), "附件2")
    clauses += attachment(r, "附件 3", "附件3") + note(r, "附件3注")
    clauses += attachment(r, "附件 4", "附件4") + note(r, "附件4注")
    return {"document": "qz-2023-23", "title": title, "clauses": clauses}, r


def shaoxing() -> tuple[dict, Reader]:
    r = Reader("001")
    title = r.take("绍兴市人力资源和社会保障局关于做好")
    r.skip_to("为贯彻落实")
    clauses = [{"id": "序言", "text": r.take()}]
    clauses += parse_body(r.until("高技能人才参评工程技术职称："), "")
    clauses += attachment(r, "附件1", "附件1") + note(r, "附件1注")
    clauses += attachment(r, "附件2", "附件2") + note(r, "附件2注")
    clauses += attachment(r, "附件3", "附件3") + note(r, "附件3注")
    return {"document": "sx-2019-64", "title": title, "clauses": clauses}, r


def hebei() -> tuple[dict, Reader]:
    r = Reader("002")
    title = r.take("关于进一步加强高技能人才与专业技术人才职业发展贯通的实施方案$")
    clauses = [{"id": "序言", "text": r.take("为进一步打通")}]
    clauses += parse_body(r.until("附件:"), "")
    clauses.append({"id": "附件", "text": r.take("附件:")[len("附件:"):]})
    return {"document": "hb-plan", "title": title, "clauses": clauses}, r


def zhoushan() -> tuple[dict, Reader]:
    r = Reader("003")
    r.skip_to("舟山市人力资源和社会保障局转发")
    title = r.take()
    r.skip_to("现将")
    clauses = [{"id": "正文", "text": r.take()}]
    return {"document": "zs-2022-99", "title": title, "clauses": clauses}, r


def zhejiang() -> tuple[dict, Reader]:
    r = Reader("003")
    r.skip_to("浙江省人力资源和社会保障厅关于印发")
    title = r.take()
    r.skip_to("为贯彻落实")
    clauses = [{"id": "通知", "text": r.take()}]
    r.skip_to("关于进一步加强高技能人才与专业技术人才职业发展贯通的实施办法$")
    r.take()
    clauses.append({"id": "序言", "text": r.take("根据人社部")})
    clauses += parse_body(r.until("附件："), "")
    clauses += attachment(r, "附件", "附件") + note(r, "附件注")
    return {"document": "zj-2022-77", "title": title, "clauses": clauses}, r


def question_bank() -> tuple[dict, Reader]:
    r = Reader("004")
    r.skip_to("浙江省人力资源和社会保障厅办公室关于")
    title = r.take()
    r.skip_to("为做好")
    clauses = [{"id": "序言", "text": r.take()}]
    clauses += parse_body(r.until("联系人："), "")
    clauses += attachment(r, "附件 1", "附件1")
    clauses += attachment(r, "附件 2", "附件2")
    r.skip_to("填表说明$")
    heading = r.take()
    clauses.append({"id": "附件2填表说明", "heading": heading, "text": heading})
    clauses += parse_body(r.until("一、基本信息$"), "附件2填表说明")
    clauses += attachment(r, "附件 3", "附件3")
    return {"document": "qb-2023", "title": title, "clauses": clauses}, r


# Clauses the engine cites: (document, id, how the text starts). Guards the ids against
# a change in the parsing.
CITED = [
    ("zj-2022-77", "三（二）1", "基本条件。遵纪守法"),
    ("zj-2022-77", "三（二）1（1）", "获得相关职业（工种）高级工"),
    ("zj-2022-77", "三（二）1（2）", "获得相关职业（工种）技师"),
    ("zj-2022-77", "三（二）1（3）", "获得相关职业（工种）高级技师"),
    ("zj-2022-77", "三（二）1（4）", "获得相关职业（工种）特级技师"),
    ("zj-2022-77", "三（二）1第2段", "与所评职称专业相关的技能培训"),
    ("zj-2022-77", "三（二）2（1）", "世界技能大赛优胜奖获得者"),
    ("zj-2022-77", "三（二）2（2）", "世界技能大赛银牌和铜牌获得者"),
    ("zj-2022-77", "三（二）2（3）", "世界技能大赛金牌获得者"),
    ("zj-2022-77", "三（三）", "积极支持我省符合条件的高技能人才"),
    ("zj-2022-77", "三（四）1（1）", "取得助理级职称"),
    ("zj-2022-77", "三（四）1（4）", "取得正高级职称"),
    ("zj-2022-77", "三（四）1第2段", "取得职业资格或职业技能等级1年后"),
    ("zj-2022-77", "三（四）2", "考评要求。"),
    ("zj-2022-77", "三（四）3", "参评渠道。"),
    ("zj-2022-77", "三（五）3", "事业单位在编人员参评的"),
    ("zj-2022-77", "五", "《浙江省人力资源和社会保障厅转发"),
    ("zj-2022-77", "五第2段", "本办法自公布之日起30日后施行。"),
    ("zj-2022-77", "附件注", "本表未列明或新增"),
    ("qz-2023-23", "三", "突出业绩、能力、贡献的评价导向。"),
    ("qz-2023-23", "四", "高技能领军人才可直接申报高级职称。"),
    ("qz-2023-23", "五", "支持高技能人才参加专业技术人员职业资格考试。"),
    ("qz-2023-23", "六", "鼓励专业技术人员参加技能评价。"),
    ("qz-2023-23", "附件1注", "此表根据实际情况，动态调整。本表未列明"),
    ("qz-2023-23", "附件2一", "参评的高技能人才需符合"),
    ("qz-2023-23", "附件2一第2段", "获得相关职业（工种）高级工"),
    ("qz-2023-23", "附件2一第3段", "获得相关职业（工种）技师"),
    ("qz-2023-23", "附件2一第4段", "获得相关职业（工种）高级技师"),
    ("qz-2023-23", "附件2一第5段", "获得相关职业（工种）特级技师"),
    ("qz-2023-23", "附件2二", "具有助理级以上职称"),
    ("qz-2023-23", "附件2二1", "取得助理级职称"),
    ("qz-2023-23", "附件2二4", "取得正高级职称"),
    ("qz-2023-23", "附件2二第2段", "取得职业资格或职业技能等级1年后"),
    ("sx-2019-64", "一（二）", "参评对象应符合我市"),
    ("sx-2019-64", "一（二）1", "申报助理工程师的"),
    ("sx-2019-64", "一（二）2", "申报工程师的"),
    ("sx-2019-64", "一（二）3", "申报高级工程师的"),
    ("sx-2019-64", "一（二）第2段", "达到行业继续教育规定学时一般是指"),
    ("sx-2019-64", "一（二）第3段", "技工院校中级工班"),
    ("sx-2019-64", "一（二）第4段", "事业人员参评互通"),
    ("sx-2019-64", "一（三）1", "参评助理工程师的"),
    ("sx-2019-64", "一（三）4", "参评正高级工程师的"),
    ("sx-2019-64", "一（五）第2段", "浙江省技术能手"),
    ("sx-2019-64", "一（五）第3段", "浙江省技能大师工作室领办人"),
    ("sx-2019-64", "一（五）第4段", "钱江技能大奖获得者"),
    ("sx-2019-64", "一（五）第5段", "世界技能大赛金牌获得者"),
    ("sx-2019-64", "二（二）", "专业技术人才取得助理工程师"),
    ("sx-2019-64", "二（二）第2段", "对累计工作年限"),
    ("sx-2019-64", "二（二）第3段", "申请高级工的"),
    ("sx-2019-64", "二（二）第4段", "申请技师的"),
    ("sx-2019-64", "二（二）第5段", "申请高级技师的"),
    ("sx-2019-64", "二（四）", "对参加职业技能评价的专业技术人才"),
    ("sx-2019-64", "三（三）", "做好工作总结改进。"),
    ("hb-plan", "三（一）1", "具备高级工以上职业资格"),
    ("hb-plan", "三（一）2", "高技能人才参加职称评审,应在现工作岗位上近3年年度考核合格。"),
    ("hb-plan", "三（一）4", "建立绿色通道"),
    ("hb-plan", "三（二）2", "专业技术人员取得助理级、中级、副高级职称"),
    ("hb-plan", "三（二）3", "专业技术人才参加职业技能评价,注重操作技能考核。"),
    ("hb-plan", "三（二）6", "参加就业准入类职业技能等级认定"),
    ("hb-plan", "四（二）", "引导各类企业对在聘的高级工"),
    ("zs-2022-99", "正文", "现将浙江省人力资源和社会保障厅"),
    ("qb-2023", "一（一）1", "“415X”先进制造业"),
]

# A paragraph ends with one of these; anything else means a page break was not rejoined.
ENDINGS = "。；：:;）)"


def validate(document: dict, reader: Reader) -> None:
    name = document["document"]
    seen = set()
    if normalise(document["title"]) != document["title"] or document["title"] not in reader.seed:
        raise SystemExit(f"{name}: title not found in the normalised seed")
    for clause in document["clauses"]:
        cid = clause["id"]
        if cid in seen:
            raise SystemExit(f"{name}: duplicate clause id {cid}")
        seen.add(cid)
        for key in ("heading", "text"):
            value = clause.get(key)
            if key == "text" and not value:
                raise SystemExit(f"{name} {cid}: empty text")
            if value is None:
                continue
            if normalise(value) != value:
                raise SystemExit(f"{name} {cid}: {key} is not normalised")
            if value not in reader.seed:
                raise SystemExit(f"{name} {cid}: {key} is not in the normalised seed")
        # Titles (headings without a paragraph, attachment titles) need no final stop.
        if clause["text"] != clause.get("heading") and not re.fullmatch(r"附件\d*", cid) \
                and clause["text"][-1] not in ENDINGS:
            raise SystemExit(f"{name} {cid}: text ends mid-sentence: …{clause['text'][-15:]}")
    for doc, cid, start in CITED:
        if doc != name:
            continue
        match = [c for c in document["clauses"] if c["id"] == cid]
        if not match or not match[0]["text"].startswith(start):
            raise SystemExit(f"{name}: cited clause {cid} missing or does not start with {start!r}")


def render(document: dict) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1_000_000)


def main() -> None:
    for build in (quzhou, shaoxing, hebei, zhoushan, zhejiang, question_bank):
        document, reader = build()
        validate(document, reader)
        write_text(f"clauses/{document['document']}.yaml", render(document))
    finish()


if __name__ == "__main__":
    main()
