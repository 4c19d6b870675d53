"""`diamond check` through Typer's runner: exit codes, the JSON contract, flags, errors, the human view.

The engine's own rules are tested in the engine tests; here the question is whether the command
turns files, stdin and flags into the right record, and the verdict into the documented output and
exit code. The terminal width is fixed (COLUMNS) so that the human view is the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from diamond_cli import SCHEMA_VERSION, __version__
from diamond_cli.cli import app, load_all, load_version
from diamond_cli.pipeline import Engine
from diamond_cli.thresholds import default_table_path
from tests.conftest import record

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "seller.json"
# The rule ids of RULES.md, in its order: required first, then discretionary.
RULE_IDS = [
    "business_account",
    "positive_ratings",
    "main_account_quality",
    "other_accounts_quality",
    "revenue_growth",
    "revenue_threshold",
    "account_suspended",
    "transaction_problems",
    "export_potential",
    "new_condition",
]
# A fixed width, English, no key for NIP hashing, and no NO_COLOR inherited from the caller.
RUNNER = CliRunner(
    env={
        "COLUMNS": "100",
        "LC_ALL": "C.UTF-8",
        "LC_MESSAGES": None,
        "LANG": None,
        "NO_COLOR": None,
        "DIAMOND_NIP_KEY": None,
    }
)
FLAGS_ONLY = [
    "--business-account",
    "--quality",
    "good",
    "--positive",
    "4210",
    "--negative",
    "21",
    "--revenue",
    "Electronics=9000000",
    "--monthly-revenue",
    "1,2,3,4,5,6,7,8,9,10,11,12",
]


def check(*args: str | Path, stdin: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """`diamond check ARGS`; exceptions propagate, so a bug fails the test with its traceback."""
    return RUNNER.invoke(app, ["check", *map(str, args)], input=stdin, env=env, catch_exceptions=False)


def as_json(result: Result) -> dict[str, Any]:
    """stdout as exactly one JSON document (numbers kept exact)."""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, result.stdout
    value = json.loads(lines[0], parse_float=Decimal)
    assert isinstance(value, dict)
    return value


def seller_file(tmp_path: Path, suffix: str = ".json", **changes: Any) -> Path:
    """The base seller record with `changes` (see conftest.record) in a file."""
    path = tmp_path / f"seller{suffix}"
    path.write_text(json.dumps(record(**changes)), encoding="utf-8")
    return path


def by_rule(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["rule"]: c for c in result["checks"]}


def one_error_line(result: Result) -> str:
    """The single line on stderr; never a traceback."""
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# ---------------------------------------------------------------- exit codes


VERDICT_CASES = [
    ("eligible", {}, 0),
    ("not_eligible", {"ratings": {"positive": 1187, "negative": 12}}, 1),
    ("review", {"exportable_pct": 30}, 4),
    ("incomplete", {"monthly_revenue": ...}, 5),
]


@pytest.mark.parametrize("output", ["human", "json"])
@pytest.mark.parametrize(("verdict", "changes", "code"), VERDICT_CASES, ids=[c[0] for c in VERDICT_CASES])
def test_each_verdict_has_its_exit_code(
    tmp_path: Path, output: str, verdict: str, changes: dict[str, Any], code: int
) -> None:
    result = check(seller_file(tmp_path, **changes), "--format", output)
    assert result.exit_code == code, result.output
    assert result.stderr == ""
    if output == "json":
        assert as_json(result)["verdict"] == verdict


def test_invalid_input_is_exit_3_with_one_line() -> None:
    result = check("-", "--nip", "mask", stdin=json.dumps(record(nip="7740001455")))
    assert result.exit_code == 3
    assert one_error_line(result) == "diamond: error: --seller-nip (nip): the NIP's check digit does not match"
    assert result.stdout == ""
    # under the default --nip show, the error quotes the number it rejects
    result = check("-", stdin=json.dumps(record(nip="7740001455")))
    shown = "diamond: error: --seller-nip (nip): the NIP's check digit does not match ('7740001455')"
    assert one_error_line(result) == shown


def test_invalid_input_as_json_prints_the_error_object() -> None:
    result = check("-", "--format", "json", stdin=json.dumps(record(revenue={"Kidz": 5000000})))
    assert result.exit_code == 3
    message = "--revenue Kidz (revenue.Kidz): unknown category; did you mean 'Kids'?"
    assert as_json(result) == {"verdict": "error", "error": message, "errors": [message]}
    assert one_error_line(result) == f"diamond: error: {message}"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["missing.json"], "missing.json: no such file"),
        (["--format", "json", "missing.json"], "missing.json: no such file"),
        ([".", "--format", "json"], ".: is a directory, not a file"),
        ([], "no input: give a FILE, - for stdin, --allegro DIR, or the figures as flags"),
        ([str(EXAMPLE), "--bogus"], "No such option: --bogus"),
        ([str(EXAMPLE), "--format", "xml"], "Invalid value for '--format'"),
        ([str(EXAMPLE), "--color", "sometimes"], "Invalid value for '--color'"),
        ([str(EXAMPLE), "--nip", "hash"], "--nip hash needs a key in the DIAMOND_NIP_KEY environment variable"),
        ([str(EXAMPLE), "--as-of", "2026-13-01"], "--as-of: '2026-13-01' is not a date (YYYY-MM-DD or DD.MM.YYYY)"),
        ([str(EXAMPLE), "--as-of", "yesterday"], "--as-of: 'yesterday' is not a date (YYYY-MM-DD or DD.MM.YYYY)"),
        ([str(EXAMPLE), "--thresholds", "missing.yaml"], "--thresholds: missing.yaml: no such file"),
        ([str(EXAMPLE), "--thresholds", "."], "--thresholds: .: is a directory, not a file"),
        ([str(EXAMPLE), "--thresholds", "/dev/null"], "--thresholds: /dev/null: not a regular file"),
    ],
)
def test_usage_errors_are_exit_2(args: list[str], says: str) -> None:
    result = check(*args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert result.stdout == ""  # no result object, not even an error one: nothing was evaluated
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- the JSON result


def test_json_is_exactly_the_result_object_of_the_example() -> None:
    result = check(EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    version, ref = load_version(None, dt.date.today())
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"), parse_float=Decimal)
    _, expected = Engine(version, ref).result_json(document, "en", "show")
    assert result.stdout == expected.decode("utf-8") + "\n"


def test_json_carries_every_contract_field() -> None:
    result = as_json(check(EXAMPLE, "--format", "json"))
    assert {"seller", "verdict", "main_category", "route", "checks", "schema_version", "tool_version"} <= set(result)
    assert (result["seller"], result["verdict"], result["main_category"], result["route"]) == (
        "example",
        "eligible",
        "Kids",
        "company",
    )
    assert [c["rule"] for c in result["checks"]] == RULE_IDS
    for item in result["checks"]:
        assert item["status"] in ("pass", "fail", "unknown", "flag")
        assert isinstance(item["message"], str)
        assert item["message"].endswith(".")
    assert result["schema_version"] == SCHEMA_VERSION
    assert result["tool_version"] == __version__
    assert result["thresholds"]["name"] == "allegro-diamond-partners"
    assert result["thresholds"]["source"] == "shipped with diamond_cli"
    assert {"version", "effective_from"} <= set(result["thresholds"])


def test_json_figures_keep_full_precision() -> None:
    checks = by_rule(as_json(check(EXAMPLE, "--format", "json", "--positive", "1187", "--negative", "12")))
    ratings = checks["positive_ratings"]
    assert ratings["status"] == "fail"
    # 1187 / 1199 = 98.99916597...%: far more digits than any display, and below 99.
    assert str(ratings["actual"]).startswith("98.999165971643")
    assert ratings["required"] == 99


def test_thresholds_file_is_named_in_the_result(tmp_path: Path) -> None:
    table = tmp_path / "table.yaml"
    table.write_text(default_table_path().read_text(encoding="utf-8"), encoding="utf-8")
    result = as_json(check(EXAMPLE, "--format", "json", "--thresholds", table))
    assert result["thresholds"]["source"] == str(table)


# ---------------------------------------------------------------- inputs: stdin, YAML, flags


def test_stdin_json() -> None:
    result = check("-", "--format", "json", stdin=EXAMPLE.read_bytes())
    assert result.exit_code == 0
    assert as_json(result)["verdict"] == "eligible"


def test_stdin_yaml_is_recognised_without_a_file_name() -> None:
    stdin = (
        "business_account: true\nquality: Dobry\nratings: {positive: 1188, negative: 12}\nrevenue: {Kids: 4500000}\n"
    )
    result = check("-", "--format", "json", stdin=stdin)
    assert result.exit_code == 5  # no monthly revenue: growth unknown
    checks = by_rule(as_json(result))
    assert checks["positive_ratings"]["status"] == "pass"  # exactly 99%
    assert checks["main_account_quality"]["status"] == "pass"
    assert checks["revenue_threshold"]["status"] == "pass"  # inclusive threshold
    assert checks["revenue_growth"]["missing"] == ["monthly_revenue"]


def test_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "seller.yml"
    path.write_text(
        "seller: yaml shop\n"
        "business_account: true\n"
        "quality: super-plus\n"
        "positive_ratings_pct: '99,8'\n"
        "revenue:\n  dziecko: 5000000\n"
        "monthly_revenue: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n"
        "suspended: false\ntransaction_problems_pct: 0.5\nexportable_pct: 70\nnew_condition_pct: 99\n",
        encoding="utf-8",
    )
    result = check(path, "--format", "json")
    assert result.exit_code == 0, result.output
    document = as_json(result)
    assert (document["seller"], document["verdict"], document["main_category"]) == ("yaml shop", "eligible", "Kids")


def test_input_format_forces_the_parser(tmp_path: Path) -> None:
    path = tmp_path / "seller.txt"
    path.write_text(json.dumps(record()), encoding="utf-8")
    assert check(path, "--input-format", "json").exit_code == 0
    result = check(path, "--input-format", "yaml", "--format", "json")  # JSON is YAML too
    assert as_json(result)["verdict"] == "eligible"


def test_flags_alone() -> None:
    result = check(*FLAGS_ONLY, "--format", "json")
    assert result.exit_code == 0, result.output  # discretionary figures not given: not assessed, no effect
    document = as_json(result)
    assert document["main_category"] == "Electronics"
    assert document["route"] == "company"
    checks = by_rule(document)
    assert [checks[rule]["status"] for rule in RULE_IDS[:6]] == ["pass"] * 6
    assert checks["account_suspended"]["status"] == "pass"
    assert {checks[rule]["status"] for rule in RULE_IDS[7:]} == {"unknown"}


def test_flags_override_file_values(tmp_path: Path) -> None:
    path = seller_file(tmp_path)
    result = check(path, "--format", "json", "--quality", "neutral", "--seller", "renamed", "--exportable", "30")
    assert result.exit_code == 1
    document = as_json(result)
    checks = by_rule(document)
    assert document["seller"] == "renamed"
    assert checks["main_account_quality"]["actual"] == "NEUTRAL"
    assert checks["main_account_quality"]["status"] == "fail"
    assert checks["export_potential"]["status"] == "flag"  # 30 from the flag, not 65 from the file
    assert checks["business_account"]["status"] == "pass"  # untouched fields stay


def test_boolean_flags_override_file_values(tmp_path: Path) -> None:
    path = seller_file(tmp_path)
    checks = by_rule(as_json(check(path, "--format", "json", "--no-business-account", "--suspended")))
    assert checks["business_account"]["status"] == "fail"
    assert checks["account_suspended"]["status"] == "flag"


def test_revenue_flag_replaces_one_category_case_insensitively(tmp_path: Path) -> None:
    # The file has Kids 5,000,000 and Fashion 300,000; `kids` is the file's Kids.
    result = check(seller_file(tmp_path), "--format", "json", "--revenue", "kids=3000000")
    assert result.exit_code == 5
    document = as_json(result)
    assert document["main_category"] == "Kids"
    assert "3,000,000 PLN" in by_rule(document)["revenue_threshold"]["message"]


def test_revenue_flag_adds_a_category_and_keeps_the_file_ones(tmp_path: Path) -> None:
    # Garden ties with the file's Kids at 5,000,000: the tie proves Kids is still there.
    document = as_json(check(seller_file(tmp_path), "--format", "json", "--revenue", "GARDEN=5 000 000"))
    assert document["main_category"] == "Kids"
    assert document["main_category_tied_with"] == ["Garden"]


def test_repeated_revenue_flags_and_aliases(tmp_path: Path) -> None:
    path = seller_file(tmp_path, revenue={"Fashion": 100})
    args = ["--revenue", "Dziecko=4500000", "--revenue", "home decoration and office=10"]
    document = as_json(check(path, "--format", "json", *args))
    assert document["verdict"] == "eligible"
    assert document["main_category"] == "Kids"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["--revenue", "Kidz=1"], "--revenue Kidz (revenue.Kidz): unknown category; did you mean 'Kids'?"),
        (["--revenue", "Kids=-5"], "--revenue Kids (revenue.Kids): an amount cannot be negative (-5)"),
        (["--revenue", "Kids=lots"], "--revenue Kids (revenue.Kids): 'lots' is not a number"),
        (["--revenue", "Kids"], "--revenue (revenue): expected CATEGORY=PLN, found 'Kids'"),
        (["--quality", "goood"], "--quality (quality): unknown grade 'goood'; did you mean 'GOOD'?"),
        (
            ["--other-quality", "good", "--other-quality", "bad"],
            "--other-quality[1] (other_accounts_quality[1]): unknown grade 'bad'",
        ),
        (["--seller-nip", "7740001455"], "--seller-nip (nip): the NIP's check digit does not match"),
        (
            ["--positive-pct", "101"],
            "--positive-pct (positive_ratings_pct): a percentage share must be from 0 to 100, found 101",
        ),
        (["--exportable", "50%"], "--exportable (exportable_pct): '50%' is not a number"),
        (
            ["--monthly-revenue", "1,2,3"],
            "--monthly-revenue (monthly_revenue): expected 12 or 24 monthly amounts (oldest first)",
        ),
        (
            ["--monthly-revenue", "1,2,3,4,5,6,7,8,9,10,11,-1"],
            "--monthly-revenue[11] (monthly_revenue[11]): an amount cannot be negative",
        ),
        (
            ["--monthly-revenue", "240000,5," + ",".join(str(245000 + 5000 * i) for i in range(11))],
            "--monthly-revenue (monthly_revenue): '5' after '240000' looks like its decimals: separate the months "
            "with ';' and keep the comma for decimals (e.g. 240000,5;245000;…)",
        ),
        (["--positive", "-1"], "--positive (ratings.positive): a count cannot be negative (-1)"),
        (["--negative", "-2", "--positive", "5"], "--negative (ratings.negative): a count cannot be negative (-2)"),
        (
            ["--positive", "1" + "0" * 20, "--negative", "1"],
            "--positive (ratings.positive): 1" + "0" * 20 + " is too large",
        ),
    ],
)
def test_flag_errors_name_the_flag(args: list[str], error: str) -> None:
    result = check(EXAMPLE, "--format", "json", *args)
    assert result.exit_code == 3, result.output
    message = as_json(result)["error"]
    assert message.startswith(error)
    assert one_error_line(result) == f"diamond: error: {message}"


def test_rating_counts_from_flags(tmp_path: Path) -> None:
    checks = by_rule(
        as_json(check(seller_file(tmp_path), "--format", "json", "--positive", "1187", "--negative", "12"))
    )
    assert checks["positive_ratings"]["status"] == "fail"
    assert checks["positive_ratings"]["to_pass"]["positive_ratings_needed"] == 1


def test_one_rating_flag_merges_with_the_file_counts(tmp_path: Path) -> None:
    path = seller_file(tmp_path)  # 2400 positive, 12 negative
    assert by_rule(as_json(check(path, "--format", "json", "--negative", "24")))["positive_ratings"]["status"] == "pass"
    assert by_rule(as_json(check(path, "--format", "json", "--negative", "25")))["positive_ratings"]["status"] == "fail"


def test_one_rating_flag_without_the_other_count_is_an_input_error(tmp_path: Path) -> None:
    path = seller_file(tmp_path, ratings=..., positive_ratings_pct=99.5)
    result = check(path, "--positive", "100")
    assert result.exit_code == 3
    line = one_error_line(result)
    assert line.startswith("diamond: error: --negative (ratings.negative): give both --positive and --negative")


def test_monthly_revenue_flag(tmp_path: Path) -> None:
    path = seller_file(tmp_path, monthly_revenue=...)
    assert check(path, "--monthly-revenue", "1,2,3,4,5,6,7,8,9,10,11,12").exit_code == 0
    falling = ";".join(["500000,50"] * 12 + ["500000,49"] * 12)  # decimal commas: `;` separates
    result = check(path, "--format", "json", "--monthly-revenue", falling)
    assert result.exit_code == 1
    growth = by_rule(as_json(result))["revenue_growth"]
    assert growth["status"] == "fail"
    assert "year on year" in growth["message"]


def test_nip_modes() -> None:
    masked = as_json(check(EXAMPLE, "--format", "json", "--nip", "mask"))
    assert masked["nip"] == "*******454"
    hashed = as_json(check(EXAMPLE, "--format", "json", "--nip", "hash", env={"DIAMOND_NIP_KEY": "secret"}))
    assert re.fullmatch(r"[0-9a-f]{64}", hashed["nip"])


def test_as_of_picks_the_table_version() -> None:
    document = as_json(check(EXAMPLE, "--format", "json", "--as-of", "2026-01-31"))
    assert document["verdict"] == "eligible"
    assert document["thresholds"]["version"] == "program-page-2026"


# ---------------------------------------------------------------- a broken thresholds table


def broken_table(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """The shipped table with one line changed; returns its path and the (1-based) line changed."""
    lines = default_table_path().read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if old in line)
    lines[number - 1] = lines[number - 1].replace(old, new)
    path = tmp_path / "broken.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path, number


@pytest.mark.parametrize("output", ["human", "json"])
def test_broken_thresholds_name_file_line_and_key(tmp_path: Path, output: str) -> None:
    path, line = broken_table(tmp_path, "min_pct: {value: 99,", "min_pct: {value: abc,")
    result = check(EXAMPLE, "--thresholds", path, "--format", output)
    assert result.exit_code == 3
    error = one_error_line(result)
    assert error.startswith(f"diamond: error: {path}:{line}:")
    assert "versions[0].rules.positive_ratings.min_pct.value: must be a number" in error
    if output == "json":
        assert as_json(result) == {"verdict": "error", "error": error.removeprefix("diamond: error: ")}
    else:
        assert result.stdout == ""


def test_thresholds_yaml_syntax_error(tmp_path: Path) -> None:
    path, line = broken_table(tmp_path, "format: 1", "format: [1")
    result = check(EXAMPLE, "--thresholds", path)
    assert result.exit_code == 3
    # The parser notices the unclosed list where the next key starts.
    assert one_error_line(result) == f"diamond: error: {path}:{line + 1}:5: did not find expected ',' or ']'"


def test_thresholds_python_tag_is_refused(tmp_path: Path) -> None:
    path, line = broken_table(tmp_path, "name: allegro-diamond-partners", "name: !!python/object:os.system {}")
    result = check(EXAMPLE, "--thresholds", path)
    assert result.exit_code == 3
    error = one_error_line(result)
    assert error.startswith(f"diamond: error: {path}:{line}:7: name: tag ")
    assert "is not allowed" in error


def test_thresholds_with_several_problems_lists_each(tmp_path: Path) -> None:
    path, first = broken_table(
        tmp_path,
        "company: 3500000, conditional: 1750000, brand: 550000, pl: Motoryzacja",
        "company: -1, conditional: 1750000, brand: 550000, pl: Motoryzacja",
    )
    text = path.read_text(encoding="utf-8").replace(
        "Garden:\n        {company: 7500000", "Garden:\n        {company: x"
    )
    path.write_text(text, encoding="utf-8")
    result = check(EXAMPLE, "--thresholds", path)
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"diamond: error: {path}:{first}:")
    assert "categories.Automotive.company: must not be negative" in lines[0]
    assert "categories.Garden.company: must be a number" in lines[1]


# ---------------------------------------------------------------- --version and --help


def test_version() -> None:
    result = RUNNER.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"diamond {__version__}\n"


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"]])
def test_help_lists_the_exit_codes(args: list[str]) -> None:
    result = RUNNER.invoke(app, args)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    for code, meaning in [
        (0, "eligible"),
        (1, "not eligible"),
        (2, "usage error"),
        (3, "invalid input or thresholds file"),
        (4, "review"),
        (5, "incomplete"),
        (70, "internal error"),
        (130, "interrupted"),
    ]:
        assert f"{code} {meaning}" in text


def test_check_help_shows_examples() -> None:
    text = " ".join(RUNNER.invoke(app, ["check", "--help"]).stdout.split())
    assert "Examples:" in text
    assert "diamond check examples/seller.json --format json" in text
    assert "cat seller.yaml | diamond check - --revenue Kids=4600000" in text
    assert "--revenue Electronics=9000000" in text


def test_no_command_is_a_usage_error_that_shows_help() -> None:
    result = RUNNER.invoke(app, [])
    assert result.exit_code == 2
    assert "Commands:" in result.stderr
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- the human view


@pytest.mark.parametrize("width", ["100", "140"])
def test_human_view_key_lines(tmp_path: Path, width: str) -> None:
    path = seller_file(tmp_path, ratings={"positive": 1187, "negative": 12}, revenue={"Kids": 3000000})
    result = check(path, env={"COLUMNS": width})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "✘ Does not meet the published criteria of Allegro Diamond Partners"
    assert lines[1] == "Seller: example · NIP: 7740001454 · Main category: Kids · Revenue route: —"
    assert all(len(line) <= int(width) for line in lines)
    ratings_row = next(line for line in lines if line.startswith("✘  Positive ratings"))
    assert re.search(r"98\.999%\s+≥ 99%", ratings_row)
    revenue_row = next(line for line in lines if line.startswith("?  Revenue threshold"))
    assert re.search(r"3,000,000 PLN\s+≥ 2,250,000 PLN", revenue_row)
    text = " ".join(result.stdout.split())
    # 1187/1199 = 98.9992%: never shown as 99% or 99.00%, which would look like a pass.
    assert not re.search(r"(?<![\d.,])99(\.0+)?% of ratings", text)
    assert "98.999% of ratings are positive (1,187 of 1,199), below the required 99%" in text
    assert "What would make it pass:" in text
    assert (
        "• Positive ratings: 1 more positive rating would reach 99% at the current number of negative ratings (12)."
    ) in text
    assert (
        "• Revenue threshold: 1,500,000 PLN more revenue in Kids reaches the company threshold of 4,500,000 PLN"
        " (33.3% short)."
    ) in text
    assert (
        "• Revenue threshold: give category_growth_pct (--category-growth)"
        " and category_market_growth_pct (--market-growth)."
    ) in text
    assert "Thresholds: allegro-diamond-partners, version program-page-2026" in text
    assert "no guarantee" not in text  # said only when the criteria are met


def test_human_view_of_an_eligible_seller() -> None:
    result = check(EXAMPLE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "✔ Meets the published criteria of Allegro Diamond Partners"
    assert "What would make it pass:" not in result.stdout
    text = " ".join(result.stdout.split())
    assert "Meeting the criteria is no guarantee of an invitation" in text
    assert "* our interpretation where the program page is vague" in text
    assert "\x1b[" not in result.stdout  # not a terminal: no escape codes


def test_human_view_colour_always() -> None:
    assert "\x1b[" in check(EXAMPLE, "--color", "always").stdout


# ---------------------------------------------------------------- start-up


def command_callbacks(typer_app: typer.Typer) -> list[Callable[..., Any]]:
    """Every function Typer turns into a command or group at start-up, sub-apps included."""
    infos: list[Any] = [*typer_app.registered_commands, typer_app.registered_callback]
    callbacks = [info.callback for info in infos if info is not None and info.callback is not None]
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        callbacks += command_callbacks(group.typer_instance)
    return callbacks


def test_command_annotations_are_objects_not_strings() -> None:
    """Typer reads each command's signature at every start, `check` or not, and evaluates string
    annotations (what `from __future__ import annotations` makes) again each time: about 10 ms
    for `check` alone. So no cli*.py module uses that import (see benchmarks/startup.py)."""
    load_all()
    callbacks = command_callbacks(app)
    assert len(callbacks) > 2
    for callback in callbacks:
        strings = [name for name, value in callback.__annotations__.items() if isinstance(value, str)]
        assert not strings, f"{callback.__module__}.{callback.__qualname__}: string annotations {strings}"


def test_human_view_shows_markup_in_the_seller_label_as_typed(tmp_path: Path) -> None:
    result = check(seller_file(tmp_path, seller="[bold]x[/] :smile:"), "--color", "never")
    assert "[bold]x[/] :smile:" in result.stdout


@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["thresholds", "-h"], ["thresholds", "show", "-h"]])
def test_short_help_is_help(args: list[str]) -> None:
    short = RUNNER.invoke(app, args)
    long = RUNNER.invoke(app, [*args[:-1], "--help"])
    assert short.exit_code == 0
    assert short.output == long.output
    assert "Usage: diamond" in short.output


@pytest.mark.parametrize(
    "months",
    [
        "240000,5;245000;250000;255000;260000;265000;270000;275000;280000;285000;290000;295000",
        "240000,5 245000 250000 255000 260000 265000 270000 275000 280000 285000 290000 295000",
        "240000.5,245000,250000,255000,260000,265000,270000,275000,280000,285000,290000,295000",
    ],
)
def test_monthly_revenue_flag_takes_semicolons_spaces_and_decimal_commas(months: str) -> None:
    result = check(EXAMPLE, "--format", "json", "--monthly-revenue", months)
    assert result.exit_code in (0, 4), result.output
    assert as_json(result)["checks"][4]["status"] == "pass"
    file_form = check(EXAMPLE, "--format", "json", "--monthly-revenue", months.replace(",5", ".5").replace(" ", ";"))
    assert as_json(result)["checks"][4] == as_json(file_form)["checks"][4]
