"""Builds occupations.csv, the one occupation catalogue across documents.

A name enters the catalogue when any table prints it (or parameters.yaml names it as an
access-type occupation), unless aliases.csv (reviewed by hand) says it is another
name of a catalogue occupation. Codes come only from the Hebei table, the one
document that prints national occupation codes.
"""
import csv

import yaml

from common import DATA, finish, write_csv


def rows(relative: str) -> list[dict]:
    with open(DATA / relative, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main() -> None:
    aliases = {row["alias"]: row["occupation"] for row in rows("aliases.csv")}
    names: list[str] = []
    codes: dict[str, tuple[str, str]] = {}

    def add(name: str) -> None:
        if name and name not in aliases and name not in names:
            names.append(name)

    for row in rows("zhejiang/occupation-series.csv"):
        add(row["occupation"])
    for relative in ["quzhou/occupation-series.csv", "shaoxing/skill-to-title.csv", "shaoxing/title-to-skill.csv"]:
        for row in rows(relative):
            add(row["occupation"])
    for row in rows("hebei/occupation-series.csv"):
        add(row["occupation"])
        if row["code"]:
            source = f"hb-plan 附件 {row['series']}第{row['row']}行"
            previous = codes.get(row["occupation"])
            if previous and previous[0] != row["code"]:
                raise SystemExit(f"{row['occupation']}: two codes {previous[0]} and {row['code']}")
            codes.setdefault(row["occupation"], (row["code"], source))
    for row in rows("quzhou/providers.csv"):
        add(row["occupation"])
    for row in rows("shaoxing/service-points.csv"):
        for name in row["occupations"].split("|"):
            add(name)
    for row in rows("question-bank/2023-2024.csv"):
        add(row["occupation"])
    parameters = yaml.safe_load((DATA / "parameters.yaml").read_text(encoding="utf-8"))
    for entry in parameters.get("accessTypeOccupations", []):
        add(entry["occupation"])

    for alias, target in aliases.items():
        if target not in names:
            raise SystemExit(f"aliases.csv: {alias} → {target}, which no table prints")

    write_csv(
        "occupations.csv",
        ["name", "code", "code_source"],
        [{"name": name, "code": codes.get(name, ("", ""))[0], "code_source": codes.get(name, ("", ""))[1]} for name in names],
    )
    finish()


if __name__ == "__main__":
    main()
