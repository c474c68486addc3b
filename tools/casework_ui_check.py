"""The title casework in headless Chromium, as each role uses it: starts `guantong serve
--demo` in a scratch folder, signs in as the demo's applicants, employers, officers and
committee offices, moves applications on through the pages' own forms and checks what each
role sees (and does not see); the public publicity page and an objection without signing
in; every casework page at 320 px.

    python3 tools/casework_ui_check.py .build/debug/guantong [--screenshots docs/screenshots]

Prints "casework ui: N passed, M failed" and exits non-zero on any failure.
"""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cdp import Browser  # noqa: E402

PORT = 18082
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-password"


class Walk:
    def __init__(self, browser: Browser):
        self.browser = browser
        self.passed = self.failed = 0

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

    def buttons(self) -> list:
        return self.browser.evaluate("[...document.querySelectorAll('button')].map(b => b.innerText.trim())")

    def case_link(self, name: str) -> str:
        """The address of the case whose row or link names `name` on the current page."""
        href = self.browser.evaluate(f"""(() => {{
            const link = [...document.querySelectorAll('a[href^="/cases/"]')].find(a => a.innerText.includes({name!r}));
            return link ? link.getAttribute('href') : null; }})()""")
        if not href:
            raise RuntimeError(f"no case of {name} on {self.browser.url()}")
        return BASE + href


class ApiClient:
    """Raw requests with a session cookie, for bodies a browser's form would never send."""

    def __init__(self):
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method, path, body=None, content_type=None, accept="application/json"):
        headers = {"Accept": accept}
        if content_type:
            headers["Content-Type"] = content_type
        request = urllib.request.Request(BASE + path, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")


def missing(text: str, wanted: list, unwanted: list = ()) -> list:
    return [f"missing «{words}»" for words in wanted if words not in text] + [f"shows «{words}»" for words in unwanted if words in text]


def step(walk: Walk, label: str, body) -> None:
    try:
        walk.check(label, body())
    except Exception as error:  # a page that breaks the walk is a failure of that step
        walk.check(label, [f"{type(error).__name__}: {error}"])


def main() -> None:
    executable = os.path.abspath(sys.argv[1])
    screenshots = os.path.abspath(sys.argv[sys.argv.index("--screenshots") + 1]) if "--screenshots" in sys.argv else None
    scratch = tempfile.mkdtemp(prefix="guantong-demo-")
    # Registrations from one address are raised for the walk; sign-ins are slowed only on failures.
    server = subprocess.Popen([executable, "serve", "--demo", "--port", str(PORT)], cwd=scratch,
                              env={**os.environ, "GUANTONG_REGISTRATIONS_PER_MINUTE": "1000"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    walk = None
    try:
        for _ in range(600):  # the demo hashes three dozen passwords before it listens
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        browser = Browser()
        walk = Walk(browser)
        run(walk, browser, screenshots)
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(timeout=10)
        for name in os.listdir(scratch):
            os.remove(os.path.join(scratch, name))
        os.rmdir(scratch)
    print(f"casework ui: {walk.passed if walk else 0} passed, {walk.failed if walk else 1} failed")
    sys.exit(1 if not walk or walk.failed else 0)


def run(walk: Walk, browser: Browser, screenshots) -> None:
    shots = {}

    def signed_out_to_signin():
        browser.forget_cookies()
        browser.open(BASE + "/work")
        return missing(browser.url(), ["/signin"]) + missing(browser.text(), ["用户名", "密码"])
    step(walk, "未登录打开工作台 → 转到登录页", signed_out_to_signin)

    def wrong_password():
        browser.forget_cookies()
        browser.open(BASE + "/signin")
        browser.fill({"username": "qz-hr", "password": "not-the-password"})
        return missing(browser.press("登录"), ["用户名或密码不正确"])
    step(walk, "密码错误 → 页面说明，不登录", wrong_password)

    # 衢州: the employer recommends, the committee office votes in the separate group and issues.
    def quzhou_employer():
        text = walk.sign_in("qz-hr")
        browser.open(BASE + "/work")
        text = browser.text()
        problems = missing(text, ["王建国", "衢州示范机械有限公司"], ["章国平", "刘铁军"])
        shots["employer-work.png"] = BASE + "/work"
        browser.open(walk.case_link("王建国"))
        problems += missing(browser.text(), ["当前：", "办理进度", "审核通过", "退回修改"])
        after = browser.press("审核通过")
        problems += missing(after, ["当前：待评审"], ["未能办理"])
        return problems
    step(walk, "衢州 单位人事：待推荐名单只有本单位职工，推荐王建国", quzhou_employer)

    def quzhou_applicant():
        walk.sign_in("qz-worker1")
        text = browser.open(BASE + "/me")
        problems = missing(text, ["王建国", "中级", "消息", "衢州示范机械有限公司：审核通过"], ["李卫东", "章国平"])
        shots["applicant-me.png"] = BASE + "/me"
        browser.open(walk.case_link("中级"))
        case = browser.text()
        shots["applicant-case.png"] = browser.url()
        problems += missing(case, ["办理进度", "衢州示范机械有限公司"])
        # The employer's HR opened the case above: the applicant sees who looked, and in which seat.
        problems += missing(case, ["查阅记录", "衢州示范机械 人事 陈经理（用人单位，衢州示范机械有限公司）：查看申请及个人档案"])
        problems += [f"a button «{label}»" for label in walk.buttons() if label in ("审核通过", "退回修改", "记录表决结果", "确认并记入个人档案")]
        return problems
    step(walk, "衢州 申报人：只见自己的申请、进度与下一步，没有经办按钮；看得到单位人事查阅过", quzhou_applicant)

    def quzhou_office_vote():
        walk.sign_in("qz-office")
        text = browser.open(BASE + "/work")
        problems = missing(text, ["王建国", "赵海波"], ["章国平", "刘铁军"])
        shots["committee-work.png"] = BASE + "/work"
        browser.open(walk.case_link("王建国"))
        problems += missing(browser.text(), ["评审表决", "表决规则", "高技能人才单独分组"])
        # What the system could not decide at submission is confirmed before the vote.
        while "确认此项" in walk.buttons():
            browser.fill({"note": "已核对继续教育登记"}, form="form.checker")
            browser.press("确认此项")
        browser.fill({"present": "甲、乙、丙、丁、戊、己、庚", "inFavour": "6", "against": "1", "abstain": "0"})
        after = browser.press("记录表决结果")
        problems += missing(after, ["当前：评审通过", "赞成 6", "规则："], ["未能办理"])
        return problems
    step(walk, "衢州 评委会办公室：单独分组评审，记录表决，系统按规则算出结果", quzhou_office_vote)

    def quzhou_issue():
        walk.sign_in("qz-office")
        browser.open(BASE + "/work")
        browser.open(walk.case_link("孙立新"))
        browser.fill({"decision": "衢人社职〔2099〕9号"})
        after = browser.press("确认并记入个人档案")
        walk.sign_in("qz-worker4")
        record = browser.open(BASE + "/me")
        return missing(after, ["当前：已发证", "衢人社职〔2099〕9号"], ["未能办理"]) + missing(record, ["经本系统评审发证", "衢人社职〔2099〕9号", "中级"])
    step(walk, "衢州 结果确认发证 → 申报人的档案中出现该职称及文号", quzhou_issue)

    # 绍兴: a draft is submitted by its applicant and reaches the competent department only.
    def shaoxing_submit():
        walk.sign_in("sx-worker3")
        browser.open(BASE + "/me")
        browser.open(walk.case_link("副高级"))
        after = browser.press("提交申请")
        walk.sign_in("sx-dept")
        queue = browser.open(BASE + "/work")
        shots["officer-work.png"] = BASE + "/work"
        walk.sign_in("sx-city")
        city = browser.open(BASE + "/work")
        return (missing(after, ["当前：", "主管部门"], ["未能办理"]) + missing(queue, ["陶文斌"], ["王建国", "刘铁军"])
                + missing(city, [], ["陶文斌"]))
    step(walk, "绍兴 高级工程师：申报人提交 → 先到主管部门，市人社局尚未见到", shaoxing_submit)

    # 绍兴 一（三）3, 一（四）: the city's 中评委 only recommends a 高级工程师; the city bureau enters
    # the higher committee's outcome, and only then is the title in the record.
    def shaoxing_recommendation():
        walk.sign_in("sx-office-senior")
        browser.open(BASE + "/work?scope=all")
        link = walk.case_link("沈立群")
        office = browser.open(link)
        walk.sign_in("sx-city")
        browser.open(link)
        browser.fill({"adopted": "yes", "decision": "演示：浙职改〔2099〕3号"})
        entered = browser.press("录入上级评审结果")
        walk.sign_in("sx-worker4")
        record = browser.open(BASE + "/me")
        return (missing(office, ["当前：已评审推荐，待上级评审决定", "高级工程师评审委员会", "录入上级评审结果"], ["确认并记入个人档案"])
                + missing(entered, ["当前：已发证", "演示：浙职改〔2099〕3号"], ["未能办理"]) + missing(record, ["演示：浙职改〔2099〕3号", "推荐"]))
    step(walk, "绍兴 高级工程师：中评委评审推荐，市人社局录入上级评审结果后才记入档案", shaoxing_recommendation)

    def other_organisation_refused():
        walk.sign_in("qz-office")
        browser.open(BASE + "/work")
        link = walk.case_link("赵海波")
        walk.sign_in("sx-hr")
        text = browser.open(link)
        return missing(text, [], ["赵海波"]) + [f"a button «{label}»" for label in walk.buttons() if label in ("审核通过", "记录表决结果")]
    step(walk, "绍兴单位人事打开衢州的申请 → 看不到任何内容", other_organisation_refused)

    # 河北: the public list and an objection, then the 职改办's resolution; the 绿色通道.
    def hebei_publicity():
        browser.forget_cookies()
        index = browser.open(BASE + "/publicity")
        href = browser.evaluate("""(() => { const a = [...document.querySelectorAll('a[href^="/publicity/"]')].find(a => /年度工程高技能/.test(a.innerText));
                                   return a ? a.getAttribute('href') : null; })()""")
        page = browser.open(BASE + href)
        shots["publicity.png"] = BASE + href
        problems = missing(index, ["公示"]) + missing(page, ["刘铁军", "石家庄示范装备有限公司", "提出异议"], ["demo-password", "身份证"])
        if re.search(r"\d{17}[\dX]", page) or re.search(r"1[3-9]\d{9}", page):
            problems.append("an ID or phone number on the public page")
        browser.fill({"contact": "0311-12345678", "reason": "反映刘铁军的业绩材料需核实"})
        problems += missing(browser.press("提交异议"), ["异议已收到"])
        return problems
    step(walk, "河北 公示页（无需登录）：只列姓名、单位、系列、层级；提出异议", hebei_publicity)

    def hebei_resolve():
        walk.sign_in("hb-reform")
        browser.open(BASE + "/work?scope=all")
        browser.open(walk.case_link("张振华"))
        problems = missing(browser.text(), ["处理异议", "演示：反映业绩材料与实际不符"])
        browser.fill({"upheld": "no", "reason": "经核实，材料属实"})
        problems += missing(browser.press("记录处理结果"), ["经核实，材料属实"], ["未能办理"])
        return problems
    step(walk, "河北 职改办：核实异议，不成立则继续办理并留下记录", hebei_resolve)

    def hebei_green_channel():
        walk.sign_in("hb-reform")
        browser.open(BASE + "/work")
        browser.open(walk.case_link("冯卫星"))
        approved = browser.press("审核通过")
        walk.sign_in("hb-office")
        browser.open(BASE + "/work?scope=all")
        text = browser.open(walk.case_link("冯卫星"))
        return missing(approved, ["当前："], ["未能办理"]) + missing(text, ["直接认定", "全国技术能手"])
    step(walk, "河北 绿色通道：全国技术能手的认定申请经单位、职改办到评委会", hebei_green_channel)

    # Skill evaluations: a 衢州 中级 engineer to 技师 with the theory exam exempt, through the pages.
    def in_card(card: str, fields: dict, button: str) -> str:
        """Fills the form in the option card titled `card` (selects by their option's words) and presses `button` there."""
        ok = browser.evaluate(f"""(() => {{
            const box = [...document.querySelectorAll('.card')].find(c => c.querySelector('h3') && c.querySelector('h3').innerText.includes({card!r}));
            if (!box) return 'no card';
            for (const [name, value] of Object.entries({fields!r})) {{
                const field = box.querySelector('[name="' + name + '"]');
                if (!field) return 'no field ' + name;
                if (field.type === 'checkbox') {{ field.checked = value === 'yes'; continue; }}
                if (field.tagName === 'SELECT') {{
                    const option = [...field.options].find(o => o.text.includes(value));
                    if (!option) return 'no option ' + value;
                    field.value = option.value; continue;
                }}
                field.value = value;
            }}
            const press = [...box.querySelectorAll('button')].find(b => b.innerText.trim() === {button!r});
            if (!press) return 'no button';
            press.click(); return 'ok'; }})()""")
        if ok != "ok":
            raise RuntimeError(f"{card}: {ok}")
        browser.wait_load()
        return browser.text()

    def skill_link(name: str) -> str:
        href = browser.evaluate(f"""(() => {{
            const link = [...document.querySelectorAll('a[href^="/skill/cases/"]')].find(a => a.innerText.includes({name!r}));
            return link ? link.getAttribute('href') : null; }})()""")
        if not href:
            raise RuntimeError(f"no skill case of {name} on {browser.url()}")
        return BASE + href

    skill_case = {}

    def skill_apply():
        walk.sign_in("qz-engineer3")
        text = browser.open(BASE + "/skill?j=quzhou")
        shots["skill-applicant.png"] = BASE + "/skill?j=quzhou"
        problems = missing(text, ["焊工 技师（职称人员参加技能评价）", "衢州市技师学院", "免于理论知识考试"])
        draft = in_card("焊工 技师（职称人员参加技能评价）", {"provider": "衢州市技师学院", "workType": "电焊工", "theoryExempt": "yes"}, "保存草稿")
        skill_case["url"] = browser.url()
        problems += missing(draft, ["当前：草稿", "免于理论知识考试", "浙人社发〔2022〕77号 三（四）3"])
        problems += missing(browser.press("提交申请"), ["须附相关专业毕业证书"])
        browser.attach("file", "毕业证书.pdf", "%PDF-1.4\n% scan\n")
        browser.fill({"label": "毕业证书"})
        uploaded = browser.press("上传")
        problems += missing(uploaded, ["毕业证书：毕业证书.pdf"], ["未能办理"])
        problems += missing(browser.press("提交申请"), ["当前：受理审核中"], ["未能办理"])
        return problems
    step(walk, "衢州 中级工程师：选择附件4所列机构申请技师，免考理论须先上传毕业证书，再提交", skill_apply)

    def skill_promotion():
        walk.sign_in("qz-welder2")
        browser.open(BASE + "/skill?j=quzhou")
        early = in_card("焊工 技师（技能等级晋级）", {"provider": "衢州市技师学院", "workType": "电焊工"}, "直接提交")
        walk.sign_in("qz-welder3")
        browser.open(BASE + "/skill?j=quzhou")
        submitted = in_card("焊工 技师（技能等级晋级）", {"provider": "衢州市技师学院", "workType": "电焊工"}, "直接提交")
        return (missing(early, ["未能提交", "尚需等待", "最早"]) +
                missing(submitted, ["当前：受理审核中", "按累计工作年限申报", "评价机构：待确认"], ["未能提交"]))
    step(walk, "衢州 晋级：高级工未满1年不能提交并写明最早日期；满1年的提交，累计年限交评价机构确认", skill_promotion)

    def skill_returned():
        walk.sign_in("sx-tech1")
        browser.open(BASE + "/skill")
        browser.open(skill_link("车工"))
        case = browser.text()
        after = browser.press("修改后重新提交")
        return missing(case, ["当前：退回修改", "请补充近年从事车工工作的证明"]) + missing(after, ["当前：受理审核中"], ["未能办理"])
    step(walk, "绍兴 服务点退回修改 → 申报人看到理由，修改后重新提交", skill_returned)

    def skill_provider():
        walk.sign_in("qz-college")
        work = browser.open(BASE + "/skill/work")
        shots["skill-provider.png"] = BASE + "/skill/work"
        problems = missing(work, ["吕志诚", "周明远", "潘永福", "考核不合格", "考核批次", "已安排 2/2 人", "份，第 1 页"], ["钱国栋", "孙海涛"])
        # The list narrowed to one stage keeps the choice; an unknown stage is said, not guessed.
        browser.fill({"stage": "failed"})
        failed = browser.press("筛选")
        problems += missing(failed, ["考核不合格", "共 1 份"], ["吕志诚"])
        problems += missing(browser.open(BASE + "/skill/work?provider=x&stage=nonsense"), ["没有「nonsense」这个状态", "吕志诚"])
        browser.open(skill_link("吕志诚"))
        problems += missing(browser.text(), ["免于理论知识考试", "毕业证书"])
        accepted = browser.press("受理通过（或审核上报）")
        # The only batch is full: the page says so, and a new batch is made.
        problems += missing(accepted, ["当前：已受理，待安排批次", "没有尚有名额的相应批次"])
        browser.open(BASE + "/skill/work")
        # Held today (China time): results and a certificate are refused before a batch's day.
        today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))
        browser.fill({"occupation": "焊工", "workType": "电焊工", "level": "技师", "heldOn": today, "place": "实训楼二层", "capacity": "1",
                      "components": "理论知识考试"})
        problems += missing(browser.press("新建批次"), ["已新建考核批次"])
        browser.open(skill_case["url"])
        scheduled = browser.press("安排")
        problems += missing(scheduled, ["当前：已安排考核批次", "操作技能考核 成绩"], ["理论知识考试 成绩"])
        # The conclusion has no default: it is chosen.
        browser.fill({"scores[]": "88", "passed[]": "yes"})
        problems += missing(browser.press("登记成绩"), ["当前：考核合格，待发证", "操作技能考核：88（合格）"])
        browser.fill({"number": "QZ-UI-0001"})
        problems += missing(browser.press("颁发并记入个人档案"), ["当前：已发证", "证书编号 QZ-UI-0001", "待报人力社保部门"])
        return problems
    step(walk, "衢州 评价机构：受理，满员批次不可选，新建批次、安排、登记成绩（免考理论）、发证", skill_provider)

    def skill_bureau():
        walk.sign_in("qz-bureau")
        work = browser.open(BASE + "/skill/work")
        shots["skill-bureau.png"] = BASE + "/skill/work"
        problems = missing(work, ["证书上报清单", "QZ-UI-0001", "QZ-DEMO-0001", "下载 .xlsx"])
        browser.evaluate("document.querySelectorAll('input[name=\"certificates[]\"]').forEach(box => box.checked = true)")
        problems += missing(browser.press("标记所选证书已上报（按程序上网）"), ["已标记 2 份证书为已上报", "暂无待上报的证书"], ["QZ-UI-0001"])
        walk.sign_in("qz-engineer3")
        browser.open(skill_case["url"])
        problems += missing(browser.text(), ["报人力社保部门", "已于"])
        record = browser.open(BASE + "/skill?j=quzhou")
        problems += missing(record, ["焊工 高级技师（技能等级晋级）", "尚需等待"])
        return problems
    step(walk, "衢州 市人社局：证书上报清单，标记已上报；申报人的档案即有技师，晋级高级技师待满1年", skill_bureau)

    def skill_shaoxing():
        walk.sign_in("zj-centre")
        work = browser.open(BASE + "/skill/work")
        browser.open(skill_link("钱国栋"))
        case = browser.text()
        walk.sign_in("sx-point")
        other = browser.open(BASE + "/skill/work")
        return (missing(work, ["钱国栋"]) + missing(case, ["绍兴市职业技能鉴定中心 上报", "浙江省职业技能鉴定指导中心 鉴定", "二（三）2", "受理通过（或审核上报）"])
                + missing(other, [], ["钱国栋"]))
    step(walk, "绍兴 高级技师：市鉴定中心上报后到省鉴定指导中心受理；服务点看不到", skill_shaoxing)

    def skill_hebei():
        walk.sign_in("hb-welding")
        welding = browser.open(BASE + "/skill/work")
        walk.sign_in("hb-hr")
        enterprise = browser.open(BASE + "/skill/work")
        walk.sign_in("hb-bureau")
        bureau = browser.open(BASE + "/skill/work")
        return (missing(welding, ["孙海涛", "焊工"], ["李振邦"]) + missing(enterprise, ["李振邦", "已发证"], ["孙海涛"])
                + missing(bureau, ["HB-QY-DEMO-0001"]))
    step(walk, "河北 焊工到准入类鉴定机构；自主评价企业评价本企业职工并发证，报省人社厅", skill_hebei)

    def narrow():
        problems = []
        browser.screen(320, 640)
        for username, paths in [("qz-worker1", ["/me", "/me/record"]), ("qz-office", ["/work"]), ("qz-engineer1", ["/skill"]),
                                ("qz-college", ["/skill/work"]), ("qz-bureau", ["/skill/work"])]:
            walk.sign_in(username)
            for path in paths:
                browser.open(BASE + path)
                if browser.width() > 320:
                    problems.append(f"{path}: {browser.width()}px")
            if username == "qz-engineer1":
                browser.open(skill_link("焊工"))
                if browser.width() > 320:
                    problems.append(f"skill case: {browser.width()}px")
            if username == "qz-office":
                browser.open(walk.case_link("赵海波"))
                if browser.width() > 320:
                    problems.append(f"case: {browser.width()}px")
        browser.forget_cookies()
        for path in ["/signin", "/publicity"]:
            browser.open(BASE + path)
            if browser.width() > 320:
                problems.append(f"{path}: {browser.width()}px")
        browser.screen(1024, 800)
        return problems
    step(walk, "320px 宽：登录、我的申报、个人档案、工作台、申请、公示、技能评价各页均无横向溢出", narrow)

    def hostile_next():
        # "/\t/host": browsers drop the tab and would read "//host", another host.
        walk.browser.forget_cookies()
        walk.browser.open(BASE + "/signin?next=%2F%09%2Fevil.example")
        walk.browser.fill({"username": "qz-worker1", "password": PASSWORD})
        walk.browser.press("登录")
        url = walk.browser.url()
        return ([] if url.startswith(BASE + "/") else [f"left the site: {url}"]) + (["evil.example in the address"] if "evil" in url else [])
    step(walk, "登录后的跳转只到本站：next=/\t/evil.example 回到“我的申报”", hostile_next)

    def malformed_uploads():
        problems = []
        for username, listing, page in [("qz-worker1", "/api/v1/applications", "/cases/"), ("qz-engineer1", "/api/v1/skill-applications", "/skill/cases/"),
                                        ("qb-college", "/api/v1/question-bank-applications", "/question-bank/cases/")]:
            client = ApiClient()
            client.call("POST", "/api/v1/session", json.dumps({"username": username, "password": PASSWORD}).encode(), "application/json")
            status, body = client.call("GET", listing)
            cases = json.loads(body) if status == 200 else []
            if not cases:
                problems.append(f"{username}: no case to upload to ({status})")
                continue
            target = page + cases[0]["id"] + "/attachments"
            boundary = "gtcheck"
            part = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").encode() + bytes([0xC3, 0x28, 0xFF]) + \
                   f".png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--{boundary}--\r\n".encode("latin-1")
            for what, body in [("cut off", f"--{boundary}\r\nContent-Disposition: form-da".encode()), ("empty", b""), ("non-UTF-8 name", part)]:
                status, text = client.call("POST", target, body, f"multipart/form-data; boundary={boundary}", accept="text/html")
                if status != 400 or "表单无法读取" not in text:
                    problems.append(f"{page} {what}: {status} {text[:120]!r}")
        return problems
    step(walk, "三种申请页的上传表单：请求体不完整、为空或文件名不是 UTF-8，答 400 并用中文说明", malformed_uploads)

    if screenshots:
        os.makedirs(screenshots, exist_ok=True)
        who = {"employer-work.png": "qz-hr", "applicant-me.png": "qz-worker1", "applicant-case.png": "qz-worker1",
               "committee-work.png": "qz-office", "officer-work.png": "sx-dept", "publicity.png": None,
               "skill-applicant.png": "qz-engineer3", "skill-provider.png": "qz-college", "skill-bureau.png": "qz-bureau"}
        browser.screen(420, 900)
        for name, url in shots.items():
            if who.get(name):
                walk.sign_in(who[name])
            else:
                browser.forget_cookies()
            browser.open(url)
            browser.screenshot(os.path.join(screenshots, "casework-" + name))
            print("screenshot", "casework-" + name)


if __name__ == "__main__":
    main()
