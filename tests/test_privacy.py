"""`--nip show|mask|hash` in every output of `check`: results, human view, and error messages."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.pl import nip as stdnum_nip
from typer.testing import CliRunner

from diamond_cli.cli import app
from tests.conftest import BASE_RECORD

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "LC_ALL": "C", "LANG": "C"}
KEY = "team-secret"
WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def invoke(*args: str, stdin: str | None = None, key: str | None = KEY) -> Any:
    env: dict[str, str | None] = {**ENV, "DIAMOND_NIP_KEY": key}
    return CliRunner().invoke(app, ["check", *args], input=stdin, env=env)


def with_check_digit(nine: str) -> str | None:
    """The valid NIP that starts with `nine` digits, or None when no check digit makes one."""
    digit = sum(w * int(d) for w, d in zip(WEIGHTS, nine, strict=True)) % 11
    return None if digit == 10 or nine == "0" * 9 else nine + str(digit)


def written(nip: str, style: int) -> str:
    """The ways people write one NIP: compact, dashed 3-3-2-2, dashed 3-2-2-3, with the PL prefix."""
    dashed = f"{nip[:3]}-{nip[3:6]}-{nip[6:8]}-{nip[8:]}"
    forms = [nip, dashed, f"{nip[:3]}-{nip[3:5]}-{nip[5:7]}-{nip[7:]}", f"PL{nip}"]
    return forms[style]


def hmac_of(nip: str, key: str = KEY) -> str:
    return hmac.new(key.encode(), nip.encode(), hashlib.sha256).hexdigest()


valid_nips = st.from_regex(r"\A[0-9]{9}\Z").map(with_check_digit).filter(lambda n: n is not None)


def test_generated_nips_are_valid_by_the_reference_implementation() -> None:
    for nine in ("774000145", "526025099", "123456789", "000000001"):
        nip = with_check_digit(nine)
        if nip is not None:
            assert stdnum_nip.is_valid(nip)


@settings(max_examples=25, deadline=None)
@given(nip=valid_nips, style=st.integers(0, 3), mode=st.sampled_from(["mask", "hash"]))
def test_no_output_of_check_contains_the_clear_nip(nip: str, style: int, mode: str) -> None:
    assert stdnum_nip.is_valid(nip)
    typed = written(nip, style)
    record = json.dumps({**BASE_RECORD, "nip": typed})
    invalid = nip[:9] + str((int(nip[9]) + 1) % 10)  # the same number with a wrong check digit
    runs = [
        invoke("-", "--nip", mode, stdin=record),  # human
        invoke("-", "--nip", mode, "--format", "json", stdin=record),  # result
        invoke("--seller-nip", typed, "--nip", mode, "--format", "json"),  # error: no business_account
        invoke("-", "--nip", mode, "--format", "json", stdin=json.dumps({**BASE_RECORD, "nip": invalid})),
        invoke("-", "--nip", mode, stdin=json.dumps({**BASE_RECORD, "nip": invalid})),
        invoke("-", "--nip", mode, "--format", "json", "--seller-nip", f"{invalid[:3]}-{invalid[3:]}", stdin=record),
    ]
    assert [r.exit_code for r in runs] == [0, 0, 3, 3, 3, 3]
    for result in runs:
        for clear in {nip, typed, invalid, invalid[3:]}:
            assert clear not in result.stdout + result.stderr
    shown = json.loads(runs[1].stdout)["nip"]
    assert shown == ("*******" + nip[-3:] if mode == "mask" else hmac_of(nip))
    assert f"NIP: {shown}" in runs[0].stdout
    assert json.loads(runs[3].stdout)["error"] == "--seller-nip (nip): the NIP's check digit does not match"


def test_hash_is_the_hmac_sha256_of_the_compact_nip_keyed_by_the_environment() -> None:
    record = json.dumps({**BASE_RECORD, "nip": "PL 774-000-14-54"})
    result = invoke("-", "--nip", "hash", "--format", "json", stdin=record, key="another key")
    expected = hmac.new(b"another key", b"7740001454", hashlib.sha256).hexdigest()
    assert json.loads(result.stdout)["nip"] == expected
    assert len(expected) == 64
    assert expected == expected.lower()


def test_hash_without_a_key_is_a_usage_error() -> None:
    record = json.dumps(BASE_RECORD)
    for key in (None, ""):
        result = invoke("-", "--nip", "hash", "--format", "json", stdin=record, key=key)
        assert result.exit_code == 2
        assert "DIAMOND_NIP_KEY" in result.stderr
        assert result.stdout == ""


def test_show_is_the_default_and_shows_the_number_in_results_and_errors() -> None:
    result = invoke("-", "--format", "json", stdin=json.dumps(BASE_RECORD))
    assert json.loads(result.stdout)["nip"] == "7740001454"
    result = invoke("-", "--format", "json", stdin=json.dumps({**BASE_RECORD, "nip": "774-000-14-55"}))
    assert result.exit_code == 3
    shown = "--seller-nip (nip): the NIP's check digit does not match ('774-000-14-55')"
    assert json.loads(result.stdout)["error"] == shown
    assert shown in result.stderr


@pytest.mark.parametrize("mode", ["mask", "hash"])
def test_invalid_nip_errors_name_the_field_without_the_number(mode: str) -> None:
    cases = [
        (("--seller-nip", "774000145"), "--seller-nip (nip): a NIP has 10 digits"),
        (("--allegro", str(Path(__file__).parent / "data" / "allegro" / "documented")), "company.taxId: the NIP's"),
    ]
    for args, expected in cases:
        result = invoke("-", *args, "--nip", mode, stdin=json.dumps(BASE_RECORD))
        assert result.exit_code == 3
        assert expected in result.stderr
        assert "774000145" not in result.stderr
        assert "123-123-12-12" not in result.stderr
        shown = invoke("-", *args, "--nip", "show", stdin=json.dumps(BASE_RECORD))
        assert "774000145" in shown.stderr or "123-123-12-12" in shown.stderr


def test_the_installed_command_writes_no_nip_anywhere_but_stdout(tmp_path: Path) -> None:
    """A real process: masked output, and nothing left in its temporary directory."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    record = tmp_path / "seller.json"
    record.write_text(json.dumps(BASE_RECORD))
    diamond = Path(sys.executable).with_name("diamond")
    env = {**os.environ, **ENV, "TMPDIR": str(scratch), "HOME": str(tmp_path)}
    done = subprocess.run(
        [str(diamond), "check", str(record), "--nip", "mask", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nip"] == "*******454"
    assert "7740001454" not in done.stdout + done.stderr
    assert list(scratch.iterdir()) == []
    others = [p for p in tmp_path.rglob("*") if p.is_file() and p != record]
    assert not any("7740001454" in p.read_text(errors="replace") for p in others)
