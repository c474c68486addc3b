"""Drives the pages as a person would: starts `guantong serve`, opens the checker and the
results of the self-check's people in headless Chromium, prints a result to PDF, uploads an
employer's workbook and checks every page at 320 px; then checks what each shows.

    python3 tools/ui_check.py .build/debug/guantong [--screenshots docs/screenshots]

Prints "ui: N passed, M failed" and exits non-zero on any failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from html import unescape

PORT = 18080
BASE = f"http://127.0.0.1:{PORT}"


sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from cdp import chromium  # noqa: E402


def browser(*arguments: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=90).stdout


def page_text(url: str) -> str:
    dom = browser("--dump-dom", url)
    text = re.sub(r"<script.*?</script>", " ", dom, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def result_url(fields: dict) -> str:
    return f"{BASE}/result?" + urllib.parse.urlencode(fields)


# The four people of the self-check issue: what each must read on the page.
PEOPLE = [
    ("衢州车工技师，继续教育未填 → 一句话结论、补哪一项、申报流程、条件只列一次",
     {"j": "quzhou", "asOf": "2024-06-30", "skill1Occupation": "车工", "skill1Level": "技师（二级）", "skill1Date": "2020-05-01", "assessments": "yes"},
     ["有待确认：机电制造工程 · 中级。补充下列信息即可判断", "近三年每年的继续教育学时（公需科目、专业课、技能培训）", "申报流程",
      "0570-8758639"],
     {"取得技师后从事技术技能工作满3年": 1}),
    ("绍兴工程师（中级）现做电工 → 系列按“工程师”理解，技师评价与服务点，可免考试的条件",
     {"j": "shaoxing", "asOf": "2024-06-30", "titleLevel": "中级", "titleSeries": "工程师", "currentOccupation": "电工"},
     ["电工 · 技师（二级）", "职称人员参加技能评价", "若毕业专业与申报职业相关，可免理论知识考试", "技能鉴定服务点"],
     {"未能据所填系列确认": 0}),
    ("河北焊工高级工，全国技术能手 → 认定读作认定：徽标、下一步一致",
     {"j": "hebei", "asOf": "2024-06-30", "skill1Occupation": "焊工", "skill1Level": "高级工", "skill1Date": "2018-01-01", "honor1": "全国技术能手"},
     ["可以申请认定", "可按当年度通知申请直接认定", "可以申请直接认定：系列待定 · 副高级"],
     {}),
]

CASES = [
    ("衢州：技师满3年，考核与继续教育达标 → 机电制造工程中级可以申报",
     {"j": "quzhou", "asOf": "2024-06-30", "skill1Occupation": "车工", "skill1Level": "技师", "skill1Date": "2020-05-01",
      "assessments": "yes", "cePublic": "20", "ceProfessional": "70"},
     ["机电制造工程 · 中级", "可以申报", "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会", "浙人社发〔2022〕77号 三（二）1（2）"]),
    ("绍兴：全国技术能手，2022-12-17 起以省文件为准 → 副高级直接申报",
     {"j": "shaoxing", "asOf": "2023-03-01", "honor1": "全国技术能手"},
     ["副高级", "直接申报", "故以浙人社发〔2022〕77号为准"]),
    ("河北：中级职称的工程师想考电工技师 → 累计年限按国家标准待确认，附准入类说明",
     {"j": "hebei", "asOf": "2024-06-30", "titleLevel": "中级", "titleSeries": "工程", "currentOccupation": "焊工"},
     ["焊工 · 技师", "职称人员参加技能评价", "有待确认", "就业准入类职业"]),
]


def print_pdf() -> list:
    """The print view, printed by Chromium to PDF and read back with pdftotext."""
    pdf = tempfile.mktemp(suffix=".pdf")
    try:
        browser("--no-pdf-header-footer", f"--print-to-pdf={pdf}", f"{BASE}/result/print?" + urllib.parse.urlencode(PEOPLE[0][1]))
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, timeout=60).stdout
    finally:
        if os.path.exists(pdf):
            os.remove(pdf)
    text = re.sub(r"\s+", "", text)
    return [words for words in ["填写的内容", "所在地区", "衢州市", "有待确认", "待确认", "已满足", "申报流程", "评估日期2024-06-30"] if words not in text]


def bulk_round_trip() -> list:
    """A workbook with Chinese headers, written by openpyxl, uploaded as the page's form
    sends it; the answer read back with openpyxl."""
    import http.cookiejar
    import io
    import openpyxl
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(BASE + "/bulk", timeout=30).read().decode()
    token = re.search(r'name="csrf" value="([0-9a-f]{32})"', page).group(1)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["工号", "姓名", "部门", "职业（工种）", "技能等级", "取得日期", "近三年年度考核合格"])
    for number in range(1, 301):
        sheet.append([f"{number:04d}", f"员工{number}", "车间", "车工", "技师（二级）", "2020/5/1", "是" if number % 2 else ""])
    sheet.append(["0301", "王五", "质检", "焊工", "高级工", None, None])
    import datetime
    sheet.cell(row=sheet.max_row, column=6).value = datetime.date(2021, 3, 4)
    buffer = io.BytesIO()
    book.save(buffer)
    boundary = "----guantong-ui-check"
    parts = []
    for name, value in [("csrf", token), ("j", "quzhou"), ("asOf", "2024-06-30")]:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="staff.xlsx"\r\n'
                 f'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n'.encode() + buffer.getvalue() + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    request = urllib.request.Request(BASE + "/bulk?csrf=" + token, data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    answer = opener.open(request, timeout=120)
    result = openpyxl.load_workbook(io.BytesIO(answer.read()), read_only=True)
    rows = [[cell if cell is not None else "" for cell in row] for row in result.active.iter_rows(values_only=True)]
    problems = []
    if rows[0][:4] != ("工号", "姓名", "部门", "方向") and list(rows[0][:4]) != ["工号", "姓名", "部门", "方向"]:
        problems.append(f"header {rows[0][:4]}")
    people = {row[0] for row in rows[1:]}
    if len(people) != 301:
        problems.append(f"{len(people)} people, expected 301")
    if not any(row[1] == "员工2" and row[4] == "机电制造工程 · 中级" and row[6] == "有待确认" and "近三年年度考核" in row[8] for row in rows):
        problems.append("员工2: 中级 undetermined, missing the annual assessments")
    if not any(row[1] == "王五" and row[4] == "机电制造工程 · 助理级" and row[7] == "2023-03-04" for row in rows):
        problems.append("王五: the Excel date was not read")
    return problems


def narrow_screen() -> list:
    """At 320 CSS pixels no page is wider than the screen (measured in Chromium over the
    DevTools protocol)."""
    import json
    import websocket
    port = 19222
    process = subprocess.Popen([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                f"--remote-debugging-port={port}", "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems = []
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=1))
                break
            except OSError:
                time.sleep(0.1)
        page = next(target for target in targets if target["type"] == "page")
        socket = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        counter = [0]

        def call(method, **params):
            counter[0] += 1
            socket.send(json.dumps({"id": counter[0], "method": method, "params": params}))
            while True:
                message = json.loads(socket.recv())
                if message.get("id") == counter[0]:
                    return message.get("result", {})

        call("Page.enable")
        call("Emulation.setDeviceMetricsOverride", width=320, height=640, deviceScaleFactor=1, mobile=True)
        for path in ["/", result_url(PEOPLE[0][1])[len(BASE):], "/bulk", "/occupations/" + urllib.parse.quote("焊工"),
                     "/documents/qz-2023-23", "/committees", "/providers", "/question-bank/qb-2023-2024"]:
            call("Page.navigate", url=BASE + path)
            time.sleep(1.5)
            width = call("Runtime.evaluate", expression="document.documentElement.scrollWidth", returnByValue=True)["result"]["value"]
            if width > 320:
                problems.append(f"{path[:40]}: {width}px")
        socket.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    return problems


def main() -> None:
    executable = sys.argv[1]
    screenshots = sys.argv[sys.argv.index("--screenshots") + 1] if "--screenshots" in sys.argv else None
    database = tempfile.mktemp(suffix=".sqlite")
    server = subprocess.Popen([executable, "serve", "--port", str(PORT)], env={**os.environ, "GUANTONG_SQLITE_PATH": database},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    passed = failed = 0
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        checker = page_text(BASE + "/")
        call = page_text(BASE + "/question-bank/qb-2023-2024")
        for label, page, expected in [("自测表单", checker, ["职业发展贯通自测", "查看结果"]),
                                      ("省级题库征集公开页：条件、截止、全部目录", call, ["51 项，职业（工种）合计 120 个", "已截止", "【不得申报】", "汽车电气装调工"])]:
            missing = [text for text in expected if text not in page]
            print(("PASS" if not missing else "FAIL"), label, missing or "")
            passed, failed = (passed + 1, failed) if not missing else (passed, failed + 1)
        for label, fields, expected in CASES:
            text = page_text(result_url(fields))
            missing = [item for item in expected if item not in text]
            print(("PASS" if not missing else "FAIL"), label, missing or "")
            passed, failed = (passed + 1, failed) if not missing else (passed, failed + 1)
        for label, fields, expected, counts in PEOPLE:
            text = page_text(result_url(fields))
            missing = [item for item in expected if item not in text]
            missing += [f"«{words}» {text.count(words)}× (expected {times})" for words, times in counts.items() if text.count(words) != times]
            print(("PASS" if not missing else "FAIL"), label, missing or "")
            passed, failed = (passed + 1, failed) if not missing else (passed, failed + 1)
        for label, check in [("打印版 PDF：填写内容、状态文字、申报流程", print_pdf), ("单位批量：中文表头工作簿上传、下载结果", bulk_round_trip),
                             ("320px 宽：各页无横向溢出", narrow_screen)]:
            problems = check()
            print(("PASS" if not problems else "FAIL"), label, problems or "")
            passed, failed = (passed + 1, failed) if not problems else (passed, failed + 1)
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            shots = {
                "checker.png": BASE + "/",
                "result.png": result_url(CASES[0][1]),
                "result-honour.png": result_url(CASES[1][1]),
                "document.png": BASE + "/documents/zj-2022-77#c-" + urllib.parse.quote("三（二）1（2）"),
                "occupation.png": BASE + "/occupations/" + urllib.parse.quote("焊工"),
                "result-undetermined.png": result_url(PEOPLE[0][1]),
                "bulk.png": BASE + "/bulk",
            }
            for name, url in shots.items():
                browser(f"--screenshot={os.path.join(screenshots, name)}", "--window-size=420,1400", "--hide-scrollbars", url)
                print("screenshot", name)
    finally:
        server.terminate()
        server.wait(timeout=10)
        if os.path.exists(database):
            os.remove(database)
    print(f"ui: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
