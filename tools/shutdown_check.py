"""Graceful stop under load: the server gets SIGTERM while clients are being answered, and
must exit 0 without a crash (a handler still running must not meet a closed database).

    python3 tools/shutdown_check.py .build/debug/guantong [--rounds 5]
"""
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

PORT = 18097
BASE = f"http://127.0.0.1:{PORT}"


def hammer(stop):
    while not stop.is_set():
        for path in ("/api/v1/plans", "/api/v1/organisations", "/healthz"):
            try:
                urllib.request.urlopen(BASE + path, timeout=5).read()
            except OSError:
                pass


def main():
    binary = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5
    failed = 0
    for round_number in range(1, rounds + 1):
        with tempfile.TemporaryDirectory(prefix="guantong-stop-") as scratch:
            env = {**os.environ, "GUANTONG_SQLITE_PATH": os.path.join(scratch, "stop.sqlite")}
            env.pop("DATABASE_URL", None)
            log_path = os.path.join(scratch, "server.log")
            with open(log_path, "w") as log:
                server = subprocess.Popen([binary, "serve", "--port", str(PORT)], env=env, cwd=scratch, stdout=log, stderr=subprocess.STDOUT)
                for _ in range(600):
                    try:
                        urllib.request.urlopen(BASE + "/healthz", timeout=1)
                        break
                    except OSError:
                        time.sleep(0.1)
                stop = threading.Event()
                clients = [threading.Thread(target=hammer, args=(stop,), daemon=True) for _ in range(16)]
                for client in clients:
                    client.start()
                time.sleep(1.5)
                server.send_signal(signal.SIGTERM)
                try:
                    code = server.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    server.kill()
                    code = "timeout"
                stop.set()
                for client in clients:
                    client.join(timeout=10)
            text = open(log_path, encoding="utf-8", errors="replace").read()
            crashed = "crashed" in text or "Fatal error" in text
            ok = code == 0 and not crashed
            failed += 0 if ok else 1
            print(f"{'ok  ' if ok else 'FAIL'} round {round_number}: SIGTERM under load, exit {code}" + (", crash in the log" if crashed else ""))
            if not ok:
                print("\n".join([line for line in text.splitlines() if "crash" in line or "runtime failure" in line or " at /" in line][:12]))
    print(f"shutdown: {rounds - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
