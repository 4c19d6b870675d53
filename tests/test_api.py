"""The Python API (`diamond_cli.check`, `check_many`, `load_thresholds`) against CONTRACT.md, and
against the installed command: the API's result is what `diamond check --format json` prints,
`check_many`'s are what `diamond batch --format jsonl` writes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import diamond_cli
from tests.conftest import record
from tests.tables import TWO_VERSIONS, write
from tests.test_subprocess import ROOT, run

RULES = [spec[0] for spec in __import__("diamond_cli._core", fromlist=["rules"]).rules()]
VERDICTS = {"eligible", "review", "not_eligible", "incomplete"}


def exact(data: bytes) -> object:
    """JSON as the API decodes it: ints, and Decimals for the other numbers."""
    return json.loads(data, parse_float=Decimal)


def test_check_is_the_contract_result() -> None:
    result = diamond_cli.check(record())
    assert result["verdict"] in VERDICTS
    assert result["verdict"] == "eligible"
    assert result["route"] == "company"
    assert result["main_category"] == "Kids"
    assert [c["rule"] for c in result["checks"]] == RULES
    assert {c["status"] for c in result["checks"]} <= {"pass", "fail", "unknown", "flag"}
    assert result["seller"] == "example"
    assert result["thresholds"]["source"] == "shipped with diamond_cli"
    assert result["schema_version"] == diamond_cli.SCHEMA_VERSION
    assert result["tool_version"] == diamond_cli.__version__


def test_check_equals_the_cli_json(tmp_path: Path) -> None:
    seller = record(ratings={"positive": 1187, "negative": 12}, revenue={"Kids": 4499999.99})
    path = tmp_path / "seller.json"
    path.write_text(json.dumps(seller), encoding="utf-8")
    done = run("check", path, "--format", "json", "--as-of", "2026-11-23")
    assert done.returncode == 1
    api = diamond_cli.check(seller, as_of="2026-11-23")
    assert api == exact(done.stdout)
    assert api["verdict"] == "not_eligible"
    revenue = next(c for c in api["checks"] if c["rule"] == "revenue_threshold")
    assert revenue["to_pass"]["company"]["short_pln"] == Decimal("0.01")  # exact, not a float


def test_record_as_dict_bytes_or_text_alike() -> None:
    seller = record()
    text = json.dumps(seller)
    assert diamond_cli.check(seller) == diamond_cli.check(text) == diamond_cli.check(text.encode())


def test_lang_changes_messages_only() -> None:
    english, polish = diamond_cli.check(record(), lang="en"), diamond_cli.check(record(), lang="pl")
    assert [c["message"] for c in english["checks"]] != [c["message"] for c in polish["checks"]]
    strip = [{k: v for k, v in c.items() if k != "message"} for c in english["checks"]]
    assert strip == [{k: v for k, v in c.items() if k != "message"} for c in polish["checks"]]
    with pytest.raises(ValueError, match="lang"):
        diamond_cli.check(record(), lang="de")


def test_invalid_record_raises_input_error_worded_as_the_cli(tmp_path: Path) -> None:
    seller = record(revenue={"Kidz": 100})
    with pytest.raises(diamond_cli.InputError) as caught:
        diamond_cli.check(seller)
    assert caught.value.field == "revenue.Kidz"
    assert "Kids" in caught.value.problem  # the closest valid name
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(seller), encoding="utf-8")
    done = run("check", path)
    assert done.returncode == 3
    assert done.stderr.decode() == f"diamond: error: --revenue Kidz ({caught.value.field}): {caught.value.problem}\n"


@pytest.mark.parametrize("bad", [b"{", b"[1]", '{"business_account": true}', {"quality": "GOOD", "x": 1}])
def test_every_invalid_input_is_one_exception_type(bad: object) -> None:
    with pytest.raises(diamond_cli.InputError):
        diamond_cli.check(bad)  # type: ignore[arg-type]


def test_invalid_nip_is_quoted_only_under_show() -> None:
    seller = record(nip="1234567890")
    with pytest.raises(diamond_cli.InputError) as shown:
        diamond_cli.check(seller)
    with pytest.raises(diamond_cli.InputError) as masked:
        diamond_cli.check(seller, nip="mask")
    assert "1234567890" in str(shown.value)
    assert "1234567890" not in str(masked.value)
    assert masked.value.field == "nip"


def test_nip_modes() -> None:
    assert diamond_cli.check(record(), nip="mask")["nip"] == "*******454"
    hashed = diamond_cli.check(record(), nip="hash", nip_key="k")["nip"]
    assert len(hashed) == 64
    assert hashed == diamond_cli.check(record(), nip="hash", nip_key=b"k")["nip"]
    with pytest.raises(ValueError, match="nip_key"):
        diamond_cli.check(record(), nip="hash")


def test_check_many_equals_the_batch_jsonl(tmp_path: Path) -> None:
    records = [record(seller=f"s{i}", revenue={"Kids": 1000000 * i + 1}) for i in range(6)]
    records.insert(2, record(quality="BEST"))
    records.insert(4, record(nip="1234567890"))
    path = tmp_path / "sellers.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = run("batch", path, "--format", "jsonl")
    assert done.returncode == 3
    expected = [exact(line) for line in done.stdout.splitlines()]
    results = list(diamond_cli.check_many(records))
    assert results == expected
    assert [r["record"] for r in results] == list(range(1, 9))
    assert results[2]["verdict"] == results[4]["verdict"] == "error"
    assert results[2]["error"].startswith("quality: ")
    assert "1234567890" not in results[4]["error"]  # masked by default, as a batch


def test_check_many_is_lazy_and_takes_any_iterable() -> None:
    def endless():  # type: ignore[no-untyped-def]
        i = 0
        while True:
            i += 1
            yield json.dumps(record(seller=f"s{i}"))

    first = next(diamond_cli.check_many(endless()))
    assert first["seller"] == "s1"
    assert first["line"] == first["record"] == 1


def test_load_thresholds_versions_and_reuse(tmp_path: Path) -> None:
    table = diamond_cli.load_thresholds(write(tmp_path, TWO_VERSIONS))
    assert table.versions == ("2026", "2027")
    seller = record(revenue={"Kids": 4700000})
    before = diamond_cli.check(seller, thresholds=table, as_of=dt.date(2026, 12, 31))
    after = diamond_cli.check(seller, thresholds=table, as_of="2027-01-01")
    assert (before["verdict"], after["verdict"]) == ("eligible", "incomplete")
    assert (before["thresholds"]["version"], after["thresholds"]["version"]) == ("2026", "2027")
    assert after["thresholds"]["source"] == str(tmp_path / "thresholds.yaml")
    assert table.engine("2027-06-01") is table.engine("2027-01-02")  # one engine per version, kept
    assert diamond_cli.load_thresholds() is diamond_cli.load_thresholds()


def test_invalid_thresholds_raise_thresholds_error(tmp_path: Path) -> None:
    path = write(tmp_path, TWO_VERSIONS.replace("company: 5000000", "company: -5"))
    with pytest.raises(diamond_cli.ThresholdsError) as caught:
        diamond_cli.load_thresholds(path)
    assert caught.value.problems
    with pytest.raises(diamond_cli.ThresholdsError):
        diamond_cli.load_thresholds(tmp_path / "missing.yaml")


def test_import_is_cheap() -> None:
    """`import diamond_cli` (every start of `diamond`) loads neither the API nor the core."""
    code = "import sys, diamond_cli; print(sorted(m for m in sys.modules if m.startswith('diamond_cli')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "['diamond_cli']"
    assert "check" in dir(diamond_cli)
    with pytest.raises(AttributeError):
        diamond_cli.nothing  # type: ignore[attr-defined]  # noqa: B018


def test_readme_example_runs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """README's "Python API" example, as written there, and what it prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = readme.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.splitlines() == [
        "revenue.Kidz | unknown category; did you mean 'Kids'?",
        "1",
        "1 eligible ",
        "2 error business_account: missing (required)",
    ]


def test_wrong_arguments_fail_at_the_call() -> None:
    """A programming mistake is a ValueError or TypeError when called, even for the lazy check_many."""
    with pytest.raises(ValueError, match="lang"):
        diamond_cli.check_many([record()], lang="de")
    with pytest.raises(ValueError, match="as_of"):
        diamond_cli.check_many([record()], as_of="yesterday")
    with pytest.raises(TypeError, match="load_thresholds"):
        diamond_cli.check(record(), thresholds="thresholds.yaml")  # type: ignore[arg-type]


def test_every_problem_of_a_record_is_on_the_input_error() -> None:
    seller = {**record(revenue={"Kidz": 100}, quality="goood"), "qualty": 1}
    del seller["business_account"]
    with pytest.raises(diamond_cli.InputError) as caught:
        diamond_cli.check(seller)
    found = [(p.field, p.problem) for p in caught.value.problems]
    assert found == [
        ("qualty", "unknown field; did you mean 'quality'?"),
        ("quality", "unknown grade 'goood'; did you mean 'GOOD'?"),
        ("revenue.Kidz", "unknown category; did you mean 'Kids'?"),
        ("business_account", "missing (required)"),
    ]
    assert (caught.value.field, caught.value.problem) == found[0]
