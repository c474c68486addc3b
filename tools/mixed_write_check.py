#!/usr/bin/env python3
"""Mixed writes at once on the embedded SQLite: registrations, records, applications, uploads
and the employer's confirmations and recommendations from several clients together.

Every answer must be the one the step expects (201/200/202); any other, a 500 above all (the
"database is locked" of writes that bypass the write path), is counted as an error and the
check fails unless there are none. Starts its own server on a scratch database.

usage: mixed_write_check.py BINARY [--clients 8] [--flows 15] [--port 18600]
"""
import argparse, concurrent.futures, os, subprocess, sys, tempfile, time, urllib.request, uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from casework import QUZHOU_COMMITTEE, Client, china_today, mixed_flow, one_day_plan  # noqa: E402

ARGUMENTS = argparse.ArgumentParser(description="mixed concurrent writes on SQLite")
ARGUMENTS.add_argument("binary")
ARGUMENTS.add_argument("--clients", type=int, default=8)
ARGUMENTS.add_argument("--flows", type=int, default=15, help="flows per client")
ARGUMENTS.add_argument("--port", type=int, default=18600)
OPTIONS = ARGUMENTS.parse_args()

WORK = tempfile.mkdtemp(prefix="guantong-mixed-")
ENV = dict(os.environ, GUANTONG_SQLITE_PATH=os.path.join(WORK, "mixed.sqlite"), GUANTONG_REGISTRATIONS_PER_MINUTE="100000")
ENV.pop("DATABASE_URL", None)
PASSWORD = "mixed-writes-password"
BASE = f"http://127.0.0.1:{OPTIONS.port}"


def admin(*args, stdin=None):
    out = subprocess.run([OPTIONS.binary, "admin", *args], input=stdin, capture_output=True, text=True, env=ENV, timeout=120)
    if out.returncode != 0:
        sys.exit(f"admin {args[0]} failed: {out.stderr}")
    return out.stdout.strip().splitlines()[-1]


def main():
    run = uuid.uuid4().hex[:8]
    committee = admin("create-org", "--kind", "committee", "--name", f"评委会{run}", "--jurisdiction", "quzhou", "--committee", QUZHOU_COMMITTEE)
    employer = admin("create-org", "--kind", "employer", "--name", f"单位{run}", "--jurisdiction", "quzhou")
    for user, role, org in [(f"office{run}", "committee_office", committee), (f"hr{run}", "employer", employer)]:
        admin("create-user", "--username", user, "--name", user, stdin=PASSWORD + "\n")
        admin("grant", "--user", user, "--org", org, "--role", role)
    log = open(os.path.join(WORK, "server.log"), "a")
    server = subprocess.Popen([OPTIONS.binary, "serve", "--port", str(OPTIONS.port)], stdout=log, stderr=log, env=ENV)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(BASE + "/healthz", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        office, hr = Client(BASE), Client(BASE)
        assert office.call("POST", "/api/v1/session", {"username": f"office{run}", "password": PASSWORD})[0] == 200
        assert hr.call("POST", "/api/v1/session", {"username": f"hr{run}", "password": PASSWORD})[0] == 200
        year = int(china_today()[:4])
        status, plan = office.call("POST", "/api/v1/plans", one_day_plan(committee, "mixed", publicity_days=1))
        assert status == 201, plan
        person = {"skills": [{"occupation": "车工", "level": "技师", "obtainedOn": f"{year - 5}-05-01"}],
                  "annualAssessments": [{"year": year - k, "passed": True} for k in (1, 2, 3)]}

        def flows(index):
            answers, errors = 0, []

            def step(what, answer, wanted):
                nonlocal answers
                answers += 1
                if answer[0] != wanted:
                    errors.append(f"{what}: {answer[0]} {answer[1]}")
                    return None
                return answer[1]

            for flow in range(OPTIONS.flows):
                mixed_flow(BASE, hr, plan["id"], employer, person, f"m{run}-{index}-{flow}", PASSWORD, step)
            return answers, errors

        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(OPTIONS.clients) as pool:
            results = list(pool.map(flows, range(OPTIONS.clients)))
        answers = sum(count for count, _ in results)
        errors = [error for _, found in results for error in found]
        for error in errors[:10]:
            print("  " + error)
        print(f"mixed writes: {OPTIONS.clients} clients, {answers} requests in {time.time() - started:.1f} s, "
              f"{sum('500' in e.split(':', 1)[1][:5] for e in errors)} answered 500, {len(errors)} errors")
        print(f"mixed writes: {answers - len(errors)} passed, {len(errors)} failed")
        return 1 if errors else 0
    finally:
        server.terminate()
        server.wait()


sys.exit(main())
