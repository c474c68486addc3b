"""What the command-line checks of the casework share: China's date today, and the one-day
衢州 中级 机电制造工程 review plan whose one check is the employer's recommendation."""
import time

# The committee 衢州 附件3 gives 机电制造工程.
QUZHOU_COMMITTEE = "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"


def china_today() -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(time.time() + 8 * 3600))


def one_day_plan(committee: str, title: str, publicity_days: int = 0) -> dict:
    """The body of POST /api/v1/plans for a plan open today only."""
    today = china_today()
    return {"committee": committee, "plan": {
        "year": int(today[:4]), "title": title, "series": ["机电制造工程"], "levels": ["中级"], "opensOn": today, "closesOn": today,
        "checksDueOn": today, "reviewOn": today, "steps": [{"role": "employer", "act": "推荐"}], "separateGroup": True,
        "materials": [], "publicityDays": publicity_days, "resultPublicityDays": 0, "members": 7,
        "votingRule": {"quorumNumerator": 2, "quorumDenominator": 3, "passNumerator": 2, "passDenominator": 3, "source": "check"},
        "notice": "check"}}


PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])


class Client:
    """One browser's worth of API calls: its own session cookie."""

    def __init__(self, base: str):
        import http.cookiejar
        import urllib.request
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def call(self, method, path, body=None, raw=None, content_type=None):
        """(status, JSON answer) — or the start of the text of an answer that is not 2xx."""
        import json
        import urllib.error
        import urllib.request
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        headers = {"Content-Type": content_type or "application/json"} if data is not None else {}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")[:300]


def mixed_flow(base: str, hr: Client, plan: str, employer: str, person: dict, name: str, password: str, step, new_client=Client) -> None:
    """One newcomer's way through the casework, as the mixed workloads run it: registers, fills
    the record, applies to `plan` (submitted at once), uploads the plan's material; the
    employer's HR confirms its items and recommends. `step(what, answer, wanted)` checks each
    answer and returns its body, or None to stop the flow; `new_client` makes the newcomer's."""
    import urllib.parse
    worker = new_client(base)
    if step("register", worker.call("POST", "/api/v1/accounts", {"username": name, "displayName": name, "password": password}), 201) is None:
        return
    if step("record", worker.call("PUT", "/api/v1/me/record", person), 200) is None:
        return
    view = step("apply", worker.call("POST", "/api/v1/applications", {"plan": plan, "route": "regular", "level": "中级",
                                                                       "employer": employer, "submit": True}), 201)
    if view is None:
        return
    label = urllib.parse.quote("技能等级证书")
    if step("upload", worker.call("POST", f"/api/v1/applications/{view['id']}/attachments?label={label}&filename=c.png",
                                  raw=PNG, content_type="image/png"), 201) is None:
        return
    status, view = hr.call("GET", f"/api/v1/applications/{view['id']}")
    for item in view.get("confirmations", []) if status == 200 else []:
        if item["role"] == "employer":
            view = step("confirm", hr.call("POST", f"/api/v1/applications/{view['id']}/actions",
                                           {"action": "confirm", "version": view["version"], "item": item["id"], "met": True}), 200) or view
    step("recommend", hr.call("POST", f"/api/v1/applications/{view['id']}/actions", {"action": "approve", "version": view["version"]}), 200)
