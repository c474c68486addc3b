#!/usr/bin/env python3
"""kill -9 durability check for the casework.

Starts the server, has a client submit and recommend title applications and apply for skill
evaluations that a provider accepts and seats in a batch, kills the server
with SIGKILL at random moments, restarts it, and checks that every action acknowledged to
the client is there, that each application's audit trail (title and skill) has exactly one row per version,
that the batch's seats taken are exactly its seated applications
(nothing half-done), that sessions survive the restart (they live in the database), and
that the database passes its integrity check. With DATABASE_URL set it runs on PostgreSQL
and also checks that two server processes serve the same signed-in user.

Only a failed connection (the kill) is passed over: any answer that is not the one expected
(a 500, a 409, a 422) fails the check at once, and every round must have had actions
acknowledged before its kill.

usage: durability_check.py BINARY [--rounds N] [--port P]   (P and P+1 on PostgreSQL; 18500 unless given)
"""
import argparse, atexit, http.client, http.cookiejar, json, os, random, signal, sqlite3, subprocess, sys, tempfile, time, urllib.error, urllib.parse, urllib.request, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from casework import QUZHOU_COMMITTEE, china_today, one_day_plan  # noqa: E402

ARGUMENTS = argparse.ArgumentParser(description="kill -9 durability check")
ARGUMENTS.add_argument("binary")
ARGUMENTS.add_argument("--rounds", type=int, default=5)
ARGUMENTS.add_argument("--port", type=int, default=18500)
OPTIONS = ARGUMENTS.parse_args()
BINARY = OPTIONS.binary
ROUNDS = OPTIONS.rounds
PG = os.environ.get("DATABASE_URL", "")
WORK = tempfile.mkdtemp(prefix="guantong-durability-")
ENV = dict(os.environ, GUANTONG_REGISTRATIONS_PER_MINUTE="10000")
if not PG:
    ENV["GUANTONG_SQLITE_PATH"] = os.path.join(WORK, "casework.sqlite")
PASSWORD = "durability-password"
random.seed(7)


def admin(*args, stdin=None):
    out = subprocess.run([BINARY, "admin", *args], input=stdin, capture_output=True, text=True, env=ENV, timeout=120)
    if out.returncode != 0:
        sys.exit(f"admin {args[0]} failed: {out.stderr}")
    return out.stdout.strip().splitlines()[-1]


# Every server started: killed on exit, so a failed assertion leaves none holding the database.
STARTED = []
atexit.register(lambda: [process.kill() for process in STARTED if process.poll() is None])


def start(port):
    log = open(os.path.join(WORK, f"server-{port}.log"), "a")
    process = subprocess.Popen([BINARY, "serve", "--port", str(port)], stdout=log, stderr=log, env=ENV)
    STARTED.append(process)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except Exception:
            time.sleep(0.1)
    sys.exit(f"server on {port} did not start")


class Client:
    def __init__(self, port):
        self.port = port
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def upload(self, path, data):
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method="POST",
                                         headers={"Content-Type": "application/octet-stream"})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def call(self, method, path, body=None, port=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{port or self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"} if data else {})
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")


class Refused(Exception):
    """An answer that is not the one the step expects: the server is wrong, not killed."""


def expect(answer, wanted, what):
    status, body = answer
    if status != wanted:
        raise Refused(f"{what}: expected {wanted}, got {status}: {json.dumps(body, ensure_ascii=False)[:300]}")
    return body


def main():
    run = uuid.uuid4().hex[:8]  # not the seeded random: a rerun on the same database needs new names
    committee = admin("create-org", "--kind", "committee", "--name", f"评委会{run}", "--jurisdiction", "quzhou", "--committee", QUZHOU_COMMITTEE)
    employer = admin("create-org", "--kind", "employer", "--name", f"单位{run}", "--jurisdiction", "quzhou")
    provider = admin("create-org", "--kind", "evaluation_organisation", "--name", f"技师学院{run}", "--jurisdiction", "quzhou", "--provides", "衢州市技师学院")
    province = admin("create-org", "--kind", "evaluation_centre", "--name", f"省评价中心{run}", "--jurisdiction", "zhejiang", "--level", "province")
    centre = admin("create-org", "--kind", "evaluation_centre", "--name", f"市评价中心{run}", "--jurisdiction", "quzhou", "--level", "city")
    unit = admin("create-org", "--kind", "employer", "--name", f"题库单位{run}", "--jurisdiction", "quzhou",
                 "--handler", f"provincial_evaluation_centre={province}", "--handler", f"city_evaluation_centre={centre}")
    for user, role, org in [(f"office{run}", "committee_office", committee), (f"hr{run}", "employer", employer), (f"assessor{run}", "evaluation_organisation", provider),
                            (f"province{run}", "provincial_evaluation_centre", province), (f"centre{run}", "city_evaluation_centre", centre),
                            (f"unit{run}", "question_bank_unit", unit)]:
        admin("create-user", "--username", user, "--name", user, stdin=PASSWORD + "\n")
        admin("grant", "--user", user, "--org", org, "--role", role)

    port = OPTIONS.port
    server = start(port)
    office, hr = Client(port), Client(port)
    assert office.call("POST", "/api/v1/session", {"username": f"office{run}", "password": PASSWORD})[0] == 200
    assert hr.call("POST", "/api/v1/session", {"username": f"hr{run}", "password": PASSWORD})[0] == 200
    assessor = Client(port)
    assert assessor.call("POST", "/api/v1/session", {"username": f"assessor{run}", "password": PASSWORD})[0] == 200
    officers = {}
    for name in ("province", "centre", "unit"):
        officers[name] = Client(port)
        assert officers[name].call("POST", "/api/v1/session", {"username": f"{name}{run}", "password": PASSWORD})[0] == 200
    today = china_today()
    year = int(today[:4])
    status, plan = office.call("POST", "/api/v1/plans", one_day_plan(committee, "durability"))
    assert status == 201, plan
    status, batch = assessor.call("POST", f"/api/v1/evaluation-organisations/{provider}/batches", {
        "occupation": "焊工", "workType": "电焊工", "level": "技师", "heldOn": today, "place": "check", "capacity": 10000})
    assert status == 201, batch
    # The question-bank call: a call of the provincial centre's own, open for a month.
    call = f"qb-dur-{run}"
    status, published = officers["province"].call("POST", "/api/v1/question-bank-calls", {
        "code": call, "follows": "qb-2023-2024", "title": "durability", "issuedOn": today, "lastDay": f"{year + 1}-01-31",
        "catalogue": "序号,职业,工种,等级,国标版本,备注\n1,磨工,,5-1,2018,\n"})
    assert status == 201, published
    form = {"unitName": "题库单位", "legalRepresentative": "法人", "legalCertificateNumber": "X1", "occupation": "磨工", "occupationCode": "6-18-01-03",
            "levels": [3, 2], "contactName": "联系人", "contactMobile": "13900000000", "intent": "lead",
            "advantages": [{"boxes": []}, {"boxes": []}, {"boxes": ["无"]}, {"boxes": ["无"]}],
            "leader": {k: "某" for k in ["name", "gender", "qualification", "post", "education", "specialty", "officePhone", "employer", "department", "address"]}
            | {"birthMonth": "1980-01", "mobile": "13900000001", "email": "a@example.cn"},
            "experts": [{"name": "甲", "gender": "男", "birthMonth": "1970-01", "qualification": "高级技师", "level": "一级", "certificateNumber": "1", "employer": "某"}],
            "declaration": "同意", "selfCheck": {"legal_person": True, "staff": True, "experts": True, "funding": True, "experience": False, "barred": False}}
    banks = {}  # question-bank application id -> highest version acknowledged
    person = {"skills": [{"occupation": "车工", "level": "技师", "obtainedOn": f"{year - 5}-05-01"},
                         {"occupation": "焊工", "level": "高级工", "obtainedOn": f"{year - 3}-05-01"}], "currentOccupation": "焊工",
              "annualAssessments": [{"year": year - k, "passed": True} for k in (1, 2, 3)],
              "continuingEducation": [{"year": year - k, "publicHours": 30, "professionalHours": 60} for k in (1, 2, 3)]}

    acknowledged = {}  # application id -> highest version acknowledged
    skills = {}  # skill application id -> highest version acknowledged
    workers = []
    for round_ in range(ROUNDS):
        deadline = time.time() + random.uniform(1.0, 3.0)
        before = len(acknowledged) + len(skills) + len(banks)
        killed = False
        while not killed:
            try:
                worker = Client(port)
                name = f"w{run}-{round_}-{len(workers)}"
                expect(worker.call("POST", "/api/v1/accounts", {"username": name, "displayName": name, "password": PASSWORD}), 201, "register")
                workers.append(worker)
                expect(worker.call("PUT", "/api/v1/me/record", person), 200, "record")
                view = expect(worker.call("POST", "/api/v1/applications", {"plan": plan["id"], "route": "regular", "level": "中级", "employer": employer, "submit": True}),
                              201, "apply")
                acknowledged[view["id"]] = view["version"]
                version = view["version"]
                for item in view["confirmations"]:
                    if item["role"] == "employer":
                        view = expect(hr.call("POST", f"/api/v1/applications/{view['id']}/actions", {"action": "confirm", "version": version, "item": item["id"], "met": True}),
                                      200, "confirm")
                        version = acknowledged[view["id"]] = view["version"]
                view = expect(hr.call("POST", f"/api/v1/applications/{view['id']}/actions", {"action": "approve", "version": version}), 200, "recommend")
                acknowledged[view["id"]] = view["version"]
                # A skill evaluation: promotion 高级工 → 技师, accepted and seated by the provider.
                skill = expect(worker.call("POST", "/api/v1/skill-applications", {"provider": provider, "route": "promotion", "occupation": "焊工",
                                                                                  "workType": "电焊工", "level": "技师", "submit": True}), 201, "skill apply")
                skills[skill["id"]] = skill["version"]
                for item in skill["confirmations"]:
                    skill = expect(assessor.call("POST", f"/api/v1/skill-applications/{skill['id']}/actions",
                                                 {"action": "confirm", "version": skill["version"], "item": item["id"], "met": True}), 200, "skill confirm")
                    skills[skill["id"]] = skill["version"]
                for action in ({"action": "approve"}, {"action": "assign", "batch": batch["id"]}):
                    skill = expect(assessor.call("POST", f"/api/v1/skill-applications/{skill['id']}/actions", {**action, "version": skill["version"]}),
                                   200, "skill " + action["action"])
                    skills[skill["id"]] = skill["version"]
                # A question-bank application: drafted, scanned, submitted, recommended and reported.
                bank = expect(officers["unit"].call("POST", "/api/v1/question-bank-applications", {"call": call, "form": form}), 201, "question-bank draft")
                banks[bank["id"]] = bank["version"]
                label = urllib.parse.quote("法人证书影印件")
                expect(officers["unit"].upload(f"/api/v1/question-bank-applications/{bank['id']}/attachments?label={label}", b"%PDF-1.4\n%%EOF\n"), 201, "scan")
                banks[bank["id"]] += 1
                for who, action in (("unit", {"action": "submit"}), ("centre", {"action": "recommend", "recommendAs": "lead", "reason": "durability"})):
                    bank = expect(officers[who].call("POST", f"/api/v1/question-bank-applications/{bank['id']}/actions", {**action, "version": banks[bank["id"]]}),
                                  200, "question-bank " + action["action"])
                    banks[bank["id"]] = bank["version"]
                expect(officers["centre"].call("POST", f"/api/v1/evaluation-centres/{centre}/question-bank-reports", {"call": call, "contact": "某", "phone": "1"}),
                       201, "report")
                banks[bank["id"]] += 1
            except Refused as refused:
                sys.exit(f"durability: round {round_}: {refused}")
            except (ConnectionError, OSError, urllib.error.URLError, http.client.HTTPException):
                pass  # the kill: the connection failed mid-action
            if time.time() > deadline:
                server.send_signal(signal.SIGKILL)
                server.wait()
                killed = True
        if len(acknowledged) + len(skills) + len(banks) == before:
            sys.exit(f"durability: round {round_} had no action acknowledged before its kill")
        server = start(port)
        # Sessions live in the database: the officers are still signed in after the kill.
        assert hr.call("GET", "/api/v1/me")[0] == 200, "session lost in the kill"

    # Every acknowledged action is there, and each trail has one row per version, in order.
    checked = 0
    for application, version in acknowledged.items():
        status, view = office.call("GET", f"/api/v1/applications/{application}")
        assert status == 200, (application, status)
        assert view["version"] >= version, (application, view["version"], version)
        status, trail = office.call("GET", f"/api/v1/applications/{application}/audit")
        assert [row["version"] for row in trail] == list(range(view["version"] + 1)), (application, [row["version"] for row in trail])
        checked += 1
    for application, version in skills.items():
        status, view = assessor.call("GET", f"/api/v1/skill-applications/{application}")
        assert status == 200, (application, status)
        assert view["version"] >= version, (application, view["version"], version)
        status, trail = assessor.call("GET", f"/api/v1/skill-applications/{application}/audit")
        assert [row["version"] for row in trail] == list(range(view["version"] + 1)), (application, [row["version"] for row in trail])
        checked += 1
    for application, version in banks.items():
        status, view = officers["unit"].call("GET", f"/api/v1/question-bank-applications/{application}")
        assert status == 200, (application, status)
        assert view["version"] >= version, (application, view["version"], version)
        status, trail = officers["unit"].call("GET", f"/api/v1/question-bank-applications/{application}/audit")
        assert [row["version"] for row in trail] == list(range(view["version"] + 1)), (application, [row["version"] for row in trail])
        checked += 1
    # The batch's seats are exactly the applications seated in it: none taken twice or lost.
    status, queue = assessor.call("GET", f"/api/v1/evaluation-organisations/{provider}/applications?stage=scheduled")
    status, batches = assessor.call("GET", f"/api/v1/evaluation-organisations/{provider}/batches")
    seats = next(b["seatsTaken"] for b in batches if b["id"] == batch["id"])
    assert seats == len(queue), (seats, len(queue))
    server.send_signal(signal.SIGTERM)
    server.wait()

    if PG:
        # Two processes against one PostgreSQL: a session started on one is honoured by the other.
        first, second = start(port), start(port + 1)
        client = Client(port)
        assert client.call("POST", "/api/v1/session", {"username": f"hr{run}", "password": PASSWORD})[0] == 200
        assert client.call("GET", "/api/v1/me", port=port + 1)[0] == 200, "the second process does not know the session"
        for process in (first, second):
            process.send_signal(signal.SIGTERM)
            process.wait()
        integrity = "not applicable (PostgreSQL commits are checked through the trails above)"
    else:
        database = sqlite3.connect(ENV["GUANTONG_SQLITE_PATH"])
        integrity = database.execute("PRAGMA integrity_check").fetchone()[0]
        assert integrity == "ok", integrity
        # Each case type's cases against the one trail: one row a version.
        orphans = sum(database.execute(f"SELECT COUNT(*) FROM {cases} a WHERE (SELECT COUNT(*) FROM case_events e WHERE e.case_type = '{kind}' AND e.case_id = a.id) != a.version + 1").fetchone()[0]
                      for cases, kind in [("applications", "title-application"), ("skill_applications", "skill-evaluation"), ("qb_applications", "question-bank-project")])
        assert orphans == 0, f"{orphans} applications whose trail does not match their version"
    print(f"durability: {ROUNDS} kills, {len(acknowledged)} title and {len(skills)} skill and {len(banks)} question-bank applications acknowledged, {checked} checked, "
          f"{seats} seats taken, integrity {integrity}")
    print(f"durability ({'PostgreSQL' if PG else 'SQLite'}): {checked} passed, 0 failed")


main()
