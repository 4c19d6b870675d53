"""The table maintainer's year, end to end through the installed `diamond`: a 2027 version that
states only its three changed categories (`inherits: previous`) is added to the shipped table,
validated, compared with 2026, and proved with a cases file at the boundaries of the change."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from diamond_cli.thresholds import default_table_path
from tests.test_subprocess import run

VERSION_2027 = """\
  - version: "program-page-2027"
    effective_from: 2027-01-01
    inherits: previous
    note: Thresholds announced in December 2026.
    categories:
      Kids: {company: 5000000}
      Fashion: {conditional: 900000, brand: 400000}
      Garden: {company: 8000000, aliases: [Ogrody]}
"""

CASES = """\
base:
  business_account: true
  ratings: {positive: 2400, negative: 12}
  quality: GOOD
  revenue: {Kids: 4800000}
  monthly_revenue: [400000, 410000, 380000, 420000, 430000, 400000, 390000, 440000, 450000, 470000, 480000, 500000]
cases:
  - name: Kids 4.8M the day before the change
    as_of: 2026-12-31
    record: {}
    expect: {verdict: eligible, route: company}
  - name: Kids 4.8M the day of the change is short of 5M
    as_of: 2027-01-01
    record: {}
    expect: {verdict: incomplete, route: null, checks: {revenue_threshold: unknown}}
  - name: Kids exactly at the new threshold
    as_of: 2027-01-02
    record: {revenue: {Kids: 5000000}}
    expect: {verdict: eligible, route: company, main_category: Dziecko}
  - name: an inherited category is unchanged
    as_of: 2027-01-01
    record: {revenue: {Automotive: 3500000}}
    expect: {verdict: eligible, route: company, main_category: Motoryzacja}
  - name: a new alias of a restated category
    as_of: 2027-01-01
    record: {revenue: {Ogrody: 8000000}}
    expect: {verdict: eligible, main_category: Garden}
"""


def test_add_validate_diff_and_prove_a_2027_version(tmp_path: Path) -> None:
    table = tmp_path / "thresholds.yaml"
    table.write_text(default_table_path().read_text(encoding="utf-8") + VERSION_2027, encoding="utf-8")
    cases = tmp_path / "cases.yaml"
    cases.write_text(CASES, encoding="utf-8")

    validated = run("thresholds", "validate", table)
    assert (validated.returncode, validated.stderr) == (0, b"")
    assert validated.stdout.decode() == (
        f"{table}: valid; 2 version(s): program-page-2026 (start date not published: in force until a newer"
        " version) and program-page-2027 (in force from 2027-01-01).\n"
    )

    diffed = run(
        "thresholds", "diff", "--thresholds", table, "--from", "program-page-2026", "--to", "program-page-2027",
        "--format", "json",
    )  # fmt: skip
    assert diffed.returncode == 0
    data = json.loads(diffed.stdout, parse_float=Decimal)
    changed = {
        category["name"]: [(p["parameter"], p["old"], p["new"]) for p in category["parameters"]]
        for category in data["categories"]
    }
    assert changed == {
        "Fashion": [("conditional", 800000, 900000), ("brand", 350000, 400000)],
        "Garden": [("company", 7500000, 8000000), ("aliases", [], ["Ogrody"])],
        "Kids": [("company", 4500000, 5000000)],
    }
    assert {c["change"] for c in data["categories"]} == {"changed"}
    assert data["rules"] == []
    # The defaults compare the same two: the newest version and the one before it.
    assert json.loads(run("thresholds", "diff", "--thresholds", table, "--format", "json").stdout) == json.loads(
        diffed.stdout
    )
    human = run("thresholds", "diff", "--thresholds", table, COLUMNS="120").stdout.decode()
    assert "3 category(ies) and 0 rule parameter(s) changed." in human

    proved = run("thresholds", "test", cases, "--thresholds", table)
    assert (proved.returncode, proved.stderr) == (0, b"")
    assert proved.stdout.decode().splitlines()[-1] == "5 of 5 case(s) passed."

    # The same cases against the shipped table alone: the 2027 expectations fail, and say why.
    shipped = run("thresholds", "test", cases)
    assert shipped.returncode == 1
    out = shipped.stdout.decode()
    assert "FAIL Kids 4.8M the day of the change is short of 5M (table version program-page-2026" in out
    assert "    verdict: expected incomplete, got eligible" in out
