#!/usr/bin/env python3
"""Feeds the service and the batch the inputs that once stalled or broke them, and prints
for each how long it took, how it was answered and the peak memory of the process.

    python3 tools/bench/pathological.py .build/release/guantong

Every input must be answered or refused in well under a second (the 1 GB files: the time
to stream them past), with memory that does not grow with the input. Loopback only.
"""
import concurrent.futures
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

exe = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/release/guantong")
work = tempfile.mkdtemp(prefix="guantong-pathological-")
rows = []


def report(name, seconds, outcome, rss_kb=None):
    rows.append((name, seconds, outcome, rss_kb))
    memory = f"{rss_kb / 1024:7.1f} MB" if rss_kb else "        -"
    print(f"{name:<58} {seconds * 1000:9.1f} ms  {memory}  {outcome}", flush=True)


def run(name, args, stdin=None):
    """Runs the CLI under /usr/bin/time: wall seconds, exit status, peak RSS."""
    start = time.monotonic()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        done = subprocess.run(["/usr/bin/time", "-f", "%M", exe] + args, stdin=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seconds = time.monotonic() - start
    rss = int(done.stderr.decode().strip().splitlines()[-1])
    lines = done.stdout.count(b"\n")
    report(name, seconds, f"exit {done.returncode}, {lines} output lines", rss)
    return done


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, headers=None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        error.read()
        status = error.code
    except ConnectionError:
        status = "connection closed by the HTTP layer"
    return time.monotonic() - start, status


def server_checks():
    port = free_port()
    env = dict(os.environ, GUANTONG_SQLITE_PATH=os.path.join(work, "bench.sqlite"))
    server = subprocess.Popen([exe, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                http("GET", base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        name = "车" * 85_000  # about 250 KB
        body = json.dumps({"jurisdiction": "zhejiang", "person": {"skills": [{"occupation": name, "level": "技师"}]}}, ensure_ascii=False).encode()
        json_headers = {"Content-Type": "application/json"}
        seconds, status = http("POST", base + "/api/v1/evaluations", body, json_headers)
        report("POST evaluation, 250 KB occupation name", seconds, f"HTTP {status}")
        with concurrent.futures.ThreadPoolExecutor(max_workers=9) as pool:
            heavy = [pool.submit(http, "POST", base + "/api/v1/evaluations", body, json_headers) for _ in range(8)]
            time.sleep(0.01)
            health = pool.submit(http, "GET", base + "/healthz")
            seconds, status = health.result()
            report("GET /healthz while 8 such requests run", seconds, f"HTTP {status}")
            for future in heavy:
                future.result()
        seconds, status = http("GET", base + "/api/v1/providers?occupation=" + "%E8%BD%A6" * 9_000)
        report("GET /api/v1/providers, 79 KB address", seconds, f"HTTP {status}")
        seconds, status = http("GET", base + "/api/v1/providers?occupation=" + "%E8%BD%A6" * 27_000)
        report("GET /api/v1/providers, 243 KB address", seconds, f"HTTP {status}")
        seconds, status = http("GET", base + "/api/v1/providers?jurisdiction=quzhou&occupation=" + "%E8%BD%A6" * 2_000)
        report("GET /api/v1/providers, 6 KB occupation", seconds, f"HTTP {status}")
        seconds, status = http("GET", base + "/" + "a" * 300)
        report("GET a 300-byte path segment", seconds, f"HTTP {status}")
        seconds, status = http("POST", base + "/api/v1/evaluations", b'{"jurisdiction":"zhejiang","asOf":"9998-06-30"}', json_headers)
        report("POST evaluation, asOf 9998-06-30", seconds, f"HTTP {status}")
        with open(f"/proc/{server.pid}/status") as status_file:
            rss = next(int(line.split()[1]) for line in status_file if line.startswith("VmHWM"))
        report("server peak memory after all of the above", 0, "alive" if server.poll() is None else "DIED", rss)
    finally:
        server.terminate()
        server.wait()


def csv_file(name, write):
    path = os.path.join(work, name)
    with open(path, "wb") as out:
        write(out)
    return path


def batch_checks():
    header = b"id,occupation,skill_level,skill_obtained_on\n"
    good = b"".join(b"g%d,\xe8\xbd\xa6\xe5\xb7\xa5,\xe6\x8a\x80\xe5\xb8\x88,2020-01-01\n" % i for i in range(100))

    def with_middle(middle):
        return lambda out: (out.write(header), out.write(good), out.write(middle), out.write(good))

    cases = [
        ("batch: a 4 MB occupation cell", with_middle(b"big," + "车".encode() * 1_400_000 + b",\xe6\x8a\x80\xe5\xb8\x88,2020-01-01\n")),
        ("batch: a row with invalid UTF-8", with_middle(b"bad,\xff\xfe,\xe6\x8a\x80\xe5\xb8\x88,2020-01-01\n")),
        ("batch: a stray quote", with_middle(b'stray,ab"c,\xe6\x8a\x80\xe5\xb8\x88,2020-01-01\n')),
        ("batch: an unclosed quote", with_middle(b'open,"abc,\xe6\x8a\x80\xe5\xb8\x88,2020-01-01\n')),
        ("batch: CR-only line ends", lambda out: (out.write(header.replace(b"\n", b"\r")), out.write(good.replace(b"\n", b"\r")))),
    ]

    def one_gb_line(out):
        out.write(header)
        out.write(good)
        chunk = b"x" * (1 << 20)
        for _ in range(1024):
            out.write(chunk)
        out.write(b"\n")
        out.write(good)

    def one_gb_header(out):
        chunk = b"h" * (1 << 20)
        for _ in range(1024):
            out.write(chunk)

    cases += [("batch: a 1 GB line", one_gb_line), ("batch: a 1 GB header without a line end", one_gb_header)]
    for name, write in cases:
        path = csv_file("case.csv", write)
        run(name, ["batch", "--jurisdiction", "quzhou", "--as-of", "2024-06-30", path])
        os.remove(path)
    run("batch: --as-of 9998-06-30", ["batch", "--jurisdiction", "quzhou", "--as-of", "9998-06-30", os.devnull])


def workbook(path, sheet_writer):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet_writer(sheet)


def xlsx_checks():
    head = b'<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>occupation</t></is></c></row>'

    def big_cell(sheet):
        sheet.write(head + b'<row r="2"><c t="inlineStr"><is><t>1</t></is></c><c t="inlineStr"><is><t>')
        for _ in range(32):
            sheet.write(b"A" * (1 << 20))
        sheet.write(b"</t></is></c></row></sheetData></worksheet>")

    def bomb(sheet):
        sheet.write(head)
        chunk = b" " * (1 << 20)
        for _ in range(2048):
            sheet.write(chunk)
        sheet.write(b"</sheetData></worksheet>")

    for name, writer in [("xlsx: 32 MB in one cell", big_cell), ("xlsx: 2 GB of XML in a small file", bomb)]:
        path = os.path.join(work, "case.xlsx")
        workbook(path, writer)
        size = os.path.getsize(path)
        run(f"{name} ({size // 1024} KB file)", ["batch", "--jurisdiction", "quzhou", "--as-of", "2024-06-30", path])
        os.remove(path)


server_checks()
batch_checks()
xlsx_checks()
slow = [r for r in rows if r[1] >= 1.0 and "1 GB" not in r[0]]
print(f"{len(rows)} inputs; {len(slow)} took a second or more (the 1 GB files excepted)")
