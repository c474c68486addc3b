"""The question-bank call in headless Chromium, role by role, on the demo's data: a unit fills
the 申报表 (附件2) through the page, uploads its licence scan and submits; the city centre
returns it, the unit corrects it, the centre recommends and reports; the 汇总表 (附件3) is
read back with openpyxl and converted by LibreOffice; the application's print view is printed
to an A4 PDF and read with pdftotext; the provincial centre picks one lead among three; a
barred unit is stopped; a report after the closing time is refused; every page at 320 px.

    python3 tools/question_bank_ui_check.py .build/debug/guantong

Prints "question bank ui: N passed, M failed" and exits non-zero on any failure.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import openpyxl

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cdp import Browser  # noqa: E402

PORT = 18086
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-password"
CALL = "qb-demo"


class Walk:
    def __init__(self, browser: Browser, scratch: str):
        self.browser = browser
        self.scratch = scratch
        self.passed = self.failed = 0
        self.case = ""

    def check(self, label: str, problems: list) -> None:
        print(("PASS" if not problems else "FAIL"), label, problems or "")
        if problems:
            self.failed += 1
        else:
            self.passed += 1

    def sign_in(self, username: str) -> str:
        self.browser.forget_cookies()
        self.browser.open(BASE + "/signin")
        self.browser.fill({"username": username, "password": PASSWORD})
        return self.browser.press("登录")

    def tick(self, name: str, value: str) -> None:
        """Checks the checkbox or radio `name` whose value is `value`."""
        ok = self.browser.evaluate(f"""(() => {{
            const box = document.querySelector('input[name=' + {json.dumps(json.dumps(name, ensure_ascii=False))} + '][value=' + {json.dumps(json.dumps(value, ensure_ascii=False))} + ']');
            if (!box) return false; box.checked = true; return true; }})()""")
        if not ok:
            raise RuntimeError(f"no box {name}={value} on {self.browser.url()}")

    def press_starting(self, words: str) -> str:
        """Presses the first button whose words begin with `words`."""
        label = self.browser.evaluate(f"""(() => {{
            const button = [...document.querySelectorAll('button')].find(b => b.innerText.trim().startsWith({json.dumps(words)}));
            return button ? button.innerText.trim() : null; }})()""")
        if not label:
            raise RuntimeError(f"no button starting «{words}» on {self.browser.url()}")
        return self.browser.press(label)

    def download(self, path: str, name: str) -> str:
        """Fetches `path` with the browser's session, into the scratch folder."""
        cookies = "; ".join(f"{key}={value}" for key, value in self.browser.cookies().items())
        request = urllib.request.Request(BASE + path, headers={"Cookie": cookies})
        target = os.path.join(self.scratch, name)
        with urllib.request.urlopen(request, timeout=30) as response, open(target, "wb") as file:
            file.write(response.read())
        return target


def missing(text: str, wanted: list, unwanted: list = ()) -> list:
    return [f"missing «{words}»" for words in wanted if words not in text] + [f"shows «{words}»" for words in unwanted if words in text]


def step(walk: Walk, label: str, body) -> None:
    try:
        walk.check(label, body())
    except Exception as error:  # a page that breaks the walk is a failure of that step
        walk.check(label, [f"{type(error).__name__}: {error}"])


def main() -> None:
    executable = os.path.abspath(sys.argv[1])
    scratch = tempfile.mkdtemp(prefix="guantong-qb-")
    server = subprocess.Popen([executable, "serve", "--demo", "--port", str(PORT)], cwd=scratch,
                              env={**os.environ, "GUANTONG_REGISTRATIONS_PER_MINUTE": "1000"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = walk = None
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        browser = Browser(port=19227)
        walk = Walk(browser, scratch)
        run(walk, browser)
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"question bank ui: {walk.passed if walk else 0} passed, {walk.failed if walk else 1} failed")
    sys.exit(1 if not walk or walk.failed else 0)


def run(walk: Walk, browser: Browser) -> None:
    def unit_fills_the_form():
        walk.sign_in("qb-college")
        work = browser.open(BASE + "/question-bank/work")
        problems = missing(work, ["本单位的申报", "铸造工", "焊工", "受理中"])
        browser.open(BASE + f"/question-bank/apply/{CALL}")
        # A 工种 the row does not list: the page says which it lists, and keeps what was typed.
        browser.fill({"unitName": "衢州市技师学院", "occupation": "铸造工", "workType": "铸钢工"}, form="form.qb-form")
        refused = browser.press("保存申报表")
        problems += missing(refused, ["熔炼浇注工", "铸件清理工"]) + ([] if browser.evaluate("document.querySelector('[name=workType]').value") == "铸钢工" else ["lost the typed 工种"])
        browser.fill({
            "occupation": "磨工", "workType": "", "occupationCode": "6-18-01-03", "legalRepresentative": "王校长", "legalCertificateNumber": "12330800470000000X",
            "contactName": "方老师", "contactMobile": "13905700000", "advText0": "", "advText3": "磨工/三级/2020",
            "leaderName": "徐工", "leaderGender": "男", "leaderBirthMonth": "1976-03", "leaderQualification": "高级技师", "leaderPost": "系主任",
            "leaderEducation": "本科", "leaderSpecialty": "机械加工", "leaderMobile": "13905701111", "leaderEmail": "xu@example.cn",
            "leaderOfficePhone": "0570-3000000", "leaderEmployer": "衢州市技师学院", "leaderDepartment": "机械系", "leaderAddress": "衢州市柯城区",
            "expertName[]": "刘师傅", "expertGender[]": "男", "expertBirthMonth[]": "1970-01", "expertQualification[]": "高级技师", "expertLevel[]": "一级",
            "expertCertificate[]": "Z0001", "expertEmployer[]": "衢州某机床厂", "declaration": "申报内容真实完整，同意申报。", "experienceNote": "2020 年承接省级磨工题库",
        }, form="form.qb-form")
        for name, value in [("levels[]", "3"), ("levels[]", "2"), ("intent", "participant"), ("adv2[]", "无"), ("adv3[]", "有"),
                            ("selfCheck[legal_person]", "yes"), ("selfCheck[staff]", "yes"), ("selfCheck[experts]", "yes"), ("selfCheck[funding]", "yes"),
                            ("selfCheck[experience]", "yes"), ("selfCheck[barred]", "no")]:
            walk.tick(name, value)
        saved = browser.press("保存申报表")
        walk.case = browser.url()
        problems += missing(saved, ["当前：草稿", "磨工", "三级（高级工）、二级（技师）"], ["未能保存"])
        # Submitting before the licence scan is refused with the form's own words.
        problems += missing(walk.press_starting("提交至"), ["法人证书影印件"])
        browser.attach("file", "licence.pdf", "%PDF-1.4\n% 法人证书影印件\n%%EOF\n")
        browser.fill({"label": "法人证书影印件"}, form="form[enctype]")
        problems += missing(browser.press("上传"), ["法人证书影印件：licence.pdf"])
        problems += missing(walk.press_starting("提交至"), ["当前：待评价中心审查"])
        return problems
    step(walk, "申报单位：填写申报表（目录外工种被拒）、保存草稿、无影印件不能提交、上传后提交", unit_fills_the_form)

    def centre_returns_and_unit_corrects():
        walk.sign_in("qz-qb")
        desk = browser.open(BASE + "/question-bank/work")
        problems = missing(desk, ["磨工", "待评价中心审查", "焊工"], ["电子竞技员"])
        browser.open(walk.case)
        browser.fill({"reason": "请补充专家团队职业资格证书影印件"})
        problems += missing(browser.press("退回修改"), ["当前：退回修改", "请补充专家团队职业资格证书影印件"])
        walk.sign_in("qb-college")
        page = browser.open(walk.case)
        problems += missing(page, ["退回理由：请补充专家团队职业资格证书影印件", "保存申报表"])
        browser.fill({"leaderPost": "副院长"}, form="form.qb-form")
        problems += missing(browser.press("保存申报表"), ["当前：退回修改"], ["未能保存"])
        problems += missing(walk.press_starting("提交至"), ["当前：待评价中心审查"])
        return problems
    step(walk, "市评价中心退回修改 → 单位看到理由，修改后再次提交", centre_returns_and_unit_corrects)

    def centre_recommends_and_reports():
        walk.sign_in("qz-qb")
        browser.open(walk.case)
        browser.fill({"reason": "承接过省级磨工题库，团队完整", "recommendAs": "participant"})
        problems = missing(browser.press("签署推荐意见"), ["推荐为参与单位", "当前：已签署推荐意见，待报送"])
        browser.open(BASE + "/question-bank/work")
        summary = walk.download(f"/api/v1/evaluation-centres/{centre_id(browser)}/question-bank-summary?call={CALL}&format=xlsx", "pending.xlsx")
        problems += check_summary(summary, "衢州市技能评价中心（演示）", "磨工", lead=False)
        browser.fill({"contact": "郑老师", "phone": "0570-3051234"})
        problems += missing(walk.press_starting("报送（截止"), ["已报送省技能人才评价管理服务中心"])
        return problems
    step(walk, "市评价中心签署推荐意见，汇总表（附件3）openpyxl 读回、LibreOffice 转换，报送省中心", centre_recommends_and_reports)

    def print_to_pdf():
        walk.sign_in("qz-qb")
        browser.open(walk.case + "/print")
        target = os.path.join(walk.scratch, "application.pdf")
        browser.pdf(target)
        text = subprocess.run(["pdftotext", "-layout", target, "-"], capture_output=True, text=True, timeout=60).stdout
        info = subprocess.run(["pdfinfo", target], capture_output=True, text=True, timeout=60).stdout
        size = next((line for line in info.splitlines() if line.startswith("Page size")), "")
        compact = "".join(text.split())
        problems = missing(compact, ["浙江省技能人才评价题库开发项目申报表", "一、基本信息", "二、项目信息", "四、申报意见", "五、评价（鉴定）中心意见",
                                     "磨工", "衢州市技师学院", "徐工", "刘师傅", "☑意愿为参与单位", "推荐为参与单位", "承接过省级磨工题库"])
        if "(A4)" not in size:
            problems.append(f"not A4: {size}")
        return problems
    step(walk, "申报书（附件2）A4 打印为 PDF，pdftotext 读出各部分与所填内容", print_to_pdf)

    def province_selects_one_lead_of_three():
        walk.sign_in("zj-qb")
        page = browser.open(BASE + f"/question-bank/selection/{CALL}")
        problems = missing(page, ["铸造工（熔炼浇注工）", "3 家申报牵头单位，须遴选", "专业团队力量", "资金保障能力", "题库开发经验", "【优先】一（二）5", "磨工"])
        decide(browser, "衢州市技师学院", "铸造工", "lead", "有省级铸造工题库开发经验，团队最强")
        page = browser.text()
        problems += missing(page, ["已确定牵头单位：衢州市技师学院"])
        decide(browser, "绍兴精工铸造有限公司", "铸造工", "lead", "资金充足")
        problems += missing(browser.text(), ["已确定了牵头单位"])
        decide(browser, "绍兴精工铸造有限公司", "铸造工", "participant", "提供生产现场")
        decide(browser, "浙江省职业技能研究院", "铸造工", "declined", "无该工种开发经验")
        problems += missing(browser.text(), ["作为参与单位：提供生产现场", "未入选：无该工种开发经验"])
        selected = walk.download(f"/api/v1/question-bank-calls/{CALL}/selected?format=xlsx", "selected.xlsx")
        rows = [["" if v is None else str(v) for v in row] for row in openpyxl.load_workbook(selected).worksheets[0].iter_rows(values_only=True)]
        if rows[0][:6] != ["序号", "职业", "工种", "等级", "牵头单位", "参与单位"] or not any(r[1] == "铸造工" and r[4] == "衢州市技师学院" and "绍兴精工铸造" in r[5] for r in rows[1:]):
            problems.append(f"selected.xlsx: {rows}")
        walk.sign_in("qb-college")
        mine = browser.open(BASE + "/question-bank/work")
        problems += missing(mine, ["省中心已确定"])
        walk.sign_in("sx-qb")
        browser.open(BASE + "/question-bank/work")
        link = browser.evaluate("(() => { const a = [...document.querySelectorAll('a[href^=\"/question-bank/cases/\"]')].find(a => a.innerText.includes('铸造工')); return a && a.getAttribute('href'); })()")
        problems += missing(browser.open(BASE + link), ["作为参与单位"]) if link else ["sx centre: no case link"]
        return problems
    step(walk, "省中心遴选：三家申报牵头单位择一，第二家牵头被拒，其余参与或未入选；入选清单 .xlsx；单位与市中心看到结果", province_selects_one_lead_of_three)

    def barred_unit():
        walk.sign_in("qb-barred")
        browser.open(BASE + "/question-bank/work")
        link = browser.evaluate("(() => { const a = document.querySelector('a[href^=\"/question-bank/cases/\"]'); return a && a.getAttribute('href'); })()")
        page = browser.open(BASE + link)
        problems = missing(page, ["一（二）6", "不能申报"])
        return problems + missing(walk.press_starting("提交至"), ["不能申报", "不得申报"], ["当前：待评价中心审查"])
    step(walk, "一（二）6：有中途退出等情形的单位不能提交，页面说明依据", barred_unit)

    def deadline_refuses_a_late_report():
        walk.sign_in("zj-qb")
        browser.open(BASE + f"/question-bank/selection/{CALL}")
        browser.fill({"closesAt": "2020-01-01 17:00", "source": "检查用：省中心通知提前截止"})
        problems = missing(browser.press("设定截止时间"), ["截止时间已设为 2020-01-01 17:00"])
        walk.sign_in("qz-qb")
        work = browser.open(BASE + "/question-bank/work")
        problems += missing(work, ["2020-01-01 17:00 已过", "检查用：省中心通知提前截止", "不能再报送"])
        public = browser.open(BASE + f"/question-bank/{CALL}")
        return problems + missing(public, ["已截止"])
    step(walk, "省中心设定截止时间（写明依据）；截止后市中心不能报送，页面说明原因", deadline_refuses_a_late_report)

    def narrow():
        problems = []
        browser.screen(320, 640)
        for username, paths in [("qb-college", ["/question-bank/work", f"/question-bank/apply/{CALL}", walk.case.replace(BASE, "")]),
                                ("qz-qb", ["/question-bank/work"]), ("zj-qb", [f"/question-bank/selection/{CALL}"])]:
            walk.sign_in(username)
            for path in paths:
                browser.open(BASE + path)
                if browser.width() > 320:
                    problems.append(f"{username} {path}: {browser.width()}px")
        browser.screen(1024, 800)
        return problems
    step(walk, "320px 宽：申报表、申报、工作台、遴选页均无横向溢出", narrow)


def centre_id(browser: Browser) -> str:
    form = browser.evaluate("(() => { const f = document.querySelector('form[action^=\"/question-bank/centres/\"]'); return f && f.getAttribute('action'); })()")
    if not form:
        raise RuntimeError("no report form on the desk")
    return form.split("/")[3]


def decide(browser: Browser, unit: str, occupation: str, outcome: str, reason: str) -> None:
    """Fills and sends the decision form of `unit`'s row in the `occupation` section of the selection page."""
    sent = browser.evaluate(f"""(() => {{
        for (const section of document.querySelectorAll('section.card')) {{
            if (!section.querySelector('h3').innerText.includes({json.dumps(occupation)})) continue;
            for (const row of section.querySelectorAll('tr')) {{
                if (!row.innerText.includes({json.dumps(unit)})) continue;
                const form = row.querySelector('form');
                if (!form) return false;
                form.querySelector('[name=outcome]').value = {json.dumps(outcome)};
                form.querySelector('[name=reason]').value = {json.dumps(reason)};
                form.querySelector('button').click();
                return true;
            }}
        }}
        return false; }})()""")
    if not sent:
        raise RuntimeError(f"no decision form for {unit}")
    browser.wait_load()


def check_summary(path: str, centre: str, occupation: str, lead: bool) -> list:
    """附件3's layout read back with openpyxl, and LibreOffice converting it."""
    problems = []
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    if rows[0][0] != "浙江省技能人才评价省级题库开发申报情况汇总表":
        problems.append(f"title: {rows[0][0]}")
    if rows[1][0] != "市评价（鉴定）中心（盖章）：" + centre:
        problems.append(f"centre line: {rows[1][0]}")
    if rows[2][:8] != ["序号", "职业", "工种", "等级", "申报单位", "推荐意见（请打“√”）", "", "推荐理由概要"] or rows[3][5:7] != ["牵头单位", "参与单位"]:
        problems.append(f"heading: {rows[2]} / {rows[3]}")
    for wanted in ["A1:H1", "F3:G3", "A3:A4", "H3:H4"]:
        if wanted not in merged:
            problems.append(f"not merged: {wanted} ({sorted(merged)})")
    data = [r for r in rows[4:] if r and r[1] == occupation]
    if not data or data[0][5 if lead else 6] != "√" or data[0][6 if lead else 5] != "":
        problems.append(f"row: {data}")
    if not any(r[0].startswith("联系人：") for r in rows) or not any(r[0].startswith("填报日期：") for r in rows):
        problems.append("footer")
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        return problems + ["LibreOffice is not installed"]
    out = os.path.dirname(path)
    converted = subprocess.run([office, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out, path],
                               capture_output=True, timeout=180)
    csv_path = path[:-5] + ".csv"
    if converted.returncode != 0 or not os.path.exists(csv_path):
        return problems + [f"LibreOffice: {converted.stderr[-300:]}"]
    text = open(csv_path, encoding="utf-8", errors="replace").read()
    return problems + missing(text, ["浙江省技能人才评价省级题库开发申报情况汇总表", "牵头单位", "参与单位", occupation, "√"])


if __name__ == "__main__":
    main()
