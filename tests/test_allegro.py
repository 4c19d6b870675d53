"""Saved Allegro API responses as input: each documented shape, broken ones, and the merge order."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from diamond_cli.allegro import ResponseError, read_directory, read_me, read_quality, read_ratings, read_seller
from diamond_cli.cli import app
from diamond_cli.errors import InputError, UsageError
from diamond_cli.models import Grade, Ratings

DATA = Path(__file__).parent / "data" / "allegro"
RECORD = DATA / "seller-record.json"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "LC_ALL": "C", "LANG": "C"}


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, ["check", *args], env={**ENV, **(env or {})})


def seller_copy(tmp_path: Path) -> Path:
    """A writable copy of the seller's saved responses, to break one file at a time."""
    target = tmp_path / "responses"
    shutil.copytree(DATA / "seller", target)
    return target


# ---------------------------------------------------------------- documented shapes


def test_ratings_summary_beta_v1_documented_example() -> None:
    fields = read_ratings(DATA / "documented" / "ratings-summary.json")
    assert fields == {"ratings": Ratings(2, 1), "positive_ratings_pct": Decimal("66.7")}


def test_ratings_summary_public_v1_shape_with_average_rates() -> None:
    fields = read_ratings(DATA / "public-v1" / "ratings-summary.json")
    assert fields == {"ratings": Ratings(2400, 12), "positive_ratings_pct": Decimal("99.5")}


def test_ratings_summary_without_a_percentage_keeps_the_counts(tmp_path: Path) -> None:
    path = tmp_path / "ratings-summary.json"
    path.write_text('{"recommended": {"unique": 0}, "notRecommended": {"unique": 0}, "recommendedPercentage": null}')
    assert read_ratings(path) == {"ratings": Ratings(0, 0)}


def test_sale_quality_documented_example() -> None:
    assert read_quality(DATA / "documented" / "sale-quality.json") == {"quality": Grade.GOOD}


def test_sale_quality_takes_the_newest_day_whatever_the_order() -> None:
    # 2026-11-22 (GOOD) is the newest; the older days are SUPER and NEUTRAL, and the scores are ignored.
    assert read_quality(DATA / "seller" / "sale-quality.json") == {"quality": Grade.GOOD}


def test_sale_quality_reads_a_timestamp_as_its_day(tmp_path: Path) -> None:
    path = tmp_path / "sale-quality.json"
    days = [{"resultFor": "2026-11-22T00:00:00Z", "grade": "SUPER"}, {"resultFor": "2026-11-21", "grade": "GOOD"}]
    path.write_text(json.dumps({"quality": days}))
    assert read_quality(path) == {"quality": Grade.SUPER}


def test_sale_quality_without_days_gives_no_grade(tmp_path: Path) -> None:
    path = tmp_path / "sale-quality.json"
    path.write_text('{"quality": []}')
    assert read_quality(path) == {}


def test_me_gives_the_compact_nip() -> None:
    assert read_me(DATA / "seller" / "me.json") == {"nip": "7740001454"}


def test_me_documented_placeholder_fails_the_checksum_naming_file_and_key() -> None:
    with pytest.raises(ResponseError) as caught:
        read_me(DATA / "documented" / "me.json")
    error = caught.value
    assert error.file.endswith("me.json")
    assert error.key == "company.taxId"
    assert "check digit" in str(error)
    assert "123" not in str(error)  # the NIP stays out of the message itself
    assert error.nip == "123-123-12-12"


@pytest.mark.parametrize("company", [None, {"name": "x", "taxId": None}])
def test_me_without_a_company_gives_no_nip(tmp_path: Path, company: object) -> None:
    path = tmp_path / "me.json"
    path.write_text(json.dumps({"id": "1", "login": "someone", "company": company}))
    assert read_me(path) == {}


def test_directory_reads_every_response() -> None:
    assert read_directory(DATA / "seller") == {
        "ratings": Ratings(2400, 12),
        "positive_ratings_pct": Decimal("99.5"),
        "quality": Grade.GOOD,
        "nip": "7740001454",
    }


def test_directory_accepts_a_subset_and_the_name_variants(tmp_path: Path) -> None:
    shutil.copy(DATA / "seller" / "sale-quality.json", tmp_path / "quality.json")
    assert read_directory(tmp_path) == {"quality": Grade.GOOD}


# ---------------------------------------------------------------- broken or partial responses

BROKEN: list[tuple[str, str, str]] = [
    (
        "ratings-summary.json",
        '{"recommended": {"unique": 1}, "recommendedPercentage": "50,0"}',
        "notRecommended: missing",
    ),
    (
        "ratings-summary.json",
        '{"recommended": {"unique": 1}, "notRecommended": {"total": 3}, "recommendedPercentage": "50,0"}',
        "notRecommended.unique: missing",
    ),
    (
        "ratings-summary.json",
        '{"recommended": {"unique": "2400"}, "notRecommended": {"unique": 1}, "recommendedPercentage": "9"}',
        "recommended.unique: expected a whole number, found text",
    ),
    (
        "ratings-summary.json",
        '{"recommended": 2400, "notRecommended": {"unique": 1}, "recommendedPercentage": "9"}',
        "recommended: expected an object, found a number",
    ),
    (
        "ratings-summary.json",
        '{"recommended": {"unique": 1}, "notRecommended": {"unique": 1}}',
        "recommendedPercentage: missing",
    ),
    (
        "ratings-summary.json",
        '{"recommended": {"unique": 1}, "notRecommended": {"unique": 1}, "recommendedPercentage": "dużo"}',
        "recommendedPercentage: 'dużo' is not a number",
    ),
    (
        "ratings-summary.json",
        '{"recommended": {"unique": 1}, "notRecommended": {"unique": 1}, "recommendedPercentage": "100,5"}',
        "recommendedPercentage: a percentage share must be from 0 to 100",
    ),
    ("ratings-summary.json", '{"recommended": {"unique": 1},', "ratings-summary.json: invalid JSON at line 1"),
    ("ratings-summary.json", "", "ratings-summary.json: the input is empty"),
    ("ratings-summary.json", "[1, 2]", "ratings-summary.json: expected the JSON object"),
    (
        "ratings-summary.json",
        '{"errors": [{"code": "NotFoundException", "message": "User not found"}]}',
        "error response from Allegro (NotFoundException: User not found)",
    ),
    ("sale-quality.json", '{"grade": "GOOD"}', "sale-quality.json: quality: missing"),
    ("sale-quality.json", '{"quality": {"grade": "GOOD"}}', "quality: expected a list, found an object"),
    ("sale-quality.json", '{"quality": ["GOOD"]}', "quality[0]: expected an object, found text"),
    ("sale-quality.json", '{"quality": [{"resultFor": "2026-11-22", "score": 3}]}', "quality[0].grade: missing"),
    ("sale-quality.json", '{"quality": [{"grade": "GOOD"}]}', "quality[0].resultFor: missing"),
    (
        "sale-quality.json",
        '{"quality": [{"resultFor": "yesterday", "grade": "GOOD"}]}',
        "quality[0].resultFor: expected a date (YYYY-MM-DD), found 'yesterday'",
    ),
    (
        "sale-quality.json",
        '{"quality": [{"resultFor": "2026-11-22", "grade": "EXCELLENT"}]}',
        "quality[0].grade: unknown grade 'EXCELLENT'",
    ),
    ("me.json", '{"id": "1", "login": "x"}', "me.json: company: missing"),
    ("me.json", '{"company": "Example"}', "me.json: company: expected an object, found text"),
    ("me.json", '{"company": {"name": "Example"}}', "me.json: company.taxId: missing"),
    ("me.json", '{"company": {"taxId": ["7740001454"]}}', "me.json: company.taxId: expected a NIP as text"),
]


@pytest.mark.parametrize(("name", "content", "expected"), BROKEN)
def test_broken_response_exits_3_naming_file_and_key(tmp_path: Path, name: str, content: str, expected: str) -> None:
    responses = seller_copy(tmp_path)
    (responses / name).write_text(content, encoding="utf-8")
    result = invoke(str(RECORD), "--allegro", str(responses))
    assert result.exit_code == 3, result.output
    assert f"{responses / name}: " in result.stderr
    assert expected in result.stderr
    assert result.stderr.count("\n") == 1  # one line, never a traceback


def test_broken_response_in_json_mode_is_an_error_object(tmp_path: Path) -> None:
    responses = seller_copy(tmp_path)
    (responses / "sale-quality.json").write_text('{"quality": [{"resultFor": "2026-11-22"}]}')
    result = invoke(str(RECORD), "--allegro", str(responses), "--format", "json")
    assert result.exit_code == 3
    error = json.loads(result.stdout)
    assert error["verdict"] == "error"
    assert error["error"] == f"{responses / 'sale-quality.json'}: quality[0].grade: " + (
        "missing: this is not the response GET /sale/quality is documented to return "
        "(was it saved in full, or has the API changed?)"
    )


def test_broken_response_error_in_polish(tmp_path: Path) -> None:
    responses = seller_copy(tmp_path)
    (responses / "me.json").write_text('{"id": "1"}')
    result = invoke(str(RECORD), "--allegro", str(responses), "--lang", "pl")
    assert result.exit_code == 3
    assert "me.json: company: brak: to nie jest odpowiedź" in result.stderr


def test_invalid_utf8_names_the_file(tmp_path: Path) -> None:
    responses = seller_copy(tmp_path)
    (responses / "me.json").write_bytes(b'{"company": {"taxId": "\xff"}}')
    result = invoke(str(RECORD), "--allegro", str(responses))
    assert result.exit_code == 3
    assert "me.json: not valid UTF-8" in result.stderr


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(RECORD), "--allegro", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such directory" in result.stderr
    with pytest.raises(UsageError):
        read_directory(tmp_path / "nowhere")
    result = invoke(str(RECORD), "--allegro", str(RECORD))
    assert result.exit_code == 2
    assert "seller-record.json: is a file, not a directory of saved responses" in result.stderr


def test_directory_without_responses_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing here")
    result = invoke(str(RECORD), "--allegro", str(tmp_path))
    assert result.exit_code == 2
    assert "ratings-summary.json, sale-quality.json and me.json" in result.stderr


def test_two_files_for_one_response_is_an_error(tmp_path: Path) -> None:
    responses = seller_copy(tmp_path)
    shutil.copy(responses / "sale-quality.json", responses / "quality.json")
    result = invoke(str(RECORD), "--allegro", str(responses))
    assert result.exit_code == 3
    assert "sale-quality.json and quality.json are all responses of GET /sale/quality" in result.stderr


def test_no_days_of_quality_asks_for_the_grade(tmp_path: Path) -> None:
    responses = seller_copy(tmp_path)
    (responses / "sale-quality.json").write_text('{"quality": []}')
    result = invoke(str(RECORD), "--allegro", str(responses))
    assert result.exit_code == 3
    assert "--quality (quality): missing (required)" in result.stderr
    assert invoke(str(RECORD), "--allegro", str(responses), "--quality", "GOOD").exit_code == 0


# ---------------------------------------------------------------- same verdict, merge order


def test_saved_responses_give_the_same_result_as_hand_typed_figures() -> None:
    from_api = invoke(str(RECORD), "--allegro", str(DATA / "seller"), "--format", "json", "--as-of", "2026-11-23")
    typed = invoke(
        str(RECORD),
        *("--positive", "2400", "--negative", "12", "--positive-pct", "99,5"),
        *("--quality", "good", "--seller-nip", "774-000-14-54"),
        *("--format", "json", "--as-of", "2026-11-23"),
    )
    assert from_api.exit_code == typed.exit_code == 0
    assert json.loads(from_api.stdout) == json.loads(typed.stdout)
    human_api = invoke(str(RECORD), "--allegro", str(DATA / "seller"), "--as-of", "2026-11-23")
    human_typed = invoke(
        str(RECORD),
        *("--positive", "2400", "--negative", "12", "--positive-pct", "99,5"),
        *("--quality", "good", "--seller-nip", "7740001454", "--as-of", "2026-11-23"),
    )
    assert human_api.stdout == human_typed.stdout


def test_the_api_overrides_the_file_and_flags_override_the_api(tmp_path: Path) -> None:
    record = json.loads(RECORD.read_text())
    record.update(quality="NEUTRAL", positive_ratings_pct=90, ratings={"positive": 1, "negative": 1}, nip="5260250995")
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))

    result = json.loads(invoke(str(path), "--allegro", str(DATA / "seller"), "--format", "json").stdout)
    ratings = next(c for c in result["checks"] if c["rule"] == "positive_ratings")
    quality = next(c for c in result["checks"] if c["rule"] == "main_account_quality")
    assert quality["actual"] == "GOOD"
    assert result["nip"] == "7740001454"
    assert "2,400 of 2,412" in ratings["message"]
    assert "99.5%" in ratings["message"]  # the file's stale 90% went with its counts

    args = ("--quality", "NEUTRAL", "--positive", "1187", "--negative", "12", "--seller-nip", "5260250995")
    result = json.loads(invoke(str(path), "--allegro", str(DATA / "seller"), *args, "--format", "json").stdout)
    ratings = next(c for c in result["checks"] if c["rule"] == "positive_ratings")
    quality = next(c for c in result["checks"] if c["rule"] == "main_account_quality")
    assert quality["actual"] == "NEUTRAL"
    assert result["nip"] == "5260250995"
    assert "1,187 of 1,199" in ratings["message"]


def test_allegro_alone_still_needs_the_revenue() -> None:
    result = invoke("--allegro", str(DATA / "seller"))
    assert result.exit_code == 3
    assert "--business-account (business_account): missing (required)" in result.stderr
    result = invoke(
        "--allegro",
        str(DATA / "seller"),
        *("--business-account", "--revenue", "Kids=5000000", "--monthly-revenue", "1,2,3,4,5,6,7,8,9,10,11,12"),
        *("--format", "json"),
    )
    assert json.loads(result.stdout)["verdict"] == "eligible"


# ---------------------------------------------------------------- one directory per seller (batch)


def test_read_seller_finds_the_directory_named_by_the_label(tmp_path: Path) -> None:
    shutil.copytree(DATA / "seller", tmp_path / "example")
    assert read_seller(tmp_path, "example")["nip"] == "7740001454"


@pytest.mark.parametrize(
    ("seller", "expected"),
    [
        (None, "seller: needed to find the seller's saved responses under --allegro-root"),
        (True, "seller: needed to find"),
        ("..", "seller: '..' cannot name a directory"),
        ("a/b", "seller: 'a/b' cannot name a directory"),
        (" ", "seller: ' ' cannot name a directory"),
        ("nobody", "seller: no saved responses for this seller: "),
        ("empty", "none of the saved responses is there"),
    ],
)
def test_read_seller_problems_are_errors_of_the_record(tmp_path: Path, seller: object, expected: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as caught:
        read_seller(tmp_path, seller)
    assert expected in str(caught.value)
    assert not isinstance(caught.value, UsageError)


# ---------------------------------------------------------------- diamond batch --allegro-root


def batch(*args: str) -> Any:
    return CliRunner().invoke(app, ["batch", *args, "--as-of", "2026-11-23"], env=ENV)


def batch_input(tmp_path: Path, records: list[dict[str, Any]]) -> str:
    path = tmp_path / "sellers.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return str(path)


def test_batch_reads_one_directory_per_seller_like_check(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(DATA / "seller", root / "example")
    shutil.copytree(DATA / "seller", root / "second")
    (root / "second" / "sale-quality.json").write_text('{"quality": [{"resultFor": "2026-11-22", "grade": "NEUTRAL"}]}')
    record = json.loads(RECORD.read_text())
    typed = {
        **record,
        "ratings": {"positive": 2400, "negative": 12},
        "positive_ratings_pct": "99,5",
        "quality": "GOOD",
        "nip": "7740001454",
    }
    from_api = batch(batch_input(tmp_path, [record, {**record, "seller": "second"}]), "--allegro-root", str(root))
    by_hand = batch(batch_input(tmp_path, [typed]))
    assert from_api.exit_code == 0, from_api.output
    lines = from_api.stdout.splitlines()
    assert lines[0] == by_hand.stdout.splitlines()[0]
    first, second = (json.loads(line) for line in lines)
    assert first["nip"] == "*******454"  # batch masks by default
    assert second["verdict"] == "not_eligible"
    assert "7740001454" not in from_api.stdout + from_api.stderr


def test_batch_problems_with_saved_responses_are_errors_of_their_record(tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(DATA / "seller", root / "example")
    shutil.copytree(DATA / "seller", root / "broken")
    (root / "broken" / "ratings-summary.json").write_text('{"recommended": {"unique": 5}}')
    shutil.copytree(DATA / "documented", root / "placeholder")
    record = json.loads(RECORD.read_text())
    names = ["example", "broken", "nobody", "placeholder", "example"]
    result = batch(batch_input(tmp_path, [{**record, "seller": n} for n in names]), "--allegro-root", str(root))
    assert result.exit_code == 3
    results = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["verdict"] for r in results] == ["eligible", "error", "error", "error", "eligible"]
    assert [r["record"] for r in results] == [1, 2, 3, 4, 5]
    assert results[1]["error"].startswith(f"{root / 'broken' / 'ratings-summary.json'}: notRecommended: missing")
    assert "no saved responses for this seller" in results[2]["error"]
    assert (
        results[3]["error"]
        == f"{root / 'placeholder' / 'me.json'}: company.taxId: the NIP's check digit does not match"
    )


def test_batch_allegro_root_usage_errors(tmp_path: Path) -> None:
    path = batch_input(tmp_path, [json.loads(RECORD.read_text())])
    result = batch(path, "--allegro-root", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such directory" in result.stderr
    result = batch(path, "--allegro-root", str(tmp_path), "--group-by", "nip")
    assert result.exit_code == 2
    assert "--group-by" in result.stderr


def test_batch_allegro_root_through_worker_processes_and_csv(tmp_path: Path) -> None:
    """Also: an invalid CSV row travels to a worker process as an InputError, which must pickle."""
    root = tmp_path / "root"
    shutil.copytree(DATA / "seller", root / "example")
    csv = tmp_path / "sellers.csv"
    row = "example,true,5000000,1;2;3;4;5;6;7;8;9;10;11;12\n"
    csv.write_text("seller,business_account,revenue.Kids,monthly_revenue\n" + row * 3 + "example,true,lots,1\n" + row)
    result = batch(str(csv), "--allegro-root", str(root), "--jobs", "2", "--chunk", "1")
    assert result.exit_code == 3, result.output
    verdicts = [json.loads(line)["verdict"] for line in result.stdout.splitlines()]
    assert verdicts == ["eligible", "eligible", "eligible", "error", "eligible"]
