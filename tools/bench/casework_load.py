"""Load benchmark of the title and skill casework (not a test: it prints figures).

    python3 tools/bench/casework_load.py .build/release/guantong [--applications 100000] [--users 50] [--seconds 15] [--workers 10] [--plans 600]
    DATABASE_URL=postgres://… python3 tools/bench/casework_load.py …   # on PostgreSQL (a fresh database beside it)

1. Sets up a 衢州 committee, an employer and its HR officer with `guantong admin`, starts the
   server, publishes a plan and submits one application through the API.
2. Fills the database to --applications by copying that application's rows (application,
   handlers, revisions, audit trail) under new ids in SQL: far quicker than the API, and the
   queue reads the same rows either way.
3. Queue: --users officers' sessions, one per wrk connection, ask for the first page of the
   employer's queue filtered by plan and stage; prints wrk's p50/p90/p99.
4. Submissions: --users connections post applications with `"submit": true` for --seconds
   (each one evaluated, routed, written with its audit row); prints how many were accepted a second.
   A person applies once per plan and level (migration 015), so each request is another
   (person, plan) pair: --workers people across --plans open plans of the same committee.
5. The same two for skill evaluations (--applications of them too, copied from one promotion
   application to 衢州市技师学院): the provider's queue, then submissions.
6. Mixed: --users clients for --seconds, each taking newcomers through the casework one after
   another (register, fill the record, apply, upload the material; the employer's HR confirms
   and recommends): requests a second, each answer's latency, and every unexpected answer.
"""
import concurrent.futures
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
from casework import Client, mixed_flow  # noqa: E402

PORT = 18093
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "load-test-password"
COMMITTEE = "衢州市工程技术和工业企业信息化领域人员中级职务评审委员会"


def option(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def admin(binary, env, *arguments, stdin=None):
    done = subprocess.run([binary, "admin", *arguments], env=env, input=stdin, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise SystemExit(f"admin {arguments[0]}: {done.stderr or done.stdout}")
    return done.stdout


def call(method, path, body=None, cookie=None):
    headers = {"Content-Type": "application/json"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(BASE + path, method=method, headers=headers,
                                     data=json.dumps(body).encode() if body is not None else None)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read() or b"null"), answer.headers.get_all("Set-Cookie") or []
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), []


def wait_for_server():
    for _ in range(300):
        try:
            urllib.request.urlopen(BASE + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def sign_in(username):
    status, body, cookies = call("POST", "/api/v1/session", {"username": username, "password": PASSWORD})
    if status != 200:
        raise SystemExit(f"sign-in {username}: {status} {body}")
    return next(c.split(";")[0] for c in cookies if c.startswith("gt_session="))


def copy_rows(database, template, count, cases="applications"):
    """Copies the template case's rows (in `cases`: applications or skill_applications) under
    `count` new ids, in one transaction."""
    postgres = not isinstance(database, str)
    # The case's own rows, then its rows in the tables every case type shares (keyed by case_id).
    # Each copy is another person's (one application per person, plan and level: migration 015),
    # so the applicant's user row is copied first under a new id and a numbered username.
    tables = ["users", cases] + (["application_handlers"] if cases == "applications" else []) + ["case_revisions", "case_events"]
    if postgres:
        url = database["url"]

        def sql(statement):
            subprocess.run(["psql", url, "-q", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True, capture_output=True, text=True)

        def columns(table):
            out = subprocess.run(["psql", url, "-At", "-c", f"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position"],
                                 check=True, capture_output=True, text=True).stdout
            return out.split()
        script = ["BEGIN;", f"CREATE TEMP TABLE copies AS SELECT gen_random_uuid() AS id, gen_random_uuid() AS user_id, n FROM generate_series(1, {count}) AS n;"]
        for table in tables:
            names = columns(table)
            if table == "users":
                select = ", ".join("copies.user_id" if n == "id" else "t.username || '-' || copies.n" if n == "username" else f"t.{n}" for n in names)
                where = f"t.id = (SELECT applicant_id FROM {cases} WHERE id = '{template}')"
            elif table == cases:
                select = ", ".join("copies.id" if n == "id" else "copies.user_id" if n == "applicant_id" else f"t.{n}" for n in names)
                where = f"t.id = '{template}'"
            else:
                key = "application_id" if table == "application_handlers" else "case_id"
                select = ", ".join("gen_random_uuid()" if n == "id" else "copies.id" if n == key else f"t.{n}" for n in names)
                where = f"t.{key} = '{template}'"
            script.append(f"INSERT INTO {table} ({', '.join(names)}) SELECT {select} FROM copies, {table} t WHERE {where};")
        script.append("COMMIT; ANALYZE;")
        sql("\n".join(script))
        return
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=WAL")
    ids = [str(__import__("uuid").uuid4()).upper() for _ in range(count)]
    users = {new: str(__import__("uuid").uuid4()).upper() for new in ids}
    applicant = connection.execute(f"SELECT applicant_id FROM {cases} WHERE id = ?", (template,)).fetchone()[0]
    with connection:
        for table in tables:
            names = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            key = "id" if table in (cases, "users") else "application_id" if table == "application_handlers" else "case_id"
            rows = connection.execute(f"SELECT {', '.join(names)} FROM {table} WHERE {key} = ?", (applicant if table == "users" else template,)).fetchall()
            placeholders = ", ".join("?" for _ in names)
            for row in rows:
                def copy(pair):
                    number, new = pair
                    values = list(row)
                    for index, name in enumerate(names):
                        if table == "users":
                            if name == "id":
                                values[index] = users[new]
                            elif name == "username":
                                values[index] = f"{values[index]}-{number}"
                        elif name == "id":
                            values[index] = new if table == cases else str(__import__("uuid").uuid4()).upper()
                        elif name == key:
                            values[index] = new
                        elif name == "applicant_id":
                            values[index] = users[new]
                    return values
                connection.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({placeholders})", (copy(pair) for pair in enumerate(ids, 1)))
    connection.execute("ANALYZE")
    connection.close()


def count_applications(database, cases="applications"):
    """Rows in a cases table (the queue's total stops counting at its limit)."""
    if not isinstance(database, str):
        return int(subprocess.run(["psql", database["url"], "-At", "-c", f"SELECT count(*) FROM {cases}"],
                                  check=True, capture_output=True, text=True).stdout)
    connection = sqlite3.connect(database)
    try:
        return connection.execute(f"SELECT count(*) FROM {cases}").fetchone()[0]
    finally:
        connection.close()


WRK_THREADS = 2


def wrk(script, path, users, seconds):
    out = subprocess.run(["wrk", f"-t{WRK_THREADS}", f"-c{users}", f"-d{seconds}s", "--latency", "-s", script, BASE + path],
                         capture_output=True, text=True, timeout=seconds + 120).stdout
    return out


def mixed(employer, plan, year, users, seconds):
    """Phase 6: newcomers through the casework from `users` clients at once for `seconds`."""
    import threading
    latencies, errors, lock = [], [], threading.Lock()

    class Timed(Client):
        def call(self, *arguments, **keywords):
            started = time.perf_counter()
            answer = super().call(*arguments, **keywords)
            with lock:
                latencies.append(time.perf_counter() - started)
            return answer

    def step(what, answer, wanted):
        if answer[0] != wanted:
            with lock:
                errors.append(f"{what}: {answer[0]} {answer[1]}")
            return None
        return answer[1]

    person = {"skills": [{"occupation": "车工", "level": "技师", "obtainedOn": f"{year - 6}-05-01"}],
              "annualAssessments": [{"year": year - k, "passed": True} for k in range(1, 4)]}
    run = f"{random.randrange(1 << 30):x}"

    # One HR session a client, signed in one after another (sign-ins at once for one account
    # count as guesses until each is answered).
    officers = [Timed(BASE) for _ in range(users)]
    for hr in officers:
        signed = hr.call("POST", "/api/v1/session", {"username": "load-hr", "password": PASSWORD})
        if signed[0] != 200:
            raise SystemExit(f"mixed: the HR officer could not sign in: {signed}")
    latencies.clear()

    def client(index):
        hr = officers[index]
        flow = 0
        while time.time() < deadline:
            mixed_flow(BASE, hr, plan, employer, person, f"mix-{run}-{index}-{flow}", PASSWORD, step, new_client=Timed)
            flow += 1
        return flow

    print(f"mixed workload (register, record, apply, upload; HR confirms and recommends), {users} clients for {seconds} s:")
    started = time.time()
    deadline = started + seconds
    with concurrent.futures.ThreadPoolExecutor(users) as pool:
        flows = sum(pool.map(client, range(users)))
    elapsed = time.time() - started
    latencies.sort()
    for error in errors[:10]:
        print("  " + error)
    print(f"mixed: {flows} newcomers, {len(latencies)} requests in {elapsed:.1f} s, {len(latencies) / elapsed:.0f} requests/s, "
          f"p50 {latencies[len(latencies) // 2] * 1000:.0f} ms, p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms, "
          f"unexpected answers: {len(errors)}")


def main():
    binary = os.path.abspath(sys.argv[1])
    applications, users, seconds = option("--applications", 100000), option("--users", 50), option("--seconds", 15)
    workers, plans = option("--workers", 10), option("--plans", 600)
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    scratch = tempfile.mkdtemp(prefix="guantong-load-")
    env = {**os.environ, "GUANTONG_REGISTRATIONS_PER_MINUTE": "100000"}
    url = os.environ.get("DATABASE_URL", "")
    fresh = None
    if url:
        fresh = f"guantong_load_{random.randrange(1 << 30)}"
        subprocess.run(["psql", url, "-q", "-c", f"CREATE DATABASE {fresh}"], check=True, capture_output=True)
        env["DATABASE_URL"] = re.sub(r"/[^/?]+(\?|$)", f"/{fresh}\\1", url, count=1)
        database = {"url": env["DATABASE_URL"].replace("?sslmode=disable", "")}
        kind = "PostgreSQL"
    else:
        env["GUANTONG_SQLITE_PATH"] = os.path.join(scratch, "load.sqlite")
        database = env["GUANTONG_SQLITE_PATH"]
        kind = "SQLite"
    server = None
    try:
        committee = re.search(r"[0-9A-F-]{36}", admin(binary, env, "create-org", "--kind", "committee", "--name", "衢州评委会（负载测试）",
                                                        "--jurisdiction", "quzhou", "--committee", COMMITTEE), re.I).group(0)
        employer = re.search(r"[0-9A-F-]{36}", admin(binary, env, "create-org", "--kind", "employer", "--name", "衢州负载测试机械公司",
                                                       "--jurisdiction", "quzhou"), re.I).group(0)
        for username, role, org in [("load-office", "committee_office", committee), ("load-hr", "employer", employer)]:
            admin(binary, env, "create-user", "--username", username, "--name", username, stdin=PASSWORD + "\n")
            admin(binary, env, "grant", "--user", username, "--org", org, "--role", role)
        for k in range(workers):
            admin(binary, env, "create-user", "--username", f"load-worker-{k}", "--name", f"负载申请人{k}", stdin=PASSWORD + "\n")
        # Skill evaluations: a provider the data lists (衢州市技师学院), its assessor, and workers
        # holding 焊工 高级工 who apply for 技师 (promotion).
        provider = re.search(r"[0-9A-F-]{36}", admin(binary, env, "create-org", "--kind", "evaluation_organisation", "--name", "衢州负载测试技师学院",
                                                       "--jurisdiction", "quzhou", "--provides", "衢州市技师学院"), re.I).group(0)
        admin(binary, env, "create-user", "--username", "load-assessor", "--name", "load-assessor", stdin=PASSWORD + "\n")
        admin(binary, env, "grant", "--user", "load-assessor", "--org", provider, "--role", "evaluation_organisation")
        for k in range(workers):
            admin(binary, env, "create-user", "--username", f"load-welder-{k}", "--name", f"负载技能申请人{k}", stdin=PASSWORD + "\n")
        server = subprocess.Popen([binary, "serve", "--port", str(PORT)], env=env, cwd=scratch, stdout=open(os.environ.get("LOAD_SERVER_LOG", os.devnull), "a"), stderr=subprocess.STDOUT)
        wait_for_server()
        today = time.strftime("%Y-%m-%d")
        year = int(today[:4])
        office = sign_in("load-office")
        plan_ids = []
        for k in range(plans):
            status, plan, _ = call("POST", "/api/v1/plans", {"committee": committee, "plan": {
                "year": year, "title": f"{year}年度负载测试评审计划（{k + 1}）", "series": ["机电制造工程"], "levels": ["中级"],
                "opensOn": f"{year}-01-01", "closesOn": f"{year}-12-31", "checksDueOn": f"{year + 1}-01-31", "reviewOn": f"{year + 1}-02-28",
                "steps": [{"role": "employer", "act": "推荐"}], "separateGroup": True, "materials": ["技能等级证书"], "publicityDays": 5,
                "members": 7, "votingRule": {"quorumNumerator": 2, "quorumDenominator": 3, "passNumerator": 2, "passDenominator": 3,
                                             "source": "负载测试：评委会评审工作规则"}, "notice": "负载测试通知"}}, office)
            if status != 201:
                raise SystemExit(f"plan: {status} {plan}")
            plan_ids.append(plan["id"])
        plan = {"id": plan_ids[0]}
        people = []
        for i in range(workers):
            person = sign_in(f"load-worker-{i}")
            status, body, _ = call("PUT", "/api/v1/me/record", {"skills": [{"occupation": "车工", "level": "技师", "obtainedOn": f"{year - 6}-05-01"}],
                                                                "annualAssessments": [{"year": year - k, "passed": True} for k in range(1, 4)]}, person)
            if status != 200:
                raise SystemExit(f"record: {status} {body}")
            people.append(person)
        worker = people[0]
        submission = {"plan": plan["id"], "route": "regular", "level": "中级", "employer": employer, "submit": True}
        status, first, _ = call("POST", "/api/v1/applications", submission, worker)
        if status != 201:
            raise SystemExit(f"submission: {status} {first}")
        welders = []
        for i in range(workers):
            welder = sign_in(f"load-welder-{i}")
            status, body, _ = call("PUT", "/api/v1/me/record", {"skills": [{"occupation": "焊工", "level": "高级工", "obtainedOn": f"{year - 3}-05-01"}],
                                                                "currentOccupation": "焊工"}, welder)
            if status != 200:
                raise SystemExit(f"skill record: {status} {body}")
            welders.append(welder)
        skill_submission = {"provider": provider, "route": "promotion", "occupation": "焊工", "workType": "电焊工", "level": "技师", "submit": True}
        status, first_skill, _ = call("POST", "/api/v1/skill-applications", skill_submission, welders[0])
        if status != 201:
            raise SystemExit(f"skill submission: {status} {first_skill}")
        server.terminate()
        server.wait(timeout=30)
        started = time.time()
        copy_rows(database, first["id"], applications - 1)
        copy_rows(database, first_skill["id"], applications - 1, cases="skill_applications")
        print(f"{kind}: {applications} title and {applications} skill applications in the database (copied in {time.time() - started:.1f} s)")
        server = subprocess.Popen([binary, "serve", "--port", str(PORT)], env=env, cwd=scratch, stdout=open(os.environ.get("LOAD_SERVER_LOG", os.devnull), "a"), stderr=subprocess.STDOUT)
        wait_for_server()
        cookies = [sign_in("load-hr") for _ in range(users)]
        status, page, _ = call("GET", f"/api/v1/queue?plan={plan['id']}&stage=checking", cookie=cookies[0])
        print(f"queue check: {status}, total {page.get('total') if isinstance(page, dict) else page}, first page {len(page.get('items', [])) if isinstance(page, dict) else 0} lines")
        report = """
function done(summary, latency, requests)
  io.write(string.format("requests/s: %.0f\\n", summary.requests / (summary.duration / 1e6)))
  for _, p in pairs({50, 90, 99}) do io.write(string.format("p%d latency: %.2f ms\\n", p, latency:percentile(p) / 1000)) end
  io.write(string.format("non-2xx or errors: %d\\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""
        # One session a connection: wrk's setup() hands each thread its share of the cookies.
        cookie_list = "{" + ",".join(json.dumps(c) for c in cookies) + "}"
        queue_script = os.path.join(scratch, "queue.lua")
        with open(queue_script, "w") as file:
            file.write(f"""
local cookies = {cookie_list}
local counter = 0
local n = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
function request()
  n = n + 1
  local cookie = cookies[((offset * 7919 + n) % #cookies) + 1]
  return wrk.format("GET", nil, {{["Cookie"] = cookie}})
end
""" + report)
        print(f"queue (first page, filtered by plan and stage), {users} signed-in users:")
        print(wrk(queue_script, f"/api/v1/queue?plan={plan['id']}&stage=checking", users, seconds))
        submit_script = os.path.join(scratch, "submit.lua")
        # Request n of thread t is pair g = (n - 1) * threads + (t - 1): person g mod workers, plan
        # g div workers (the first plan is the template's, already applied for by the first person).
        bodies = [json.dumps({**submission, "plan": plan_id}) for plan_id in plan_ids[1:]]
        with open(submit_script, "w") as file:
            file.write(f"""
local cookies = {{{",".join(json.dumps(c) for c in people)}}}
local bodies = {{{",".join(json.dumps(b) for b in bodies)}}}
local threads = {WRK_THREADS}
local counter = 0
local n = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
function request()
  n = n + 1
  local g = (n - 1) * threads + (offset - 1)
  local person = (g % #cookies) + 1
  local body = bodies[(math.floor(g / #cookies) % #bodies) + 1]
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json", ["Cookie"] = cookies[person]}}, body)
end
""" + report)
        def total():
            return count_applications(database)
        before = total()
        if "--probe" in sys.argv:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(users) as pool:
                answers = list(pool.map(lambda _: call("POST", "/api/v1/applications", submission, worker), range(users * 4)))
            print("probe:", sorted({(a[0], (a[1] or {}).get("title") if isinstance(a[1], dict) else "") for a in answers}, key=str))
            before = total()
        print(f"submissions (evaluated, routed, written with their audit rows), {users} connections:")
        out = wrk(submit_script, "/api/v1/applications", users, seconds)
        print(out)
        elapsed = float(re.search(r"requests in ([0-9.]+)s", out).group(1))
        accepted = total() - before
        print(f"accepted: {accepted} new applications in the database, {accepted / elapsed:.0f} a second"
              f" (pairs available: {workers * (plans - 1)})")

        # Skill evaluations: the provider's queue (its first page of 20, as its desk shows it),
        # then submissions (any number per person: the documents set no such limit).
        assessors = [sign_in("load-assessor") for _ in range(users)]
        skill_queue = f"/api/v1/evaluation-organisations/{provider}/applications?page=1&size=20"
        status, items, _ = call("GET", skill_queue, cookie=assessors[0])
        print(f"skill queue check: {status}, {len(items) if isinstance(items, list) else items} lines")
        skill_queue_script = os.path.join(scratch, "skill-queue.lua")
        with open(skill_queue_script, "w") as file:
            file.write(f"""
local cookies = {{{",".join(json.dumps(c) for c in assessors)}}}
local counter = 0
local n = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
function request()
  n = n + 1
  return wrk.format("GET", nil, {{["Cookie"] = cookies[((offset * 7919 + n) % #cookies) + 1]}})
end
""" + report)
        print(f"skill queue (the provider's list), {users} signed-in users:")
        print(wrk(skill_queue_script, skill_queue, users, seconds))
        skill_script = os.path.join(scratch, "skill-submit.lua")
        with open(skill_script, "w") as file:
            file.write(f"""
local cookies = {{{",".join(json.dumps(c) for c in welders)}}}
local body = {json.dumps(json.dumps(skill_submission))}
local counter = 0
local n = 0
function setup(thread) counter = counter + 1; thread:set("offset", counter) end
function request()
  n = n + 1
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json", ["Cookie"] = cookies[((offset * 7919 + n) % #cookies) + 1]}}, body)
end
""" + report)
        before = count_applications(database, "skill_applications")
        print(f"skill submissions (evaluated, written with their audit rows), {users} connections:")
        out = wrk(skill_script, "/api/v1/skill-applications", users, seconds)
        print(out)
        elapsed = float(re.search(r"requests in ([0-9.]+)s", out).group(1))
        accepted = count_applications(database, "skill_applications") - before
        print(f"accepted: {accepted} new skill applications in the database, {accepted / elapsed:.0f} a second")
        mixed(employer, plan["id"], year, users, seconds)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(scratch, ignore_errors=True)
        if fresh:
            subprocess.run(["psql", url, "-q", "-c", f"DROP DATABASE IF EXISTS {fresh} WITH (FORCE)"], capture_output=True)


if __name__ == "__main__":
    main()
