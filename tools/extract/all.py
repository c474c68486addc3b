"""Runs every extraction script in this folder (all *.py but common.py and this file).

Scripts run in sorted order with the same Python; arguments (such as --check) are passed
through. Exits non-zero when any script fails.
"""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SKIP = {"common.py", Path(__file__).name}


def main() -> None:
    failed = []
    # catalog.py reads the tables the others write, so it runs after them; pinyin.py reads
    # occupations.csv, which catalog.py writes, so it runs last.
    order = {"catalog.py": 1, "pinyin.py": 2}
    for script in sorted(HERE.glob("*.py"), key=lambda path: (order.get(path.name, 0), path.name)):
        if script.name in SKIP:
            continue
        print(f"== {script.name}", flush=True)
        result = subprocess.run([sys.executable, str(script), *sys.argv[1:]])
        if result.returncode != 0:
            failed.append(script.name)
    if failed:
        print("failed: " + ", ".join(failed))
        raise SystemExit(1)


if __name__ == "__main__":
    main()
