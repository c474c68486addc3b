"""Drives the pages as a person would: starts `guantong serve`, opens the checker and
three results in headless Chromium, and checks what the pages show.

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


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit("chromium not found: apt-get install chromium")


def browser(*arguments: str) -> str:
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=90).stdout


def page_text(url: str) -> str:
    dom = browser("--dump-dom", url)
    text = re.sub(r"<script.*?</script>", " ", dom, flags=re.S)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text)))


def result_url(fields: dict) -> str:
    return f"{BASE}/result?" + urllib.parse.urlencode(fields)


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
        for label, expected in [("自测表单", ["职业发展贯通自测", "查看结果"])]:
            missing = [text for text in expected if text not in checker]
            print(("PASS" if not missing else "FAIL"), label, missing or "")
            passed, failed = (passed + 1, failed) if not missing else (passed, failed + 1)
        for label, fields, expected in CASES:
            text = page_text(result_url(fields))
            missing = [item for item in expected if item not in text]
            print(("PASS" if not missing else "FAIL"), label, missing or "")
            passed, failed = (passed + 1, failed) if not missing else (passed, failed + 1)
        if screenshots:
            os.makedirs(screenshots, exist_ok=True)
            shots = {
                "checker.png": BASE + "/",
                "result.png": result_url(CASES[0][1]),
                "result-honour.png": result_url(CASES[1][1]),
                "document.png": BASE + "/documents/zj-2022-77#c-" + urllib.parse.quote("三（二）1（2）"),
                "occupation.png": BASE + "/occupations/" + urllib.parse.quote("焊工"),
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
