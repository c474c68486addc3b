"""Checks `guantong batch` with Excel workbooks as employers use them: an input written by
openpyxl (real date cells, numeric ids, booleans, a second sheet that must be ignored), the
.xlsx output read back by openpyxl and opened by LibreOffice headless, and both compared
cell by cell with the CSV batch of the same people.

    python3 tools/xlsx_check.py .build/debug/guantong

Prints "xlsx: N passed, M failed" and exits non-zero on any failure.
"""
import csv
import datetime
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

PLACE = ["--jurisdiction", "quzhou", "--as-of", "2024-06-30"]
DATE_COLUMNS = {"skill_obtained_on", "title_obtained_on"}
passed = 0
failed = 0


def check(name: str, ok: bool, detail: str = "") -> None:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def run(binary: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *args], capture_output=True, timeout=600)


def csv_rows(text: str) -> list:
    return list(csv.reader(io.StringIO(text)))


def sheet_rows(path: Path) -> list:
    """The first sheet's rows as text, an empty cell as "", each as wide as the sheet's extent."""
    sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
    return [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]


def write_people_workbook(path: Path, rows: list) -> None:
    """The people as an employer's Excel file: dates as date cells, numbers as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "员工名单"
    header = rows[0]
    sheet.append(header)
    for row in rows[1:]:
        cells = []
        for name, value in zip(header, row):
            if value == "":
                cells.append(None)
            elif name in DATE_COLUMNS and len(value) == 10:
                try:
                    cells.append(datetime.date.fromisoformat(value))
                except ValueError:
                    cells.append(value)
            elif name in ("occupation_work_years",) and value.replace(".", "", 1).isdigit():
                cells.append(float(value) if "." in value else int(value))
            elif value in ("true", "false"):
                cells.append(value == "true")
            elif name == "id" and value.isdigit():
                cells.append(int(value))
            else:
                cells.append(value)
        sheet.append(cells)
    other = book.create_sheet("说明")
    other.append(["本工作表不参与评估"])
    book.save(path)


def main() -> int:
    binary = sys.argv[1]
    work = Path(tempfile.mkdtemp(prefix="xlsx-check-"))
    try:
        # 1. A small hand-written set: each kind of cell an employer's file holds.
        people = [
            ["id", "occupation", "skill_level", "skill_obtained_on", "assessments_passed_last_3_years",
             "continuing_education_met", "honors", "occupation_work_years", "title_level", "title_series", "current_occupation"],
            ["1001", "车工", "技师", "2020-05-01", "true", "true", "", "6", "", "", ""],
            ["1002", "维修电工", "高级工", "2023-01-01", "", "", "", "", "", "", ""],
            ["A-3", "", "", "", "", "", "全国技术能手;浙江工匠", "2.5", "", "", ""],
            ["1004", "车工", "大师", "2020-05-01", "", "", "", "", "", "", ""],
            ["1005", "", "", "", "", "", "", "", "中级", "工程", "电工"],
        ]
        people_csv = work / "people.csv"
        with people_csv.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(people)
        people_xlsx = work / "people.xlsx"
        write_people_workbook(people_xlsx, people)
        expected = run(binary, "batch", *PLACE, str(people_csv))
        check("CSV batch of the same people runs", expected.returncode == 0, expected.stderr.decode())
        expected_rows = csv_rows(expected.stdout.decode())

        out = work / "out.xlsx"
        result = run(binary, "batch", *PLACE, str(people_xlsx), "--output", str(out))
        check("xlsx in, xlsx out exits 0", result.returncode == 0, result.stderr.decode())
        got = sheet_rows(out)
        check("openpyxl reads the output: same cells as the CSV batch", got == expected_rows,
              f"\n got {got}\n want {expected_rows}")
        check("a date cell and a numeric id are read as the text they show",
              got[1][:5] == ["1001", "中级", "regular", "eligible", "2023-05-01"], str(got[1]))
        check("a bad row keeps its error cell and the run goes on",
              "大师" in got[4][9] and got[5][0] == "1005", str(got[4:]))

        # The same output, piped: xlsx on standard output when asked for.
        piped = run(binary, "batch", *PLACE, str(people_xlsx))
        check("xlsx in with no --output writes an xlsx to standard output", piped.stdout[:4] == b"PK\x03\x04")
        as_csv = run(binary, "batch", *PLACE, str(people_xlsx), "--format", "csv")
        check("xlsx in, --format csv out equals the CSV batch", csv_rows(as_csv.stdout.decode()) == expected_rows)

        # 2. LibreOffice opens the output.
        office = shutil.which("libreoffice") or shutil.which("soffice")
        if office is None:
            check("LibreOffice is installed", False)
        else:
            converted = subprocess.run([office, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                                        "--outdir", str(work / "lo"), str(out)], capture_output=True, timeout=300)
            lo_csv = work / "lo" / "out.csv"
            check("LibreOffice converts the output headless", converted.returncode == 0 and lo_csv.exists(), converted.stderr.decode())
            if lo_csv.exists():
                lo_rows = csv_rows(lo_csv.read_text(encoding="utf-8"))
                check("LibreOffice sees the same cells", lo_rows == expected_rows, f"\n got {lo_rows}\n want {expected_rows}")

        # 3. A generated population of 20,000 through both formats: the same answers, row by row.
        population = run(binary, "generate-population", "--rows", "20000", "--seed", "11", "--jurisdiction", "quzhou")
        generated = csv_rows(population.stdout.decode())
        population_csv = work / "population.csv"
        population_csv.write_bytes(population.stdout)
        population_xlsx = work / "population.xlsx"
        write_people_workbook(population_xlsx, generated)
        from_csv = csv_rows(run(binary, "batch", *PLACE, str(population_csv)).stdout.decode())
        big_out = work / "population-out.xlsx"
        big = run(binary, "batch", *PLACE, str(population_xlsx), "-o", str(big_out))
        big_rows = sheet_rows(big_out) if big.returncode == 0 else []
        check("20,000 generated people: xlsx and CSV batches agree row by row",
              len(big_rows) == 20001 and big_rows == from_csv,
              f"{len(big_rows)} rows; first difference: " + next((f"{a} != {b}" for a, b in zip(big_rows, from_csv) if a != b), "none"))

        # 4. Not a workbook, or not a file: a clear message and status 1, nothing written.
        broken = work / "broken.xlsx"
        broken.write_bytes(b"PK\x03\x04 not really a zip")
        refused = run(binary, "batch", *PLACE, str(broken), "-o", str(work / "never.xlsx"))
        check("a broken workbook is refused with a reason", refused.returncode == 1 and "xlsx" in refused.stderr.decode()
              and not (work / "never.xlsx").exists(), refused.stderr.decode())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"xlsx: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
